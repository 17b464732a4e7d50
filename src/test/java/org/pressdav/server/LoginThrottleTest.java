package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;

/** The login throttle's rules counting in this process, as a single instance does. */
class LoginThrottleTest extends LoginThrottleContract {
    @Override
    LoginThrottle newThrottle(LoginThrottle.Limits limits, Ticker ticker) {
        return new LoginThrottle(limits, ticker);
    }
}
