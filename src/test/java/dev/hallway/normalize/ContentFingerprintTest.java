package dev.hallway.normalize;

import dev.hallway.parse.FeedParser;
import dev.hallway.parse.ParsedFeed;
import dev.hallway.parse.ParsedItem;
import dev.hallway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentFingerprintTest {

    private static List<ParsedItem> items(String fixture, String contentType) throws Exception {
        ParsedFeed feed = new FeedParser().parse(Fixtures.bytes(fixture), contentType, "https://example.org/feed");
        return feed.items();
    }

    private static long fingerprint(ParsedItem item) {
        return ContentFingerprint.of(PlainText.ofHtml(item.contentHtml() != null ? item.contentHtml() : item.summaryHtml()));
    }

    @Test
    void aSyndicatedCopyWithAnotherTitleAndWithoutItsPrefaceIsTheSamePost() throws Exception {
        long original = fingerprint(items("seeds/alexander-trost.atom", Fixtures.ATOM).get(0));
        long copy = fingerprint(items("seeds/syndicated-copy.rss", Fixtures.RSS).get(0));
        System.out.println("syndicated distance: " + Long.bitCount(original ^ copy));
        assertTrue(ContentFingerprint.sameContent(original, copy), "distance " + Long.bitCount(original ^ copy));
    }

    @Test
    void differentPostsOnTheSameTopicAreNot() throws Exception {
        List<ParsedItem> all = new ArrayList<>();
        all.addAll(items("seeds/adventures-in-oss.rss", Fixtures.RSS));
        all.addAll(items("seeds/pingcap-blog.atom", Fixtures.ATOM));
        all.addAll(items("seeds/alexander-trost.atom", Fixtures.ATOM));
        all.addAll(items("seeds/duchess-france.rdf", Fixtures.RDF));
        int min = 64;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                long a = fingerprint(all.get(i)), b = fingerprint(all.get(j));
                if (a != 0 && b != 0) {
                    min = Math.min(min, Long.bitCount(a ^ b));
                }
                assertFalse(ContentFingerprint.sameContent(a, b), all.get(i).title() + " vs " + all.get(j).title());
            }
        }
        System.out.println("closest distinct posts: " + min + " bits apart");
        assertTrue(min > ContentFingerprint.MAX_DISTANCE * 2, "a wide margin between copies and distinct posts: " + min);
    }

    @Test
    void shortTextsHaveNoFingerprint() {
        assertEquals(0, ContentFingerprint.of("Slides from my talk are online."));
        assertFalse(ContentFingerprint.sameContent(0, 0));
    }
}
