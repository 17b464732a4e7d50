package org.pressdav.dav.entity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.FieldFolder;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.HiddenWhenDeleted;
import org.pressdav.dav.node.KeepsScratch;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.ObjectKind;
import org.pressdav.dav.node.TextFile;
import org.pressdav.wordpress.WordPressException;

/**
 * {@code posts/12-hello/meta/} (and a term's, a user's): one file per meta key WordPress shows in REST for the object (those
 * registered with {@code show_in_rest}; no other key ever shows), {@code <key>.txt} or {@code <key>.json} by the type the
 * collection's schema gives it ({@link MetaType}). A write sends {@code {"meta": {"<key>": value}}} to the object alone, so
 * that writes of two keys never undo each other; a value WordPress refuses is a 422 with its words, and the key keeps its
 * value. Who may not edit the object is refused before WordPress is asked, as for its other fields. The folder shows only
 * where the object has registered keys. A DELETE of a file hides it a while, as one of the object's fields; a name that is
 * no key's file is the user's own, as in the object's folder.
 *
 * @param <T> the record of the object's kind
 */
final class MetaFolder<T> extends Folder implements FieldFolder, HiddenWhenDeleted, KeepsScratch {
    static final String NAME = "meta";

    private final DavSession session;
    private final ObjectKind<T> kind;
    private final Function<T, JsonNode> metaOf;
    private final T object;
    private final String objectKey;
    private final TextFile.Access access;
    private Map<String, Key> keys;

    /** One meta key as a file: its key, its type, and the file's name. */
    private record Key(String key, MetaType type, String fileName) {
    }

    private MetaFolder(DavSession session, ObjectKind<T> kind, Function<T, JsonNode> metaOf, T object, String objectKey) {
        super(NAME, kind.modified(session, object), kind.created(session, object));
        this.session = session;
        this.kind = kind;
        this.metaOf = metaOf;
        this.object = object;
        this.objectKey = objectKey;
        this.access = new TextFile.Access(objectKey, () -> kind.mayEdit(session, object), kind.editRefusal());
    }

    /** The object's {@code meta/} folder, where WordPress shows it meta keys ({@code metaOf}: its REST {@code meta}); else none. */
    static <T> List<Folder> of(DavSession session, ObjectKind<T> kind, Function<T, JsonNode> metaOf, T loaded, String objectKey) {
        JsonNode meta = metaOf.apply(loaded);
        if (meta == null || !meta.isObject() || meta.isEmpty()) {
            return List.of();
        }
        return List.of(new MetaFolder<>(session, kind, metaOf, loaded, objectKey));
    }

    /** Each key's file name, by the types the collection's schema gives them (one request, which the cache keeps). */
    private synchronized Map<String, Key> keys() {
        if (keys == null) {
            JsonNode schema = session.wordpress().schema(session.credentials(), kind.endpoint()).path("properties").path(NAME)
                    .path("properties");
            Map<String, Key> found = new LinkedHashMap<>();
            metaOf.apply(object).fields().forEachRemaining(entry -> {
                MetaType type = MetaType.of(schema.path(entry.getKey()), entry.getValue());
                String fileName = Names.safe(type.fileName(entry.getKey()));
                found.putIfAbsent(fileName, new Key(entry.getKey(), type, fileName));
            });
            keys = found;
        }
        return keys;
    }

    @Override
    public List<Node> getChildren() {
        List<Node> files = new ArrayList<>();
        for (Key key : keys().values()) {
            files.add(fileOf(key, object));
        }
        return files;
    }

    @Override
    public Node child(String name) {
        Key key = keys().get(Names.nfc(name));
        return key == null ? null : fileOf(key, object);
    }

    /** The key's file as {@code now} holds it; null where WordPress no longer shows the key. */
    private TextFile fileOf(Key key, T now) {
        JsonNode meta = metaOf.apply(now);
        if (meta == null || !meta.has(key.key())) {
            return null;
        }
        TextFile.Writer writer = text -> fileOf(key, write(key, text));
        return new TextFile(key.fileName(), key.type().render(meta.get(key.key())), kind.modified(session, now), kind.created(session, now),
                writer, access, key.type().maxBytes());
    }

    /** WordPress's answer to {@code {"meta": {key: value}}}: 400 is its schema refusing the value, which the file cannot hold. */
    private T write(Key key, String text) {
        Map<String, Object> meta = Map.of(key.key(), key.type().parse(text, key.fileName()));
        try {
            return session.wordpress().update(session.credentials(), kind.endpoint(), kind.id(object), Map.of(NAME, meta));
        } catch (WordPressException e) {
            if (e.refusesValue()) {
                throw new DavError.Unprocessable(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public String getUniqueId() {
        return objectKey + "/" + NAME;
    }

    /** As for the object's own fields: hidden a while where the object can be deleted and this user may change it. */
    @Override
    public String fieldDeleteRefusal(String fileName) {
        if (!kind.deletable()) {
            return fileName + " cannot be deleted: write an empty file to clear its value";
        }
        return kind.mayEdit(session, object) ? null : kind.editRefusal();
    }

    /** Any name but a key's file: the user's own, as in the object's folder (an editor's file saved and renamed over a key's). */
    @Override
    public boolean keepsAsScratch(String name) {
        return !keys().containsKey(Names.nfc(name));
    }

    @Override
    public String changeRefusal() {
        return "meta/ holds the meta keys WordPress shows in REST: a new key is registered by a plugin (register_meta)";
    }
}
