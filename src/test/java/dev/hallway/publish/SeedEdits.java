package dev.hallway.publish;

import dev.hallway.support.FeedServer;
import dev.hallway.support.Fixtures;
import dev.hallway.support.Seed;
import dev.hallway.support.TestFeeds;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edits of the seed posts, served under /atom/ and polled, for the feed tests (Atom and JSON) that watch a post change. */
final class SeedEdits {

    /** Text no feed should carry as is: markup, CDATA ends, control characters, bidi overrides, RTL text, an emoji. */
    static final String HOSTILE_TEXT = "]]]]><![CDATA[> \u0001\u0008 <script>alert(2)</script><img src=x onerror=alert(3)>"
            + "<b onclick=alert(4)>\u202Eevil\u202C \u05e9\u05dc\u05d5\u05dd \uD83D\uDE00</b> ";

    private SeedEdits() {
    }

    /** Serves a seed feed with a post changed, and polls it. */
    static Map<String, Object> editPost(TestFeeds feeds, FeedServer server, Seed seed, UnaryOperator<String> edit) {
        String feed = Fixtures.text(seed.fixture());
        String edited = edit.apply(feed);
        assertTrue(!edited.equals(feed), "the edit changes the feed");
        String url = seed.serve(server, "/atom/");
        server.route("/atom/" + url.substring(url.lastIndexOf('/') + 1),
                FeedServer.Reply.ok(edited.getBytes(StandardCharsets.UTF_8), seed.contentType()));
        Map<String, Object> outcome = feeds.poll(url);
        assertEquals("ok", outcome.get("result"), outcome.toString());
        assertEquals(1, ((Number) outcome.get("updated")).intValue(), outcome.toString());
        dev.hallway.support.HallwayProcess.sleep(2100); // the render cache notices a change within two seconds
        return outcome;
    }

    /** Edits "2024 FOSS Backstage" (a report): a hostile title, and hostile text opening its summary and content. */
    static void makeFossBackstageHostile(TestFeeds feeds, FeedServer server) {
        editPost(feeds, server, Seed.WORDPRESS, feed -> feed
                .replace("<title>2024 FOSS Backstage</title>", "<title>2024 FOSS Backstage &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; "
                        + "\u0001\u0008 \u202Eevil\u202C \u05e9\u05dc\u05d5\u05dd \uD83D\uDE00 &amp;amp; done</title>")
                .replace("<description><![CDATA[I was a speaker", "<description><![CDATA[" + HOSTILE_TEXT + "I was a speaker")
                .replace("<content:encoded><![CDATA[<p>I was a speaker", "<content:encoded><![CDATA[<p>" + HOSTILE_TEXT + "I was a speaker"));
    }

    static final String DOTSCALE = "<title>Feedback on DotScale conference 2015</title>";

    /** Edits the dotScale 2015 report's title and a sentence of its text. */
    static void editDotScaleReport(TestFeeds feeds, FeedServer server) {
        editPost(feeds, server, Seed.DUCHESS, feed -> feed
                .replace(DOTSCALE, "<title>Feedback on DotScale conference 2015 (edited)</title>")
                .replace("took place on last Monday 8th June 2015", "took place on Monday 8 June 2015"));
    }
}
