package dev.hallway.admin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The admin page (templates/pages/admin*.html). */
final class AdminTemplates {

    private AdminTemplates() {
    }

    @CheckedTemplate(basePath = "pages")
    static class Pages {
        /** The token field; {@code error} says why the last attempt failed, or null. */
        static native TemplateInstance adminSignIn(String error);

        /** A refused form (CSRF, another site): nothing was changed. */
        static native TemplateInstance adminRefused(String message);

        static native TemplateInstance admin(AdminView view);
    }

    static TemplateInstance signIn(String error) {
        return Pages.adminSignIn(error);
    }

    static TemplateInstance refused(String message) {
        return Pages.adminRefused(message);
    }
}
