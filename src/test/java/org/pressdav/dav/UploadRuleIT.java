package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;

/**
 * What an author uploads never runs or renders (issue 16, items 1, 2 and 10), on the real test bed
 * with the any-file option on: each name that WordPress would write as a script, a server
 * configuration or a document with script is tried as an author through every way a name reaches
 * WordPress's disk (PUT, COPY, MOVE of an attachment, MOVE of a temporary file to the name, the
 * browser form, a chunked upload), each is refused, the uploads folder holds no new file, and the
 * web server serves nothing under any name WordPress might have written (a PHP file there would
 * print 1337). Long names up to 255 bytes are stored and leave exactly one file.
 */
class UploadRuleIT extends WritingIT {
    private static final String PHP = "<?php echo 7*191; ?>";
    private static final String RAN = "1337";
    private static final char NBSP = '\u00A0';

    /** Issue 16, item 1: each became x.php on disk and ran. */
    static final List<String> CLEANED_TO_PHP = List.of("x.php-", "x.php_", "x.ph;p", "x.p'hp", "x.php#", "x.ph$p", "x.p(h)p", "x.php!", "x.php+",
            "x.pĥp", "x.php" + NBSP, "x.php’", "x.php[]", "x.ph=p", "x.php,");
    /** Runnable or server configuration however written, and (item 2) documents with script for a user without unfiltered_html. */
    static final List<String> OTHERS = List.of("X.PHP", "x.pHp5", "x.phtml", "x.phar", "x.php.jpg", "x.ｐｈｐ", ".htaccess", ".user.ini", "web.config",
            "e.html", "e.htm", "e.svg", "e.svgz", "e.xhtml", "e.xml", "e.xsl", "e.js");

    private static final OkHttpClient WEB = new OkHttpClient.Builder().followRedirects(false).build();
    private static String monthDir;

    @BeforeAll
    static void monthOnDisk() {
        monthDir = month.substring("media/".length(), month.length() - 1);
    }

    /** A folder of its own for each way in, so that every name is tried exactly as it is (the files would all land in the month's folder on disk). */
    private static String folder(String name) {
        String path = month + name + "/";
        drive.send("author", "MKCOL", drive.url(path), Map.of(), null);
        return path;
    }

    static Stream<String> allNames() {
        return Stream.concat(CLEANED_TO_PHP.stream(), OTHERS.stream());
    }

    @Test
    void aPutOfEachNameIsRefusedAndNothingRunsOrRenders() throws IOException {
        String into = folder("put");
        for (String name : allNames().toList()) {
            Set<String> before = onDisk();
            RunningDrive.Answer put = drive.sendBytes("author", "PUT", drive.url(into + name), Map.of(), body(name));
            assertEquals(415, put.status(), "PUT " + name + ": " + put.text());
            assertNothingStoredFor(name, before);
        }
    }

    @Test
    void aCopyToEachNameIsRefused() throws IOException {
        assertEquals(201, drive.sendBytes("author", "PUT", drive.url(month + "copy-source.txt"), Map.of(), PHP.getBytes(StandardCharsets.UTF_8)).status());
        String into = folder("copy");
        for (String name : allNames().toList()) {
            Set<String> before = onDisk();
            RunningDrive.Answer copy = drive.send("author", "COPY", drive.url(month + "copy-source.txt"), Map.of("Destination", drive.url(into + name)), null);
            assertEquals(415, copy.status(), "COPY to " + name + ": " + copy.text());
            assertNothingStoredFor(name, before);
        }
    }

    /** vim writes 4913 and renames it; davfs2 and rsync rename a temporary file to the name it should have. */
    @Test
    void aTemporaryFileMovedToEachNameIsRefused() throws IOException {
        String into = folder("move");
        for (String name : allNames().toList()) {
            assertEquals(201, drive.sendBytes("author", "PUT", drive.url(into + "4913"), Map.of(), body(name)).status());
            Set<String> before = onDisk();
            RunningDrive.Answer move = drive.send("author", "MOVE", drive.url(into + "4913"), Map.of("Destination", drive.url(into + name)), null);
            assertEquals(415, move.status(), "MOVE 4913 to " + name + ": " + move.text());
            assertNothingStoredFor(name, before);
            drive.send("author", "DELETE", drive.url(into + "4913"), Map.of(), null);
        }
    }

