package org.pressdav.dav;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.dav.Names;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.Clients.Result;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.Term;
import org.pressdav.wordpress.User;

/**
 * The drive through the clients people use, Debian's own packages: cadaver, rclone and a davfs2
 * mount. What they get is checked against WordPress itself (REST, and the uploads on disk).
 */
class ClientsIT extends WritingIT {



    @Test
    void cadaverListsAndGets(@TempDir Path home) throws Exception {
        String folder = "posts/" + bed.id("posts", "crlf") + "-windows-line-endings";
        String script = "ls\ncd " + folder + "\nls\nget content.html\nquit\n";

        Result result = Clients.cadaver(drive, "admin", home, script);

        assertTrue(result.output().contains("Coll:   posts"), result.output());
        assertTrue(result.output().contains("content.html") && result.output().contains("succeeded"), result.output());
        assertArrayEquals(seedContent("crlf"), Files.readAllBytes(home.resolve("content.html")));
    }

    @Test
    void rcloneCopiesTheWholeTreeAndEveryFileMatchesWordPress(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("copy");
        String obscured = run(dir, Map.of(), null, "rclone", "obscure", bed.applicationPassword("admin")).output().strip();
        Result result = run(dir, Map.of(), null, "rclone", "copy", ":webdav:", copy.toString(), "--config", "/dev/null",
                "--webdav-url", drive.url(), "--webdav-user", "admin", "--webdav-pass", obscured, "--webdav-vendor", "other");
        assertEquals(0, result.exitCode(), result.output());

        Map<String, Path> postFolders = new java.util.HashMap<>();
        try (Stream<Path> folders = Files.list(copy.resolve("posts"))) {
            for (Path folder : folders.toList()) {
                postFolders.put(Files.readString(folder.resolve("id.txt")), folder);
            }
        }
        int checked = 0;
        for (Post post : wordpress.list(admin, Endpoint.POSTS, org.pressdav.wordpress.ListQuery.all()
                .withContext(Context.EDIT).with("status", "any")).items()) {
            Path folder = postFolders.get(String.valueOf(post.id()));
            assertTrue(folder != null, "rclone copied no folder for post " + post.id());
            assertArrayEquals(post.content().raw().getBytes(UTF_8), Files.readAllBytes(folder.resolve("content.html")), "post " + post.id());
            assertArrayEquals(post.title().raw().getBytes(UTF_8), Files.readAllBytes(folder.resolve("title.txt")), "post " + post.id());
            assertEquals(post.status(), Files.readString(folder.resolve("status.txt")), "post " + post.id());
            checked++;
        }
        Endpoint<Post> books = Endpoint.ofPostType("wp/v2", "books", "book");
        Map<String, Path> bookFolders = new java.util.HashMap<>();
        try (Stream<Path> folders = Files.list(copy.resolve("books"))) {
            for (Path folder : folders.toList()) {
                bookFolders.put(Files.readString(folder.resolve("id.txt")), folder);
            }
        }
        for (Post book : wordpress.list(admin, books, org.pressdav.wordpress.ListQuery.all().withContext(Context.EDIT).with("status", "any")).items()) {
            Path folder = bookFolders.get(String.valueOf(book.id()));
            assertTrue(folder != null, "rclone copied no folder for book " + book.id());
            assertArrayEquals(book.content().raw().getBytes(UTF_8), Files.readAllBytes(folder.resolve("content.html")), "book " + book.id());
            assertEquals(book.meta().path("isbn").asText(), Files.readString(folder.resolve("meta").resolve("isbn.txt")), "book " + book.id());
            checked++;
        }
        for (Term genre : wordpress.list(admin, Endpoint.ofTaxonomy("wp/v2", "genres", "genre"), org.pressdav.wordpress.ListQuery.all()).items()) {
            assertEquals(genre.name(), Files.readString(copy.resolve("genres").resolve(Names.slug(genre.slug())).resolve("name.txt")));
            checked++;
        }
        for (Term tag : wordpress.list(admin, Endpoint.TAGS, org.pressdav.wordpress.ListQuery.all()).items()) {
            assertEquals(tag.name(), Files.readString(copy.resolve("tags").resolve(Names.slug(tag.slug())).resolve("name.txt")));
            checked++;
        }
        for (User user : wordpress.list(admin, Endpoint.USERS, org.pressdav.wordpress.ListQuery.all().withContext(Context.EDIT)).items()) {
            assertEquals(user.name(), Files.readString(copy.resolve("users").resolve(user.username()).resolve("display-name.txt")));
            checked++;
        }
        for (JsonNode media : bed.manifest().get("media")) {
            assertEquals(media.get("sha256").asText(), sha256(copy.resolve("media").resolve(media.get("file").asText())));
            checked++;
        }
        assertTrue(checked > 20, "checked " + checked + " objects");

        List<Path> files;
        try (Stream<Path> walk = Files.walk(copy)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String relative = copy.relativize(file).toString();
            assertArrayEquals(drive.send("admin", "GET", drive.url(relative), Map.of(), null).body(), Files.readAllBytes(file), relative);
        }
    }

