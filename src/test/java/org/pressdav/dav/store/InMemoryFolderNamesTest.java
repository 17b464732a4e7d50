package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;

class InMemoryFolderNamesTest extends FolderNamesContract {
    @Override
    FolderNames newNames() {
        return new InMemoryFolderNames(Duration.ofMinutes(10), Clock.systemUTC());
    }
}
