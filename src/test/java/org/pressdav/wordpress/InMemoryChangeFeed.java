package org.pressdav.wordpress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * The companion plugin's change feed ({@code class-pressdav-change-feed.php}) in memory: a row a
 * change, written by the fake's own writes as WordPress's hooks write them, read with the
 * plugin's rules: each caller sees the ids of what they may read and only the type of the rest,
 * and a reader behind the oldest row kept (or ahead of the head) is told to resync (410).
 */
final class InMemoryChangeFeed {
    private record Row(long seq, String type, long id, String action) {
    }

    private final InMemoryWordPress wordpress;
    private final List<Row> rows = new ArrayList<>();
    private long head;
    /** The highest {@code since} a reader asked with: a follower asks past a change only once it has acted on it. */
    private long followedTo = -1;

    InMemoryChangeFeed(InMemoryWordPress wordpress) {
        this.wordpress = wordpress;
    }

    synchronized void record(String type, long id, String action) {
        rows.add(new Row(++head, type, id, action));
    }

    synchronized long head() {
        return head;
    }

    /** The table pruned to its newest {@code kept} rows, as the plugin's bounds prune it. */
    synchronized void keepNewest(int kept) {
        while (rows.size() > kept) {
            rows.remove(0);
        }
    }

    Changes since(Account who, long since, int limit) {
        if (since < 0 || limit < 1 || limit > 1000) {
            throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): " + (since < 0 ? "since" : "limit"));
        }
        List<Row> page = new ArrayList<>();
        long headNow;
        long oldest;
        synchronized (this) {
            headNow = head;
            oldest = rows.isEmpty() ? 0 : rows.get(0).seq();
            boolean behind = oldest > 0 && since < oldest - 1;
            if (behind || since > headNow) {
                throw new WordPressException(410, "pressdav_feed_resync",
                        "The change feed no longer holds what came after " + since + "; start again from the head.");
            }
            for (Row row : rows) {
                if (row.seq() > since && page.size() < limit) {
                    page.add(row);
                }
            }
            followedTo = Math.max(followedTo, since);
            notifyAll();
        }
        List<Changes.Change> changes = new ArrayList<>();
        for (Row row : page) {
            long shown = row.id() > 0 && visible(who, row.type(), row.id()) ? row.id() : 0;
            changes.add(new Changes.Change(row.seq(), row.type(), shown, row.action()));
        }
        return new Changes(changes, headNow, oldest);
    }

    /**
     * Waits until a reader has asked for what came after {@code seq}: a follower that has done so has
     * acted on every change up to it. Fails after {@code patience}, for a follower that never comes.
     */
    synchronized void awaitFollowedPast(long seq, Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (followedTo < seq) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("nobody read the change feed past " + seq + " (last asked after " + followedTo + ")");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Whether this caller may read the object: core REST's own rule for its kind, as the plugin asks it. */
    private boolean visible(Account who, String type, long id) {
        switch (type) {
            case "settings", "category", "post_tag":
                return true;
            case "user":
                return InMemoryWordPress.can(who, "list_users") || who != null && who.id() == id
                        || wordpress.posts.values().stream().anyMatch(p -> p.author() == id && p.type().equals("post") && p.status().equals("publish"));
            case "comment": {
                Comment c = wordpress.comments.get(id);
                return InMemoryWordPress.can(who, "moderate_comments") || c != null && c.status().equals("approved");
            }
            default:
                break;
        }
        Media m = wordpress.media.get(id);
        if (m != null) {
            Post parent = wordpress.posts.get(m.post());
            return m.post() == 0 || parent == null || InMemoryWordPress.readable(who, parent);
        }
        Post p = wordpress.posts.get(id);
        return p == null ? InMemoryWordPress.can(who, "edit_others_posts") : InMemoryWordPress.readable(who, p);
    }
}
