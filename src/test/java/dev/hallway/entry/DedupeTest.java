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
    @Inject
    EntryRetention retention;

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

    private static final String FULL = "<p>We drove to Brussels on Friday night.</p><p>" + "The PostgreSQL devroom was packed all day. ".repeat(20)
            + "</p><p>Saturday evening we met the Debian folks.</p>";
    private static final String EXCERPT = "<p>We drove to Brussels on Friday night. [&hellip;]</p>";

    /** The post in its own full-text blog and in a planet that carries a summary, each feed changing between polls. */
    private void serveBlogAndPlanet(int round, String link, String fullHtml) {
        server.route("/flipflop/blog.rss", Reply.ok(Rss.feed("Ada's blog").site("https://ada.example/")
                .item("Notes " + round, "https://ada.example/notes-" + round, "Mon, 10 Feb 2025 10:00:00 +0000", "<p>n</p>")
                .item("FOSDEM 2025 recap", link, "Mon, 03 Feb 2025 10:00:00 +0000", fullHtml).bytes(), Fixtures.RSS));
        server.route("/flipflop/planet.rss", Reply.ok(Rss.feed("Planet").site("https://planet.example/")
                .item("Other " + round, "https://other.example/p-" + round, "Mon, 10 Feb 2025 11:00:00 +0000", "<p>o</p>")
                .item("Ada: FOSDEM 2025 recap", link, "Tue, 04 Feb 2025 08:00:00 +0000", EXCERPT).bytes(), Fixtures.RSS));
    }

    @Test
    void theSamePostInAFullTextBlogAndASummaryPlanetKeepsTheBlogsCopyWhicheverIsPolledLast() {
        String link = "https://ada.example/2025/02/fosdem-2025-recap/";
        String blog = server.url("/flipflop/blog.rss"), planet = server.url("/flipflop/planet.rss");
        feeds.follow(blog, planet);
        serveBlogAndPlanet(0, link, FULL);
        feeds.poll(planet);
        feeds.poll(blog);
        Entry shown = entriesWithUrlLike("ada.example/2025/02/fosdem-2025-recap").get(0);
        assertEquals("FOSDEM 2025 recap", shown.title);
        assertTrue(shown.contentHtml.contains("devroom was packed"), shown.contentHtml);

        for (int round = 1; round <= 4; round++) {
            serveBlogAndPlanet(round, link, FULL);
            assertEquals("ok", (round % 2 == 0 ? feeds.poll(blog) : feeds.poll(planet)).get("result"));
            assertEquals("ok", (round % 2 == 0 ? feeds.poll(planet) : feeds.poll(blog)).get("result"));
            Entry now = entriesWithUrlLike("ada.example/2025/02/fosdem-2025-recap").get(0);
            assertEquals(shown.title, now.title, "round " + round);
            assertEquals(shown.contentHtml, now.contentHtml, "round " + round);
            assertEquals(shown.publishedAt, now.publishedAt, "round " + round);
            assertEquals(shown.updatedAt, now.updatedAt, "round " + round);
            assertEquals(shown.changedAt, now.changedAt, "round " + round);
        }
        assertEquals(2, sightings(shown.id));

        serveBlogAndPlanet(5, link, FULL.replace("Debian folks", "Debian and Fedora folks"));
        feeds.poll(blog);
        feeds.poll(planet);
        Entry edited = entriesWithUrlLike("ada.example/2025/02/fosdem-2025-recap").get(0);
        assertTrue(edited.contentHtml.contains("Debian and Fedora folks"), "the blog's own edit is shown");
        assertTrue(edited.updatedAt.isAfter(shown.updatedAt));
    }

    @Test
    void theFullerOfTwoCopiesFromOtherSitesIsKept() {
        String link = "https://elsewhere.example/posts/scale-22x/";
        String summary = server.url("/fuller/summary.rss"), full = server.url("/fuller/full.rss");
        feeds.follow(summary, full);
        for (int round = 0; round < 3; round++) {
            server.route("/fuller/summary.rss", Reply.ok(Rss.feed("Summaries").site("https://summaries.example/")
                    .item("Round " + round, "https://summaries.example/r" + round, "Mon, 10 Mar 2025 10:00:00 +0000", "<p>r</p>")
                    .item("SCaLE 22x", link, "Mon, 10 Mar 2025 09:00:00 +0000", EXCERPT).bytes(), Fixtures.RSS));
            server.route("/fuller/full.rss", Reply.ok(Rss.feed("Full texts").site("https://full.example/")
                    .item("Round " + round, "https://full.example/r" + round, "Mon, 10 Mar 2025 10:00:00 +0000", "<p>r</p>")
                    .item("SCaLE 22x", link, "Mon, 10 Mar 2025 09:00:00 +0000", FULL).bytes(), Fixtures.RSS));
            feeds.poll(full);
            feeds.poll(summary);
            assertTrue(entriesWithUrlLike("elsewhere.example/posts/scale-22x").get(0).contentHtml.contains("devroom was packed"),
                    "round " + round);
        }
    }

    @Test
    void aCopyFromThePostsOwnSiteWinsOverAFullerOneElsewhere() {
        String link = "https://own.example/posts/percona-live-2025/";
        String own = server.url("/own/site.rss"), copy = server.url("/own/copy.rss");
        feeds.follow(own, copy);
        for (int round = 0; round < 3; round++) {
            server.route("/own/site.rss", Reply.ok(Rss.feed("Own").site("https://www.own.example/")
                    .item("Round " + round, "https://own.example/r" + round, "Mon, 10 Mar 2025 10:00:00 +0000", "<p>r</p>")
                    .item("Percona Live 2025", link, "Mon, 10 Mar 2025 09:00:00 +0000", EXCERPT).bytes(), Fixtures.RSS));
            server.route("/own/copy.rss", Reply.ok(Rss.feed("Copies").site("https://copies.example/")
                    .item("Round " + round, "https://copies.example/r" + round, "Mon, 10 Mar 2025 10:00:00 +0000", "<p>r</p>")
                    .item("Percona Live 2025 (copy)", link, "Mon, 10 Mar 2025 09:00:00 +0000", FULL).bytes(), Fixtures.RSS));
            feeds.poll(own);
            feeds.poll(copy);
            assertEquals("Percona Live 2025", entriesWithUrlLike("own.example/posts/percona-live-2025").get(0).title, "round " + round);
        }
    }

    /** hallway.retention.entries unset (the default): every post keeps its text, however old (RetentionTest sets it). */
    @Test
    void withoutARetentionSettingEvenAnOldPostKeepsItsText() {
        server.route("/retention-default/a.rss", Reply.ok(Rss.feed("Old").item("An old post", "https://old-blog.example/2009/post",
                "Mon, 02 Feb 2009 10:00:00 +0000", "<p>Kept forever.</p>").bytes(), Fixtures.RSS));
        feeds.follow(server.url("/retention-default/a.rss"));
        feeds.pollAll();

        assertEquals(-1, retention.prune(), "retention is off");
        Entry old = entriesWithUrlLike("old-blog.example/2009/post").get(0);
        assertTrue(old.contentHtml.contains("Kept forever."));
        assertEquals(null, old.prunedAt);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Entry.count("prunedAt is not null")));
    }
}
