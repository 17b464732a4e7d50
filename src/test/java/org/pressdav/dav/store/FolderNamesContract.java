package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link FolderNames} must do; a backend's test extends this. */
abstract class FolderNamesContract {
    abstract FolderNames newNames();

    @Test
    void aNameNamesOneObjectForOneUser() {
        FolderNames names = newNames();
        names.put("user-1", "posts", "untitled folder", 12);
        assertEquals(Optional.of(12L), names.id("user-1", "posts", "untitled folder"));
        assertEquals(Optional.of("untitled folder"), names.name("user-1", "posts", 12));
        assertTrue(names.id("user-2", "posts", "untitled folder").isEmpty(), "another user's names are their own");
        names.put("user-1", "posts", "untitled folder", 13);
        assertTrue(names.name("user-1", "posts", 12).isEmpty(), "the name moved to the other object");
        names.put("user-1", "posts", "Summer plans", 13);
        assertTrue(names.id("user-1", "posts", "untitled folder").isEmpty(), "an object has one name");
        names.forget("user-1", "posts", 13);
        assertTrue(names.name("user-1", "posts", 13).isEmpty());
    }

    @Test
    void aKindsGivenNamesAreToldInOneCall() {
        FolderNames names = newNames();
        names.put("user-1", "posts", "untitled folder", 12);
        names.put("user-1", "posts", "Summer plans", 13);
        names.put("user-1", "pages", "About us", 14);
        names.put("user-2", "posts", "Theirs", 15);
        assertEquals(Map.of(12L, "untitled folder", 13L, "Summer plans"), names.names("user-1", "posts"));
        names.forget("user-1", "posts", 12);
        assertEquals(Map.of(13L, "Summer plans"), names.names("user-1", "posts"));
        assertEquals(Map.of(), names.names("user-3", "posts"));
    }

    @Test
    void whatAUsersNewFolderMadeIsNewForThemAlone() {
        FolderNames names = newNames();
        names.created("user-1", "posts/12");
        assertTrue(names.isNew("user-1", "posts/12"));
        assertTrue(!names.isNew("user-2", "posts/12"));
        assertTrue(!names.isNew("user-1", "posts/13"));
        assertTrue(!names.isNew("user-1", null));
    }
}
