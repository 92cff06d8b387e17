package dev.hallway.mail;

import dev.hallway.common.Causes;
import io.vertx.ext.mail.SMTPException;

/**
 * Tells a permanent rejection from a passing failure by what the SMTP server answered, never by the text of an
 * exception: only a reply the server actually sent ({@link SMTPException}, from the Vert.x mail client under the
 * Quarkus mailer) with a 5xx code, or a 5.x.x enhanced status, is permanent. A connection refused or reset, a
 * timeout, a TLS failure, anything without a reply code, is a passing failure: the server may be back later.
 */
final class SmtpFailures {

    private static final int MAX_MESSAGE = 500;

    private SmtpFailures() {
    }

    static MailDelivery.SendFailure classify(Throwable failure) {
        SMTPException reply = Causes.find(failure, SMTPException.class);
        boolean permanent = reply != null && reply.isPermanent();
        return new MailDelivery.SendFailure(describe(failure, reply), permanent, failure);
    }

    private static String describe(Throwable failure, SMTPException reply) {
        String text;
        if (reply != null) {
            text = "SMTP " + reply.getReplyCode() + ": " + reply.getReplyMessage();
        } else {
            StringBuilder messages = new StringBuilder("no SMTP reply: ");
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                messages.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()).append(' ');
            }
            text = messages.toString().trim();
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text;
    }
}
