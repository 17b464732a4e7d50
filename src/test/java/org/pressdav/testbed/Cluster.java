package org.pressdav.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Several pressdav instances behind HAProxy in front of the test bed's WordPress, as
 * {@code scripts/cluster} starts them (Redis, three instances of this build's jar, HAProxy in round
 * robin), with their state in a folder of the test; {@link #close()} stops exactly what it started.
 */
public final class Cluster implements AutoCloseable {
    private static final Path SCRIPT = Readme.ROOT.resolve("scripts/cluster");

    private final Path state;
    private final String url;

    private Cluster(Path state, String url) {
        this.state = state;
        this.url = url;
    }

    /** Starts the cluster with its state in {@code state}; fails (with the script's words) when it does not come up. */
    public static Cluster up(Path state) {
        script("up", "--state", state.toString());
        try {
            return new Cluster(state, Files.readString(state.resolve("url")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The balancer's URL, ending in a slash. */
    public String url() {
        return url;
    }

    /** The shell command that starts every instance again on an empty data directory and an empty Redis. */
    public String renewCommand() {
        return "'" + SCRIPT + "' renew --state '" + state + "'";
    }

    /** How many requests HAProxy sent each instance so far, by its name ({@code pressdav-1}: 120). */
    public Map<String, Long> requestsSent() {
        return column("lbtot", Long::parseLong);
    }

    /** HAProxy's view of each instance now, by its name ({@code pressdav-1}: {@code UP}). */
    public Map<String, String> states() {
        return column("status", status -> status);
    }

    /** Waits (a minute at most) until HAProxy sends requests to every instance: one just started, or slow to answer its checks, may be out for a while. */
    public void awaitEveryInstanceUp(int instances) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Map<String, String> states = states();
        while (states.values().stream().filter("UP"::equals).count() < instances && System.nanoTime() < deadline) {
            Thread.sleep(200);
            states = states();
        }
        if (states.values().stream().filter("UP"::equals).count() < instances) {
            throw new IllegalStateException("HAProxy does not see " + instances + " instances up within a minute: " + states);
        }
    }

    /** One column of HAProxy's statistics for each checked instance (not its unchecked backup). */
    private <T> Map<String, T> column(String name, java.util.function.Function<String, T> value) {
        try {
            String port = Files.readString(state.resolve("ports/stats")).strip();
            HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/;csv")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> lines = csv.body().lines().toList();
            List<String> columns = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
            Map<String, T> found = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",", -1);
                if (fields[0].equals("pressdav") && fields[1].matches("pressdav-\\d+")) {
                    found.put(fields[1], value.apply(fields[columns.indexOf(name)]));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One instance's own URL, past the balancer ({@code n} from 1). */
    public String instanceUrl(int n) {
        try {
            return "http://127.0.0.1:" + Files.readString(state.resolve("ports/pressdav-" + n)).strip() + "/";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops one instance as a crash would ({@code kill -9}). */
    public void kill(int n) {
        script("kill", Integer.toString(n), "--state", state.toString());
    }

    @Override
    public void close() {
        script("down", "--state", state.toString());
    }

    private static void script(String... args) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/cluster " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
