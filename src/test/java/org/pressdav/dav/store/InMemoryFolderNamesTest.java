package org.pressdav.dav.store;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

class InMemoryFolderNamesTest extends FolderNamesContract {
    @Override
    FolderNames newNames() {
        return new InMemoryFolderNames(Duration.ofMinutes(10), Ticker.systemTicker());
    }
}
