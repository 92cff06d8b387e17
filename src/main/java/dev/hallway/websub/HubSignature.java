package dev.hallway.websub;

import dev.hallway.common.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * X-Hub-Signature (WebSub, section 8): {@code method=hex} where method is sha1, sha256, sha384 or sha512 and hex the
 * HMAC of the body keyed with the subscription's hub.secret. Checked in constant time.
 */
final class HubSignature {

    static final String HEADER = "X-Hub-Signature";

    private static final Map<String, String> ALGORITHMS = Map.of(
            "sha1", "HmacSHA1", "sha256", "HmacSHA256", "sha384", "HmacSHA384", "sha512", "HmacSHA512");

    private HubSignature() {
    }

    /** The header value we send: sha256. */
    static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(Hashing.hmac("HmacSHA256", key(secret), body));
    }

    /** Why {@code header} does not sign {@code body} with {@code secret}, or null when it does. */
    static String problem(String header, String secret, byte[] body) {
        if (header == null || header.isBlank()) {
            return "the push is not signed (no " + HEADER + " header)";
        }
        int eq = header.indexOf('=');
        String method = eq < 0 ? "" : header.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String algorithm = ALGORITHMS.get(method);
        if (algorithm == null) {
            return HEADER + " must be sha1=, sha256=, sha384= or sha512= followed by the HMAC in hex";
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return HEADER + " is not hexadecimal";
        }
        byte[] expected = Hashing.hmac(algorithm, key(secret), body);
        return Hashing.constantTimeEquals(expected, given) ? null : HEADER + " does not match the body";
    }

    private static byte[] key(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
