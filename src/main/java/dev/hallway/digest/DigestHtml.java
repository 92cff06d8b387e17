package dev.hallway.digest;

/** A digest as the web page the archive and the admin page's preview show: the same HTML as the email. */
public final class DigestHtml {

    private DigestHtml() {
    }

    /** @param unsubscribeUrl the reader's link, or null on a page (no one in particular reads it) */
    public static String render(DigestContent content, String subject, String baseUrl, String unsubscribeUrl) {
        return DigestTemplates.Mail.digestHtml(content, subject, baseUrl, unsubscribeUrl).render();
    }
}
