package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * WordPress's REST API, as the user whose {@link Credentials} each call carries. Every failure is
 * a {@link WordPressException} with WordPress's own status, code and message.
 */
public interface WordPressClient {

    /** The REST index: site name, description, URL and active namespaces. */
    SiteIndex index(Credentials credentials);

    /** The user the credentials belong to; 401 if WordPress does not accept them. */
    User me(Credentials credentials);

    /** Every item, all pages fetched (in parallel after the first), as many as {@code X-WP-Total} says. */
    <T> Listing<T> list(Credentials credentials, Endpoint<T> endpoint, ListQuery query);

    <T> T get(Credentials credentials, Endpoint<T> endpoint, long id, Context context);

    /**
     * Every revision WordPress keeps of a post ({@code wp/v2/<rest_base>/<id>/revisions}, {@code context=edit}):
     * title, content and excerpt raw, newest first as WordPress lists them; autosaves are among them (their slug
     * says {@code <id>-autosave-v1}, their author whose they are). 401 or 403 to a user who may not edit the post.
     */
    default List<Post> revisions(Credentials credentials, Endpoint<Post> endpoint, long id) {
        return list(credentials, Endpoint.revisionsOf(endpoint, id), ListQuery.revisions()).items();
    }

    /** One object as WordPress answered a read of it: the record it reads into ({@link #get}) and the JSON itself ({@link #getJson}). */
    record Read<T>(T object, JsonNode json) {
    }

    /**
     * Objects of one collection, each as {@link #get} and {@link #getJson} read it for this user in this context (one read
     * gives both), in as few round trips as WordPress allows: the companion plugin's {@code pressdav/v1/reads} (feature
     * {@code reads}) makes each read inside WordPress as this user would make it alone, a hundred a request. An id WordPress
     * refused this user or did not find is left out: its own {@link #get} says why. By default, a {@link #get} and a
     * {@link #getJson} each.
     */
    default <T> Map<Long, Read<T>> getEach(Credentials credentials, Endpoint<T> endpoint, java.util.Collection<Long> ids, Context context) {
        Map<Long, Read<T>> found = new java.util.LinkedHashMap<>();
        for (long id : ids) {
            try {
                found.put(id, new Read<>(get(credentials, endpoint, id, context), getJson(credentials, endpoint, id, context)));
            } catch (WordPressException e) {
                if (!e.hidesObject()) {
                    throw e;
                }
            }
        }
        return found;
    }

    /**
     * The revisions of several posts, each as {@link #revisions} reads them, in as few round trips as {@link #getEach}; a post
     * whose revisions WordPress refused this user, or with more revisions than one read brings, is left out. By default,
     * one {@link #revisions} each.
     */
    default Map<Long, List<Post>> revisionsOfEach(Credentials credentials, Endpoint<Post> endpoint, java.util.Collection<Long> ids) {
        Map<Long, List<Post>> found = new java.util.LinkedHashMap<>();
        for (long id : ids) {
            try {
                found.put(id, revisions(credentials, endpoint, id));
            } catch (WordPressException e) {
                if (!e.hidesObject()) {
                    throw e;
                }
            }
        }
        return found;
    }

    /**
     * The JSON schema of a collection's objects, as WordPress publishes it ({@code OPTIONS} on its route, {@code schema}):
     * the same for every user. Its {@code properties.meta.properties} are the meta keys registered with {@code show_in_rest}.
     */
    JsonNode schema(Credentials credentials, Endpoint<?> endpoint);

    /** The whole REST object, as WordPress sent it. */
    JsonNode getJson(Credentials credentials, Endpoint<?> endpoint, long id, Context context);

    <T> T create(Credentials credentials, Endpoint<T> endpoint, Map<String, ?> fields);

    <T> T update(Credentials credentials, Endpoint<T> endpoint, long id, Map<String, ?> fields);

    /**
     * Saves a block template or part ({@code POST} to its item, {@code id} {@code theme//slug}) with these fields
     * ({@code content}, {@code title}, {@code description}) and returns it as WordPress now has it: a theme's template
     * becomes a user's copy ({@code source} {@code custom}), which WordPress keeps as a post. 401 or 403 to a user who may
     * not {@code edit_theme_options}.
     */
    Template saveTemplate(Credentials credentials, Endpoint<Template> endpoint, String id, Map<String, ?> fields);

    /**
     * Deletes a user's copy of a template ({@code DELETE}, {@code force=true}): the theme's own shows again where the
     * theme has one; a template the user made is gone. WordPress answers 400 for a theme's template as it is (it holds no
     * copy to delete).
     */
    void revertTemplate(Credentials credentials, Endpoint<Template> endpoint, String id);

    /**
     * The user's global styles of the active theme: the theme's {@code stylesheet} and the link to its styles post come
     * from {@code wp/v2/themes?status=active} (WordPress makes the post when first asked), the styles from that post in the
     * edit context. Null where the active theme has none (a classic theme without {@code theme.json}). 401 or 403 to a
     * user who may not {@code edit_theme_options}.
     */
    GlobalStyles globalStyles(Credentials credentials);

    /**
     * Saves the global styles {@code saved} (its post) with these fields ({@code settings}, {@code styles}: JSON objects, each
     * replacing what was saved) and returns them as WordPress now has them (it drops what {@code theme.json} does not know).
     * 400 {@code rest_invalid_param} for a field that is not an object.
     */
    GlobalStyles saveGlobalStyles(Credentials credentials, GlobalStyles saved, Map<String, ?> fields);

