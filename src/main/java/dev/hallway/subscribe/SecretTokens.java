package dev.hallway.subscribe;

import dev.hallway.common.AppState;
import dev.hallway.common.Hashing;
import dev.hallway.config.HallwayConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * The tokens in links we mail: confirmation tokens are 256 random bits, stored only as a hash; unsubscribe tokens
 * are an HMAC of the subscriber id, so every digest can carry one without storing it. Preferences tokens ("Change what
 * you receive") are an HMAC of the subscriber id and the day they expire, so a link leaked from an old digest stops
 * working after {@link #PREFERENCES_LIFETIME}. The same key signs the admin page's session cookies
 * ({@link #mac(String, String)}).
 */
@ApplicationScoped
public class SecretTokens {

    private static final String KEY_STATE = "mail.secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;

    /** How long the "Change what you receive" link of a digest works: well beyond the next digests. */
    public static final java.time.Duration PREFERENCES_LIFETIME = java.time.Duration.ofDays(90);

    private volatile byte[] key;
    /** Initialised with {@link #key()} and never used itself, only cloned (a Mac is not thread-safe). */
    private volatile Mac keyedMac;

    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        return Hashing.sha256Hex(token);
    }

    public String unsubscribeToken(long subscriberId) {
        return subscriberId + "." + mac("unsubscribe:" + subscriberId);
    }

    /** @return the subscriber id the token was made for, or null if it is not one of ours */
    public Long subscriberOf(String token) {
        if (token == null) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            long id = Long.parseLong(token.substring(0, dot));
            boolean valid = MessageDigest.isEqual(mac("unsubscribe:" + id).getBytes(StandardCharsets.US_ASCII),
                    token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
            return valid ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "id.expiryDay.mac": valid until the end of the UTC day {@link #PREFERENCES_LIFETIME} from now. */
    public String preferencesToken(long subscriberId) {
        return preferencesToken(subscriberId, clock.instant());
    }

    /** A preferences token as it was made at {@code issued} (the tests make expired ones). */
    public String preferencesToken(long subscriberId, java.time.Instant issued) {
        long expires = java.time.LocalDate.ofInstant(issued.plus(PREFERENCES_LIFETIME), java.time.ZoneOffset.UTC).toEpochDay();
        return subscriberId + "." + expires + "." + mac("preferences:" + subscriberId + ":" + expires);
    }

    /** @return the subscriber id a preferences token was made for, or null if it is not one of ours or has expired */
    public Long subscriberOfPreferences(String token) {
        if (token == null || token.length() > 200) {
            return null;
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            long id = Long.parseLong(parts[0]);
            long expires = Long.parseLong(parts[1]);
            boolean valid = MessageDigest.isEqual(mac("preferences:" + id + ":" + expires).getBytes(StandardCharsets.US_ASCII),
                    parts[2].getBytes(StandardCharsets.US_ASCII));
            long today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).toEpochDay();
            return valid && today <= expires ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * An HMAC of {@code text} under the same key, for other values this service hands out and checks later (the
     * admin page's session cookie). The purpose keeps each kind of value from being taken for another.
     */
    public String mac(String purpose, String text) {
        if (purpose.equals("unsubscribe") || purpose.startsWith("preferences")) {
            throw new IllegalArgumentException("this purpose is reserved for the tokens in mailed links");
        }
        return mac(purpose + ":" + text);
    }

    /** Whether the key is loaded, so {@link #mac(String, String)} needs no database (on the HTTP event loop). */
    public boolean ready() {
        return key != null;
    }

    private String mac(String text) {
        try {
            // a clone of a keyed Mac skips the provider look-up and key set-up: every digest message makes two tokens
            Mac mac = (Mac) keyedMac().clone();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mac keyedMac() throws GeneralSecurityException {
        Mac prototype = keyedMac;
        if (prototype == null) {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(key(), "HmacSHA256"));
            keyedMac = prototype;
        }
        return prototype;
    }

    /** hallway.mail.secret, else a key made once and kept in the database (shared by every instance). */
    private byte[] key() {
        if (key == null) {
            String configured = config.mail().secret().filter(s -> !s.isBlank()).orElse(null);
            if (configured != null) {
                key = configured.getBytes(StandardCharsets.UTF_8);
            } else {
                String stored;
                try {
                    stored = QuarkusTransaction.requiringNew().call(() -> {
                        String existing = AppState.get(KEY_STATE);
                        if (existing != null) {
                            return existing;
                        }
                        String fresh = random();
                        AppState.put(KEY_STATE, fresh, clock.instant());
                        return fresh;
                    });
                } catch (RuntimeException anotherInstanceWasFirst) {
                    stored = QuarkusTransaction.requiringNew().call(() -> AppState.get(KEY_STATE));
                }
                key = stored.getBytes(StandardCharsets.UTF_8);
            }
        }
        return key;
    }
}
