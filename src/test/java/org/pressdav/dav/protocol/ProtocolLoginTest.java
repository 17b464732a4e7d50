package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The login throttle through the front door, with callers at several loopback addresses
 * (127.0.0.1, 127.0.0.2 and so on are all this machine): nobody who knows their password is refused
 * because of someone else's failures.
 */
class ProtocolLoginTest {
    private static final String HERE = "127.0.0.1";
    private static final String GUESSER = "127.0.0.2";

    private final InProcessDrive drive = new InProcessDrive();

    @AfterEach
    void stop() {
        drive.close();
    }

    /** GET of the site's name as {@code login}, sent from a local address. */
    private Response get(String from, String login, String password) {
        OkHttpClient http = new OkHttpClient.Builder().socketFactory(boundTo(from)).build();
        Request get = new Request.Builder().url(drive.url("site/name.txt"))
                .header("Authorization", okhttp3.Credentials.basic(login, password, StandardCharsets.UTF_8)).build();
        try (Response response = http.newCall(get).execute()) {
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            http.connectionPool().evictAll();
        }
    }

    private int status(String from, String login, String password) {
        return get(from, login, password).code();
    }

    private void guess(String from, String login, int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(401, status(from, login, "wrong-" + i), "guess " + (i + 1) + " for " + login + " from " + from);
        }
    }

    @Test
    void tenWrongPasswordsForAdminFromEachOfThreeAddressesThenTheRightOneFromAFourth() {
        for (String guesser : new String[] {GUESSER, "127.0.0.3", "127.0.0.4"}) {
            guess(guesser, "admin", 10);
            Response throttled = get(guesser, "admin", "eleventh");
            assertEquals(429, throttled.code(), "the guesser at " + guesser + " waits");
            assertNotNull(throttled.header("Retry-After"));
        }
        assertEquals(200, status(HERE, ADMIN.login(), ADMIN.password()), "the right password from another address");
    }

    @Test
    void aWorkingMountGoesOnWorkingWhileItsLoginIsGuessedAtFromItsAddress() {
        assertEquals(200, status(HERE, ADMIN.login(), ADMIN.password()));
        guess(HERE, "admin", 10);
        assertEquals(429, status(HERE, "admin", "eleventh"));
        assertEquals(200, status(HERE, ADMIN.login(), ADMIN.password()));
    }

    @Test
    void aHundredFailuresUnderOtherNamesRefuseNobodyAtThatAddress() {
        assertEquals(200, status(GUESSER, AUTHOR.login(), AUTHOR.password()), "the author's mount works");
        for (int i = 0; i < 100; i++) {
            assertEquals(401, status(GUESSER, "user" + i, "wrong"));
        }
        assertEquals(200, status(GUESSER, AUTHOR.login(), AUTHOR.password()), "and goes on working");
        assertEquals(200, status(GUESSER, ADMIN.login(), ADMIN.password()), "a first login at that address is checked");
    }

    @Test
    void variantsOfALoginNameShareItsTries() {
        guess(GUESSER, "admin", 4);
        guess(GUESSER, "Admin", 3);
        guess(GUESSER, "admin ", 3);
        assertEquals(429, status(GUESSER, "ADMIN", "eleventh"));
    }

    /** Sockets whose local end is {@code address}, so the drive sees the request coming from there. */
    private static SocketFactory boundTo(String address) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress(address, 0));
                return socket;
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException("OkHttp connects the socket it made");
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("OkHttp connects the socket it made");
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException("OkHttp connects the socket it made");
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("OkHttp connects the socket it made");
            }
        };
    }
}