    @Test
    void davfs2MountsTheDriveReadOnly(@TempDir Path dir) throws Exception {
        Path mount = mountDavfs(dir, "ro");
        try {
            String tree = run(dir, Map.of(), null, "ls", "-R", mount.toString()).output();
            for (String name : List.of("posts", "media", "content.html", "big-noise.png", "日本", "ana author")) {
                assertTrue(tree.contains(name), name + " missing from ls -R");
            }
            Path emoji = only(mount.resolve("posts"), bed.id("posts", "emoji") + "-");
            assertEquals(bed.seedData().at("/posts/0/title").asText(), run(dir, Map.of(), null, "cat", emoji.resolve("title.txt").toString()).output());
            for (JsonNode media : bed.manifest().get("media")) {
                String file = media.get("file").asText();
                String md5 = run(dir, Map.of(), null, "md5sum", mount.resolve("media").resolve(file).toString()).output().split(" ")[0];
                assertEquals(md5(bed.uploadsDir().resolve(file)), md5, file);
            }
        } finally {
            run(dir, Map.of(), null, "umount", mount.toString());
        }
    }

    @Test
    void davfs2WritesContentMakesAndRenamesADraftAndCopiesImagesIn(@TempDir Path dir) throws Exception {
        Path mount = mountDavfs(dir, "rw");
        Path monthFolder = mount.resolve(month);
        byte[] image = MediaUploadIT.png(42);
        Path local = dir.resolve("davfs2-photo.png");
        Files.write(local, image);
        try {
            Path emoji = only(mount.resolve("posts"), bed.id("posts", "emoji") + "-");
            assertEquals(0, run(dir, Map.of(), null, "sh", "-c", "echo 'written through davfs2' > \"$0\"", emoji.resolve("content.html").toString()).exitCode());
            assertEquals(0, run(dir, Map.of(), null, "mkdir", mount.resolve("posts").resolve("davfs2 draft").toString()).exitCode());
            assertEquals(0, run(dir, Map.of(), null, "mv", mount.resolve("posts").resolve("davfs2 draft").toString(),
                    mount.resolve("posts").resolve("From davfs2").toString()).exitCode());
            assertEquals(0, run(dir, Map.of(), null, "cp", local.toString(), monthFolder.toString()).exitCode());
            assertTrue(run(dir, Map.of(), null, "ls", monthFolder.toString()).output().contains("davfs2-photo.png"));
            assertEquals(0, run(dir, Map.of(), null, "mkdir", mount.resolve("posts").resolve("to be removed").toString()).exitCode());
            Result removed = run(dir, Map.of(), null, "rm", "-r", mount.resolve("posts").resolve("to be removed").toString());
            assertEquals(0, removed.exitCode(), removed.output());
        } finally {
            run(dir, Map.of(), null, "umount", mount.toString());
        }
        assertEquals("written through davfs2\n", wordpress.get(admin, Endpoint.POSTS, bed.id("posts", "emoji"), Context.EDIT).content().raw());
        List<Post> drafts = wordpress.list(admin, Endpoint.POSTS, org.pressdav.wordpress.ListQuery.all().withContext(Context.EDIT)
                .with("status", "draft").with("search", "davfs2")).items();
        assertEquals(List.of("From davfs2"), drafts.stream().map(p -> p.title().raw()).toList());
        List<Post> trashed = wordpress.list(admin, Endpoint.POSTS, org.pressdav.wordpress.ListQuery.all().withContext(Context.EDIT)
                .with("status", "trash")).items();
        assertTrue(trashed.stream().anyMatch(p -> p.title().raw().equals("to be removed")), "rm -r moved the post to the trash");
        List<org.pressdav.wordpress.Media> uploaded = wordpress.list(admin, Endpoint.MEDIA, org.pressdav.wordpress.ListQuery.all()
                .with("search", "davfs2-photo")).items();
        assertEquals(1, uploaded.size());
        try (var content = wordpress.download(admin, uploaded.get(0), null)) {
            assertArrayEquals(image, content.body().readAllBytes());
        }
    }

