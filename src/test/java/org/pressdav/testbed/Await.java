package org.pressdav.testbed;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for what another instance (or thread) makes true: asked again and again until it holds, failing once {@code bound} has passed. */
public final class Await {
    private Await() {
    }

    /** Returns as soon as {@code holds}; an {@link AssertionError} naming {@code what} if it does not within {@code bound}. */
    public static void within(Duration bound, BooleanSupplier holds, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!holds.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + bound.toMillis() + " ms");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
