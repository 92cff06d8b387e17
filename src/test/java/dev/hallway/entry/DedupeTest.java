package dev.hallway.entry;

import dev.hallway.poll.PollOutcome;
import dev.hallway.poll.PollScheduler;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.Rss;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class DedupeTest {

    @Inject
    TestFeeds feeds;
    @Inject
    PollScheduler scheduler;

    private final FeedServer server = FeedServerResource.server();

    private static List<Entry> entriesWithUrlLike(String fragment) {
        return QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>list("canonicalUrl like ?1", "%" + fragment + "%"));
    }

    private static long sightings(long entryId) {
        return QuarkusTransaction.requiringNew().call(() -> Sighting.count("key.entryId", entryId));
    }

    @Test
    void theSamePostInThreeFeedsOneWithTrackingParametersIsOneEntryWithThreeSightings() {
        String date = "Mon, 03 Feb 2025 10:00:00 +0000";
        server.route("/dedupe/a.rss", Reply.ok(Rss.feed("A").item("FOSDEM 2025 recap", "https://blog.example/fosdem-2025/", date, "<p>Brussels.</p>").bytes(), Fixtures.RSS));
        server.route("/dedupe/b.rss", Reply.ok(Rss.feed("B").item("FOSDEM 2025 recap", "http://www.blog.example/fosdem-2025?utm_source=rss&utm_medium=feed", date, "<p>Brussels.</p>").bytes(), Fixtures.RSS));
        server.route("/dedupe/c.rss", Reply.ok(Rss.feed("C").item("FOSDEM 2025 recap", "https://BLOG.example:443/fosdem-2025#comments", date, "<p>Brussels.</p>").bytes(), Fixtures.RSS));
        feeds.follow(server.url("/dedupe/a.rss"), server.url("/dedupe/b.rss"), server.url("/dedupe/c.rss"));

        feeds.pollAll();

        List<Entry> entries = entriesWithUrlLike("blog.example/fosdem-2025");
        assertEquals(1, entries.size());
        assertEquals("blog.example/fosdem-2025", entries.get(0).canonicalUrl);
        assertEquals(3, sightings(entries.get(0).id));
    }

    @Test
    void aPostSyndicatedToAnotherBlogUnderAnotherUrlAndTitleIsOneEntry() {
        server.route("/syndication/trost.atom", Reply.ok(Fixtures.bytes("seeds/alexander-trost.atom"), Fixtures.ATOM));
        server.route("/syndication/report.rss", Reply.ok(Fixtures.bytes("seeds/syndicated-copy.rss"), Fixtures.RSS));
        String original = server.url("/syndication/trost.atom"), copy = server.url("/syndication/report.rss");
        feeds.follow(original, copy);

        feeds.poll(original);
        java.util.Map<String, Object> first = feeds.poll(copy);
        java.util.Map<String, Object> again = feeds.poll(copy);

        assertEquals(2, ((Number) first.get("entries")).intValue());
        assertEquals(1, ((Number) first.get("added")).intValue(), "only the unrelated post is new");
        List<Entry> fosdem = QuarkusTransaction.requiringNew().call(() ->
                Entry.<Entry>list("lower(title) like ?1", "%fosdem%20%brussels%"));
        assertEquals(1, fosdem.size(), fosdem.toString());
        assertEquals("FOSDEM'20 Brussels", fosdem.get(0).title);
        assertEquals(2, sightings(fosdem.get(0).id));
        assertEquals("unchanged", again.get("result"));
    }

    @Test
    void anEditedPostIsUpdatedInPlace() {
        String path = "/dedupe/edited.rss";
        String link = "https://blog.example/edited-post/";
        server.route(path, Reply.ok(Rss.feed("E").item("Percona Live 2023 – Day 1", link,
                "Tue, 23 May 2023 18:00:00 +0000", "<p>First draft.</p>").bytes(), Fixtures.RSS));
        String url = server.url(path);
        feeds.follow(url);
        feeds.poll(url);
        Entry before = entriesWithUrlLike("blog.example/edited-post").get(0);

        server.route(path, Reply.ok(Rss.feed("E").item("Percona Live 2023 – Day 1 (updated)", link,
                "Tue, 23 May 2023 18:00:00 +0000", "<p>Now with photos.</p>").bytes(), Fixtures.RSS));
        assertEquals(1, ((Number) feeds.poll(url).get("updated")).intValue());

        List<Entry> after = entriesWithUrlLike("blog.example/edited-post");
        assertEquals(1, after.size());
        assertEquals(before.id, after.get(0).id);
        assertEquals("Percona Live 2023 – Day 1 (updated)", after.get(0).title);
        assertEquals(before.publishedAt, after.get(0).publishedAt);
        assertTrue(after.get(0).updatedAt.isAfter(before.updatedAt));
        assertTrue(after.get(0).contentHtml.contains("Now with photos"));
    }

    @Test
    void aPostThatDropsOutOfItsFeedStays() {
        String path = "/dedupe/window.rss";
        server.route(path, Reply.ok(Rss.feed("W")
                .item("Old post", "https://blog.example/window-old", "Mon, 01 Jan 2024 10:00:00 +0000", "<p>old</p>")
                .item("New post", "https://blog.example/window-new", "Mon, 08 Jan 2024 10:00:00 +0000", "<p>new</p>").bytes(), Fixtures.RSS));
        String url = server.url(path);
        feeds.follow(url);
        feeds.poll(url);
        server.route(path, Reply.ok(Rss.feed("W")
                .item("Newest post", "https://blog.example/window-newest", "Mon, 15 Jan 2024 10:00:00 +0000", "<p>newest</p>")
                .item("New post", "https://blog.example/window-new", "Mon, 08 Jan 2024 10:00:00 +0000", "<p>new</p>").bytes(), Fixtures.RSS));
        feeds.poll(url);
        assertEquals(3, entriesWithUrlLike("blog.example/window-").size());
    }

    @Test
    void concurrentPollsOfTwoFeedsCarryingTheSamePostsNeverMakeTwoRows() {
        for (int round = 0; round < 5; round++) {
            Rss rss = Rss.feed("R" + round);
            for (int i = 0; i < 20; i++) {
                rss.item("Post " + i, "https://race.example/r" + round + "/p" + i, "Mon, 01 Jan 2024 10:00:00 +0000", "<p>" + i + "</p>");
            }
            server.route("/race/" + round + "/one.rss", Reply.ok(rss.bytes(), Fixtures.RSS));
            server.route("/race/" + round + "/two.rss", Reply.ok(rss.bytes(), Fixtures.RSS));
            String one = server.url("/race/" + round + "/one.rss"), two = server.url("/race/" + round + "/two.rss");
            feeds.follow(one, two);

            List<PollOutcome> outcomes = scheduler.pollNow(List.of(feeds.source(one).id, feeds.source(two).id)).stream()
                    .map(CompletableFuture::join).toList();

            outcomes.forEach(o -> assertEquals("ok", o.result().json(), o.toString()));
            assertEquals(20, outcomes.stream().mapToInt(PollOutcome::added).sum(), "each post added exactly once");
            List<Entry> rows = entriesWithUrlLike("race.example/r" + round + "/");
            assertEquals(20, rows.size());
            rows.forEach(e -> assertEquals(2, sightings(e.id)));
        }
    }
}
