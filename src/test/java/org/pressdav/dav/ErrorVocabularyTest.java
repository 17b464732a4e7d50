package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every error status of the DAV layer comes from its vocabulary: {@link DavError}'s types, turned
 * into answers by {@link DavErrors}. Anywhere else under dav/, code throws one of those types; it
 * never writes, compares or makes up an error status (4xx, 5xx) itself. Success statuses a
 * handler writes (200, 201, 204, 206, 207, 303, 304) are its own business.
 */
class ErrorVocabularyTest {
    private static final Path DAV = Path.of("src/main/java/org/pressdav/dav");
    private static final Set<String> VOCABULARY = Set.of("DavError.java", "DavErrors.java");

    private static final String ERROR = "[45]\\d\\d\\b";

    /** What writing, comparing or making up an error status looks like, each with what it is instead. */
    private static final List<Pattern> WRITES = List.of(
            Pattern.compile("setStatus\\(\\s*" + ERROR),                        // throw a DavError type
            Pattern.compile("\\.sendError\\("),                                 // bypasses DavErrors' body and challenge
            Pattern.compile("new\\s+WordPressException\\("),                     // the drive's own refusal is a DavError
            Pattern.compile("(==|!=|<=|>=|<|>)\\s*" + ERROR),                    // a named decision (WordPressException, Failure)
            Pattern.compile("\\b" + ERROR + "\\s*(==|!=|<=|>=|<|>)"),
            Pattern.compile("\\bcase\\s+" + ERROR),
            Pattern.compile("DavErrors\\.write\\([^;]*,\\s*" + ERROR),          // DavErrors.send of a DavError
            Pattern.compile("new\\s+[\\w.]+\\(\\s*" + ERROR),                      // a free status (a Failure, a BadPathException)
            Pattern.compile("super\\(\\s*" + ERROR),                            // a DavError type outside DavError.java
            Pattern.compile("\"HTTP/1\\.1 " + ERROR),                           // DavErrors' status lines
            Pattern.compile("HttpStatus\\.\\w+_" + ERROR),
            Pattern.compile("\\bSC_(?!OK\\b|CREATED\\b|ACCEPTED\\b|NO_CONTENT\\b|MULTI_STATUS\\b|PARTIAL_CONTENT\\b|NOT_MODIFIED\\b"
                    + "|SEE_OTHER\\b|FOUND\\b|MOVED_\\w+|TEMPORARY_REDIRECT\\b|CONTINUE\\b)\\w+"));

    @Test
    void noErrorStatusIsWrittenOutsideTheVocabulary() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path file : sources()) {
            String name = DAV.relativize(file).toString().replace('\\', '/');
            if (VOCABULARY.contains(file.getFileName().toString())) {
                continue;
            }
            offences.addAll(offences(name, Files.readString(file)));
        }
        assertEquals(List.of(), offences, "error statuses outside DavError/DavErrors: throw a DavError type instead");
    }

    /** The scan itself can fail: each way of writing an error status is caught, comments and success statuses are not. */
    @Test
    void theScanCatchesEachWayOfWritingAnErrorStatus() {
        for (String bad : List.of("out.setStatus(404);", "servlet.sendError(SC_NOT_FOUND, \"x\");",
                "throw new WordPressException(409, \"pressdav_unknown_term\", m);", "if (e.status() == 401 || e.status() == 403) {",
                "if (e.status() != 401 && e.status() != 403) {", "failure.status() < 500", "case 404 -> x;",
                "DavErrors.write(response, 501, \"not supported\");", "new DavErrors.Failure(424, \"Not copied\")",
                "super(403, message);", "throw new BadPathException(403, m);", "String failure = \"HTTP/1.1 403 Forbidden\";", "out.setStatus(HttpStatus.NOT_FOUND_404);")) {
            assertEquals(1, offences("Bad.java", bad).size(), bad);
        }
        for (String fine : List.of("out.setStatus(207);", "out.setStatus(created ? 201 : 204);", "// a 404 when it is not there",
                "/** refused (403) if the folder cannot be deleted */", "\"the copy stopped (424) at \" + path", "if (status >= 200 && status < 300) {",
                "return status() == 200;", "int port = 443;", "String url = \"http://host:8088/\"; // 404 == 404")) {
            assertEquals(List.of(), offences("Fine.java", fine), fine);
        }
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(DAV)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> offences(String name, String source) {
        List<String> found = new ArrayList<>();
        String[] lines = code(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Pattern write : WRITES) {
                Matcher m = write.matcher(lines[i]);
                if (m.find()) {
                    found.add(name + ":" + (i + 1) + ": " + lines[i].strip());
                    break;
                }
            }
        }
        return found;
    }

    /**
     * The source with its comments blanked (lines kept, so line numbers hold) and the text of its
     * string literals kept only where it could be a status line: a "404" in a message is prose.
     */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                String literal = source.substring(i, end);
                out.append(literal.startsWith("\"HTTP/1.1 ") ? literal : c + "" + c);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
