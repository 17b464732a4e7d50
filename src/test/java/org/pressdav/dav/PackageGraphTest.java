package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the DAV layer, read from the sources: which package names which (an import, or a
 * class named in full anywhere, javadoc included). They must form a graph without cycles (request
 * parsing lives with the request, nodes never call handlers, stores never build nodes), and only
 * the composition root names the entities: nothing under {@code dav/} names {@code dav/entity/}.
 */
class PackageGraphTest {
    private static final Path SOURCES = Path.of("src/main/java/org/pressdav/dav");
    private static final Pattern PACKAGE = Pattern.compile("^package (org\\.pressdav\\.dav[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern NAMED = Pattern.compile("org\\.pressdav\\.(dav(?:\\.[a-z]\\w*)*)\\.(?:[A-Z]|\\*)");

    @Test
    void theDavPackagesFormNoCycle() throws IOException {
        Map<String, Map<String, Set<String>>> graph = graph();
        List<String> cycle = cycle(edges(graph));
        assertTrue(cycle.isEmpty(), "the packages under dav/ form a cycle: " + String.join(" -> ", cycle) + "; made by "
                + describe(graph, cycle));
    }

    @Test
    void nothingInTheDavLayerNamesTheEntities() throws IOException {
        Map<String, Map<String, Set<String>>> graph = graph();
        List<String> naming = new ArrayList<>();
        graph.forEach((from, to) -> {
            if (!from.equals("dav.entity") && to.containsKey("dav.entity")) {
                naming.add(from + " (" + to.get("dav.entity") + ")");
            }
        });
        assertTrue(naming.isEmpty(), "only the composition root (server/) may name dav/entity/: " + naming);
    }

    /** The finder itself finds a cycle where there is one, and none where there is none: the tests above can fail. */
    @Test
    void aCycleIsFoundWhereThereIsOne() {
        assertEquals(List.of("a", "b", "c", "a"), cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"))));
        assertTrue(cycle(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of())).isEmpty());
    }

    /** Package → package it names → the files that name it. */
    private static Map<String, Map<String, Set<String>>> graph() throws IOException {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                assertTrue(declared.find(), file + " declares no package");
                String from = declared.group(1).substring("org.pressdav.".length());
                Map<String, Set<String>> named = graph.computeIfAbsent(from, p -> new TreeMap<>());
                Matcher reference = NAMED.matcher(source);
                while (reference.find()) {
                    if (!reference.group(1).equals(from)) {
                        named.computeIfAbsent(reference.group(1), p -> new TreeSet<>()).add(file.getFileName().toString());
                    }
                }
            }
        }
        assertTrue(graph.size() >= 6, "the DAV layer's packages were not found under " + SOURCES.toAbsolutePath());
        return graph;
    }

    private static Map<String, Set<String>> edges(Map<String, Map<String, Set<String>>> graph) {
        Map<String, Set<String>> edges = new TreeMap<>();
        graph.forEach((from, to) -> edges.put(from, to.keySet()));
        return edges;
    }

    /** A cycle of the graph, its first package repeated at the end; empty if there is none. */
    static List<String> cycle(Map<String, Set<String>> edges) {
        Map<String, Integer> state = new TreeMap<>(); // 1: on the path being walked, 2: done
        for (String start : new TreeSet<>(edges.keySet())) {
            List<String> path = new ArrayList<>();
            List<String> found = walk(start, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> walk(String node, Map<String, Set<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 2) {
            return List.of();
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : new TreeSet<>(edges.getOrDefault(node, Set.of()))) {
            List<String> found = walk(next, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    private static String describe(Map<String, Map<String, Set<String>>> graph, List<String> cycle) {
        List<String> made = new ArrayList<>();
        for (int i = 0; i + 1 < cycle.size(); i++) {
            made.add(cycle.get(i) + " -> " + cycle.get(i + 1) + " in " + graph.get(cycle.get(i)).get(cycle.get(i + 1)));
        }
        return String.join("; ", made);
    }
}
