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
        try {
            String port = Files.readString(state.resolve("ports/stats")).strip();
            HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/;csv")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> lines = csv.body().lines().toList();
            List<String> columns = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
            Map<String, Long> sent = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",", -1);
                if (fields[0].equals("pressdav") && fields[1].matches("pressdav-\\d+")) { // the checked servers, not their backups
                    sent.put(fields[1], Long.parseLong(fields[columns.indexOf("lbtot")]));
                }
            }
            return sent;
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
