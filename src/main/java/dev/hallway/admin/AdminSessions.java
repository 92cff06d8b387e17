package dev.hallway.admin;

import dev.hallway.common.Hashing;
import dev.hallway.config.HallwayConfig;
import dev.hallway.subscribe.SecretTokens;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The admin page's sign-in: a cookie {@code id.expiry.mac}, where id is 256 random bits, expiry the epoch second it
 * ends (hallway.admin.session-ttl after sign-in) and mac an HMAC of both and of the admin token under the key of the
 * unsubscribe links ({@link SecretTokens}, shared by every instance and kept across restarts). Checking it needs no
 * database, so {@link AdminPathGuard} does it on the event loop before any route is chosen. Changing the admin
 * token ends every session; signing out removes the cookie. The CSRF token of a session is an HMAC of its id.
 */
@ApplicationScoped
public class AdminSessions {

    public static final String COOKIE = "__Secure-hallway-admin";

    /** A verified session. */
    public record Session(String id, Instant expiresAt, String csrf) {
    }

    /** A new session and the cookie value that carries it. */
    public record Created(Session session, String cookieValue) {
    }

    @Inject
    SecretTokens tokens;
    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;

    /** Loads the key once at startup, so that checking a cookie never waits for the database. */
    void warmUp(@Observes StartupEvent start) {
        try {
            tokens.mac("admin-session", "warm-up");
        } catch (RuntimeException e) {
            Log.warnf("admin sessions: the signing key could not be read yet (%s); sign-in will load it", e.toString());
        }
    }

    public Created create() {
        String id = SecretTokens.random();
        Instant expires = clock.instant().plus(config.admin().sessionTtl());
        long expiry = expires.getEpochSecond();
        String value = id + "." + expiry + "." + sessionMac(id, expiry, token());
        return new Created(new Session(id, Instant.ofEpochSecond(expiry), csrf(id)), value);
    }

    /** The session a cookie value carries, if it is ours, unexpired, and made under the admin token in force. */
    public Optional<Session> verify(String cookieValue) {
        String token = token();
        if (cookieValue == null || token == null || !tokens.ready() || cookieValue.length() > 200) {
            return Optional.empty();
        }
        String[] parts = cookieValue.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean valid = MessageDigest.isEqual(sessionMac(parts[0], expiry, token).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
        if (!valid || !clock.instant().isBefore(Instant.ofEpochSecond(expiry))) {
            return Optional.empty();
        }
        return Optional.of(new Session(parts[0], Instant.ofEpochSecond(expiry), csrf(parts[0])));
    }

    /** Whether a form's CSRF field is the session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String given) {
        return session != null && given != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private String sessionMac(String id, long expiry, String adminToken) {
        // the token's hash, not the token, goes into the MAC input: same effect, and the token is never an HMAC message
        return tokens.mac("admin-session", id + "." + expiry + "." + Hashing.sha256Hex(adminToken));
    }

    private String csrf(String id) {
        return tokens.mac("admin-csrf", id);
    }

    private String token() {
        return config.adminToken().filter(t -> !t.isBlank()).orElse(null);
    }
}
