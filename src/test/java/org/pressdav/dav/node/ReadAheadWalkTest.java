package org.pressdav.dav.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * When a user's opens make a walk, and what is read ahead of it ({@link ReadAhead.Walk}), on a clock of the test's own:
 * three different objects within five seconds, then the rest of their shelf once, in the listing's order from the one
 * opened and round again, at most {@link ReadAhead#AT_MOST}, not again before the cache would have let it go.
 */
class ReadAheadWalkTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long KEEP = 30 * SECOND;

    private final ReadAhead.Walk walk = new ReadAhead.Walk();
    private final AtomicInteger listed = new AtomicInteger();

    private Supplier<List<Long>> shelf(long from, long to) {
        return () -> {
            listed.incrementAndGet();
            return LongStream.rangeClosed(from, to).boxed().toList();
        };
    }

    @Test
    void threeDifferentFoldersWithinFiveSecondsMakeAWalkAndTheRestOfTheShelfIsReadOnce() {
        Supplier<List<Long>> shelf = shelf(1, 10);
        assertEquals(List.of(), walk.next(4, 0, KEEP, shelf));
        assertEquals(List.of(), walk.next(5, SECOND, KEEP, shelf));
        assertEquals(0, listed.get(), "no shelf is listed before a walk is seen");
        // The third: the shelf from the one after it, round to those before.
        assertEquals(List.of(7L, 8L, 9L, 10L, 1L, 2L, 3L, 4L, 5L), walk.next(6, 2 * SECOND, KEEP, shelf));
        assertEquals(List.of(), walk.next(7, 3 * SECOND, KEEP, shelf), "asked once");
        assertEquals(List.of(), walk.next(1, 4 * SECOND, KEEP, shelf), "in whatever order the walker goes on");
        assertEquals(1, listed.get(), "the shelf listed once for the whole walk");
        // Once the cache has let them go, a walk still under way has them asked for again.
        long later = 2 * SECOND + KEEP + 1;
        walk.next(8, later, KEEP, shelf);
        walk.next(9, later + 1, KEEP, shelf);
        // Not 7 and 1: opened a second or two after the rest were asked for, the cache keeps them a little longer.
        assertEquals(List.of(3L, 4L, 5L, 6L, 8L, 9L, 10L), walk.next(2, later + 2, KEEP, shelf));
    }

    @Test
    void aPersonNowAndThenOrOneFolderAgainAndAgainIsNoWalk() {
        Supplier<List<Long>> shelf = shelf(1, 10);
        assertEquals(List.of(), walk.next(1, 0, KEEP, shelf));
        assertEquals(List.of(), walk.next(2, 3 * SECOND, KEEP, shelf));
        assertEquals(List.of(), walk.next(3, 6 * SECOND, KEEP, shelf), "three folders in six seconds");
        for (int i = 1; i <= 5; i++) {
            assertEquals(List.of(), walk.next(3, 6 * SECOND + i * 100_000_000L, KEEP, shelf), "the same folder, its files, its revisions/");
        }
        assertEquals(List.of(), walk.next(4, 9 * SECOND, KEEP, shelf), "4 nine seconds in: 2 was opened six seconds before it");
        assertEquals(0, listed.get());
    }

    @Test
    void aShelfOfMoreIsReadAFewHundredAheadOfTheWalkerAndAnObjectNotOnItNotAtAll() {
        Supplier<List<Long>> big = shelf(1, 5000);
        walk.next(10, 0, KEEP, big);
        walk.next(11, 1, KEEP, big);
        List<Long> ahead = walk.next(12, 2, KEEP, big);
        assertEquals(ReadAhead.AHEAD, ahead.size(), "a shelf of 5,000: the next 200 in the listing's order");
        assertEquals(13L, ahead.get(0));
        assertEquals(List.of(), walk.next(13, 3, KEEP, big), "nothing more while most of what is ahead is asked");
        assertEquals(List.of(), walk.next(111, 4, KEEP, big), "ninety-nine on: more than half of what is ahead is asked");
        ahead = walk.next(112, 5, KEEP, big);
        assertEquals(100, ahead.size(), "a hundred on: what is within 200 of it and not asked yet");
        assertEquals(213L, ahead.get(0));

        ReadAhead.Walk other = new ReadAhead.Walk();
        Supplier<List<Long>> without = shelf(100, 110);
        other.next(1, 0, KEEP, without);
        other.next(2, 1, KEEP, without);
        assertEquals(List.of(), other.next(3, 2, KEEP, without), "an object the shelf does not list (made a moment ago): nothing to go by");
    }

    @Test
    void aWalkerOnSeveralShelvesAtOnceHasEachListedAndReadOnce() {
        // rclone's eight checkers: the posts' folders of two months opened in turns.
        AtomicInteger mayListed = new AtomicInteger();
        AtomicInteger juneListed = new AtomicInteger();
        Supplier<List<Long>> may = () -> {
            mayListed.incrementAndGet();
            return LongStream.rangeClosed(1, 10).boxed().toList();
        };
        Supplier<List<Long>> june = () -> {
            juneListed.incrementAndGet();
            return LongStream.rangeClosed(11, 20).boxed().toList();
        };
        List<Long> read = new ArrayList<>();
        long[] opens = {1, 11, 2, 12, 3, 13, 4, 14, 5, 15};
        for (int i = 0; i < opens.length; i++) {
            read.addAll(walk.next(opens[i], i, KEEP, opens[i] <= 10 ? may : june));
        }
        assertEquals(1, mayListed.get(), "May listed once");
        assertEquals(1, juneListed.get(), "June listed once");
        // All but the two open when each shelf was taken up (the walker reads those itself), each once.
        assertEquals(18, read.size(), "each object of both asked once: " + read);
        assertEquals(18, read.stream().distinct().count(), read.toString());
        assertTrue(!read.contains(2L) && !read.contains(12L), read.toString());
    }

    @Test
    void nothingGoingWrongWhileReadingAheadReachesTheRequest() throws InterruptedException {
        List<List<Long>> read = new ArrayList<>();
        try (ReadAhead ahead = ReadAhead.started(() -> 0L, Duration.ofSeconds(30))) {
            ReadAhead.Walker who = new ReadAhead.Walker("alice", "posts");
            Supplier<List<Long>> broken = () -> {
                throw new IllegalStateException("WordPress answered 502 to the listing");
            };
            for (long id = 1; id <= 5; id++) {
                ahead.opened(who, id, broken, read::add); // must not throw
            }
            for (long id = 1; id <= 3; id++) {
                ahead.opened(new ReadAhead.Walker("bob", "posts"), id, () -> List.of(1L, 2L, 3L, 4L), ids -> {
                    throw new IllegalStateException("the batch failed");
                });
            }
        }
        assertTrue(read.isEmpty(), "nothing read where the shelf could not be listed: " + read);
    }
}
