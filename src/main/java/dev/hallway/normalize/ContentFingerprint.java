package dev.hallway.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A 64-bit SimHash of a post's text (word pairs as features): copies of one post published on two sites
 * (syndication, cross-posting) land a few bits apart even when one copy adds a preface or drops a footer,
 * while unrelated posts sit around 32 bits apart. Short texts get no fingerprint: too little to be sure.
 */
public final class ContentFingerprint {

    /** Fewer words than this and two posts could look alike by chance. */
    static final int MIN_WORDS = 150;
    /** Fingerprints at most this many bits apart are the same post. */
    public static final int MAX_DISTANCE = 8;

    private ContentFingerprint() {
    }

    /** @return the fingerprint, or 0 when the text is too short to have one */
    public static long of(String text) {
        List<Long> words = wordHashes(text);
        if (words.size() < MIN_WORDS) {
            return 0;
        }
        int n = words.size();
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = words.get(i);
        }
        int[] ones = new int[64];
        for (int i = 0; i + 1 < n; i++) {
            long feature = mix(w[i] * 0x9E3779B97F4A7C15L + w[i + 1]);
            for (int bit = 0; bit < 64; bit++) {
                ones[bit] += (int) ((feature >>> bit) & 1); // branch-free: the bits are random, a branch mispredicts half the time
            }
        }
        int features = n - 1;
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (2 * ones[bit] - features > 0) { // votes = ones - zeros
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint == 0 ? 1 : fingerprint;
    }

    public static boolean sameContent(long a, long b) {
        return a != 0 && b != 0 && Long.bitCount(a ^ b) <= MAX_DISTANCE;
    }

    private static List<Long> wordHashes(String text) {
        List<Long> hashes = new ArrayList<>();
        long h = 0xcbf29ce484222325L;
        boolean inWord = false;
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                h = (h ^ c) * 0x100000001b3L;
                inWord = true;
            } else if (inWord) {
                hashes.add(h);
                h = 0xcbf29ce484222325L;
                inWord = false;
            }
        }
        if (inWord) {
            hashes.add(h);
        }
        return hashes;
    }

    /** SplitMix64's finalizer: spreads similar inputs over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
