package org.pressdav.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's commands, as the tests that run or check them read them: each {@code ```sh} block
 * (one snippet, run in one shell), and each inline {@code `code`} that starts like a command to
 * type (a script of the repository, {@code mvn}, {@code docker}, {@code java}, {@code curl}, …).
 *
 * <p>The README writes what differs from machine to machine as placeholders, and
 * {@link #forDrive} puts the test bed's values in their place: {@code host:8080} (and
 * {@code machine host} in a {@code .netrc}) is where the test's pressdav listens, {@code NAME} and
 * {@code PASSWORD} the administrator's login and application password (WordPress takes one without
 * its spaces), {@code https://blog.example.org/} the test bed's WordPress, {@code /mnt/blog} a
 * folder of the test, {@code target/pressdav.jar} this build's jar.
 */
public final class Readme {
    public static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Pattern BLOCK = Pattern.compile("(?m)^```sh\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("`((?:scripts/|bench/|\\.ci/|mvn |docker |java |curl |litmus |openssl |wp |podman )[^`]*)`");

    private Readme() {
    }

    public static String text() {
        try {
            return Files.readString(ROOT.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code ```sh} block, whole, without its fences. */
    public static List<String> snippets() {
        List<String> found = new ArrayList<>();
        Matcher m = BLOCK.matcher(text());
        while (m.find()) {
            found.add(m.group(1).strip());
        }
        return found;
    }

    /** Every inline command outside the blocks: {@code `scripts/wordpress reset`}, {@code `mvn -B test`}, … */
    public static List<String> inlineCommands() {
        List<String> found = new ArrayList<>();
        Matcher m = INLINE.matcher(BLOCK.matcher(text()).replaceAll(""));
        while (m.find()) {
            String command = m.group(1).strip().replaceAll("\\s+", " ");
            Path named = ROOT.resolve(command);
            if (!(Files.isRegularFile(named) && !Files.isExecutable(named))) { // a document named, not a command
                found.add(command);
            }
        }
        return found;
    }

    /** The lines of the {@code ```text} block that draws the drive, the one starting with {@code site/}. */
    public static List<String> tree() {
        Matcher m = Pattern.compile("(?m)^```text\\n(site/.*?)^```$", Pattern.DOTALL).matcher(text());
        if (!m.find()) {
            throw new AssertionError("the README draws no drive (a ```text block starting with site/)");
        }
        return m.group(1).lines().filter(l -> !l.isBlank()).toList();
    }

    /** The one snippet that starts with {@code start}. */
    public static String snippet(String start) {
        List<String> found = snippets().stream().filter(s -> s.startsWith(start)).toList();
        if (found.size() != 1) {
            throw new AssertionError("the README has " + found.size() + " sh blocks starting with '" + start + "'");
        }
        return found.get(0);
    }

    /** A snippet with the test bed's values in place of the placeholders, {@code /mnt/blog} under {@code dir}. */
    public static String forDrive(String snippet, RunningDrive drive, Path dir) {
        String hostPort = "127.0.0.1:" + drive.port();
        return snippet
                .replace("https://blog.example.org/", drive.bed().url().toString())
                .replace("https://blog.example.org", drive.bed().url().toString())
                .replace("host:8080", hostPort)
                .replace("machine host ", "machine 127.0.0.1 ")
                .replace("NAME", drive.bed().login("admin"))
                .replace("PASSWORD", drive.bed().applicationPassword("admin").replace(" ", ""))
                .replace("/mnt/blog", dir.resolve("mnt/blog").toString())
                .replace("target/pressdav.jar", ROOT.resolve("target/pressdav.jar").toString());
    }
}