    /** Issue 16, item 16: MOVE renamed a file to x2.php on the drive where PUT and COPY of that name were refused. */
    @Test
    void anAttachmentIsNotRenamedToAnyOfTheNames() {
        assertEquals(201, drive.sendBytes("author", "PUT", drive.url(month + "rename-me.txt"), Map.of(), PHP.getBytes(StandardCharsets.UTF_8)).status());
        String into = folder("renamed");
        for (String name : Stream.concat(Stream.of("x2.php"), allNames()).toList()) {
            RunningDrive.Answer move = drive.send("author", "MOVE", drive.url(month + "rename-me.txt"), Map.of("Destination", drive.url(into + name)), null);
            assertEquals(415, move.status(), "MOVE to " + name + ": " + move.text());
            assertEquals(404, drive.send("author", "PROPFIND", drive.url(into + name), Map.of("Depth", "0"), null).status(), name);
        }
        assertEquals(207, drive.send("author", "PROPFIND", drive.url(month + "rename-me.txt"), Map.of("Depth", "0"), null).status(), "it kept its name");
    }

    /** A folder's move renames the drive paths of its files and writes nothing on disk, whatever the folder's new name. */
    @Test
    void aFolderMoveWritesNothingOnDisk() throws IOException {
        String from = folder("moving");
        assertEquals(201, drive.sendBytes("author", "PUT", drive.url(from + "inside.txt"), Map.of(), PHP.getBytes(StandardCharsets.UTF_8)).status());
        Set<String> before = onDisk();
        RunningDrive.Answer move = drive.send("author", "MOVE", drive.url(from), Map.of("Destination", drive.url(month + "x.php-/")), null);
        assertEquals(201, move.status(), move.text());
        assertEquals(before, onDisk(), "no file on disk moved or was made");
        assertEquals(PHP, drive.send("author", "GET", drive.url(month + "x.php-/inside.txt"), Map.of(), null).text());
        assertNothingStoredFor("x.php", before);
    }

    @Test
    void theBrowserFormRefusesEachName() throws IOException {
        String url = drive.url(folder("form"));
        String origin = url.substring(0, url.indexOf('/', "http://".length()));
        String login = okhttp3.Credentials.basic(bed.login("author"), bed.applicationPassword("author"), StandardCharsets.UTF_8);
        for (String name : allNames().toList()) {
            Set<String> before = onDisk();
            RequestBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                    .addFormDataPart("file", name, RequestBody.create(body(name), MediaType.get("application/octet-stream"))).build();
            try (Response posted = WEB.newCall(new Request.Builder().url(url).post(form).header("Authorization", login).header("Origin", origin).build()).execute()) {
                assertEquals(415, posted.code(), "form with " + name + ": " + posted.body().string());
            }
            assertNothingStoredFor(name, before);
        }
    }

    /** A file over the plugin's largest chunk (8 MB here) goes to WordPress in pieces: the name is refused before a piece is stored. */
    @Test
    void aChunkedUploadOfEachNameIsRefused() throws IOException {
        byte[] large = new byte[9 << 20];
        byte[] php = (PHP + "<?php __halt_compiler();").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(php, 0, large, 0, php.length);
        String into = folder("chunked");
        for (String name : List.of("x.php-", "x.pĥp", "x.php" + NBSP, "x.php.jpg", ".htaccess", "e.html", "e.svg")) {
            Set<String> before = onDisk();
            Set<String> piecesBefore = pieces();
            RunningDrive.Answer put = drive.sendBytes("author", "PUT", drive.url(into + name), Map.of(), large);
            assertEquals(415, put.status(), "chunked PUT " + name + ": " + put.text());
            assertNothingStoredFor(name, before);
            assertEquals(piecesBefore, pieces(), "no piece is left");
        }
    }

