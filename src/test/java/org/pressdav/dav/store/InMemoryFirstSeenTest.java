package org.pressdav.dav.store;

import java.time.Clock;

class InMemoryFirstSeenTest extends FirstSeenContract {
    @Override
    FirstSeen newFirstSeen() {
        return new InMemoryFirstSeen(Clock.systemUTC());
    }
}
