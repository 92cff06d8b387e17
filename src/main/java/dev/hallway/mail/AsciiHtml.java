package dev.hallway.mail;

/**
 * HTML written in US-ASCII only, in few lines short enough for SMTP, so the mail client sends it as 7bit instead of
 * quoted-printable-encoding every message (its encoder allocates a string per byte) and writes it in few pieces (it
 * writes a message to the socket line by line). Every character outside ASCII becomes a numeric character reference,
 * and a line break with the indentation after it becomes one space: the same text to any HTML reader, for HTML
 * without {@code <pre>} or {@code <textarea>} (a digest has none).
 */
public final class AsciiHtml {

    /** Well under SMTP's 998 octets a line. */
    public static final int MAX_LINE = 900;

    private AsciiHtml() {
    }

    /**
     * @return the same HTML in ASCII, lines filled up to {@link #MAX_LINE} and broken at a space; null when a line
     * has no space to break at (a long run of CJK text), and the caller sends the HTML as it is (the mail client
     * encodes it)
     */
    public static String of(String html) {
        StringBuilder out = new StringBuilder(html.length() + html.length() / 8);
        int lineStart = 0;
        int lastSpace = -1;
        for (int i = 0; i < html.length(); ) {
            int c = html.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n' || c == '\r') {
                while (i < html.length() && Character.isWhitespace(html.charAt(i))) {
                    i++; // the line break and the indentation after it: one space
                }
                c = ' ';
            }
            if (c >= 0x80) {
                out.append("&#").append(c).append(';');
            } else if (c < 0x20 && c != '\t') {
                out.append(' '); // another control character: whitespace to any HTML reader, and no QP
            } else {
                out.append((char) c);
            }
            if (c == ' ' || c < 0x20) {
                lastSpace = out.length() - 1;
            }
            if (out.length() - lineStart > MAX_LINE) {
                if (lastSpace < lineStart) {
                    return null;
                }
                out.setCharAt(lastSpace, '\n'); // a line break is whitespace to HTML as the space was
                lineStart = lastSpace + 1;
                lastSpace = -1;
            }
        }
        return out.toString();
    }

    /**
     * Puts {@code [from, to)} on a line of its own, breaking the line at the spaces around it (if any), so a value
     * spliced in there later (a link) never makes its line too long.
     */
    public static String ownLine(String ascii, int from, int to) {
        StringBuilder out = new StringBuilder(ascii);
        int before = ascii.lastIndexOf(' ', from);
        if (before >= 0 && ascii.lastIndexOf('\n', from) < before) {
            out.setCharAt(before, '\n');
        }
        int after = ascii.indexOf(' ', to);
        int lineEnd = ascii.indexOf('\n', to);
        if (after >= 0 && (lineEnd < 0 || after < lineEnd)) {
            out.setCharAt(after, '\n');
        }
        return out.toString();
    }

    /** A value for a double-quoted HTML attribute (a link), escaped as the templates escape it, and in ASCII. */
    public static String attribute(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x80 || c < 0x20) {
                        out.append("&#").append(c).append(';');
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }
}
