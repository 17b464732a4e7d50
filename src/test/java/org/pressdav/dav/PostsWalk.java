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
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.pressdav.testbed.RunningDrive;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A walk of {@code posts/} as a client browsing it folder by folder: {@code posts/}, then every shelf it lists, one at a
 * time, never into a post's folder ({@link PostsLayout} tells them apart). Over HTTP ({@code PROPFIND Depth: 1}) it keeps
 * each answer as received (status, bytes, entries); through any client it keeps every place a post's folder was listed,
 * so a test can count them: a post listed twice is found twice, not once.
 */
final class PostsWalk {
    /** One folder's answer: its path ({@code posts/2026/12/}), status, length in bytes, Content-Encoding and entries. */
    record Answer(String path, int status, int bytes, String contentEncoding, List<Entry> entries) {
    }

    /** A name a listing holds, and whether it is a folder. */
    record Entry(String name, boolean folder) {
    }

    private final Function<List<String>, List<Entry>> lister;
    private final PostsLayout layout;
    private final List<Answer> answers = new ArrayList<>();
    /** Post id → every path it was listed at ({@code [posts, 2026, 12, 1234-hello]}). */
    private final Map<Long, List<List<String>>> found = new TreeMap<>();
    private final List<String> strays = new ArrayList<>();
    private final List<String> mixed = new ArrayList<>();
    /** The folders walked as shelves, {@code posts/} first ({@code posts/2026/}): not the posts' folders asked about. */
    private final Set<String> listed = new java.util.LinkedHashSet<>();

    /** Each folder asked once: the one a name of both shapes made the layout look into is not asked again to walk it. */
    private PostsWalk(Function<List<String>, List<Entry>> lister, Set<Long> siteIds) {
        Map<List<String>, List<Entry>> asked = new java.util.HashMap<>();
        this.lister = folder -> asked.computeIfAbsent(folder, lister);
        this.layout = new PostsLayout(siteIds, folder -> this.lister.apply(folder).stream().anyMatch(entry -> entry.name().equals("content.html")));
    }

    /** Walks {@code posts/} as {@code role} asking as {@code how} does, keeping every answer; {@code siteIds}: every post of the site. */
    static PostsWalk of(RunningDrive drive, String role, ListingRequest how, Set<Long> siteIds) {
        List<Answer> answers = new ArrayList<>();
        PostsWalk walk = new PostsWalk(folder -> {
            Answer answer = list(drive, role, how, folder);
            answers.add(answer);
            return answer.entries();
        }, siteIds);
        walk.walk();
        walk.answers.addAll(answers.stream().filter(answer -> walk.listed.contains(answer.path())).toList());
        return walk;
    }

    private void walk() {
        Deque<List<String>> shelves = new ArrayDeque<>(List.of(List.of("posts")));
        while (!shelves.isEmpty()) {
            List<String> folder = shelves.removeFirst();
            listed.add(String.join("/", folder) + "/");
            Set<PostsLayout.Kind> kinds = java.util.EnumSet.noneOf(PostsLayout.Kind.class);
            for (Entry entry : lister.apply(folder)) {
                List<String> child = append(folder, entry.name());
                PostsLayout.Kind kind = entry.folder() ? layout.kindOf(child) : PostsLayout.Kind.STRAY;
                kinds.add(kind);
                switch (kind) {
                    case SHELF -> shelves.addLast(child);
                    case POST -> found.computeIfAbsent(PostsLayout.idOf(entry.name()).getAsLong(), id -> new ArrayList<>()).add(child);
                    case STRAY -> strays.add(String.join("/", child) + (entry.folder() ? "/" : ""));
                }
            }
            if (kinds.contains(PostsLayout.Kind.SHELF) && kinds.contains(PostsLayout.Kind.POST)) {
                mixed.add(String.join("/", folder) + "/");
            }
        }
    }

    private static Answer list(RunningDrive drive, String role, ListingRequest how, List<String> folder) {
        String path = String.join("/", folder) + "/";
        RunningDrive.Answer answer = drive.sendBytes(role, "PROPFIND", drive.url(path), how.headers(), how.body());
        if (answer.status() != 207) {
            throw new AssertionError(how + " " + path + ": " + answer.status() + " " + answer.text());
        }
        List<Entry> entries = entries(folder, answer.body());
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

    /** Every shelf's answer ({@code posts/} first) as the HTTP walk got it, in the order asked. */
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
