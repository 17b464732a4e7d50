package org.pressdav.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RedisServer;
import org.pressdav.ops.Metrics;
import org.pressdav.ops.Scrape;

/**
 * docker/grafana-dashboard.json asks only for metrics pressdav has: every metric its PromQL names is
 * in the scrape of a started pressdav, so renaming a meter turns this red instead of a panel blank.
 * Every selector filters by the dashboard's {@code $instance}, and the data source is a variable.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("docker/grafana-dashboard.json");
    /** A selector: a metric name and its braces. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}");
    @Test
    void everyMetricTheDashboardAsksForIsInAScrapeOfPressdav() throws Exception {
        Set<String> asked = new TreeSet<>(metricsOf(expressions()));
        Set<String> scraped;
        // With a Redis, as several instances run: its round trips and the write turns' waits are measured too.
        try (RedisServer redis = RedisServer.start(); MeteredDrive drive = new MeteredDrive("--redis-url", redis.url())) {
            drive.send("PROPFIND", "/posts/");
            drive.send("GET", "/health/ready");
            scraped = drive.scrape().names();
        }
        Set<String> missing = new TreeSet<>(asked);
        missing.removeAll(scraped);
        assertTrue(missing.isEmpty(), "the dashboard asks for metrics pressdav does not have: " + missing);
        assertTrue(asked.containsAll(Set.of("pressdav_redis_calls_total", "pressdav_write_turn_wait_seconds_bucket")), "the Redis panels are there: " + asked);
        assertTrue(asked.size() > 15, "the dashboard's metrics were found: " + asked);
    }

    @Test
    void everySelectorFiltersByTheInstanceAndNothingIsABareName() throws IOException {
        for (String expr : expressions()) {
            Matcher selector = SELECTOR.matcher(expr);
            int selectors = 0;
            while (selector.find()) {
                selectors++;
                assertTrue(selector.group(2).contains("instance=~\"$instance\""), selector.group() + " in " + expr);
            }
            assertTrue(selectors > 0, expr);
            // What is left once selectors, ranges, groupings and function names are gone: only numbers and operators.
            String rest = SELECTOR.matcher(expr).replaceAll("m").replaceAll("\\[[^]]*]", "").replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "")
                    .replaceAll("[a-zA-Z_]\\w*\\s*\\(", "(");
            assertFalse(rest.replace("m", "").matches("(?s).*[a-zA-Z_].*"), "a metric without the instance filter in " + expr + " (left: " + rest + ")");
        }
    }

    @Test
    void theDashboardImportsWithAPrometheusDataSourceOfTheUsersChoice() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Map<String, JsonNode> variables = new java.util.HashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertEquals("datasource", variables.get("datasource").path("type").asText());
        assertEquals("prometheus", variables.get("datasource").path("query").asText());
        assertTrue(variables.get("instance").path("definition").asText().contains("instance"), variables.get("instance").toString());
        for (JsonNode panel : dashboard.path("panels")) {
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
        }
    }

    private static List<String> expressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")
                .forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
        assertTrue(expressions.size() >= 12, "the panels' queries were found in " + DASHBOARD.toAbsolutePath());
        return expressions;
    }

    private static Set<String> metricsOf(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                names.add(selector.group(1));
            }
        }
        return names;
    }
}
