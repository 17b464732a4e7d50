package org.pressdav.dav.store;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

class InMemoryHiddenFilesTest extends HiddenFilesContract {
    @Override
    HiddenFiles newHidden() {
        return new InMemoryHiddenFiles(Duration.ofMinutes(10), Ticker.systemTicker());
    }
}