    /** Issue 16, item 10: 234-244 bytes answered 400 and left a file WordPress did not know; 249-255 answered 502. */
    @Test
    void namesUpTo255BytesAreStoredWithOneFileAndLongerOnesLeaveNothing() throws IOException {
        for (int bytes : new int[] {200, 234, 240, 244, 249, 255}) {
            String name = "日".repeat((bytes - 4) / 3) + "a".repeat((bytes - 4) % 3) + ".txt";
            assertEquals(bytes, name.getBytes(StandardCharsets.UTF_8).length);
            Set<String> before = onDisk();
            RunningDrive.Answer put = drive.sendBytes("author", "PUT", drive.url(month + name), Map.of(), ("long " + bytes).getBytes(StandardCharsets.UTF_8));
            assertEquals(201, put.status(), bytes + " bytes: " + put.text());
            assertEquals(("long " + bytes), drive.send("author", "GET", drive.url(month + name), Map.of(), null).text(), "read back under the name given");
            Set<String> added = new TreeSet<>(onDisk());
            added.removeAll(before);
            assertEquals(1, added.size(), bytes + " bytes: one file on disk, " + added);
            String file = added.iterator().next();
            assertEquals(("long " + bytes), web(file).body, "the web server serves it under the name WordPress wrote");
        }
        Set<String> before = onDisk();
        String tooLong = "a".repeat(252) + ".txt";
        assertEquals(400, drive.sendBytes("author", "PUT", drive.url(month + tooLong), Map.of(), "x".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(before, onDisk(), "a name over 255 bytes leaves nothing");
    }

    /** A type WordPress does not know (any-file) is stored for an author under .bin on disk: Apache gives it no type and browsers would sniff HTML. */
    @Test
    void aFileOfAnUnknownTypeIsNeverServedAsADocument() throws IOException {
        byte[] html = "<html><body><script>document.title='ran'</script></body></html>".getBytes(StandardCharsets.UTF_8);
        Set<String> before = onDisk();
        assertEquals(201, drive.sendBytes("author", "PUT", drive.url(month + "page.weird"), Map.of(), html).status());
        Set<String> added = new TreeSet<>(onDisk());
        added.removeAll(before);
        assertEquals(1, added.size(), added.toString());
        Served served = web(added.iterator().next());
        assertEquals(200, served.status);
        assertEquals("application/octet-stream", served.type, "served as a download, never left to be sniffed");
        assertEquals(new String(html, StandardCharsets.UTF_8), drive.send("author", "GET", drive.url(month + "page.weird"), Map.of(), null).text());
    }

    private static byte[] body(String name) {
        String text = name.startsWith("e.") ? "<html><svg xmlns='http://www.w3.org/2000/svg'><script>alert(document.domain)</script></svg></html>" : PHP;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Nothing new in the month's uploads folder, and every name WordPress might have written for it is not served. */
    private static void assertNothingStoredFor(String name, Set<String> before) throws IOException {
        Set<String> added = new TreeSet<>(onDisk());
        added.removeAll(before);
        assertEquals(Set.of(), added, name + ": nothing new on disk");
        for (String written : mightHaveWritten(name)) {
            Served served = web(written);
            assertFalse(served.body.contains(RAN), written + " ran as PHP");
            assertTrue(served.status == 404 || served.status == 403, written + " is served: " + served.status + " " + served.type);
        }
    }

    /** The names WordPress's sanitize_file_name could make of this one: the characters it strips gone, the ends trimmed, ĥ as h. */
    static List<String> mightHaveWritten(String name) {
        String cleaned = name.replace('ĥ', 'h').replace(NBSP, ' ').replaceAll("[\\[\\]=;,'\"&$#*()|~`!{}%+’«»”“?<>:\\\\/]", "")
                .replaceAll("[\\s-]+", "-").replaceAll("^[.\\-_]+|[.\\-_]+$", "");
        List<String> names = new ArrayList<>(List.of(name, cleaned, cleaned.toLowerCase(java.util.Locale.ROOT)));
        return names.stream().distinct().filter(n -> !n.isEmpty()).toList();
    }

    private record Served(int status, String type, String body) {
    }

    private static Served web(String fileName) throws IOException {
        HttpUrl url = bed.url().newBuilder().addPathSegments("wp-content/uploads/" + monthDir).addPathSegment(fileName).build();
        try (Response response = WEB.newCall(new Request.Builder().url(url).build()).execute()) {
            String type = response.header("Content-Type", "");
            return new Served(response.code(), type.replaceAll(";.*", ""), response.body().string());
        }
    }

    private static Set<String> onDisk() throws IOException {
        Path dir = bed.uploadsDir().resolve(monthDir);
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** The uploads under way in the pieces' folder (a folder each), not the files that keep it unserved. */
    private static Set<String> pieces() throws IOException {
        Path dir = bed.uploadsDir().getParent().resolve("pressdav-uploads");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> !f.equals(dir) && !f.getParent().equals(dir) || Files.isDirectory(f) && !f.equals(dir))
                    .map(Path::toString).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
