package org.pressdav.dav.protocol;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.Node;

/**
 * A folder as a browser shows it (GET with {@code Accept: text/html}): breadcrumbs, a table of
 * names, sizes and dates, each file opening or downloading, a link to the object in wp-admin
 * where this user may edit it, and a form to upload into a folder that takes uploads. Plain,
 * accessible HTML (a table with a caption and header cells, labelled controls), no script.
 */
final class FolderPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** What wp-admin edits an object of each top folder at, for its id. */
    private static final List<String[]> EDIT = List.of(
            new String[] {"posts/", "post.php?action=edit&post="}, new String[] {"pages/", "post.php?action=edit&post="},
            new String[] {"media/", "post.php?action=edit&post="}, new String[] {"categories/", "term.php?taxonomy=category&tag_ID="},
            new String[] {"tags/", "term.php?taxonomy=post_tag&tag_ID="}, new String[] {"users/", "user-edit.php?user_id="},
            new String[] {"comments/", "comment.php?action=editcomment&c="});

    private FolderPage() {
    }

    static String render(DavSession session, DavPath prefix, DavPath path, Folder folder, List<Node> children, String wordpressUrl) {
        String title = path.isRoot() ? "pressdav" : path.name();
        StringBuilder html = new StringBuilder(4096).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(escape(title))
                .append(" — pressdav</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2327}")
                .append("table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #dcdcde}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}nav ol{list-style:none;padding:0;display:flex;flex-wrap:wrap}")
                .append("nav li+li::before{content:'/';padding:0 .4rem;color:#646970}a{color:#2271b1}form{margin-top:1.5rem}</style></head><body>\n");
        html.append("<nav aria-label=\"Breadcrumbs\"><ol><li><a href=\"").append(escape(prefix.encoded() + (prefix.isRoot() ? "" : "/")))
                .append("\">pressdav</a></li>");
        DavPath at = DavPath.parseDecoded("/");
        for (String segment : path.segments()) {
            at = at.child(segment);
            html.append("<li><a href=\"").append(escape(prefix.resolve(at).encoded() + "/")).append("\">").append(escape(segment)).append("</a></li>");
        }
        html.append("</ol></nav>\n<main><h1>").append(escape(title)).append("</h1>\n");
        String edit = editLink(folder, wordpressUrl);
        if (edit != null) {
            html.append("<p><a href=\"").append(escape(edit)).append("\">Edit in WordPress</a></p>\n");
        }
        html.append("<table><caption>").append(children.size()).append(children.size() == 1 ? " item" : " items")
                .append("</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\" class=\"n\">Size</th><th scope=\"col\">Modified</th>")
                .append("<th scope=\"col\"><span class=\"visually-hidden\">WordPress</span></th></tr></thead><tbody>\n");
        for (Node child : children) {
            boolean isFolder = child instanceof Folder;
            String href = escape(DavPath.encodeSegment(child.getName()) + (isFolder ? "/" : ""));
            html.append("<tr><th scope=\"row\"><a href=\"").append(href).append("\">").append(escape(child.getName())).append(isFolder ? "/" : "")
                    .append("</a></th><td class=\"n\">").append(child instanceof DavFile file ? size(file.length()) : "")
                    .append("</td><td>").append(child.modified() == null ? "" : WHEN.format(child.modified())).append("</td><td>");
            String childEdit = isFolder ? editLink(child, wordpressUrl) : mediaEditLink(child, wordpressUrl);
            if (childEdit != null) {
                html.append("<a href=\"").append(escape(childEdit)).append("\">Edit<span class=\"visually-hidden\"> ")
                        .append(escape(child.getName())).append("</span></a>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        if (folder instanceof AcceptsUploads uploads && uploadsAllowed(uploads)) {
            html.append("<form method=\"post\" enctype=\"multipart/form-data\"><label for=\"file\">Upload files into ").append(escape(title))
                    .append("</label> <input id=\"file\" name=\"file\" type=\"file\" multiple required> <button type=\"submit\">Upload</button></form>\n");
        }
        return html.append("</main><style>.visually-hidden{position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden}</style>")
                .append("</body></html>\n").toString();
    }

    /** Whether this user may upload here at all (a name's own refusal comes when it is sent). */
    private static boolean uploadsAllowed(AcceptsUploads uploads) {
        try {
            return uploads.refusal("upload.bin") == null;
        } catch (RuntimeException badName) {
            return true;
        }
    }

    /** wp-admin's page for the object this folder is, where this user may edit it; null otherwise. */
    private static String editLink(Node node, String wordpressUrl) {
        return node.mayChange() ? adminLink(node.objectKey(), wordpressUrl) : null;
    }

    private static String mediaEditLink(Node file, String wordpressUrl) {
        String key = file.objectKey();
        return key != null && key.startsWith("media/") && file.mayChange() ? adminLink(key, wordpressUrl) : null;
    }

    private static String adminLink(String objectKey, String wordpressUrl) {
        if (objectKey == null || wordpressUrl == null) {
            return null;
        }
        for (String[] kind : EDIT) {
            if (objectKey.startsWith(kind[0]) && objectKey.substring(kind[0].length()).chars().allMatch(Character::isDigit)) {
                return wordpressUrl.replaceAll("/+$", "") + "/wp-admin/" + kind[1] + objectKey.substring(kind[0].length());
            }
        }
        return null;
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
