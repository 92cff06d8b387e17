package dev.hallway.digest;

import dev.hallway.common.AppState;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.ScriptedMailProfile;
import dev.hallway.support.ScriptedSmtpResource;
import dev.hallway.support.TestDatabase;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports fetched after their week's digest was built, and digests whose scheduled run nobody was up for. */
@QuarkusTest
@TestProfile(LateReportsTest.Profile.class)
@QuarkusTestResource(FeedServerResource.class)
@QuarkusTestResource(value = ScriptedSmtpResource.class, restrictToAnnotatedClass = true)
class LateReportsTest {

    public static class Profile extends ScriptedMailProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.putAll(TestDatabase.isolated("late-reports"));
            return config;
        }
    }

    @Inject
    TestFeeds feeds;
    @Inject
    DigestService digests;
    @Inject
    DigestCatchUp catchUp;

    @BeforeEach
    void noDigests() {
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.deleteAll();
            Digest.deleteAll();
            AppState.delete("name", DigestCatchUp.LAST_SCHEDULED_WEEK);
        });
    }

    /** The seed blog's reports, dated Wednesday 11 November 2026 (2026-W46), fetched now. */
    private void pollReportsOfW46() {
        FeedServer server = FeedServerResource.server();
        String xml = Fixtures.text("seeds/adventures-in-oss.rss")
                .replaceAll("<pubDate>[^<]+</pubDate>", "<pubDate>Wed, 11 Nov 2026 10:00:00 +0000</pubDate>");
        server.route("/late/wp.rss", Reply.ok(xml.getBytes(StandardCharsets.UTF_8), Fixtures.RSS));
        feeds.follow(server.url("/late/wp.rss"));
        feeds.pollAll();
    }

    @Test
    void aReportFirstSeenAfterItsWeeksDigestWasBuiltGoesIntoTheNextOneMarkedPublishedLastWeek() {
        // 2026-W46's digest was built before the blog was fetched (it held another post)
        QuarkusTransaction.requiringNew().run(() -> {
            Digest built = new Digest();
            built.week = "2026-W46";
            built.periodStart = IsoWeek.parse("2026-W46").start(digests.zone());
            built.periodEnd = IsoWeek.parse("2026-W46").end(digests.zone());
            built.builtAt = Instant.now().minusSeconds(3600);
            built.subject = "Hallway — 1 report from 1 conference (2026-W46)";
            built.reports = 1;
            built.conferences = 1;
            built.content = DigestService.JSON.valueToTree(new DigestContent("2026-W46", "", List.of())).toString();
            built.persist();
        });
        pollReportsOfW46();

        Optional<Digest> next = digests.build(IsoWeek.parse("2026-W47"));
        assertTrue(next.isPresent(), "the reports found late make 2026-W47's digest");
        DigestContent content = DigestService.content(next.get());
        List<DigestContent.Report> reports = content.groups().stream().flatMap(g -> g.reports().stream()).toList();
        assertTrue(reports.stream().anyMatch(r -> r.title().equals("2023 Percona Live – Day 2")), reports.toString());
        assertTrue(reports.stream().allMatch(r -> "published last week".equals(r.note())), reports.toString());
        given().accept("text/html").when().get("/digests/2026-W47").then().statusCode(200)
                .body(containsString("published last week"));

        // and only there: the week after, they are not found late any more
        assertTrue(digests.build(IsoWeek.parse("2026-W48")).isEmpty());
    }

    @Test
    void aScheduledDigestMissedWhileEveryInstanceWasDownIsBuiltWhenOneComesBack() {
        pollReportsOfW46();
        // Monday 16 November 08:00 passed with no instance up; one starts on Wednesday
        Instant wednesday = Instant.parse("2026-11-18T09:00:00Z");
        assertEquals(Optional.of(IsoWeek.parse("2026-W46")), catchUp.catchUp(wednesday));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Digest.findById("2026-W46") != null));
        assertEquals(Optional.empty(), catchUp.catchUp(wednesday.plusSeconds(3600)), "built once");
        // before Monday 08:00 of the next week nothing else is due
        assertEquals(Optional.empty(), catchUp.catchUp(Instant.parse("2026-11-23T07:59:00Z")));
    }
}
