package org.pressdav.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.BiFunction;

/** {@link LoginCounts} in this process (one instance): each count forgotten {@code memory} after its last change. */
public final class InMemoryLoginCounts implements LoginCounts {
    private final Cache<String, Tries> pairs;
    private final Cache<String, Integer> perLogin;
    private final Cache<String, Integer> perAddress;

    public InMemoryLoginCounts(Duration memory, Ticker ticker) {
        this.pairs = Caffeine.newBuilder().expireAfterWrite(memory).ticker(ticker).maximumSize(100_000).build();
        this.perLogin = Caffeine.newBuilder().expireAfterWrite(memory).ticker(ticker).maximumSize(100_000).build();
        this.perAddress = Caffeine.newBuilder().expireAfterWrite(memory).ticker(ticker).maximumSize(100_000).build();
    }

    @Override
    public Tries change(String pair, String login, String network, String guess, BiFunction<Seen, Tries, Tries> change) {
        Integer ofLogin = perLogin.getIfPresent(login);
        Integer fromAddress = perAddress.getIfPresent(network);
        Seen seen = new Seen(ofLogin == null ? 0 : ofLogin, fromAddress == null ? 0 : fromAddress, false);
        Tries now = pairs.asMap().compute(pair, (key, held) -> {
            Tries before = held == null ? Tries.NONE : held;
            Tries after = change.apply(seen, before);
            return held == null && after == before ? null : after; // a pair left as it was is not made
        });
        return now == null ? Tries.NONE : now;
    }

    @Override
    public void accepted(String pair, String guess) {
        pairs.invalidate(pair);
    }

    /** The throttle's own memory of accepted credentials is all there is in one process. */
    @Override
    public void refused(String guess) {
    }

    @Override
    public void failed(String login, String network) {
        perLogin.asMap().merge(login, 1, Integer::sum);
        perAddress.asMap().merge(network, 1, Integer::sum);
    }
}
