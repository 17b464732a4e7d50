package org.pressdav.testbed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real DAV clients the integration tests drive, Debian's own packages: how to run them and mount davfs2. */
public final class Clients {
    private Clients() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Runs a client program; its absence is a failure that says how to install it, never a skip. */
    public static Result run(Path dir, Map<String, String> env, String input, String... command) throws Exception {
        return run(Duration.ofSeconds(120), dir, env, input, command);
    }

    /** The same for a client given longer than two minutes (a walk of thousands of folders). */
    public static Result run(Duration limit, Path dir, Map<String, String> env, String input, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed: scripts/test installs cadaver, rclone, davfs2, rsync, litmus, chromium and openssl", e);
        }
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(UTF_8));
            }
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, UTF_8));
    }

    /** Mounts the drive with davfs2 as this role at {@code dir/mnt}; {@code options} is ro or rw. */
    public static Path mountDavfs(RunningDrive drive, String role, Path dir, String options) throws Exception {
        return mountDavfs(drive, role, dir, options, "");
    }

    /** The same, with more lines for davfs2.conf (for example {@code trust_server_cert /path/cert.pem}). */
    public static Path mountDavfs(RunningDrive drive, String role, Path dir, String options, String moreConf) throws Exception {
        return mountDavfs(drive.url(), drive.logins(), role, dir, options, moreConf);
    }

    /** Mounts a folder inside the drive ({@code sites/single/}) as this role at {@code dir/mnt}; {@code options} is ro or rw. */
    public static Path mountDavfs(RunningDrive drive, String folder, String role, Path dir, String options) throws Exception {
        return mountDavfs(drive.url(folder), drive.logins(), role, dir, options, "");
    }

    private static Path mountDavfs(String url, Logins logins, String role, Path dir, String options, String moreConf) throws Exception {
        Path mount = Files.createDirectory(dir.resolve("mnt"));
        Path secrets = dir.resolve("secrets");
        Files.writeString(secrets, url + " \"" + logins.login(role) + "\" \"" + logins.applicationPassword(role) + "\"\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        // buf_size 64: davfs2 1.6 cannot list folders on kernels from 6.16 on without it. Locks stay on, as by default.
        Path conf = dir.resolve("davfs2.conf");
        Files.writeString(conf, "buf_size 64\nsecrets " + secrets + "\n" + moreConf);
        Result mounted = run(dir, Map.of(), null, "mount", "-t", "davfs", "-o", options + ",conf=" + conf, url, mount.toString());
        assertEquals(0, mounted.exitCode(), mounted.output());
        return mount;
    }

    /**
     * Runs cadaver on the drive as this role with these commands (one a line), in {@code home}, which is its home too: the
     * login is in its {@code .netrc}, as cadaver reads it. What it gets lands in {@code home}.
     */
    public static Result cadaver(RunningDrive drive, String role, Path home, String commands) throws Exception {
        Path netrc = home.resolve(".netrc");
        Files.writeString(netrc, "machine " + okhttp3.HttpUrl.get(drive.url()).host() + "\nlogin " + drive.logins().login(role)
                + "\npassword " + drive.logins().applicationPassword(role) + "\n");
        Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
        return run(home, Map.of("HOME", home.toString()), commands, "cadaver", drive.url());
    }

    /** rclone's flags for the drive as this role (rclone wants the password obscured). */
    public static List<String> rcloneRemote(RunningDrive drive, String role, Path dir) throws Exception {
        String obscured = run(dir, Map.of(), null, "rclone", "obscure", drive.logins().applicationPassword(role)).output().strip();
        return List.of("--config", "/dev/null", "--webdav-url", drive.url(), "--webdav-user", drive.logins().login(role),
                "--webdav-pass", obscured, "--webdav-vendor", "other");
    }
}
