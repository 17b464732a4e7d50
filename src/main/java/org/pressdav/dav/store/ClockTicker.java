package org.pressdav.dav.store;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/**
 * The drive's {@link Clock} as a Caffeine {@link Ticker}: the in-memory stores expire what they
 * hold by the one clock the composition root gives every store, so a test that sets the clock
 * sees them expire, and no store keeps a time source of its own.
 */
final class ClockTicker implements Ticker {
    private final Clock clock;

    ClockTicker(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long read() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
