package dev.hallway.subscribe;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The confirmation email (templates/mail) and the subscription pages (templates/pages). */
final class SubscribeTemplates {

    private SubscribeTemplates() {
    }

    @CheckedTemplate(basePath = "mail")
    static class Mail {
        static native TemplateInstance confirmHtml(String link);

        static native TemplateInstance confirmText(String link);
    }

    @CheckedTemplate(basePath = "pages")
    static class Pages {
        /** After the subscribe form: the same answer whatever the address. */
        static native TemplateInstance subscribed(String email, String error);

        /** GET /subscriptions/confirm: a button, so that link scanners do not confirm anyone. */
        static native TemplateInstance confirm(String token, boolean valid);

        static native TemplateInstance confirmed(String email, boolean ok);

        /** GET /unsubscribe: a button, so that link scanners do not unsubscribe anyone. */
        static native TemplateInstance unsubscribe(String token, boolean valid);

        static native TemplateInstance unsubscribed(String email);

        /** GET /subscriptions/preferences: the series to follow, and an Unsubscribe button. */
        static native TemplateInstance preferences(String token, String email, boolean all, java.util.List<SeriesBox> series,
                                                   String saved, String error);

        /** A preferences link that does not work (4xx): forged, expired, unsubscribed, or posted from another site. */
        static native TemplateInstance preferencesRefused(String heading, String detail);
    }

    /** A series on the preferences page. */
    record SeriesBox(String slug, String name, boolean checked) {
    }

    static TemplateInstance confirmHtml(String link) {
        return Mail.confirmHtml(link);
    }

    static TemplateInstance confirmText(String link) {
        return Mail.confirmText(link);
    }
}
