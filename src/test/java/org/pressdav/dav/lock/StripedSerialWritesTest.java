package org.pressdav.dav.lock;

import java.time.Duration;

class StripedSerialWritesTest extends SerialWritesContract {
    @Override
    SerialWrites newWrites(long patienceMillis) {
        return new StripedSerialWrites(1024, Duration.ofMillis(patienceMillis));
    }
}
