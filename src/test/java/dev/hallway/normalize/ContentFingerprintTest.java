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

    /** The SimHash as first written: a counter per bit, 64 steps per feature; the fast one must agree bit for bit. */
    private static long plainSimHash(String text) {
        List<Long> words = new ArrayList<>();
        long h = 0xcbf29ce484222325L;
        boolean inWord = false;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                h = (h ^ c) * 0x100000001b3L;
                inWord = true;
            } else if (inWord) {
                words.add(h);
                h = 0xcbf29ce484222325L;
                inWord = false;
            }
        }
        if (inWord) {
            words.add(h);
        }
        if (words.size() < ContentFingerprint.MIN_WORDS) {
            return 0;
        }
        int[] ones = new int[64];
        for (int i = 0; i + 1 < words.size(); i++) {
            long z = words.get(i) * 0x9E3779B97F4A7C15L + words.get(i + 1);
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            long feature = z ^ (z >>> 31);
            for (int bit = 0; bit < 64; bit++) {
                if ((feature >>> bit & 1) != 0) {
                    ones[bit]++;
                }
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (2 * ones[bit] - (words.size() - 1) > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint == 0 ? 1 : fingerprint;
    }

    @Test
    void theBitSlicedCountGivesTheSameFingerprintAsOneCounterPerBit() throws Exception {
        List<String> texts = new ArrayList<>();
        for (String[] f : new String[][]{{"seeds/adventures-in-oss.rss", Fixtures.RSS}, {"seeds/pingcap-blog.atom", Fixtures.ATOM},
                {"seeds/alexander-trost.atom", Fixtures.ATOM}, {"seeds/duchess-france.rdf", Fixtures.RDF},
                {"seeds/syndicated-copy.rss", Fixtures.RSS}}) {
            for (ParsedItem item : items(f[0], f[1])) {
                texts.add(PlainText.ofHtml(item.contentHtml() != null ? item.contentHtml() : item.summaryHtml()));
            }
        }
        java.util.Random rnd = new java.util.Random(42);
        String[] vocabularyAll = {"fosdem", "talk", "Über", "été", "kubernetes", "2024", "the", "a", "RÜCKBLICK", "😀", "İstanbul", "ΣΟΦΙΑ", "𐐀𐐁", "x"};
        String[] vocabularyPlain = java.util.Arrays.stream(vocabularyAll).filter(w -> !w.contains("İ") && !w.contains("Σ")).toArray(String[]::new);
        for (int t = 0; t < 200; t++) { // random texts from 140 to 3,000 words, around the MIN_WORDS edge too
            StringBuilder b = new StringBuilder();
            String[] vocabulary = t % 3 == 0 ? vocabularyAll : vocabularyPlain; // most without İ and Σ (the fast path)
            int words = 140 + rnd.nextInt(t < 100 ? 30 : 3000);
            for (int i = 0; i < words; i++) {
                b.append(vocabulary[rnd.nextInt(vocabulary.length)]).append(rnd.nextInt(5) == 0 ? ", " : " ");
            }
            texts.add(b.toString());
        }
        int fingerprinted = 0;
        for (String text : texts) {
            long expected = plainSimHash(text);
            assertEquals(expected, ContentFingerprint.of(text), () -> "text of " + text.length() + " chars");
            fingerprinted += expected != 0 ? 1 : 0;
        }
        assertTrue(fingerprinted > 100 && fingerprinted < texts.size(), "both sides of MIN_WORDS covered: " + fingerprinted);
    }

    /** The ASCII shortcut in the word hashing gives the fingerprints the per-char Character calls gave (they are stored). */
    @Test
    void fingerprintsAreThoseOfThePerCharLowerCasing() {
        java.util.Random random = new java.util.Random(3);
        String alphabet = "aZz09 .,-'\n\tÉéİıΣσςßﬀ日本\u00a0\u2019\u0130\u03a3AbCdEfGh";
        for (int t = 0; t < 2_000; t++) {
            StringBuilder text = new StringBuilder();
            int words = 100 + random.nextInt(300);
            for (int w = 0; w < words; w++) {
                int n = 1 + random.nextInt(8);
                for (int k = 0; k < n; k++) {
                    text.append(random.nextInt(5) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                            : (char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)));
                }
                text.append(' ');
            }
            assertEquals(referenceFingerprint(text.toString()), ContentFingerprint.of(text.toString()), text::toString);
        }
    }

    /** ContentFingerprint.of before the ASCII shortcut (commit 32e2624), for the test above. */
    private static long referenceFingerprint(String text) {
        long[] hashes = new long[Math.max(16, text.length() / 5)];
        int n = 0;
        long h = 0xcbf29ce484222325L;
        boolean inWord = false;
        boolean special = text.indexOf('\u0130') >= 0 || text.indexOf('\u03A3') >= 0;
        String lower = special ? text.toLowerCase(java.util.Locale.ROOT) : text;
        for (int i = 0, len = lower.length(); i <= len; i++) {
            char c = i < len ? (special ? lower.charAt(i) : Character.toLowerCase(lower.charAt(i))) : ' ';
            if (Character.isLetterOrDigit(c)) {
                h = (h ^ c) * 0x100000001b3L;
                inWord = true;
            } else if (inWord) {
                if (++n == hashes.length) {
                    hashes = java.util.Arrays.copyOf(hashes, hashes.length * 2);
                }
                hashes[n] = h;
                h = 0xcbf29ce484222325L;
                inWord = false;
            }
        }
        if (n < ContentFingerprint.MIN_WORDS) {
            return 0;
        }
        long[] planes = new long[32];
        for (int i = 1; i < n; i++) {
            long z = hashes[i] * 0x9E3779B97F4A7C15L + hashes[i + 1];
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            long carry = z ^ (z >>> 31);
            for (int k = 0; carry != 0; k++) {
                long overflow = planes[k] & carry;
                planes[k] ^= carry;
                carry = overflow;
            }
        }
        int features = n - 1;
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            int ones = 0;
            for (int k = 0; k < planes.length; k++) {
                ones |= (int) ((planes[k] >>> bit) & 1) << k;
            }
            if (2 * ones - features > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint == 0 ? 1 : fingerprint;
    }
}
