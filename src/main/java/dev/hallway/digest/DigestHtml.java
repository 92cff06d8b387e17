package dev.hallway.digest;

/** A digest as the web page the archive and the admin page's preview show: the same HTML as the email. */
public final class DigestHtml {

    private DigestHtml() {
    }

    /** The page: no reader in particular, so no unsubscribe or preferences link. */
    public static String page(DigestContent content, String subject, String baseUrl) {
        return DigestTemplates.Mail.digestHtml(content, subject, baseUrl, null, null).render();
    }
}
