package org.pressdav.dav;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A folder's listing as a client asks for it ({@code PROPFIND Depth: 1}): Windows Explorer with the 18 properties its
 * traces show, Windows' redirector as it really sends it (no body: allprop) and Finder's body with Apple's own property
 * (docs: client-traces.md §1.2, §2.1). Every one says {@code Accept-Encoding: identity}: the bytes counted are the bytes of
 * the answer itself, as a client that asks for no compression receives them (Windows' limit is on those).
 */
enum ListingRequest {
    EXPLORER("Microsoft-WebDAV-MiniRedir/10.0.19045", true, "<?xml version=\"1.0\" encoding=\"utf-8\" ?><D:propfind xmlns:D=\"DAV:\"><D:prop>"
            + "<D:name/><D:parentname/><D:href/><D:ishidden/><D:isreadonly/><D:getcontenttype/><D:contentclass/><D:getcontentlanguage/>"
            + "<D:creationdate/><D:lastaccessed/><D:getlastmodified/><D:getcontentlength/><D:iscollection/><D:isstructureddocument/>"
            + "<D:defaultdocument/><D:displayname/><D:isroot/><D:resourcetype/></D:prop></D:propfind>"),
    EXPLORER_ALLPROP("Microsoft-WebDAV-MiniRedir/10.0.19045", true, null),
    FINDER("WebDAVFS/3.0.0 (03008000) Darwin/22.1.0", false, "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:propfind xmlns:D=\"DAV:\">"
            + "<D:prop xmlns:A=\"http://www.apple.com/webdav_fs/props/\"><D:getlastmodified/><D:getcontentlength/><D:creationdate/>"
            + "<D:resourcetype/><A:appledoubleheader/></D:prop></D:propfind>");

    private final String userAgent;
    private final boolean windows;
    private final String body;

    ListingRequest(String userAgent, boolean windows, String body) {
        this.userAgent = userAgent;
        this.windows = windows;
        this.body = body;
    }

    Map<String, String> headers() {
        return windows
                ? Map.of("User-Agent", userAgent, "translate", "f", "Depth", "1", "Accept-Encoding", "identity")
                : Map.of("User-Agent", userAgent, "Accept", "*/*", "Depth", "1", "Accept-Encoding", "identity");
    }

    /** The body; null for none ({@code Content-Length: 0}). */
    byte[] body() {
        return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    }
}
