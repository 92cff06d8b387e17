package dev.hallway.subscribe;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks and normalizes an email address: whitespace trimmed, domain lower-cased, the local part kept as typed. */
public final class EmailAddresses {

    /** A pragmatic subset of RFC 5322 addr-spec: what real mail systems accept. */
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {
    }

    /** @throws IllegalArgumentException with a message fit to show the person who typed it */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("an email address is required");
        }
        String address = raw.trim();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.length() > 254) {
            throw new IllegalArgumentException("'" + address + "' is not an email address (expected name@example.org)");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw new IllegalArgumentException("the part before @ in '" + address + "' is not valid");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("'" + domain + "' is not a valid mail domain");
        }
        return local + "@" + domain;
    }
}
