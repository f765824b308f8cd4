package io.leadjourney.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The policy against password guessing (docs/operations.md, "Sign-in"): failed sign-ins are counted per client address
 * and user, and per client address over all users. Past {@code free-attempts} (resp. {@code free-attempts-per-address})
 * that address waits before its next try, 1 s, 2 s, 4 s … up to {@code max-wait}; a correct password from the address
 * clears its count for that user; counts are forgotten after {@code forget-after} without a failure.
 * <p>
 * The account itself is never locked. Camunda's own lock counts failures per user from any address, so anyone who knew
 * a salesperson's user id could lock them out of Tasklist with a few wrong passwords ({@link ThrottledIdentityProvider}
 * switches it off). Counts live in each node's memory, like the intake rate limits.
 */
@Component
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    static final String ANY_USER = "\u0000any";
    /** Wrong intake API keys are counted like the passwords of one user, per address. */
    static final String API_KEY = "\u0000api-key";
    static final int MAX_TRACKED = 100_000;
    static final ThreadLocal<String> CURRENT_ADDRESS = new ThreadLocal<>();

    private record Key(String address, String user) {
    }

    private record Failures(int count, Instant last) {
    }

    private final SecuritySettings.SignIn settings;
    private final Clock clock;
    private final Map<Key, Failures> failures = new ConcurrentHashMap<>();

    SignInThrottle(SecuritySettings settings, Clock clock) {
        this.settings = settings.signIn();
        this.clock = clock;
    }

    /** How long the address must wait before it may try this user's password again; zero when it may now. */
    Duration waitBefore(String address, String user) {
        Instant now = clock.instant();
        Duration forUser = remaining(failures.get(new Key(address, user)), settings.freeAttempts(), now);
        Duration forAddress = remaining(failures.get(new Key(address, ANY_USER)), settings.freeAttemptsPerAddress(), now);
        return forUser.compareTo(forAddress) >= 0 ? forUser : forAddress;
    }

    /** A password was checked for a request from {@code address} (null: not on behalf of a request, not counted). */
    void checked(String address, String user, boolean valid) {
        if (address == null || user == null) {
            return;
        }
        if (valid) {
            failures.remove(new Key(address, user));
            return;
        }
        Instant now = clock.instant();
        forgetOld(now);
        Failures forUser = failures.merge(new Key(address, user), new Failures(1, now), (old, one) -> add(old, now));
        failures.merge(new Key(address, ANY_USER), new Failures(1, now), (old, one) -> add(old, now));
        if (forUser.count() == settings.freeAttempts() + 1) {
            log.warn("Sign-in: {} failed passwords for user '{}' from {}; that address now waits before each try", forUser.count(), user,
                address);
        }
    }

    /** The client address of the request this thread is serving (set by {@link SignInThrottleFilter}), or null. */
    static String currentAddress() {
        return CURRENT_ADDRESS.get();
    }

    /** Behind a proxy of the internal network the address it forwarded (server.forward-headers-strategy: native). */
    static String address(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    private Failures add(Failures old, Instant now) {
        return expired(old, now) ? new Failures(1, now) : new Failures(old.count() + 1, now);
    }

    private Duration remaining(Failures counted, int free, Instant now) {
        if (counted == null || counted.count() <= free || expired(counted, now)) {
            return Duration.ZERO;
        }
        int over = Math.min(counted.count() - free - 1, 30);
        Duration wait = Duration.ofSeconds(1L << over);
        if (wait.compareTo(settings.maxWait()) > 0) {
            wait = settings.maxWait();
        }
        Duration left = Duration.between(now, counted.last().plus(wait));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private boolean expired(Failures counted, Instant now) {
        return counted.last().plus(settings.forgetAfter()).isBefore(now);
    }

    private void forgetOld(Instant now) {
        if (failures.size() < MAX_TRACKED) {
            return;
        }
        failures.values().removeIf(counted -> expired(counted, now));
        if (failures.size() >= MAX_TRACKED) {
            log.warn("Sign-in: more than {} addresses and users with recent failed passwords; forgetting them all", MAX_TRACKED);
            failures.clear();
        }
    }
}
