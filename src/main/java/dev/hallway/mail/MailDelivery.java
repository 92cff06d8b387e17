package dev.hallway.mail;

import dev.hallway.config.HallwayConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * Sends one message through the Quarkus mailer with the headers every message carries (From, Date, Message-ID),
 * and tells a permanent SMTP rejection (5xx) from a passing failure ({@link SmtpFailures}). Delivery is on only when
 * hallway.mail.enabled is true (with the SMTP server in quarkus.mailer.*): otherwise messages are not sent, and
 * callers say so.
 */
@ApplicationScoped
public class MailDelivery {

    @Inject
    Mailer mailer;
    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;

    private boolean enabled;
    private String messageIdDomain;

    /** Why a message could not be sent. */
    public static class SendFailure extends Exception {
        private final boolean permanent;

        SendFailure(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        /** The server refused the address or the message for good (5xx): retrying will not help. */
        public boolean permanent() {
            return permanent;
        }
    }

    @PostConstruct
    void init() {
        enabled = config.mail().enabled();
        messageIdDomain = dev.hallway.config.BaseUrl.host(config.baseUrl(), "hallway.localhost");
    }

    /** hallway.mail.enabled: false means no message is sent. */
    public boolean enabled() {
        return enabled;
    }

    /** A Message-ID for a message about to be sent; fixed in advance so a retried message keeps it. */
    public String newMessageId() {
        return "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
    }

    public void send(String to, String subject, String html, String text, String messageId, Map<String, String> headers)
            throws SendFailure {
        Mail mail = Mail.withHtml(to, subject, html).setText(text).setFrom(config.mail().from());
        mail.addHeader("Message-ID", messageId);
        mail.addHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC)));
        headers.forEach(mail::addHeader);
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw SmtpFailures.classify(e);
        }
    }
}
