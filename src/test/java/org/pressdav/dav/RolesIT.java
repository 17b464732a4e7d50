package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.Comment;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.User;
import org.pressdav.wordpress.WordPressException;

/**
 * Role by role, each listing of the drive holds what WordPress itself shows that role: asked
 * status by status, so that a listing that leaves out what a user may read (an author's view of
 * other people's posts) or shows what they may not (someone else's draft) is found.
 */
class RolesIT extends WritingIT {
    private static final List<String> ROLES = List.of("admin", "editor", "author", "subscriber");
    private static final List<String> POST_STATUSES = List.of("publish", "future", "draft", "pending", "private");

    /** The ids in a listing of the drive: {@code <D:href>/posts/12-hello/</D:href>} gives 12. */
    private static Set<Long> listedIds(String role, String folder) {
        String listing = drive.send(role, "PROPFIND", drive.url(folder), Map.of("Depth", "1"), null).text();
        Matcher m = Pattern.compile("<D:href>/" + folder + "(\\d+)[^<]*/</D:href>").matcher(listing);
        Set<Long> ids = new TreeSet<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    /** What WordPress shows this user in a collection, status by status (a status they may not ask for shows nothing). */
    private static <T> Set<Long> shownByWordPress(Credentials who, Endpoint<T> endpoint, List<String> statuses,
            java.util.function.ToLongFunction<T> id) {
        Set<Long> ids = new TreeSet<>();
        for (String status : statuses) {
            try {
                for (T item : wordpress.list(who, endpoint, ListQuery.all().with("status", status)).items()) {
                    ids.add(id.applyAsLong(item));
                }
            } catch (WordPressException e) {
                assertTrue(e.status() == 400 || e.status() == 401 || e.status() == 403, e.toString());
            }
        }
        return ids;
    }

    @Test
    void postsAndPagesAreWhatWordPressShowsEachRole() {
        for (String role : ROLES) {
            Credentials who = bed.credentials(role);
            assertEquals(shownByWordPress(who, Endpoint.POSTS, POST_STATUSES, Post::id), listedIds(role, "posts/"), role + ": posts/");
            assertEquals(shownByWordPress(who, Endpoint.PAGES, POST_STATUSES, Post::id), listedIds(role, "pages/"), role + ": pages/");
        }
        assertTrue(listedIds("author", "posts/").size() > listedIds("subscriber", "posts/").size(),
                "an author sees what the public sees, and their own drafts");
    }

    @Test
    void commentsAreWhatWordPressShowsEachRole() {
        for (String role : ROLES) {
            Set<Long> shown = shownByWordPress(bed.credentials(role), Endpoint.COMMENTS, List.of("approve", "hold"), Comment::id);
            assertEquals(shown, listedIds(role, "comments/"), role + ": comments/");
        }
    }

    @Test
    void mediaAreWhatWordPressShowsEachRole() {
        for (String role : ROLES) {
            Set<String> shown = new TreeSet<>();
            for (Media media : wordpress.list(bed.credentials(role), Endpoint.MEDIA, ListQuery.all()).items()) {
                shown.add(media.mediaDetails() != null && media.mediaDetails().file() != null ? media.mediaDetails().file()
                        : media.sourceUrl().substring(media.sourceUrl().indexOf("/uploads/") + 9));
            }
            Set<String> listed = new TreeSet<>();
            collectFiles(role, "media/", listed);
            assertEquals(shown, listed, role + ": media/");
        }
    }

    private static void collectFiles(String role, String folder, Set<String> into) {
        String listing = drive.send(role, "PROPFIND", drive.url(folder), Map.of("Depth", "1"), null).text();
        Matcher m = Pattern.compile("<D:response><D:href>([^<]+)</D:href>(.*?)</D:response>").matcher(listing);
        while (m.find()) {
            String path = DavPath.parseEncoded(m.group(1)).toString().substring(1);
            if (path.equals(folder) || (path + "/").equals(folder)) {
                continue;
            }
            if (m.group(2).contains("<D:collection/>")) {
                collectFiles(role, path.endsWith("/") ? path : path + "/", into);
            } else {
                into.add(path.substring("media/".length()));
            }
        }
    }

    @Test
    void everyUserHasTheirOwnFolderAndMayEditTheirProfile() {
        for (String role : ROLES) {
            Credentials who = bed.credentials(role);
            String folder = "users/" + who.login() + "/";
            assertEquals(207, drive.send(role, "PROPFIND", drive.url(folder), Map.of("Depth", "1"), null).status(), role);
            String name = "Renamed " + role;
            assertEquals(204, drive.send(role, "PUT", drive.url(folder + "display-name.txt"), Map.of(), name).status(), role);
            User me = wordpress.me(who);
            assertEquals(name, wordpress.get(admin, Endpoint.USERS, me.id(), Context.EDIT).name(), role);
        }
    }
}
