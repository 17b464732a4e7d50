package org.pressdav.testbed;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the test bed's scripts ({@code scripts/wordpress}, {@code scripts/network}) and fails when it does, with
 * what it said: its output goes to the test's report (System.out), not past it to the forked JVM's own stream.
 */
final class Scripts {
    private Scripts() {
    }

    /** Where the project is checked out: Maven's basedir, or where the JVM was started. */
    static Path projectDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    static void run(Path script, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        String named = "scripts/" + script.getFileName() + " " + String.join(" ", args);
        File said = null;
        try {
            said = File.createTempFile("pressdav-script", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(said).start();
            boolean done = process.waitFor(5, TimeUnit.MINUTES);
            String output = new String(Files.readAllBytes(said.toPath()), StandardCharsets.UTF_8); // whatever bytes it wrote
            System.out.print(output);
            if (!done || process.exitValue() != 0) {
                process.descendants().forEach(ProcessHandle::destroyForcibly); // what it still waits on (php, curl): not left running
                process.destroyForcibly();
                throw new IllegalStateException(named + (done ? " failed: " : " did not finish: ")
                        + output.substring(Math.max(0, output.length() - 2000)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (said != null) {
                said.delete();
            }
        }
    }
}
