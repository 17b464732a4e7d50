package org.pressdav.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Clients at once: tasks started together on a pool of threads, their results in order. */
public final class Crowd implements AutoCloseable {
    private final ExecutorService pool;

    public Crowd(int threads) {
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /** Runs every task at once and waits for all; a task's failure is the call's. */
    public <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
