package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;

class InMemoryFolderNamesTest extends FolderNamesContract {
    @Override
    FolderNames newNames(Clock clock, Duration ttl) {
        return new InMemoryFolderNames(ttl, clock);
    }
}