    /** Moves a post, page or comment to the trash and returns it as it is now. */
    <T> T trash(Credentials credentials, Endpoint<T> endpoint, long id);

    /** Deletes for real ({@code force=true}): what the trash cannot hold, or what is already in it. */
    void delete(Credentials credentials, Endpoint<?> endpoint, long id);

    /**
     * Takes a post out of the trash as wp-admin does ({@code wp_untrash_post}: the status it had, its slug without
     * {@code __trashed}) through the companion plugin's {@code pressdav/v1/untrash/<id>} (feature {@code untrash}), and
     * returns it as it is now; core REST has no such route. 403 to a user WordPress does not let delete the post.
     */
    default Post untrash(Credentials credentials, Endpoint<Post> endpoint, long id) {
        return update(credentials, Endpoint.ofPostType(SiteIndex.COMPANION_NAMESPACE, "untrash", endpoint.objectType()), id, Map.of());
    }

    /**
     * Moves an attachment to the trash and returns it as it is now: a DELETE without force, which core REST takes only
     * on a site that keeps deleted media in the trash ({@code MEDIA_TRASH}, the companion plugin's feature
     * {@code media-trash}) and refuses (501) on any other.
     */
    Media trashMedia(Credentials credentials, long id);

    /**
     * Takes an attachment out of the trash through the companion plugin's {@code pressdav/v1/untrash/<id>}, placed at
     * {@code drivePath} below {@code media/} (a path in use, or in no folder, is a 409), and returns it as it is now.
     */
    default Media untrashMedia(Credentials credentials, long id, String drivePath) {
        return update(credentials, new Endpoint<>(SiteIndex.COMPANION_NAMESPACE + "/untrash", Media.class, false, "attachment"), id,
                Map.of("path", drivePath));
    }

    /**
     * Uploads a file as a new attachment named {@code fileName}. The file is read as it is sent,
     * and read again if the request must be retried on a new connection. {@code drivePath}: where
     * the companion plugin places it on the drive ({@code folder/name}), or null for its upload path.
     */
    Media upload(Credentials credentials, String fileName, String contentType, java.nio.file.Path file, String drivePath);

    /** The companion plugin's media folders made on the drive (paths below {@code media/}), for those who may upload. */
    java.util.List<String> mediaFolders(Credentials credentials);

    /** An empty media folder at this path (its parent must exist). */
    void makeMediaFolder(Credentials credentials, String path);

    /** A media folder, with every file and folder in it, at a new path; no file on disk moves. */
    void moveMediaFolder(Credentials credentials, String from, String to);

    /** Removes an empty media folder. */
    void deleteMediaFolder(Credentials credentials, String path);

    /** An attachment at a new drive path (renamed, or in another folder), keeping its id and URL. */
    void moveMedia(Credentials credentials, long id, String path);

    /**
     * A file larger than PHP takes in one request, sent in chunks of {@code chunkBytes} through the
     * companion plugin: a new attachment at {@code drivePath}, or, with {@code replaces} &gt; 0, that
     * attachment's new bytes. Returns the attachment's id. An upload that fails is aborted, leaving nothing.
     */
    long uploadInChunks(Credentials credentials, String fileName, java.nio.file.Path file, String drivePath, long replaces, long chunkBytes);

    /** New bytes for an attachment, which keeps its id, URL, title, alt text and caption. */
    void replaceMedia(Credentials credentials, long id, String contentType, java.nio.file.Path file);

    /**
     * A media file's bytes, streamed from WordPress's web server. {@code range} is an HTTP
     * {@code Range} header value or null for the whole file.
     */
    MediaContent download(Credentials credentials, Media media, String range);

    /** The companion plugin's account of itself; a {@link WordPressException} (404) where it is not active. */
    Companion companion(Credentials credentials);

    /**
     * The changes after {@code since} ({@link Changes}), as this caller may see them; 410
     * {@code pressdav_feed_resync} when the feed no longer holds them.
     */
    Changes changes(Credentials credentials, long since, int limit);

    /**
     * Every object of the collection this caller may see, as core REST lists it to them, from the
     * companion plugin's index: the listing's fields only, a few thousand a request. A
     * {@link WordPressException} (404, or 400 for a collection an older plugin does not index) where it is not active.
     */
    <T> java.util.List<T> index(Credentials credentials, Endpoint<T> endpoint);

    /**
     * The site's post types and taxonomies as this user sees them ({@code wp/v2/types}, {@code wp/v2/taxonomies}):
     * those they may edit, each with the capability to edit it; every one shown in REST, without it, to a user who
     * may edit none (and to anonymous visitors).
     */
    SiteTypes types(Credentials credentials);

    /** The site settings; only administrators may read them. */
    Settings settings(Credentials credentials);

    Settings updateSettings(Credentials credentials, Map<String, ?> fields);

    /**
     * The sites of the multisite network this client's site belongs to, as the companion plugin (active on the whole
     * network) lists them for this user: those they are a member of, every site to a super admin, the public ones to
     * a visitor. A site without that route (not a network, or no plugin) answers 404.
     */
    default List<NetworkSite> networkSites(Credentials credentials) {
        throw new WordPressException(404, "rest_no_route", "not a network with the companion plugin active on it");
    }
}