    @Test
    void davfs2SavesEveryWayToolsSave(@TempDir Path dir) throws Exception {
        Path mount = mountDavfs(dir, "rw");
        Path local = Files.createDirectory(dir.resolve("local"));
        Files.writeString(local.resolve("title.txt"), "Title from rsync");
        Path images = Files.createDirectory(dir.resolve("images"));
        Files.write(images.resolve("rsynced.png"), MediaUploadIT.png(77));
        long blocks = bed.id("posts", "blocks");
        try {
            Path fresh = mount.resolve("posts").resolve("Fresh first save");
            Result first = run(dir, Map.of(), null, "sh", "-c", "mkdir \"$0\" && echo 'first words' > \"$0/content.html\"", fresh.toString());
            assertEquals(0, first.exitCode(), first.output());
            Path post = only(mount.resolve("posts"), blocks + "-");
            Result sed = run(dir, Map.of(), null, "sed", "-i", "s/First paragraph/Paragraph by sed/", post.resolve("content.html").toString());
            assertEquals(0, sed.exitCode(), sed.output());
            Result perl = run(dir, Map.of(), null, "perl", "-pi", "-e", "s/A heading/A heading by perl/", post.resolve("content.html").toString());
            assertEquals(0, perl.exitCode(), perl.output());
            Result rsync = run(dir, Map.of(), null, "rsync", "-r", local + "/", post + "/");
            assertEquals(0, rsync.exitCode(), rsync.output());
            Result upload = run(dir, Map.of(), null, "rsync", "-r", images + "/", mount.resolve(month).toString() + "/");
            assertEquals(0, upload.exitCode(), upload.output());
        } finally {
            run(dir, Map.of(), null, "umount", mount.toString());
        }
        List<Post> drafts = wordpress.list(admin, Endpoint.POSTS, org.pressdav.wordpress.ListQuery.all().withContext(Context.EDIT)
                .with("status", "draft").with("search", "Fresh first save")).items();
        assertEquals(1, drafts.size());
        assertEquals("first words\n", drafts.get(0).content().raw(), "the first save into a new folder reached WordPress");
        Post edited = wordpress.get(admin, Endpoint.POSTS, blocks, Context.EDIT);
        assertTrue(edited.content().raw().contains("Paragraph by sed") && edited.content().raw().contains("A heading by perl"),
                edited.content().raw());
        assertEquals("Title from rsync", edited.title().raw());
        List<org.pressdav.wordpress.Media> uploaded = wordpress.list(admin, Endpoint.MEDIA, org.pressdav.wordpress.ListQuery.all()
                .with("search", "rsynced")).items();
        assertEquals(1, uploaded.size(), "rsync's temporary name and rename make one attachment");
        try (var content = wordpress.download(admin, uploaded.get(0), null)) {
            assertArrayEquals(Files.readAllBytes(images.resolve("rsynced.png")), content.body().readAllBytes());
        }
    }

