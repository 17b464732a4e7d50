package org.pressdav.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, the Compose file, the sample config file and the README name the same settings,
 * ports and paths as the code's one table of settings ({@link Setting}).
 */
class ShippingFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "."));
    private static final Pattern VARIABLE = Pattern.compile("PRESSDAV_[A-Z_]+");

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    private static Set<String> variables(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static final Set<String> KNOWN = Stream.of(Setting.values()).map(Setting::environmentVariable).collect(Collectors.toSet());

    @Test
    void everyVariableTheImageAndComposeSetIsASetting() throws IOException {
        for (String file : new String[] {"Dockerfile", "docker/compose.yaml"}) {
            Set<String> unknown = new TreeSet<>(variables(read(file)));
            unknown.removeAll(KNOWN);
            assertTrue(unknown.isEmpty(), file + " names settings pressdav does not have: " + unknown);
        }
    }

    @Test
    void theImagePortVolumeAndComposeAgree() throws IOException {
        String dockerfile = read("Dockerfile");
        String port = match(dockerfile, "PRESSDAV_PORT=(\\d+)");
        assertEquals(Setting.PORT.defaultValue(), port, "the image listens where pressdav does by default");
        assertEquals(port, match(dockerfile, "EXPOSE (\\d+)"));
        assertEquals(match(dockerfile, "PRESSDAV_DATA_DIR=(\\S+)"), match(dockerfile, "VOLUME (\\S+)"), "the data directory is the volume");
        String compose = read("docker/compose.yaml");
        assertTrue(compose.contains(":" + port + "\""), "Compose publishes the image's port");
        assertTrue(compose.contains("pressdav:" + match(dockerfile, "VOLUME (\\S+)")), "Compose keeps the data directory in a named volume");
        assertTrue(read("docker/.env.example").contains("PRESSDAV_PORT=" + port));
    }

    @Test
    void theSampleConfigAndTheReadmeNameEverySetting() throws IOException {
        Properties sample = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve("config/pressdav.properties"))) {
            sample.load(in);
        }
        String readme = read("README.md");
        for (Setting setting : Setting.values()) {
            if (setting != Setting.WORDPRESS_URL) {
                assertTrue(sample.containsKey(setting.key()), "config/pressdav.properties lacks " + setting.key());
            }
            assertTrue(readme.contains("`" + setting.flag() + "`") || readme.contains("`" + setting.flag() + "`,"),
                    "the README's table lacks " + setting.flag());
            assertTrue(readme.contains(setting.environmentVariable()), "the README lacks " + setting.environmentVariable());
        }
        Set<String> unknown = new TreeSet<>(variables(readme));
        unknown.removeAll(KNOWN);
        unknown.remove("PRESSDAV_TESTBED_DIR");
        unknown.remove("PRESSDAV_WP_PORT");
        unknown.remove("PRESSDAV_CONFIG");
        unknown.remove("PRESSDAV_IMAGE_WORK");
        unknown.remove("PRESSDAV_CLUSTER_DIR"); // scripts/cluster's state folder
        // scripts/network's state folder and ports (the test bed's second WordPress)
        unknown.removeAll(Set.of("PRESSDAV_NETWORK_DIR", "PRESSDAV_NETWORK_PORT", "PRESSDAV_SINGLE_PORT"));
        assertTrue(unknown.isEmpty(), "the README names settings pressdav does not have: " + unknown);
    }

    /** The README's table of settings gives each flag its variable and the default the code has. */
    @Test
    void theReadmesSettingsTableIsTheCodes() throws IOException {
        Pattern row = Pattern.compile("(?m)^\\| (`--[^|]+) \\| (`PRESSDAV_[^|]+) \\| ([^|]+) \\| [^|]+ \\|$");
        Matcher m = row.matcher(read("README.md"));
        Set<Setting> described = new TreeSet<>();
        while (m.find()) {
            String[] flags = m.group(1).replace("`", "").split(", ");
            String[] variables = m.group(2).replace("`", "").split(", ");
            String[] defaults = m.group(3).strip().split(", ");
            for (int i = 0; i < flags.length; i++) {
                String flag = flags[i].strip();
                Setting setting = Stream.of(Setting.values()).filter(s -> s.flag().equals(flag)).findFirst()
                        .orElseThrow(() -> new AssertionError("the README's table names " + flag + ", which pressdav does not have"));
                assertEquals(setting.environmentVariable(), variables[i].strip(), setting.flag());
                String shown = defaults[Math.min(i, defaults.length - 1)].replace("`", "").strip();
                String expected = setting.defaultValue() == null ? "(required)" : setting.defaultValue().isEmpty() ? "(none)" : setting.defaultValue();
                assertEquals(expected, shown, "the README's default of " + setting.flag());
                described.add(setting);
            }
        }
        assertEquals(Set.of(Setting.values()), described, "the README's table has a row for every setting");
    }

    /** The services of docker/compose.yaml, each with its lines: a service starts at a two-space indented name. */
    private static Map<String, String> composeServices() throws IOException {
        Map<String, String> services = new LinkedHashMap<>();
        String section = read("docker/compose.yaml").split("(?m)^services:\\n", 2)[1].split("(?m)^volumes:", 2)[0];
        Matcher m = Pattern.compile("(?m)^  ([a-z0-9-]+):(?: &\\S+)?\\n((?:(?:    .*)?\\n)*)").matcher(section);
        while (m.find()) {
            services.put(m.group(1), m.group(2));
        }
        return services;
    }

    /**
     * The cluster profile adds Redis, replicas and HAProxy and changes nothing without it; HAProxy's
     * config (also scripts/cluster's) balances round robin without stickiness over exactly the
     * replicas, on the image's port, and checks the readiness pressdav serves.
     */
    @Test
    void theClusterProfileIsOptionalAndHaproxyBalancesItsReplicas() throws IOException {
        Map<String, String> services = composeServices();
        Set<String> always = new TreeSet<>();
        Set<String> replicas = new TreeSet<>();
        services.forEach((name, lines) -> {
            if (!lines.contains("profiles: [cluster]")) {
                always.add(name);
            } else if (name.startsWith("pressdav-")) {
                replicas.add(name);
            }
        });
        assertEquals(Set.of("db", "wordpress", "setup", "pressdav"), always, "without --profile cluster Compose starts what it always did");
        assertTrue(services.keySet().containsAll(Set.of("redis", "balancer")), services.keySet().toString());
        assertTrue(services.get("redis").contains("--appendonly\", \"yes") && services.get("redis").contains("--appendfsync\", \"always")
                && services.get("redis").contains("noeviction"), services.get("redis"));
        String first = services.get(replicas.iterator().next());
        assertTrue(first.contains("PRESSDAV_REDIS_URL: redis://redis:6379"), first);
        assertTrue(first.contains("- pressdav-shared:/var/lib/pressdav"), "the replicas share one data volume where the image keeps its data");
        for (String replica : replicas) {
            assertTrue(replica.equals(replicas.iterator().next()) || services.get(replica).contains("<<: *replica"), replica + " is the first replica again");
        }
        assertTrue(services.get("balancer").contains("./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg"), services.get("balancer"));

        String haproxy = read("docker/haproxy.cfg");
        String port = match(read("Dockerfile"), "PRESSDAV_PORT=(\\d+)");
        Set<String> servers = new TreeSet<>();
        Set<String> backups = new TreeSet<>();
        Matcher server = Pattern.compile("(?m)^\\s*server (\\S+) (\\S+):(\\d+)(.*)$").matcher(haproxy);
        while (server.find()) {
            boolean backup = server.group(4).strip().equals("backup no-check");
            assertEquals(backup ? server.group(2) + "-reads" : server.group(2), server.group(1), "a server is reached by its service's name");
            assertEquals(port, server.group(3), "the image's port");
            (backup ? backups : servers).add(server.group(2));
        }
        assertEquals(replicas, servers, "HAProxy balances exactly the replicas");
        assertEquals(replicas, backups, "and, when none is ready (Redis stopped), the same replicas unchecked, so reads go on");
        assertTrue(haproxy.contains("option allbackups"));
        assertTrue(haproxy.contains("\n  bind :" + port + "\n") && services.get("balancer").contains(":" + port + "\""), "the balancer listens where Compose publishes it");
        assertTrue(haproxy.contains("balance roundrobin"));
        assertTrue(!haproxy.matches("(?s).*\\n\\s*(cookie|stick|hash-type|balance (?!roundrobin)).*"), "no stickiness: correctness must not depend on it");
        assertTrue(haproxy.contains("option httpchk GET " + org.pressdav.ops.OperationsServlet.READY + "\n"), "health checks on readiness");
        assertTrue(haproxy.contains("option forwardfor"));
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    /** The README's commands stay runnable: its scripts and files exist, and pressdav's flags in its java lines are settings. */
    @Test
    void theReadmesCommandsNameWhatExists() throws IOException {
        String readme = read("README.md");
        Matcher files = Pattern.compile("\\b((?:scripts|bench|docker|config|wordpress-plugin|\\.ci)/[\\w./-]*\\w)").matcher(readme);
        Set<String> missing = new TreeSet<>();
        while (files.find()) {
            if (!Files.exists(ROOT.resolve(files.group(1))) && !files.group(1).contains("<")) {
                missing.add(files.group(1));
            }
        }
        missing.removeIf(path -> path.startsWith("bench/work") || path.equals("docker/.env"));
        assertTrue(missing.isEmpty(), "the README names files that are not there: " + missing);
        Set<String> flags = Stream.of(Setting.values()).map(Setting::flag).collect(Collectors.toSet());
        flags.addAll(Set.of("--config", "--help"));
        Matcher java = Pattern.compile("java (?:-\\S+ )*-jar target/pressdav\\.jar[^\\n]*").matcher(readme);
        int lines = 0;
        while (java.find()) {
            lines++;
            Matcher flag = Pattern.compile("(--[a-z-]+)").matcher(java.group());
            while (flag.find()) {
                assertTrue(flags.contains(flag.group(1)), "README: " + java.group() + " uses " + flag.group(1) + ", which pressdav does not have");
            }
        }
        assertTrue(lines >= 2, "the README shows how to run the jar");
    }
}
