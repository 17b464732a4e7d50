package org.pressdav.dav.store;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

class InMemoryDeadPropertiesTest extends DeadPropertyStoreContract {
    @Override
    DeadPropertyStore newStore() {
        return new InMemoryDeadProperties(Duration.ofHours(24), Ticker.systemTicker());
    }
}
