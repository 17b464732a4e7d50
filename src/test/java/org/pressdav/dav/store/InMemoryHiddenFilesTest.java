package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;

class InMemoryHiddenFilesTest extends HiddenFilesContract {
    @Override
    HiddenFiles newHidden(Clock clock, Duration hideFor) {
        return new InMemoryHiddenFiles(hideFor, clock);
    }
}
