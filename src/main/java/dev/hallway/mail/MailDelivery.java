package dev.hallway.mail;

import dev.hallway.config.HallwayConfig;
import io.quarkus.logging.Log;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one message with the headers every message carries (From, Date, Message-ID), and tells a permanent SMTP
 * rejection (5xx) from a passing failure ({@link SmtpFailures}). Delivery is on only when hallway.mail.enabled is
 * true (with the SMTP server in quarkus.mailer.*): otherwise messages are not sent, and callers say so.
 * <p>
 * Sends go through a Vert.x mail client of its own ({@link SmtpSettings}: the quarkus.mailer.* server), safe to call
 * from several threads at once, each send over a pooled, kept-alive connection. Every send is bounded by
 * hallway.mail.send-timeout: the Vert.x mail client (4.5.26) can lose a send for good when sends are in flight while
 * connections fail (a refused server): its pool disposes of an endpoint that has no connection left while another
 * send is being queued on it, and that send's request is dropped without an answer (SMTPConnectionPool ignores
 * Endpoint.getConnection's false; seen with four sends at once on a fresh client, and after refusals). Such a send
 * fails after the timeout, as a passing failure, and the client is replaced by a fresh one (the old one closed), so
 * nothing of a stalled client lingers. To keep that rare, a client takes one send at a time until a send has gone
 * through it (a fresh client, or one whose last send could not reach the server); then sends run side by side over
 * its pooled connections.
 */
@ApplicationScoped
public class MailDelivery {

    @Inject
    Vertx vertx;
    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;

    private boolean enabled;
    private String messageIdDomain;
    private Duration timeout;
    private MailConfig smtp;
    /** A mail client and whether a send has gone through it since it was made or last failed to reach the server. */
    private static final class Client {
        final MailClient mail;
        volatile boolean proven;

        Client(MailClient mail) {
            this.mail = mail;
        }
    }

    /** The client in use; replaced after a send that timed out. Guarded by this. */
    private Client client;
    private boolean closed;
    private final AtomicInteger replaced = new AtomicInteger();

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
        timeout = config.mail().sendTimeout();
        smtp = SmtpSettings.from(ConfigProvider.getConfig(), timeout);
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (client != null) {
            closeQuietly(client.mail);
            client = null;
        }
    }

    /** hallway.mail.enabled: false means no message is sent. */
    public boolean enabled() {
        return enabled;
    }

    /** A Message-ID for a message about to be sent; fixed in advance so a retried message keeps it. */
    public String newMessageId() {
        return "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
    }

    /** How many times a client that let a send time out was replaced by a fresh one (since startup). */
    public int clientsReplaced() {
        return replaced.get();
    }

    public void send(String to, String subject, String html, String text, String messageId, Map<String, String> headers)
            throws SendFailure {
        MultiMap all = MultiMap.caseInsensitiveMultiMap();
        all.add("Message-ID", messageId);
        all.add("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC)));
        headers.forEach(all::add);
        MailMessage message = new MailMessage().setFrom(config.mail().from()).setTo(to).setSubject(subject)
                .setHtml(html).setText(text).setHeaders(all);
        Client used = client();
        if (used.proven) {
            send(used, message);
        } else {
            synchronized (used) { // one at a time until a send has gone through this client
                send(used, message);
            }
        }
    }

    private void send(Client used, MailMessage message) throws SendFailure {
        CompletableFuture<MailResult> result;
        try {
            result = used.mail.sendMail(message).toCompletionStage().toCompletableFuture();
        } catch (RuntimeException e) {
            throw SmtpFailures.classify(e);
        }
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            used.proven = true;
        } catch (ExecutionException e) {
            SendFailure failure = SmtpFailures.classify(e.getCause());
            // a reply (451, 550) came over a working connection; anything else: the server may be gone
            used.proven = SmtpFailures.replied(e.getCause());
            throw failure;
        } catch (TimeoutException e) {
            result.cancel(false);
            replace(used);
            throw new MailDelivery.SendFailure("no SMTP reply: the send took longer than hallway.mail.send-timeout ("
                    + timeout + "); the mail client was replaced", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailDelivery.SendFailure("no SMTP reply: interrupted while sending", false, e);
        }
    }

    private synchronized Client client() throws SendFailure {
        if (closed) {
            throw new SendFailure("no SMTP reply: the mail client is closed (shutting down)", false, null);
        }
        if (client == null) {
            client = new Client(MailClient.create(vertx, new MailConfig(smtp)));
        }
        return client;
    }

    /** The client let a send go unanswered: later sends get a fresh one (once, however many sends saw it). */
    private synchronized void replace(Client stalled) {
        if (client != stalled) {
            return;
        }
        client = null;
        replaced.incrementAndGet();
        Log.warnf("a send got no answer within %s: replacing the mail client", timeout);
        closeQuietly(stalled.mail); // its sends still in flight fail now, as passing failures
    }

    private static void closeQuietly(MailClient c) {
        try {
            c.close().onFailure(e -> Log.debugf(e, "closing a mail client failed"));
        } catch (RuntimeException e) {
            Log.debugf(e, "closing a mail client failed");
        }
    }
}
