package org.pressdav.dav;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.pressdav.testbed.RunningDrive;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A walk of {@code posts/} as a client browsing it folder by folder: {@code PROPFIND Depth: 1} of {@code posts/}, then of
 * every shelf it lists, one at a time, never into a post's folder ({@link PostsLayout} tells them apart). Keeps each
 * answer as received (status, bytes, entries) and every place a post's folder was listed, so a test can count them:
 * a post listed twice is found twice, not once.
 */
final class PostsWalk {
    /** One folder's answer: its path ({@code posts/2026/12/}), status, length in bytes, Content-Encoding and entries. */
    record Answer(String path, int status, int bytes, String contentEncoding, List<Entry> entries) {
    }

    /** A name a listing holds, and whether it is a folder. */
    record Entry(String name, boolean folder) {
    }

    private final RunningDrive drive;
    private final String role;
    private final ListingRequest how;
    private final PostsLayout layout;
    private final List<Answer> answers = new ArrayList<>();
    /** Post id → every path it was listed at ({@code [posts, 2026, 12, 1234-hello]}). */
    private final Map<Long, List<List<String>>> found = new TreeMap<>();
    private final List<String> strays = new ArrayList<>();
    private final List<String> mixed = new ArrayList<>();

    private PostsWalk(RunningDrive drive, String role, ListingRequest how, Set<Long> siteIds) {
        this.drive = drive;
        this.role = role;
        this.how = how;
        this.layout = new PostsLayout(siteIds, folder -> list(folder).entries().contains(new Entry("content.html", false)));
    }

    /** Walks {@code posts/} as {@code role} asking as {@code how} does; {@code siteIds}: every post of the site. */
    static PostsWalk of(RunningDrive drive, String role, ListingRequest how, Set<Long> siteIds) {
        PostsWalk walk = new PostsWalk(drive, role, how, siteIds);
        walk.walk();
        return walk;
    }

    private void walk() {
        Deque<List<String>> shelves = new ArrayDeque<>(List.of(List.of("posts")));
        while (!shelves.isEmpty()) {
            List<String> folder = shelves.removeFirst();
            Answer answer = list(folder);
            answers.add(answer);
            if (answer.status() != 207) {
                continue;
            }
            Set<PostsLayout.Kind> kinds = java.util.EnumSet.noneOf(PostsLayout.Kind.class);
            for (Entry entry : answer.entries()) {
                List<String> child = append(folder, entry.name());
                PostsLayout.Kind kind = entry.folder() ? layout.kindOf(child) : PostsLayout.Kind.STRAY;
                kinds.add(kind);
                switch (kind) {
                    case SHELF -> shelves.addLast(child);
                    case POST -> found.computeIfAbsent(PostsLayout.idOf(entry.name()).getAsLong(), id -> new ArrayList<>())
                            .add(child);
                    case STRAY -> strays.add(String.join("/", child) + (entry.folder() ? "/" : ""));
                }
            }
            if (kinds.contains(PostsLayout.Kind.SHELF) && kinds.contains(PostsLayout.Kind.POST)) {
                mixed.add(answer.path());
            }
        }
    }

    private Answer list(List<String> folder) {
        String path = String.join("/", folder) + "/";
        RunningDrive.Answer answer = drive.sendBytes(role, "PROPFIND", drive.url(path), how.headers(), how.body());
        List<Entry> entries = answer.status() == 207 ? entries(folder, answer.body()) : List.of();
        return new Answer(path, answer.status(), answer.body().length, answer.header("Content-Encoding"), entries);
    }

    /** The entries of a multistatus answer, the folder itself left out; an href outside the folder fails the walk. */
    private static List<Entry> entries(List<String> folder, byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList responses = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getElementsByTagNameNS("DAV:", "response");
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < responses.getLength(); i++) {
                Element response = (Element) responses.item(i);
                String href = response.getElementsByTagNameNS("DAV:", "href").item(0).getTextContent().strip();
                String raw = href.startsWith("http") ? URI.create(href).getRawPath() : href;
                List<String> path = DavPath.parseEncoded(raw).segments();
                boolean collection = response.getElementsByTagNameNS("DAV:", "collection").getLength() > 0 || raw.endsWith("/");
                if (path.equals(folder)) {
                    continue;
                }
                if (path.size() != folder.size() + 1 || !path.subList(0, folder.size()).equals(folder)) {
                    throw new AssertionError(String.join("/", folder) + "/ lists " + href + ", which is not in it");
                }
                entries.add(new Entry(path.get(path.size() - 1), collection));
            }
            return entries;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(String.join("/", folder) + "/: the answer is no multistatus: " + e, e);
        }
    }

    private static List<String> append(List<String> folder, String name) {
        List<String> child = new ArrayList<>(folder);
        child.add(name);
        return List.copyOf(child);
    }

    /** Every answer the walk got: {@code posts/} first, then every shelf, in the order asked. */
    List<Answer> answers() {
        return answers;
    }

    /** Post id → every path its folder was listed at, as segments ({@code [posts, 2026, 12, 1234-hello]}). */
    Map<Long, List<List<String>>> found() {
        return found;
    }

    /** The folders that list both shelves and posts' folders: the layout puts one or the other in a folder. */
    List<String> mixed() {
        return mixed;
    }

    /** What was neither a shelf nor a post's folder: files, and folders of another name. */
    List<String> strays() {
        return strays;
    }
}
