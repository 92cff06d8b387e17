package dev.hallway.entry;

import dev.hallway.common.AppState;
import dev.hallway.common.SqlErrors;
import dev.hallway.conference.Classification;
import dev.hallway.conference.Evidence;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.Rss;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A catalogue edit classifies stored entries again without losing what polls and operators wrote meanwhile, and one
 * instance does it for all: the others leave it to the lease holder and take over where it stopped if it dies.
 */
@QuarkusTest
@TestProfile(ReclassificationTest.OwnDatabase.class)
@QuarkusTestResource(FeedServerResource.class)
class ReclassificationTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return dev.hallway.support.TestDatabase.isolated("reclassification");
        }
    }

    private static final String KIELUX = "conferences:\n  - slug: kielux\n    name: Kielux\n    month: 9\n";

    @Inject
    TestFeeds feeds;
    @Inject
    Reclassifier reclassifier;
    @Inject
    ConferencePin pins;

    private final FeedServer server = FeedServerResource.server();
    private String yaml;

    @BeforeEach
    void followAKielFeed() {
        server.route("/reclassify/kiel.rss", Reply.ok(Rss.feed("Kiel")
                .item("kielux 2023 – tag 1", "https://kiel.example/kielux-2023-tag-1", "Sat, 16 Sep 2023 18:00:00 +0000",
                        "<p>Am Samstag war ich auf der kielux. Die Vorträge waren gut.</p>")
                .item("kielux 2023 – tag 2", "https://kiel.example/kielux-2023-tag-2", "Sun, 17 Sep 2023 18:00:00 +0000",
                        "<p>Am Sonntag war ich wieder auf der kielux. Die Vorträge waren gut.</p>").bytes(), Fixtures.RSS));
        yaml = "feeds:\n  - url: " + server.url("/reclassify/kiel.rss") + "\n";
        feeds.write(yaml);
        feeds.pollAll();
    }

    @AfterEach
    void restore() {
        QuarkusTransaction.requiringNew().run(() -> JobLease.update("leaseOwner = null, leaseUntil = null where name = ?1", Reclassifier.JOB));
        feeds.write(yaml);
    }

    private static Entry entry(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>findById(id));
    }

    private static void leaseHeldElsewhere(Instant until, String target, long progress) {
        QuarkusTransaction.requiringNew().run(() -> {
            JobLease job = JobLease.findById(Reclassifier.JOB);
            if (job == null) {
                job = new JobLease();
                job.name = Reclassifier.JOB;
                job.persist();
            }
            job.leaseOwner = "another-instance";
            job.leaseUntil = until;
            job.target = target;
            job.progress = progress;
        });
    }

    @Test
    void anotherInstanceHoldingTheJobDoesItAndADeadOnesWorkIsTakenOverWhereItStopped() {
        long day1 = TestFeeds.entryId("kielux 2023 – tag 1");
        long day2 = TestFeeds.entryId("kielux 2023 – tag 2");
        assertTrue(day1 < day2);
        assertNull(entry(day1).conferenceSlug);
        leaseHeldElsewhere(Instant.now().plus(1, ChronoUnit.HOURS), null, -1);

        feeds.write(yaml + KIELUX);

        assertNull(entry(day2).conferenceSlug, "the instance holding the lease reclassifies, not this one");
        String wanted = reclassifier.wanted(); // through a method: the bean is behind a client proxy
        assertNotEquals(wanted, QuarkusTransaction.requiringNew().call(() -> AppState.get(Reclassifier.APPLIED)));

        // the other instance got as far as day 1 for this catalogue, then died: its lease runs out
        leaseHeldElsewhere(Instant.now().minus(1, ChronoUnit.MINUTES), wanted, day1);
        reclassifier.resume();

        assertEquals("kielux-2023", entry(day2).conferenceSlug, "taken over");
        assertNull(entry(day1).conferenceSlug, "what the dead instance had done is not done again");
        assertEquals(wanted, QuarkusTransaction.requiringNew().call(() -> AppState.get(Reclassifier.APPLIED)));
        JobLease job = QuarkusTransaction.requiringNew().call(() -> JobLease.<JobLease>findById(Reclassifier.JOB));
        assertNull(job.leaseOwner, "given back when done");
        assertEquals(-1, reclassifier.run(), "nothing left to do");
    }

    @Test
    void aReclassificationLosesToAPinMadeAfterItReadTheRow() {
        long day1 = TestFeeds.entryId("kielux 2023 – tag 1");
        Entry asRead = entry(day1);
        pins.pin(day1, new ConferencePin.Request(null, "2023", "Kieler Linux-Tage", null));

        Classification other = new Classification("kielux-2023", "kielux", "Kielux", "2023", "Kielux 2023", 2023, 0.9,
                false, false, false, List.of(new Evidence("named-in-title", "kielux 2023", 1.0)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> reclassifier.rewrite(asRead, other)));

        Entry now = entry(day1);
        assertTrue(now.conferencePinned);
        assertEquals("Kieler Linux-Tage 2023", now.conferenceName, "the pin stays");
    }

    @Test
    void aWriterThatReadTheRowBeforeAPinFailsAsStaleInsteadOfOverwritingIt() throws Exception {
        long day2 = TestFeeds.entryId("kielux 2023 – tag 2");
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch pinned = new CountDownLatch(1);
        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            Entry e = Entry.findById(day2); // as a poll storing a new copy reads it
            read.countDown();
            await(pinned);
            e.title = "kielux 2023 – tag 2 (edited)";
            ConferenceAssigner.write(e, null); // and classifies its new text as no report
        }));
        assertTrue(read.await(10, TimeUnit.SECONDS));
        pins.pin(day2, new ConferencePin.Request(null, "2023", "Kieler Linux-Tage", null));
        pinned.countDown();

        Exception failure = assertThrows(Exception.class, () -> poll.get(10, TimeUnit.SECONDS));
        assertTrue(SqlErrors.isStaleRow(failure), () -> "a stale row, which EntryStore reads again: " + failure);
        Entry now = entry(day2);
        assertEquals("Kieler Linux-Tage 2023", now.conferenceName);
        assertEquals("kielux 2023 – tag 2", now.title);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