    @Test
    void cadaverAndDavfs2WorkInBooksGenresGuidesAndMeta(@TempDir Path dir) throws Exception {
        long novel = bed.id("books", "novel");
        String folder = drive.folder("books", novel);
        Result cadaver = Clients.cadaver(drive, "admin", dir, "ls genres\ncd " + folder + "meta\nget isbn.txt\nget awards.json\nquit\n");
        assertTrue(cadaver.output().contains("Coll:   mystery"), cadaver.output());
        assertEquals("978-3-16-148410-0", Files.readString(dir.resolve("isbn.txt")));
        assertArrayEquals(drive.send("admin", "GET", drive.url(folder + "meta/awards.json"), Map.of(), null).body(),
                Files.readAllBytes(dir.resolve("awards.json")));

        Path mount = mountDavfs(dir, "rw");
        long start = bed.id("guides", "guide-start");
        try {
            Path book = only(mount.resolve("books"), novel + "-");
            assertEquals(0, run(dir, Map.of(), null, "sed", "-i", "s/revised/edited by sed/", book.resolve("content.html").toString()).exitCode());
            assertEquals(0, run(dir, Map.of(), null, "sh", "-c", "printf poetry > \"$0\"", book.resolve("genres.txt").toString()).exitCode());
            assertEquals(0, run(dir, Map.of(), null, "sh", "-c", "printf 500 > \"$0\"", book.resolve("meta").resolve("pages.txt").toString()).exitCode());
            String parent = only(mount.resolve("guides"), start + "-").getFileName().toString();
            Path guide = mount.resolve("guides").resolve("From davfs2");
            Result made = run(dir, Map.of(), null, "sh", "-c", "mkdir \"$0\" && printf '<p>A guide.</p>' > \"$0/content.html\" && printf \"$1\" > \"$0/parent.txt\"",
                    guide.toString(), parent);
            assertEquals(0, made.exitCode(), made.output());
        } finally {
            run(dir, Map.of(), null, "umount", mount.toString());
        }
        Post edited = wordpress.get(admin, Endpoint.ofPostType("wp/v2", "books", "book"), novel, Context.EDIT);
        assertEquals("<p>Chapter one, edited by sed. 📚</p>", edited.content().raw());
        assertEquals(List.of((long) bed.id("genres", "poetry")), edited.terms(wordpress.types(admin).taxonomies().stream()
                .filter(t -> t.name().equals("genre")).findFirst().orElseThrow()));
        assertEquals(500, edited.meta().path("pages").asInt());
        List<Post> guides = wordpress.list(admin, Endpoint.ofPostType("wp/v2", "guides", "guide"), org.pressdav.wordpress.ListQuery.all()
                .withContext(Context.EDIT).with("status", "draft").with("search", "From davfs2")).items();
        assertEquals(1, guides.size(), "mkdir in guides/ made one draft guide");
        assertEquals("<p>A guide.</p>", guides.get(0).content().raw());
        assertEquals(start, guides.get(0).parent());
    }

    private static Path mountDavfs(Path dir, String options) throws Exception {
        return Clients.mountDavfs(drive, "admin", dir, options);
    }

    private byte[] seedContent(String key) {
        for (JsonNode post : bed.seedData().get("posts")) {
            if (post.get("key").asText().equals(key)) {
                return post.get("content").asText().getBytes(UTF_8);
            }
        }
        throw new IllegalArgumentException(key);
    }

    private static Path only(Path folder, String prefix) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> matches = children.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, matches.size(), prefix + " in " + folder);
            return matches.get(0);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }

    private static Result run(Path dir, Map<String, String> env, String input, String... command) throws Exception {
        return Clients.run(dir, env, input, command);
    }
}
