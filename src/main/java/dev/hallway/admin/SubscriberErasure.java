package dev.hallway.admin;

import dev.hallway.subscribe.Subscriber;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Deletes a subscriber and everything kept about them, in one transaction: their digest messages (sent or waiting,
 * with the address's delivery errors), their queued confirmation email (and the token in it), then the subscriber
 * row (address, followed series, confirmation hash, bounce count). The archived digests name no one and stay.
 */
@ApplicationScoped
public class SubscriberErasure {

    /**
     * Every table with a {@code subscriber_id} column. AdminPageTest reads the migrations and fails when a table
     * referring to subscriber is missing here.
     */
    static final List<String> TABLES_WITH_SUBSCRIBER_DATA = List.of("outbox", "confirmation_mail");

    /** @return the deleted subscriber's address, or null when there was none with this id */
    public String erase(long subscriberId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.findById(subscriberId);
            if (s == null) {
                return null;
            }
            for (String table : TABLES_WITH_SUBSCRIBER_DATA) {
                Subscriber.getEntityManager().createNativeQuery("DELETE FROM " + table + " WHERE subscriber_id = ?1")
                        .setParameter(1, subscriberId).executeUpdate();
            }
            s.delete();
            Log.infof("subscriber %d deleted by an operator, with their messages", subscriberId);
            return s.email;
        });
    }
}
