package dev.hallway.digest;

import dev.hallway.mail.AsciiHtml;

/**
 * One variant of a week's digest as mailed (the conferences one group of subscribers follows), rendered once: the
 * HTML and text parts split where the subscriber's own unsubscribe link goes, so a message costs two string
 * concatenations instead of two template renders. {@code htmlHead}/{@code htmlTail} are ASCII whenever
 * {@link AsciiHtml} could make them so.
 */
record DigestMail(String subject, String htmlHead, String htmlTail, String textHead, String textTail) {

    /**
     * Stands for the unsubscribe link while rendering. The templates write the link once, after every report, so the
     * last occurrence is the link's place even if a report's text happens to contain this word.
     */
    static final String UNSUBSCRIBE_SLOT = "hallway-unsubscribe-link-slot";

    static DigestMail split(String subject, String html, String text) {
        String asciiHtml = AsciiHtml.of(html);
        String h = html;
        if (asciiHtml != null) {
            int at = slot(asciiHtml, "HTML");
            h = AsciiHtml.ownLine(asciiHtml, at, at + UNSUBSCRIBE_SLOT.length());
        }
        int inHtml = slot(h, "HTML");
        int inText = slot(text, "text");
        return new DigestMail(subject, h.substring(0, inHtml), h.substring(inHtml + UNSUBSCRIBE_SLOT.length()),
                text.substring(0, inText), text.substring(inText + UNSUBSCRIBE_SLOT.length()));
    }

    private static int slot(String rendered, String part) {
        int at = rendered.lastIndexOf(UNSUBSCRIBE_SLOT);
        if (at < 0) {
            throw new IllegalStateException("the digest " + part + " template has no place for the unsubscribe link");
        }
        return at;
    }

    String html(String unsubscribeUrl) {
        return htmlHead + AsciiHtml.attribute(unsubscribeUrl) + htmlTail;
    }

    String text(String unsubscribeUrl) {
        return textHead + unsubscribeUrl + textTail;
    }
}
