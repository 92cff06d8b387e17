package dev.hallway.digest;

import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** For the tests of delivery: a stored digest of one FOSDEM report, and confirmed subscribers with a message queued. */
final class OneReportDigest {

    private OneReportDigest() {
    }

    /** The week's digest, stored; call inside a transaction. */
    static void store(String week) {
        DigestContent content = new DigestContent(week, "16 Nov 2026 – 22 Nov 2026", List.of(new DigestContent.Group(
                "fosdem-2026", "fosdem", "FOSDEM 2026", List.of(new DigestContent.Report("FOSDEM 2026 recap",
                "https://blog.example.org/fosdem", "Example blog", "Ada", "Tue 17 Nov 2026", "A recap")))));
        Digest digest = new Digest();
        digest.week = week;
        digest.periodStart = Instant.parse("2026-11-16T00:00:00Z");
        digest.periodEnd = Instant.parse("2026-11-23T00:00:00Z");
        digest.builtAt = Instant.now();
        digest.subject = content.subject();
        digest.reports = 1;
        digest.conferences = 1;
        digest.content = DigestService.JSON.valueToTree(content).toString();
        digest.persist();
    }

    /** Confirmed subscribers reader1@… readerN@…, each with the week's message due; call inside a transaction. */
    static List<Long> queue(String week, int subscribers) {
        List<Long> messages = new ArrayList<>();
        for (int i = 1; i <= subscribers; i++) {
            Subscriber s = new Subscriber();
            s.email = subscribers == 1 ? "reader@example.org" : "reader" + i + "@example.org";
            s.status = SubscriberStatus.CONFIRMED;
            s.createdAt = Instant.now();
            s.persist();
            OutboxMessage m = new OutboxMessage();
            m.week = week;
            m.subscriberId = s.id;
            m.status = OutboxStatus.PENDING;
            m.nextAttemptAt = Instant.now().minusSeconds(1);
            m.persist();
            messages.add(m.id);
        }
        return messages;
    }
}
