package org.pressdav.dav;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.config.Setting;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.Readme;
import org.pressdav.testbed.RunningDrive;

/**
 * Every command the README shows is run here as written, on the test bed (with the placeholders
 * {@link Readme#forDrive} fills in), or, where it cannot run on this machine (Docker, the
 * benchmarks, the test suite that runs this test), checked against what it names. A command no
 * check claims fails the build: a new command in the README needs a check here.
 */
class ReadmeIT extends WritingIT {
    private static final Path ROOT = Readme.ROOT;

    /** What is done with a README command: run it, or check it against the code. */
    @FunctionalInterface
    interface Check {
        void accept(String command, Path dir) throws Exception;
    }

    /** The checks, by what the command starts with; the first that matches claims it. */
    private static final Map<Predicate<String>, Check> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put(c -> c.startsWith("cp -n docker/.env.example docker/.env && docker compose"), ReadmeIT::quickStart);
        CHECKS.put(c -> c.equals("scripts/test"), (c, dir) -> ciRunsTheTestCommand());
        CHECKS.put(c -> c.startsWith("mkdir -p ~/.davfs2"), ReadmeIT::davfs2Mounts);
        CHECKS.put(c -> c.startsWith("echo 'machine host"), ReadmeIT::cadaverLists);
        CHECKS.put(c -> c.startsWith("rclone copy :webdav:"), ReadmeIT::rcloneCopies);
        CHECKS.put(c -> c.startsWith("docker build -t pressdav ."), ReadmeIT::dockerLinesMatchTheImage);
        CHECKS.put(c -> c.startsWith("mvn -B package\njava -jar"), ReadmeIT::theJarServes);
        CHECKS.put(c -> c.startsWith("java -jar target/pressdav.jar --site"), ReadmeIT::eachLineServesTheSites);
        CHECKS.put(c -> c.startsWith("curl http://host:8080/health"), ReadmeIT::healthAndMetricsAnswer);
        CHECKS.put(c -> c.startsWith("openssl req"), ReadmeIT::httpsServesTheSelfSignedPair);
        CHECKS.put(c -> c.startsWith("curl -fsS -u 'NAME:PASSWORD' -X MKCOL http://host:8080/media/litmus/"), (c, dir) -> litmusRunsIt(c));
        CHECKS.put(c -> c.startsWith("scripts/cluster up"), (c, dir) -> clusterHasTheCommands(c));
        // Inline commands.
        CHECKS.put(c -> c.startsWith("scripts/wordpress") || c.startsWith("scripts/network"), (c, dir) -> testBedHasTheCommand(c));
        CHECKS.put(c -> c.startsWith("scripts/cluster"), (c, dir) -> clusterHasTheCommands(c));
        CHECKS.put(c -> c.equals("docker compose -f docker/compose.yaml --profile cluster up -d"), (c, dir) -> theClusterProfileIsValidated());
        CHECKS.put(c -> c.matches("(scripts|bench|\\.ci)/[\\w-]+( .*)?"), (c, dir) -> scriptRunsHere(c));
        CHECKS.put(c -> c.matches("mvn (-B )?(test|package|verify)"), (c, dir) -> assertTrue(Files.exists(ROOT.resolve("pom.xml"))));
        CHECKS.put(c -> c.matches("docker compose -f docker/\\S+\\.yaml up( -d)? --build"), (c, dir) -> composeFileBuilds(c));
        CHECKS.put(c -> c.matches("wp option update \\w+ 1"), (c, dir) -> thePluginReadsTheOption(c));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandIsRunOrChecked(@TempDir Path dir) {
        List<String> commands = new ArrayList<>(Readme.snippets());
        commands.addAll(Readme.inlineCommands());
        return commands.stream().distinct().map(command -> DynamicTest.dynamicTest(command.lines().findFirst().orElse(command), () -> {
            Check check = CHECKS.entrySet().stream().filter(e -> e.getKey().test(command)).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError("no test runs or checks this README command; add one to ReadmeIT:\n" + command));
            Path own = Files.createTempDirectory(dir, "command");
            check.accept(command, own);
        }));
    }

    /** Each line of the drive's drawing is a folder of the sample site holding exactly the files named. */
    @Test
    void theDrawnDriveIsTheSampleSite() {
        Map<String, Set<String>> folders = new LinkedHashMap<>();
        String folder = null;
        for (String line : Readme.tree()) {
            List<String> words = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
            if (!Character.isWhitespace(line.charAt(0))) {
                folder = words.remove(0);
                folders.put(folder, new TreeSet<>());
            }
            // A folder in a folder is drawn with its slash (revisions/); the listing names it without.
            words.replaceAll(word -> word.endsWith("/") ? word.substring(0, word.length() - 1) : word);
            folders.get(folder).addAll(words);
        }
        assertTrue(folders.size() >= 8, "a folder of every kind: " + folders.keySet());
        folders.forEach((path, files) -> assertEquals(files, childNames(path), path));
    }

    /** The names in a folder of the drive, as its administrator lists them. */
    private static Set<String> childNames(String path) {
        RunningDrive.Answer listing = drive.send("admin", "PROPFIND", drive.url(path), Map.of("Depth", "1"), null);
        assertEquals(207, listing.status(), path);
        Set<String> names = new TreeSet<>();
        Matcher href = Pattern.compile("<(?:\\w+:)?href>([^<]*)</(?:\\w+:)?href>").matcher(listing.text());
        boolean itself = true; // the folder's own answer comes first
        while (href.find()) {
            String decoded = java.net.URLDecoder.decode(href.group(1).replace("+", "%2B"), UTF_8).replaceAll("/$", "");
            if (!itself) {
                names.add(decoded.substring(decoded.lastIndexOf('/') + 1));
            }
            itself = false;
        }
        return names;
    }

    // ---- the checks ----

    private static Clients.Result shell(Path dir, String script, String input) throws Exception {
        return Clients.run(dir, Map.of("HOME", dir.toString()), input, "bash", "-ec", script);
    }

    private static Clients.Result ran(Path dir, String script, String input) throws Exception {
        Clients.Result result = shell(dir, script, input);
        assertEquals(0, result.exitCode(), script + "\n" + result.output());
        return result;
    }

    private static void quickStart(String snippet, Path dir) throws Exception {
        composeFileBuilds(firstLine(snippet, "cp -n"));
        String env = Files.readString(ROOT.resolve("docker/.env.example"));
        Matcher required = Pattern.compile("\\$\\{(\\w+):\\?").matcher(Files.readString(ROOT.resolve("docker/compose.yaml")));
        while (required.find()) {
            assertTrue(env.contains("\n" + required.group(1) + "=") || env.startsWith(required.group(1) + "="),
                    "docker/.env.example sets " + required.group(1) + ", which compose.yaml requires");
        }
        String run = firstLine(snippet, "scripts/run").replaceAll("\\s+#.*$", "");
        assertEquals("scripts/run", run);
        int port = freePort();
        try (Background started = Background.start(ROOT, run + " --port " + port)) {
            String printed = started.waitFor("Password:", 300);
            String login = value(printed, "Log in as:");
            String password = value(printed, "Password:").split("\\s+\\(")[0].strip();
            Clients.Result listed = started.untilUp(() -> Clients.run(dir, Map.of(), null, "curl", "-sS", "-u", login + ":" + password,
                    "-X", "PROPFIND", "-H", "Depth: 1", "http://127.0.0.1:" + port + "/posts/"));
            assertTrue(listed.output().contains("12-block-markup"), "the sample site, with the printed login:\n" + listed.output());
        }
    }

    private static void ciRunsTheTestCommand() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(".ci/run")).stream().filter(l -> !l.isBlank()).toList();
        assertEquals("scripts/test", lines.get(lines.size() - 1).strip(), "CI runs the README's test command");
    }

    private static void davfs2Mounts(String snippet, Path dir) throws Exception {
        String script = Readme.forDrive(snippet, drive, dir);
        try {
            Clients.Result listed = ran(dir, script, null);
            assertTrue(listed.output().contains("12-block-markup"), listed.output());
            Path content = dir.resolve("mnt/blog/posts/12-block-markup/content.html");
            assertEquals(new String(drive.send("admin", "GET", drive.url("posts/12-block-markup/content.html"), Map.of(), null).body(), UTF_8),
                    Files.readString(content));
        } finally {
            Clients.run(dir, Map.of(), null, "umount", dir.resolve("mnt/blog").toString());
        }
    }

    private static void cadaverLists(String snippet, Path dir) throws Exception {
        Clients.Result session = ran(dir, Readme.forDrive(snippet, drive, dir), "ls posts/12-block-markup/\nquit\n");
        assertTrue(session.output().contains("content.html") && session.output().contains("title.txt"), session.output());
    }

    private static void rcloneCopies(String snippet, Path dir) throws Exception {
        ran(dir, Readme.forDrive(snippet, drive, dir), null);
        assertEquals(drive.send("admin", "GET", drive.url("posts/12-block-markup/content.html"), Map.of(), null).text(),
                Files.readString(dir.resolve("blog/posts/12-block-markup/content.html")));
        assertTrue(Files.size(dir.resolve("blog/media/2024/05/sunset.jpg")) > 0);
    }

    private static void dockerLinesMatchTheImage(String snippet, Path dir) throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String run = firstLine(snippet, "docker run");
        Matcher publish = Pattern.compile("-p (\\d+):(\\d+)").matcher(run);
        assertTrue(publish.find(), run);
        assertTrue(dockerfile.contains("EXPOSE " + publish.group(2)), "the image listens where docker run publishes");
        Matcher volume = Pattern.compile("-v [\\w-]+:(\\S+)").matcher(run);
        assertTrue(volume.find(), run);
        assertTrue(dockerfile.contains("VOLUME " + volume.group(1)), "the volume is the image's data directory");
        Matcher variable = Pattern.compile("-e (PRESSDAV_\\w+)=").matcher(run);
        Set<String> settings = Stream.of(Setting.values()).map(Setting::environmentVariable).collect(Collectors.toSet());
        while (variable.find()) {
            assertTrue(settings.contains(variable.group(1)), variable.group(1));
        }
        String imageTest = Files.readString(ROOT.resolve("scripts/image-test"));
        assertTrue(imageTest.contains("podman build") && imageTest.contains("Dockerfile"), "scripts/image-test builds this Dockerfile");
    }

    private static void theJarServes(String snippet, Path dir) throws Exception {
        assertTrue(Files.exists(ROOT.resolve("target/pressdav.jar")), "mvn -B package made target/pressdav.jar");
        String java = Readme.forDrive(firstLine(snippet, "java -jar"), drive, dir);
        try (Background started = Background.start(dir, java)) {
            Clients.Result listed = started.untilUp(() -> Clients.run(dir, Map.of(), null, "curl", "-sS", "-u",
                    bed.login("admin") + ":" + bed.applicationPassword("admin"), "-X", "PROPFIND", "-H", "Depth: 1",
                    "http://127.0.0.1:" + Setting.PORT.defaultValue() + "/"));
            assertTrue(listed.output().contains("/posts/"), listed.output());
        }
    }

    /**
     * Each line (flags, then the environment's list) serves sites/: blog, the test bed, to its administrator; shop, an
     * address that answers nothing here, is not listed and holds nothing up.
     */
    private static void eachLineServesTheSites(String snippet, Path dir) throws Exception {
        for (String line : Readme.forDrive(snippet, drive, dir).lines().toList()) {
            try (Background started = Background.start(dir, line)) {
                Clients.Result listed = started.untilUp(() -> Clients.run(dir, Map.of(), null, "curl", "-sS", "-u",
                        bed.login("admin") + ":" + bed.applicationPassword("admin"), "-X", "PROPFIND", "-H", "Depth: 1",
                        "http://127.0.0.1:" + Setting.PORT.defaultValue() + "/sites/"));
                assertTrue(listed.output().contains("/sites/blog/") && !listed.output().contains("/sites/shop/"), line + "\n" + listed.output());
            }
        }
    }

    private static void healthAndMetricsAnswer(String snippet, Path dir) throws Exception {
        String output = ran(dir, Readme.forDrive(snippet, drive, dir), null).output();
        assertTrue(output.contains("{\"status\":\"up\"}") && output.contains("{\"status\":\"ready\"}"), output);
        assertTrue(output.contains("pressdav_requests_total"), output);
    }

    private static void httpsServesTheSelfSignedPair(String snippet, Path dir) throws Exception {
        ran(dir, firstLine(snippet, "openssl req"), null);
        String java = Readme.forDrive(firstLine(snippet, "java -jar"), drive, dir);
        Matcher port = Pattern.compile("--https-port (\\d+)").matcher(java);
        assertTrue(port.find(), java);
        try (Background started = Background.start(dir, java)) {
            String https = "https://pressdav.local:" + port.group(1);
            Clients.Result listed = started.untilUp(() -> Clients.run(dir, Map.of(), null, "curl", "-sS", "--cacert", "cert.pem",
                    "--resolve", "pressdav.local:" + port.group(1) + ":127.0.0.1", "-u", bed.login("admin") + ":" + bed.applicationPassword("admin"),
                    "-X", "PROPFIND", "-H", "Depth: 1", https + "/"));
            assertTrue(listed.output().contains("/posts/"), "served over HTTPS with the self-signed pair:\n" + listed.output());
            Clients.Result plain = Clients.run(dir, Map.of(), null, "curl", "-sS", "http://127.0.0.1:" + Setting.PORT.defaultValue() + "/health");
            assertTrue(plain.exitCode() != 0, "--plain-http false: nothing on the plain port\n" + plain.output());
        }
    }

    private static void litmusRunsIt(String snippet) throws IOException {
        String litmusIt = Files.readString(ROOT.resolve("src/test/java/org/pressdav/dav/LitmusIT.java"));
        assertTrue(litmusIt.contains("Readme.snippet(\"" + snippet.substring(0, 30)), "LitmusIT runs these lines as written");
    }

    /** The subcommand is one the test bed's script (scripts/wordpress or scripts/network) has, with each argument named. */
    private static void testBedHasTheCommand(String command) throws IOException {
        String[] words = command.split("\\s+");
        String script = Files.readString(ROOT.resolve(words[0]));
        if (words.length > 1) {
            assertTrue(script.contains("\n  " + words[1] + ")") || script.contains("\n  " + words[1] + "|"), words[0] + " has the subcommand " + words[1]);
        }
        if (words.length > 2 && List.of("plugin", "seed", "stop", "start").contains(words[1])) {
            for (String argument : words[2].split("\\\\\\|")) {
                assertTrue(script.contains(argument + ")") || script.contains("= " + argument + " "), words[0] + " " + words[1] + " takes " + argument);
            }
        }
    }

    /** Each line's subcommand is one scripts/cluster has (an executable that parses), and ClusterIT brings the cluster up with it. */
    private static void clusterHasTheCommands(String commands) throws Exception {
        scriptRunsHere("scripts/cluster");
        String script = Files.readString(ROOT.resolve("scripts/cluster"));
        for (String line : commands.lines().toList()) {
            String[] words = line.strip().split("\\s+");
            // The script named alone (the README's prose) claims no subcommand.
            assertTrue(words.length < 2 || script.contains("\n  " + words[1] + ")"), "scripts/cluster has the subcommand in: " + line);
        }
        assertTrue(Files.readString(ROOT.resolve("src/test/java/org/pressdav/testbed/Cluster.java")).contains("scripts/cluster"),
                "ClusterIT runs the cluster through scripts/cluster");
    }

    private static void theClusterProfileIsValidated() throws IOException {
        assertTrue(Files.readString(ROOT.resolve("scripts/image-test")).contains("--profile cluster -f docker/compose.yaml"),
                "scripts/image-test validates the cluster profile");
    }

    private static void scriptRunsHere(String command) throws Exception {
        String[] words = command.split("\\s+");
        Path script = ROOT.resolve(words[0]);
        assertTrue(Files.isExecutable(script), words[0] + " is an executable of the repository");
        Clients.Result parsed = Clients.run(ROOT, Map.of(), null, "bash", "-n", script.toString());
        assertEquals(0, parsed.exitCode(), parsed.output());
        Set<String> flags = Stream.of(Setting.values()).map(Setting::flag).collect(Collectors.toSet());
        for (String word : words) {
            if (word.startsWith("--") && words[0].equals("scripts/run")) {
                assertTrue(flags.contains(word), "scripts/run passes " + word + " on to pressdav, which has it");
            }
        }
    }

    private static void composeFileBuilds(String command) throws IOException {
        Matcher file = Pattern.compile("-f (docker/\\S+\\.yaml)").matcher(command);
        assertTrue(file.find(), command);
        String compose = Files.readString(ROOT.resolve(file.group(1)));
        assertTrue(compose.contains("build:"), file.group(1) + " builds pressdav from this repository");
        assertTrue(Files.readString(ROOT.resolve("scripts/image-test")).contains(file.group(1).substring("docker/".length())),
                "scripts/image-test validates " + file.group(1) + " with docker-compose config");
    }

    private static void thePluginReadsTheOption(String command) throws IOException {
        String option = command.split("\\s+")[3];
        try (Stream<Path> php = Files.walk(ROOT.resolve("wordpress-plugin/pressdav"))) {
            assertTrue(php.filter(p -> p.toString().endsWith(".php")).anyMatch(p -> {
                try {
                    return Files.readString(p).contains("'" + option + "'");
                } catch (IOException e) {
                    return false;
                }
            }), "the companion plugin reads the option " + option);
        }
    }

    // ---- helpers ----

    private static String firstLine(String snippet, String start) {
        return snippet.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line " + start + " in\n" + snippet));
    }

    private static String value(String printed, String label) {
        return printed.lines().filter(l -> l.strip().startsWith(label)).findFirst().orElseThrow().strip().substring(label.length()).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A README command that serves until stopped: its output gathered, it and its children stopped at the end. */
    static final class Background implements AutoCloseable {
        private final Process process;
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();

        private Background(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try {
                    process.getInputStream().transferTo(outputStream());
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        private java.io.OutputStream outputStream() {
            return new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (output) {
                        output.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (output) {
                        output.write(b, off, len);
                    }
                }
            };
        }

        static Background start(Path dir, String command) throws IOException {
            return new Background(new ProcessBuilder("bash", "-ec", command).directory(dir.toFile()).redirectErrorStream(true).start());
        }

        String output() {
            synchronized (output) {
                return output.toString(UTF_8);
            }
        }

        /** What it printed once it printed {@code text}. */
        String waitFor(String text, int seconds) throws InterruptedException {
            for (int i = 0; i < seconds * 10; i++) {
                if (output().contains(text)) {
                    return output();
                }
                if (!process.isAlive()) {
                    fail("ended (" + process.exitValue() + ") before printing " + text + ":\n" + output());
                }
                Thread.sleep(100);
            }
            return fail("did not print " + text + " within " + seconds + " s:\n" + output());
        }

        interface Attempt {
            Clients.Result run() throws Exception;
        }

        /** The first answer of {@code attempt} that succeeds, within a minute of starting. */
        Clients.Result untilUp(Attempt attempt) throws Exception {
            Clients.Result last = null;
            for (int i = 0; i < 600; i++) {
                last = attempt.run();
                if (last.exitCode() == 0 && !last.output().isBlank()) {
                    return last;
                }
                if (!process.isAlive()) {
                    fail("ended (" + process.exitValue() + "):\n" + output());
                }
                Thread.sleep(100);
            }
            return fail("not serving within a minute: " + last.output() + "\n" + output());
        }

        @Override
        public void close() {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle one : all) {
                try {
                    one.onExit().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    one.destroyForcibly();
                    one.onExit().join();
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    one.destroyForcibly();
                    throw new AssertionError("could not stop " + one.pid(), e);
                }
            }
        }
    }
}
