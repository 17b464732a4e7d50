package org.pressdav.dav.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.node.ReadAhead;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.node.ObjectKind;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.Taxonomy;

/** The byte limits live on the fields the kinds declare: a document, paragraphs or a line, each where it always was. */
class FieldLimitsTest {
    private static final List<ObjectKind<?>> KINDS = List.of(
            new PostKind(PostType.POST, SiteTypes.CORE.postTypes(), false, MediaLibrary.coreRest(), ReadAhead.OFF),
            new PostKind(PostType.PAGE, SiteTypes.CORE.postTypes(), false, MediaLibrary.coreRest(), ReadAhead.OFF),
            new UserKind(false, null),
            new TermKind(Taxonomy.CATEGORY, false, null),
            new TermKind(Taxonomy.TAG, false, null),
            new CommentKind(false, SiteTypes.CORE.postTypes()));

    @Test
    void everyWritableFieldDeclaresTheLimitItAlwaysHad() {
        Map<String, Integer> declared = new TreeMap<>();
        for (ObjectKind<?> kind : KINDS) {
            for (Field<?> field : kind.fields()) {
                if (field.updater() != null) {
                    declared.put(kind.folderName() + "/" + field.fileName(), field.maxBytes());
                }
            }
        }
        // The three sizes are all in use: a post's content is a document, an excerpt paragraphs, a title a line.
        assertEquals(Field.DOCUMENT_BYTES, declared.get("posts/content.html"));
        assertEquals(Field.PARAGRAPH_BYTES, declared.get("pages/excerpt.txt"));
        assertEquals(Field.PARAGRAPH_BYTES, declared.get("categories/description.txt"));
        assertEquals(Field.LINE_BYTES, declared.get("tags/name.txt"));
        assertTrue(declared.containsKey("posts/tags.txt") && declared.containsKey("pages/parent.txt"), declared.keySet().toString());
    }
}
