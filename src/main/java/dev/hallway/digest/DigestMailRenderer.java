package dev.hallway.digest;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/** Renders a digest variant for mail ({@link DigestMail}), and counts how often: once per variant and pass is the aim. */
@ApplicationScoped
class DigestMailRenderer {

    private final AtomicLong renders = new AtomicLong();

    DigestMail render(DigestContent variant, String baseUrl) {
        renders.incrementAndGet();
        String subject = variant.subject();
        String slot = DigestMail.UNSUBSCRIBE_SLOT;
        return DigestMail.split(subject,
                DigestTemplates.Mail.digestHtml(variant, subject, baseUrl, slot).render(),
                DigestTemplates.Mail.digestText(variant, subject, baseUrl, slot).render());
    }

    /** Variants rendered since startup. */
    long renders() {
        return renders.get();
    }
}
