package org.pressdav.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for one test class: started on a free loopback port in a folder of
 * its own, with the append-only file on and nothing evicted (as {@code scripts/cluster} runs it),
 * and stopped by its PID. Where Debian's {@code redis-server} is missing the test is skipped and
 * says so ({@code scripts/test} installs it, so CI never skips).
 */
public final class RedisServer implements AutoCloseable {
    private static final String BINARY = "redis-server";

    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** A new server, running; the calling test is skipped (with the reason) where redis-server is not installed. */
    public static RedisServer start() {
        Assumptions.assumeTrue(installed(), "redis-server is not installed (apt-get install redis-server; scripts/test installs it): "
                + "the Redis backend's tests are skipped");
        try {
            RedisServer server = new RedisServer(Files.createTempDirectory("pressdav-redis"), freePort());
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, BINARY))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/bin", BINARY)) || Files.isExecutable(Path.of("/usr/sbin", BINARY));
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                "--maxmemory-policy", "noeviction", "--daemonize", "no", "--loglevel", "warning"));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server stopped at once: " + Files.readString(dir.resolve("redis.log")));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        throw new IllegalStateException("redis-server did not listen on port " + port + " within 10 s");
    }

    /** redis://127.0.0.1:port */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * The commands the server has run so far, as it counts them ({@code INFO commandstats}), leaving out
     * what is not a store's work: a client's keep-alive {@code PING}s and these questions themselves.
     */
    public long commands() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("INFO commandstats\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            String header = in.readLine();
            int length = Integer.parseInt(header.substring(1));
            char[] body = new char[length];
            for (int read = 0; read < length; ) {
                read += in.read(body, read, length - read);
            }
            long total = 0;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)").matcher(new String(body));
            while (m.find()) {
                if (!m.group(1).equals("ping") && !m.group(1).equals("info")) {
                    total += Long.parseLong(m.group(2));
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Watches every command clients send from now on ({@code MONITOR}) until closed: {@link Monitor#roundTrips}
     * counts what clients sent (a script is one, whatever it runs inside), keep-alive {@code PING}s left out.
     */
    public Monitor monitor() {
        return new Monitor(port);
    }

    /** The commands a {@code MONITOR} connection sees, read in a thread of their own. */
    public static final class Monitor implements AutoCloseable {
        private final Socket socket;
        private final java.util.List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;

        private Monitor(int port) {
            try {
                socket = new Socket("127.0.0.1", port);
                socket.getOutputStream().write("MONITOR\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8));
                if (!"+OK".equals(in.readLine())) {
                    throw new IllegalStateException("redis-server refused MONITOR");
                }
                reader = new Thread(() -> {
                    try {
                        for (String line; (line = in.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (IOException closed) {
                        // the monitor was closed
                    }
                });
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The commands clients sent since the monitor started, once none has arrived for a fifth of a second. */
        public long roundTrips() {
            int seen = -1;
            while (seen != lines.size()) {
                seen = lines.size();
                sleep(200);
            }
            synchronized (lines) {
                return lines.stream().filter(line -> !line.contains(" lua] ") && !line.contains("] \"PING\"") && !line.contains("] \"ping\"")).count();
            }
        }

        /** What was sent, for a failing test's message. */
        public java.util.List<String> commands() {
            synchronized (lines) {
                return lines.stream().filter(line -> !line.contains(" lua] ")).toList();
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a monitor that failed
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server as a crash would ({@code kill -9}): what the append-only file holds survives. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Freezes the server ({@code kill -STOP}): it keeps its connections and answers nothing, as a hung Redis does. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a frozen server go on ({@code kill -CONT}). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on the same port and folder: it reads its append-only file back. */
    public void restart() {
        if (process.isAlive()) {
            kill();
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitFor() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server by its PID and removes its folder. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
            if (process.isAlive()) {
                kill();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
