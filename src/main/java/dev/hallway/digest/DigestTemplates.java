package dev.hallway.digest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The digest email (templates/mail) and the archive pages (templates/pages). */
final class DigestTemplates {

    private DigestTemplates() {
    }

    @CheckedTemplate(basePath = "mail")
    static class Mail {
        /** Also the archive page body: the web page is the same content as the email. */
        static native TemplateInstance digestHtml(DigestContent digest, String subject, String baseUrl, String unsubscribeUrl,
                                                  String preferencesUrl);

        static native TemplateInstance digestText(DigestContent digest, String subject, String baseUrl, String unsubscribeUrl,
                                                  String preferencesUrl);
    }

    @CheckedTemplate(basePath = "pages")
    static class Pages {
        static native TemplateInstance digests(List<DigestSummary> digests);
    }
}
