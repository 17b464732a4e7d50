package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;

/** Files dropped into media/: Explorer's and Finder's request sequences, rclone, and the refusals. */
class MediaUploadIT extends WritingIT {
    private static final String WIN32 = "urn:schemas-microsoft-com:";



    static byte[] png(int seed) throws IOException {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static List<Media> attachmentsNamed(String prefix) {
        return wordpress.list(admin, Endpoint.MEDIA, ListQuery.all()).items().stream()
                .filter(m -> m.sourceUrl().substring(m.sourceUrl().lastIndexOf('/') + 1).startsWith(prefix)).toList();
    }

    private static byte[] downloaded(Media media) throws IOException {
        try (MediaContent content = wordpress.download(admin, media, null)) {
            return content.body().readAllBytes();
        }
    }

    private static String win32(String lastModified) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\" ?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"" + WIN32 + "\"><D:set><D:prop>"
                + "<Z:Win32CreationTime>Thu, 09 Oct 2025 17:54:43 GMT</Z:Win32CreationTime>"
                + "<Z:Win32LastAccessTime>Thu, 09 Oct 2025 17:54:43 GMT</Z:Win32LastAccessTime>"
                + "<Z:Win32LastModifiedTime>" + lastModified + "</Z:Win32LastModifiedTime>"
                + "<Z:Win32FileAttributes>00000020</Z:Win32FileAttributes></D:prop></D:set></D:propertyupdate>";
    }

    @Test
    void explorerCopiesAFileIn() throws IOException {
        String url = drive.url(month + "explorer-photo.png");
        byte[] bytes = png(1);
        assertEquals(404, drive.send("editor", "PROPFIND", url, Map.of("Depth", "0"), null).status());
        assertEquals(201, drive.sendBytes("editor", "PUT", url, Map.of(), new byte[0]).status());
        RunningDrive.Answer patched = drive.send("editor", "PROPPATCH", url, Map.of(), win32("Thu, 09 Oct 2025 17:54:43 GMT"));
        assertEquals(207, patched.status());
        assertTrue(patched.text().contains(" xmlns:a=\"" + WIN32 + "\">") && patched.text().contains("<a:Win32FileAttributes/>")
                && patched.text().contains("200 OK"), patched.text());
        assertFalse(patched.text().contains("403") || patched.text().contains("424"), patched.text());
        RunningDrive.Answer head = drive.send("editor", "HEAD", url, Map.of(), null);
        assertEquals(200, head.status());
        assertEquals("0", head.header("Content-Length"));
        assertEquals(201, drive.sendBytes("editor", "PUT", url, Map.of("Content-Type", "image/png"), bytes).status());
        assertEquals(207, drive.send("editor", "PROPPATCH", url, Map.of(), win32("Fri, 10 Oct 2025 08:00:00 GMT")).status());

        RunningDrive.Answer props = drive.send("editor", "PROPFIND", url, Map.of("Depth", "0"), "<?xml version=\"1.0\"?>"
                + "<D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"" + WIN32 + "\"><D:prop><D:getcontentlength/><Z:Win32LastModifiedTime/></D:prop></D:propfind>");
        assertTrue(props.text().contains("<D:getcontentlength>" + bytes.length + "</D:getcontentlength>"), props.text());
        assertTrue(props.text().contains("<a:Win32LastModifiedTime>Fri, 10 Oct 2025 08:00:00 GMT</a:Win32LastModifiedTime>"), props.text());

        List<Media> uploaded = attachmentsNamed("explorer-photo");
        assertEquals(1, uploaded.size(), "one attachment, not one per PUT");
        assertArrayEquals(bytes, downloaded(uploaded.get(0)));
    }

    @Test
    void finderCopiesAFileInWithAChunkedBodyAndAppleDouble() throws IOException {
        String name = "finder-photo.png";
        String url = drive.url(month + name);
        byte[] bytes = png(2);
        assertEquals(404, drive.send("admin", "PROPFIND", url, Map.of("Depth", "0"), null).status());
        assertEquals(201, drive.sendBytes("admin", "PUT", url, Map.of(), new byte[0]).status());
        assertEquals(404, drive.send("admin", "PROPFIND", drive.url(month + "._" + name), Map.of("Depth", "0"), null).status());
        assertEquals(0, drive.send("admin", "GET", url, Map.of(), null).body().length);
        RunningDrive.Answer put = drive.putChunked("admin", url, Map.of("X-Expected-Entity-Length", String.valueOf(bytes.length)), bytes);
        assertEquals(201, put.status(), put.text());
        assertTrue(put.header("ETag").startsWith("\""));
        assertEquals(201, drive.putChunked("admin", drive.url(month + "._" + name), Map.of(), new byte[4096]).status());
        assertEquals(201, drive.sendBytes("admin", "PUT", drive.url(month + ".DS_Store"), Map.of(), new byte[] {0, 0, 0, 1}).status());

        String listing = drive.send("admin", "PROPFIND", drive.url(month), Map.of("Depth", "1"), null).text();
        assertTrue(listing.contains(name + "</D:href>") && listing.contains("._" + name + "</D:href>"), listing);
        List<Media> uploaded = attachmentsNamed("finder-photo");
        assertEquals(1, uploaded.size());
        assertArrayEquals(bytes, downloaded(uploaded.get(0)));
        assertTrue(attachmentsNamed("._").isEmpty() && attachmentsNamed(".DS_Store").isEmpty(), "AppleDouble never reaches WordPress");
    }

