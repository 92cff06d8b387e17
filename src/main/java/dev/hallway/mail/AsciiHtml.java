package dev.hallway.mail;

/**
 * HTML written in US-ASCII only, with lines short enough for SMTP, so the mail client sends it as 7bit instead of
 * quoted-printable-encoding every message (its encoder allocates a string per byte). Every character outside ASCII
 * becomes a numeric character reference, which any HTML reader decodes to the same text.
 */
public final class AsciiHtml {

    /** Well under SMTP's 998 octets a line, leaving room for what is spliced in after (a link). */
    static final int MAX_LINE = 900;

    private AsciiHtml() {
    }

    /**
     * @return the same HTML in ASCII, long lines folded at a space; null when a line has no space to fold at (a long
     * run of CJK text), and the caller sends the HTML as it is (encoded by the mail client)
     */
    public static String of(String html) {
        StringBuilder out = new StringBuilder(html.length() + html.length() / 8);
        int lineStart = 0;
        int lastSpace = -1;
        for (int i = 0; i < html.length(); ) {
            int c = html.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n') {
                out.append('\n');
                lineStart = out.length();
                lastSpace = -1;
                continue;
            }
            if (c >= 0x80) {
                out.append("&#").append(c).append(';');
            } else if (c < 0x20 && c != '\t') {
                out.append(' '); // a CR or another control character: whitespace to any HTML reader, and no QP
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
                out.setCharAt(lastSpace, '\n'); // a newline is whitespace to HTML as the space was
                lineStart = lastSpace + 1;
                lastSpace = -1;
            }
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
