package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.Clients.Result;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;

/**
 * HTTPS, which Windows needs for Basic logins: a self-signed pair made as the README says, plain
 * HTTP off, HTTP/2 by ALPN, davfs2 and rclone mounting and listing over it (trusting the test
 * certificate), and a renewed certificate served without a restart.
 */
class HttpsIT {

    /** The README's one line for a LAN: a self-signed certificate and its key. */
    private static void selfSigned(Path dir, String name) throws Exception {
        Result made = Clients.run(dir, Map.of(), null, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem",
                "-out", "cert.pem", "-days", "825", "-subj", "/CN=" + name, "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        assertEquals(0, made.exitCode(), made.output());
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {trustManagerFor(certificate)}, null);
        return context;
    }

    @Test
    void davfs2AndRcloneWorkOverHttpsWithHttp2AndARenewedCertificateIsServedWithoutARestart(@TempDir Path dir) throws Exception {
        selfSigned(dir, "pressdav-first");
        X509Certificate first = certificate(dir.resolve("cert.pem"));
        TestBed bed = TestBed.get();
        try (RunningDrive drive = RunningDrive.start("--https-port", "0", "--tls-cert", dir.resolve("cert.pem").toString(),
                "--tls-key", dir.resolve("key.pem").toString(), "--plain-http", "false")) {
            String url = drive.url();
            assertTrue(url.startsWith("https://127.0.0.1:"), url);
            SSLContext context = trusting(first);
            OkHttpClient client = new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), trustManagerFor(first))
                    .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1)).build();
            try (Response listed = client.newCall(new Request.Builder().url(url + "posts/").header("Depth", "1")
                    .header("Authorization", Credentials.basic(bed.login("editor"), bed.applicationPassword("editor")))
                    .method("PROPFIND", RequestBody.create(new byte[0])).build()).execute()) {
                assertEquals(207, listed.code());
                assertEquals(Protocol.HTTP_2, listed.protocol(), "HTTP/2 by ALPN");
            }

            Path mounting = Files.createDirectory(dir.resolve("davfs2"));
            // mount.davfs reads the certificate after it gave up root: the folders on the way must be readable.
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir.resolve("cert.pem"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Path mount = Clients.mountDavfs(drive, "editor", mounting, "ro", "trust_server_cert " + dir.resolve("cert.pem") + "\n");
            try {
                Result ls = Clients.run(mounting, Map.of(), null, "ls", mount.resolve("posts").toString());
                assertEquals(0, ls.exitCode(), ls.output());
                assertTrue(ls.output().contains(bed.id("posts", "emoji") + "-"), ls.output());
            } finally {
                Clients.run(mounting, Map.of(), null, "umount", mount.toString());
            }
            List<String> rclone = new ArrayList<>(List.of("rclone", "lsf", ":webdav:pages", "--ca-cert", dir.resolve("cert.pem").toString()));
            rclone.addAll(Clients.rcloneRemote(drive, "editor", dir));
            Result pages = Clients.run(dir, Map.of(), null, rclone.toArray(String[]::new));
            assertEquals(0, pages.exitCode(), pages.output());
            assertTrue(pages.output().contains(bed.id("pages", "about") + "-"), pages.output());

            // Renewed: new files in place (an ACME client's renewal); new connections get the new certificate.
            Path renewal = Files.createDirectory(dir.resolve("renewal"));
            selfSigned(renewal, "pressdav-renewed");
            Files.copy(renewal.resolve("key.pem"), dir.resolve("key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewal.resolve("cert.pem"), dir.resolve("cert.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            X509Certificate renewed = certificate(dir.resolve("cert.pem"));
            int port = java.net.URI.create(url).getPort();
            String served = "";
            for (int i = 0; i < 100 && !served.contains("pressdav-renewed"); i++) {
                Thread.sleep(200);
                served = servedSubject(trusting(renewed), port);
            }
            assertTrue(served.contains("pressdav-renewed"), served);
        }
    }

    private static X509TrustManager trustManagerFor(X509Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("test", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return (X509TrustManager) trust.getTrustManagers()[0];
    }

    /** The subject of the certificate a new connection is shown, or what went wrong (the old one is not trusted here). */
    private static String servedSubject(SSLContext context, int port) {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
