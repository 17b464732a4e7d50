package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;

class InMemoryDeadPropertiesTest extends DeadPropertyStoreContract {
    @Override
    DeadPropertyStore newStore() {
        return new InMemoryDeadProperties(Duration.ofHours(24), Clock.systemUTC());
    }
}
