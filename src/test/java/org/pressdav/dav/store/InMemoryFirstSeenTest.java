package org.pressdav.dav.store;

import java.time.Clock;

class InMemoryFirstSeenTest extends FirstSeenContract {
    @Override
    FirstSeen newFirstSeen(Clock clock) {
        return new InMemoryFirstSeen(clock);
    }
}
