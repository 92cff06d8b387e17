package dev.hallway.common;

/** Removes what XML 1.0 cannot carry (control characters, lone surrogates), so every feed we write is well-formed. */
public final class XmlChars {

    private XmlChars() {
    }

    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int first = 0;
        // fast scan: nearly every text has nothing to remove; stop at the first control character or surrogate
        while (first < n) {
            char c = text.charAt(first);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0xD800) {
                break;
            }
            first++;
        }
        if (first == n) {
            return text;
        }
        StringBuilder out = null;
        for (int i = first; i < n; i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
            } else if (Character.isLowSurrogate(c)) {
                ok = i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
