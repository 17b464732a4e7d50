package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemporaryNamesTest {
    @Test
    void clientsOwnFilesAreTemporary() {
        for (String name : new String[] {"._content.html", "._.", ".DS_Store", ".TemporaryItems", "desktop.ini", "Thumbs.db",
                "~$report.docx", ".~lock.report.odt#", ".content.html.swp", ".content.html.swx", "4913", "content.html~",
                ".goutputstream-ABC123", "~WRL0001.tmp", "A1B2C3D4.tmp"}) {
            assertTrue(TemporaryNames.matches(name), name);
        }
    }

    @Test
    void fieldFilesAndMediaAreNot() {
        for (String name : new String[] {"content.html", "title.txt", "photo.jpg", "12-hello", "swap.txt", "report.tmp.txt",
                "4913.txt", "_underscore.png"}) {
            assertFalse(TemporaryNames.matches(name), name);
        }
    }
}
