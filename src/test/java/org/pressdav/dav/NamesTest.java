package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void percentEncodedSlugsShowTheirCharacters() {
        assertEquals("日本", Names.slug("%e6%97%a5%e6%9c%ac"));
        assertEquals("emoji-🎉-party", Names.slug("emoji-%f0%9f%8e%89-party"));
        assertEquals("plain-slug", Names.slug("plain-slug"));
        assertEquals("100%-sure", Names.slug("100%-sure"));
    }

    @Test
    void namesAvoidCharactersFileSystemsForbid() {
        assertEquals("AC-DC- live at 10-30", Names.safe("AC/DC: live at 10:30"));
        assertEquals("a-b", Names.safe("a\u0001b"));
    }
}