    @Test
    void anyContentTypeIsTheFilesBytesNeverAForm() throws IOException {
        byte[] bytes = png(3);
        RunningDrive.Answer put = drive.sendBytes("admin", "PUT", drive.url(month + "form-typed.png"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), bytes);
        assertEquals(201, put.status(), put.text());
        assertArrayEquals(bytes, downloaded(attachmentsNamed("form-typed").get(0)));
    }

    /**
     * What core REST cannot do: refused with the reason where the companion plugin is not active
     * (scripts/test runs this class both ways), done where it is. The same requests either way.
     */
    @Test
    void whatCoreRestCannotDoNeedsTheCompanionPlugin() throws IOException {
        boolean plugin = wordpress.index(org.pressdav.wordpress.Credentials.ANONYMOUS).hasCompanionPlugin();
        RunningDrive.Answer otherMonth = drive.sendBytes("admin", "PUT", drive.url("media/2024/05/old.png"), Map.of(), png(4));
        String existing = "media/" + bed.manifest().at("/media/png/file").asText();
        RunningDrive.Answer replace = drive.sendBytes("admin", "PUT", drive.url(existing), Map.of(), png(5));
        RunningDrive.Answer rename = drive.send("admin", "MOVE", drive.url(existing), Map.of("Destination", drive.url("media/2024/05/hero.png")), null);
        RunningDrive.Answer folder = drive.send("admin", "MKCOL", drive.url("media/Made here/"), Map.of(), null);
        if (plugin) {
            assertEquals(201, otherMonth.status(), otherMonth.text());
            assertEquals(204, replace.status(), replace.text());
            assertEquals(201, rename.status(), rename.text());
            assertEquals(201, folder.status(), folder.text());
        } else {
            for (RunningDrive.Answer refused : List.of(otherMonth, replace, rename, folder)) {
                assertEquals(403, refused.status(), refused.text());
                assertTrue(refused.text().contains("companion plugin"), refused.text());
            }
            assertTrue(otherMonth.text().contains(month), otherMonth.text());
        }

        assertEquals(409, drive.sendBytes("admin", "PUT", drive.url("media/1999/01/x.png"), Map.of(), png(6)).status());
        int before = wordpress.list(admin, Endpoint.MEDIA, ListQuery.all()).items().size();
        RunningDrive.Answer subscriber = drive.sendBytes("subscriber", "PUT", drive.url(month + "sub.png"), Map.of(), png(7));
        assertEquals(403, subscriber.status(), subscriber.text());
        assertEquals(before, wordpress.list(admin, Endpoint.MEDIA, ListQuery.all()).items().size());
    }

    @Test
    void rcloneCopiesAFolderOfImagesIn(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectory(dir.resolve("images"));
        for (int i = 0; i < 3; i++) {
            Files.write(images.resolve("rclone-" + i + ".png"), png(10 + i));
        }
        Process obscure = new ProcessBuilder("rclone", "obscure", bed.applicationPassword("admin")).redirectErrorStream(true).start();
        String obscured = new String(obscure.getInputStream().readAllBytes()).strip();
        Process copy = new ProcessBuilder("rclone", "copy", images.toString(), ":webdav:" + month, "--config", "/dev/null",
                "--webdav-url", drive.url(), "--webdav-user", "admin", "--webdav-pass", obscured, "--webdav-vendor", "other")
                .redirectErrorStream(true).start();
        String output = new String(copy.getInputStream().readAllBytes());
        assertTrue(copy.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, copy.exitValue(), output);
        for (int i = 0; i < 3; i++) {
            List<Media> uploaded = attachmentsNamed("rclone-" + i);
            assertEquals(1, uploaded.size(), "rclone-" + i);
            assertArrayEquals(Files.readAllBytes(images.resolve("rclone-" + i + ".png")), downloaded(uploaded.get(0)));
        }
    }
}
