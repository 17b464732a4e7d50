package org.pressdav.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.Credentials;

/**
 * The login throttle's rules, one by one, on a clock the test moves: what every {@link org.pressdav.login.LoginCounts}
 * must give; a form's test extends this and says how to make a throttle counting there.
 */
abstract class LoginThrottleContract {
    private static final String GUESSER = "203.0.113.9";
    private static final String OFFICE = "198.51.100.7";
    private static final Credentials ADMIN = Credentials.of("admin", "right-password");

    private final AtomicLong nanos = new AtomicLong();
    final LoginThrottle throttle = newThrottle(LoginThrottle.Limits.STANDARD, nanos::get);

    /** A throttle with these limits on this time, counting afresh. */
    abstract LoginThrottle newThrottle(LoginThrottle.Limits limits, Ticker ticker);

    /** A try at a wrong password, let through and refused by WordPress; false when the throttle did not let it through. */
    private boolean wrong(String address, String login, String password) {
        Credentials guess = Credentials.of(login, password);
        if (!throttle.admit(address, guess).isZero()) {
            return false;
        }
        throttle.failed(address, guess);
        return true;
    }

    private void fail(String address, String login, int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(true, wrong(address, login, "guess-" + login + "-" + i), "try " + (i + 1) + " of " + login + " from " + address);
        }
    }

    private void pass(Duration minutes) {
        nanos.addAndGet(minutes.toNanos());
    }

    @Test
    void aLoginHasTenTriesFromOneAddressThenWaitsLongerAfterEachFailure() {
        fail(GUESSER, "admin", 10);
        assertEquals(Duration.ofMinutes(1), throttle.admit(GUESSER, Credentials.of("admin", "eleventh")));
        pass(Duration.ofSeconds(59));
        assertEquals(Duration.ofSeconds(1), throttle.admit(GUESSER, Credentials.of("admin", "eleventh")));
        pass(Duration.ofSeconds(1));
        assertEquals(true, wrong(GUESSER, "admin", "eleventh"), "one more try once the wait is over");
        assertEquals(Duration.ofMinutes(2), throttle.admit(GUESSER, Credentials.of("admin", "twelfth")), "the wait doubles");
        pass(Duration.ofMinutes(2));
        assertEquals(true, wrong(GUESSER, "admin", "twelfth"));
        assertEquals(Duration.ofMinutes(4), throttle.admit(GUESSER, Credentials.of("admin", "thirteenth")));
    }

    @Test
    void theRightPasswordIsCheckedElsewhereWhateverAGuesserDid() {
        fail(GUESSER, "admin", 10);
        fail("192.0.2.1", "admin", 10);
        fail("192.0.2.2", "admin", 10);
        for (int i = 3; i < 10; i++) {
            fail("192.0.2." + i, "admin", 3);
        }
        assertEquals(Duration.ZERO, throttle.admit(OFFICE, ADMIN), "51 failures for admin elsewhere refuse nothing at the office");
    }

    @Test
    void anotherUserAtTheGuessersAddressIsChecked() {
        for (int i = 0; i < 100; i++) {
            fail(GUESSER, "user" + i, 1);
        }
        assertEquals(Duration.ZERO, throttle.admit(GUESSER, Credentials.of("author", "authors-password")),
                "100 failures under other names refuse nothing to a login that has not failed here");
    }

    @Test
    void credentialsWordPressAcceptedAreNeverThrottled() {
        assertEquals(Duration.ZERO, throttle.admit(OFFICE, ADMIN));
        throttle.succeeded(OFFICE, ADMIN);
        fail(OFFICE, "admin", 10);
        assertNotEquals(Duration.ZERO, throttle.admit(OFFICE, Credentials.of("admin", "another-guess")), "the guesser waits");
        assertEquals(Duration.ZERO, throttle.admit(OFFICE, ADMIN), "the working mount at the same address goes on working");
        throttle.succeeded(OFFICE, ADMIN);
        assertNotEquals(Duration.ZERO, throttle.admit(OFFICE, Credentials.of("admin", "another-guess")),
                "a known password's use does not give the guesser new tries");
    }

    @Test
    void credentialsWordPressNoLongerAcceptsAreThrottledAgain() {
        throttle.admit(OFFICE, ADMIN);
        throttle.succeeded(OFFICE, ADMIN);
        fail(OFFICE, "admin", 10);
        throttle.failed(OFFICE, ADMIN);
        assertNotEquals(Duration.ZERO, throttle.admit(OFFICE, ADMIN), "a revoked password is a guess like any other");
    }

    @Test
    void caseAndSpacingVariantsOfALoginAreOneLogin() {
        fail(GUESSER, "admin", 4);
        fail(GUESSER, "Admin", 3);
        fail(GUESSER, "admin ", 3);
        assertNotEquals(Duration.ZERO, throttle.admit(GUESSER, Credentials.of("ADMIN", "guess")));
        assertNotEquals(Duration.ZERO, throttle.admit(GUESSER, Credentials.of(" aDmIn", "guess")));
    }

    @Test
    void aLoginCountsAsWordPressLooksItUp() {
        for (String variant : new String[] {"admin", "Admin", "ADMIN", " admin ", "admin\t", "<b>admin</b>", "ad%41min", "ádmin", "ad&amp;min"}) {
            assertEquals("admin", LoginThrottle.sameLogin(variant), variant);
        }
        assertEquals("jane doe", LoginThrottle.sameLogin("Jane   Doe"), "WordPress collapses spaces inside a login");
        assertNotEquals("admin", LoginThrottle.sameLogin("admin2"));
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64() {
        assertEquals(LoginThrottle.network("2001:db8:1:2:aaaa::1"), LoginThrottle.network("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
        assertNotEquals(LoginThrottle.network("2001:db8:1:2::1"), LoginThrottle.network("2001:db8:1:3::1"));
        assertEquals("192.0.2.1", LoginThrottle.network("192.0.2.1"));
        fail("2001:db8:1:2::1", "admin", 5);
        fail("2001:db8:1:2::2", "admin", 5);
        assertNotEquals(Duration.ZERO, throttle.admit("2001:db8:1:2:ffff::3", Credentials.of("admin", "guess")), "one /64, one address");
    }

    @Test
    void guessesSentAtOnceCannotPassTheLimitTogether() {
        int letThrough = 0;
        for (int i = 0; i < 50; i++) {
            if (throttle.admit(GUESSER, Credentials.of("admin", "parallel-" + i)).isZero()) {
                letThrough++;
            }
        }
        assertEquals(10, letThrough, "tries being checked count before WordPress answers");
    }

    @Test
    void onePasswordOverManyConnectionsIsOneGuess() {
        for (int i = 0; i < 40; i++) {
            assertEquals(Duration.ZERO, throttle.admit(OFFICE, ADMIN), "connection " + (i + 1) + " of a client logging in");
        }
        for (int i = 0; i < 40; i++) {
            throttle.failed(OFFICE, ADMIN);
        }
        fail(OFFICE, "admin", 9);
        assertNotEquals(Duration.ZERO, throttle.admit(OFFICE, Credentials.of("admin", "guess")), "the 40 were one failure, and 9 more make ten");
    }

    @Test
    void aTryWordPressDidNotAnswerIsGivenBack() {
        fail(GUESSER, "admin", 9);
        Credentials tenth = Credentials.of("admin", "tenth");
        assertEquals(Duration.ZERO, throttle.admit(GUESSER, tenth));
        throttle.unanswered(GUESSER, tenth);
        assertEquals(true, wrong(GUESSER, "admin", "tenth"), "WordPress was down: the tenth try is still there");
        assertNotEquals(Duration.ZERO, throttle.admit(GUESSER, Credentials.of("admin", "eleventh")));
    }

    @Test
    void whileALoginIsAttackedEachAddressGetsThreeTries() {
        for (int i = 0; i < 3; i++) {
            fail("192.0.2." + i, "admin", 10);
        }
        fail(OFFICE, "admin", 3);
        assertNotEquals(Duration.ZERO, throttle.admit(OFFICE, Credentials.of("admin", "fourth")));
        assertEquals(Duration.ZERO, throttle.admit("198.51.100.8", ADMIN), "an address that has not failed is still asked about");
        fail("198.51.100.9", "editor", 10);
    }

    @Test
    void whileAnAddressIsAttackedEachOfItsLoginsGetsThreeTries() {
        for (int i = 0; i < 100; i++) {
            fail(GUESSER, "user" + i, 1);
        }
        fail(GUESSER, "admin", 3);
        assertNotEquals(Duration.ZERO, throttle.admit(GUESSER, Credentials.of("admin", "fourth")));
        fail(OFFICE, "admin", 10);
    }

    @Test
    void failuresAreForgottenAnHourAfterTheLastAndAPairsAtItsSuccess() {
        fail(GUESSER, "admin", 9);
        pass(Duration.ofMinutes(61));
        fail(GUESSER, "admin", 10);
        assertNotEquals(Duration.ZERO, throttle.admit(GUESSER, Credentials.of("admin", "guess")));
        fail(OFFICE, "admin", 9);
        throttle.admit(OFFICE, ADMIN);
        throttle.succeeded(OFFICE, ADMIN);
        fail(OFFICE, "admin", 10);
    }
}
