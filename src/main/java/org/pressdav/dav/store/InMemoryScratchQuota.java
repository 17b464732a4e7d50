package org.pressdav.dav.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link ScratchQuota} in this process: one instance owns the data directory. */
final class InMemoryScratchQuota implements ScratchQuota {
    private final Map<String, AtomicLong> usage = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    @Override
    public Refusal reserve(String user, long n, long userLimit, long totalLimit) {
        AtomicLong used = usageOf(user);
        if (!add(used, n, userLimit)) {
            return Refusal.USER;
        }
        if (!add(total, n, totalLimit)) {
            used.addAndGet(-n);
            return Refusal.TOTAL;
        }
        return Refusal.NONE;
    }

    private static boolean add(AtomicLong used, long n, long limit) {
        while (true) {
            long now = used.get();
            if (now + n > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + n)) {
                return true;
            }
        }
    }

    @Override
    public void release(String user, long n) {
        usageOf(user).addAndGet(-n);
        total.addAndGet(-n);
    }

    @Override
    public long total() {
        return total.get();
    }

    @Override
    public void recount(Map<String, Long> perUser) {
        perUser.forEach((user, bytes) -> total.addAndGet(bytes - usageOf(user).getAndSet(bytes)));
    }

    private AtomicLong usageOf(String user) {
        return usage.computeIfAbsent(user, u -> new AtomicLong());
    }
}
