package dev.hallway.mail;

import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP server of the standard {@code quarkus.mailer.*} keys, as a Vert.x {@link MailConfig} for the mail client
 * {@link MailDelivery} owns (its own clients, so it can drop one that stalled and start afresh; it sets the pool size
 * itself). The keys and their
 * defaults are the Quarkus mailer's: host, port, username, password, tls (or ssl), start-tls, login, auth-methods,
 * trust-all, own-host-name, max-pool-size, keep-alive, keep-alive-timeout, pool-cleaner-period, disable-esmtp,
 * pipelining, allow-rcpt-errors, max-mails-per-connection. Not read: trust and key stores, DKIM, NTLM, named TLS
 * configurations (a server with a certificate from a public authority needs none). Every socket also gets
 * hallway.mail.send-timeout as its connect timeout, and twice that as its idle timeout: a connection to a server
 * that stopped answering is closed in the end, whatever holds it.
 */
final class SmtpSettings {

    private static final String P = "quarkus.mailer.";

    private SmtpSettings() {
    }

    static MailConfig from(Config config, Duration timeout) {
        MailConfig mail = new MailConfig();
        mail.setHostname(string(config, "host", "localhost"));
        config.getOptionalValue(P + "port", Integer.class).ifPresent(mail::setPort);
        config.getOptionalValue(P + "username", String.class).ifPresent(mail::setUsername);
        config.getOptionalValue(P + "password", String.class).ifPresent(mail::setPassword);
        boolean ssl = config.getOptionalValue(P + "tls", Boolean.class)
                .orElse(config.getOptionalValue(P + "ssl", Boolean.class).orElse(false));
        mail.setSsl(ssl);
        mail.setStarttls(StartTLSOptions.valueOf(string(config, "start-tls", "OPTIONAL").toUpperCase(Locale.ROOT)));
        mail.setLogin(LoginOption.valueOf(string(config, "login", "NONE").toUpperCase(Locale.ROOT)));
        config.getOptionalValue(P + "auth-methods", String.class).ifPresent(mail::setAuthMethods);
        config.getOptionalValue(P + "trust-all", Boolean.class).ifPresent(mail::setTrustAll);
        config.getOptionalValue(P + "own-host-name", String.class).ifPresent(mail::setOwnHostname);
        mail.setMaxPoolSize(config.getOptionalValue(P + "max-pool-size", Integer.class).orElse(10));
        mail.setKeepAlive(config.getOptionalValue(P + "keep-alive", Boolean.class).orElse(true));
        mail.setKeepAliveTimeout((int) duration(config, "keep-alive-timeout", Duration.ofMinutes(5)).toMillis());
        mail.setKeepAliveTimeoutUnit(TimeUnit.MILLISECONDS);
        mail.setPoolCleanerPeriod((int) duration(config, "pool-cleaner-period", Duration.ofSeconds(1)).toMillis());
        mail.setPoolCleanerPeriodUnit(TimeUnit.MILLISECONDS);
        mail.setDisableEsmtp(config.getOptionalValue(P + "disable-esmtp", Boolean.class).orElse(false));
        mail.setPipelining(config.getOptionalValue(P + "pipelining", Boolean.class).orElse(true));
        mail.setAllowRcptErrors(config.getOptionalValue(P + "allow-rcpt-errors", Boolean.class).orElse(false));
        config.getOptionalValue(P + "max-mails-per-connection", Long.class).ifPresent(mail::setMaxMailsPerConnection);
        int millis = (int) Math.min(Integer.MAX_VALUE / 2, timeout.toMillis());
        mail.setConnectTimeout(millis);
        // longer than a send may take: a send that outlasts the timeout is cut off by MailDelivery (which closes its
        // client, and so its socket); the idle timeout ends connections nothing uses any more (a stalled server's)
        mail.setIdleTimeout(2 * millis);
        mail.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        return mail;
    }

    private static String string(Config config, String key, String otherwise) {
        return config.getOptionalValue(P + key, String.class).orElse(otherwise);
    }

    private static Duration duration(Config config, String key, Duration otherwise) {
        return config.getOptionalValue(P + key, Duration.class).orElse(otherwise);
    }
}
