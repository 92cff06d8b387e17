package dev.hallway.admin;

import dev.hallway.config.HallwayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Decides whether an Authorization header (or the admin page's sign-in form) opens the admin endpoints. */
@ApplicationScoped
public class AdminAccess {

    public enum Verdict { ALLOWED, DISABLED, UNAUTHORIZED }

    @Inject
    HallwayConfig config;

    public Verdict check(String authorizationHeader) {
        String given = authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorizationHeader.substring(7).trim() : null;
        return checkToken(given);
    }

    /** The same for a token as typed (the admin page's sign-in form), compared in constant time. */
    public Verdict checkToken(String given) {
        String expected = config.adminToken().filter(t -> !t.isBlank()).orElse(null);
        if (expected == null) {
            return Verdict.DISABLED;
        }
        boolean match = given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
        return match ? Verdict.ALLOWED : Verdict.UNAUTHORIZED;
    }
}
