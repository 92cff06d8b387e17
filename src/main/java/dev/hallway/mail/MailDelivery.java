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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * Sends go through Vert.x mail clients of its own ({@link SmtpSettings}: the quarkus.mailer.* server), in
 * hallway.mail.concurrency lanes: each lane is one client with one kept-alive connection and one send at a time, and
 * callers take whichever lane is free. One send at a time per client, because the Vert.x mail client 4.5.26 loses
 * sends when several are in flight on one client while connections are made or fail: its pool disposes of an
 * endpoint that has no connection left while another send is being queued on it (SMTPConnectionPool ignores
 * Endpoint.getConnection's false), and that send never gets an answer (seen with four sends at once on a fresh
 * client, with the server refusing, and as the pool grew from one connection to four). Every send is also bounded
 * by hallway.mail.send-timeout: one that outlasts it fails as a passing failure (retried) and its lane gets a fresh
 * client (the old one closed, with its socket), so nothing of a stalled client lingers.
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
    private BlockingQueue<Lane> free;
    private final List<Lane> lanes = new ArrayList<>();
    private volatile boolean closed;
    private final AtomicInteger replaced = new AtomicInteger();

    /** One mail client used by one send at a time; its client is made on first use and after a timeout. */
    private static final class Lane {
        MailClient client;
    }

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
        smtp.setMaxPoolSize(1); // one send at a time per client: one connection, kept alive
        int count = Math.max(1, config.mail().concurrency());
        free = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            Lane lane = new Lane();
            lanes.add(lane);
            free.add(lane);
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        for (Lane lane : lanes) {
            synchronized (lane) {
                if (lane.client != null) {
                    closeQuietly(lane.client);
                    lane.client = null;
                }
            }
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
        Lane lane;
        try {
            lane = free.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("no SMTP reply: interrupted while waiting to send", false, e);
        }
        if (lane == null) {
            throw new SendFailure("no SMTP reply: every mail client stayed busy for hallway.mail.send-timeout (" + timeout + ")",
                    false, null);
        }
        try {
            send(lane, message);
        } finally {
            free.add(lane);
        }
    }

    /** One send on a lane this thread holds. */
    private void send(Lane lane, MailMessage message) throws SendFailure {
        MailClient client;
        synchronized (lane) {
            if (closed) {
                throw new SendFailure("no SMTP reply: the mail client is closed (shutting down)", false, null);
            }
            if (lane.client == null) {
                lane.client = MailClient.create(vertx, new MailConfig(smtp));
            }
            client = lane.client;
        }
        CompletableFuture<MailResult> result;
        try {
            result = client.sendMail(message).toCompletionStage().toCompletableFuture();
        } catch (RuntimeException e) {
            throw SmtpFailures.classify(e);
        }
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw SmtpFailures.classify(e.getCause());
        } catch (TimeoutException e) {
            result.cancel(false);
            replace(lane, client);
            throw new MailDelivery.SendFailure("no SMTP reply: the send took longer than hallway.mail.send-timeout ("
                    + timeout + "); the mail client was replaced", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailDelivery.SendFailure("no SMTP reply: interrupted while sending", false, e);
        }
    }

    /** The lane's client let a send go unanswered: its next send gets a fresh one. */
    private void replace(Lane lane, MailClient stalled) {
        synchronized (lane) {
            if (lane.client != stalled) {
                return;
            }
            lane.client = null;
        }
        replaced.incrementAndGet();
        Log.warnf("a send got no answer within %s: replacing its mail client", timeout);
        closeQuietly(stalled); // closes its connection too
    }

    private static void closeQuietly(MailClient c) {
        try {
            c.close().onFailure(e -> Log.debugf(e, "closing a mail client failed"));
        } catch (RuntimeException e) {
            Log.debugf(e, "closing a mail client failed");
        }
    }
}
