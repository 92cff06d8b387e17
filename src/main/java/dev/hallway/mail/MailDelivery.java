package dev.hallway.mail;

import dev.hallway.config.HallwayConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one message through the Quarkus mailer with the headers every message carries (From, Date, Message-ID),
 * and tells a permanent SMTP rejection (5xx) from a passing failure. Delivery is off while no SMTP server is
 * configured (quarkus.mailer.host, or QUARKUS_MAILER_HOST): messages are then not sent, and callers say so.
 */
@ApplicationScoped
public class MailDelivery {

    private static final Pattern SMTP_CODE = Pattern.compile("(?<![\\d.])([245])\\d\\d(?![\\d])");

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
        ConfigValue host = (ConfigValue) ConfigProvider.getConfig().getConfigValue("quarkus.mailer.host");
        boolean mock = ConfigProvider.getConfig().getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(false);
        enabled = mock || (host.getValue() != null && host.getSourceName() != null && !host.getSourceName().contains("Default"));
        messageIdDomain = dev.hallway.config.BaseUrl.host(config.baseUrl(), "hallway.localhost");
    }

    /** False while no SMTP server is configured. */
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
            throw classify(e);
        }
    }

    private static SendFailure classify(RuntimeException e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                messages.append(t.getMessage()).append(' ');
            }
        }
        String text = messages.toString().trim();
        Matcher code = SMTP_CODE.matcher(text);
        boolean permanent = code.find() && code.group(1).equals("5");
        String summary = text.isEmpty() ? e.getClass().getSimpleName() : text;
        return new SendFailure(summary.length() > 500 ? summary.substring(0, 500) : summary, permanent, e);
    }
}
