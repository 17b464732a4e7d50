package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * Writes that resolve their path before their turn, in a crowd of users of several roles: the
 * turn a write waits for is what it writes once it has waited (a new name that another write made
 * an object meanwhile is that object's turn), so one name makes one file, however many upload it
 * at once, and a subscriber among them changes nothing.
 */
class ParallelWritersTest {
    private final InMemoryWordPress wordpress = new InMemoryWordPress().withPlugin();
    private final InProcessDrive drive = new InProcessDrive(wordpress);

    @AfterEach
    void stop() {
        drive.close();
    }

    @Test
    void twentyUploadsOfOneNewNameByThreeRolesMakeOneFile() throws Exception {
        List<Account> who = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            who.addAll(List.of(ADMIN, EDITOR, AUTHOR, SUBSCRIBER));
        }
        ExecutorService pool = Executors.newFixedThreadPool(who.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < who.size(); i++) {
            Account account = who.get(i);
            byte[] body = ("bytes of writer " + i).getBytes();
            answers.add(pool.submit(() -> {
                start.await();
                return drive.sendBytes(account, "PUT", "media/Crowd/same.png", Map.of(), body).status();
            }));
        }
        assertEquals(201, drive.send(ADMIN, "MKCOL", "media/Crowd/", Map.of(), null).status());
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            int status = answers.get(i).get();
            statuses.add(status);
            if (who.get(i) == SUBSCRIBER) {
                assertEquals(403, status, "a subscriber uploads nothing");
            } else {
                assertTrue(status == 201 || status == 204 || status == 403, "answered, never failed: " + statuses);
            }
        }
        pool.shutdown();
        long named = wordpress.media().stream().filter(m -> m.sourceUrl() != null && m.sourceUrl().endsWith("/same.png")
                || m.slug() != null && m.slug().startsWith("same")).count();
        assertEquals(1, named, "one name, one attachment, however many wrote it at once: " + statuses);
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one made it, the others wrote over it or were refused: " + statuses);
        String listing = drive.send(ADMIN, "PROPFIND", "media/Crowd/", Map.of("Depth", "1"), null).text();
        assertEquals(2, listing.split("<D:response>").length - 1, "the folder and one file: " + listing);
    }
}
