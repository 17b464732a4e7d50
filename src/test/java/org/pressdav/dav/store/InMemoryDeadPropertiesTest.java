package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;

class InMemoryDeadPropertiesTest extends DeadPropertyStoreContract {
    @Override
    DeadPropertyStore newStore(Clock clock, Duration ttl) {
        return new InMemoryDeadProperties(ttl, clock);
    }
}
