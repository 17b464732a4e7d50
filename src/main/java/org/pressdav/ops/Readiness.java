package org.pressdav.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * WordPress's state now, as {@code /health/ready} tells it (why it does not answer, or with several sites each one's:
 * a {@link Health}): WordPress is asked at most once every {@code every}, whatever the load. The last answer (ready
 * or not) is given meanwhile, and those who ask while a question is on its way wait for that one
 * answer. Anyone may ask, and asking WordPress is costly (its whole REST index), so a crowd of
 * probes must cost WordPress no more than one orchestrator's; an orchestrator probing every few
 * seconds still sees a change within {@code every}.
 */
public final class Readiness<T> implements Supplier<T> {
    private static final String LAST = "last";

    private final Supplier<T> askWordPress;
    private final Cache<String, Optional<T>> answers;

    /** {@code askWordPress}: asks WordPress now, and says how it answers. */
    public Readiness(Supplier<T> askWordPress, Duration every, Ticker ticker) {
        this.askWordPress = askWordPress;
        this.answers = Caffeine.newBuilder().expireAfterWrite(every).ticker(ticker).build();
    }

    @Override
    public T get() {
        return answers.get(LAST, key -> Optional.ofNullable(askWordPress.get())).orElse(null);
    }
}
