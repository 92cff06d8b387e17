package dev.hallway.normalize;

import java.util.Arrays;
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
        long[] w = wordHashes(text);
        int n = (int) w[0];
        if (n < MIN_WORDS) {
            return 0;
        }
        // Counts, for each of the 64 bits, the features that have it set: 64 counters kept bit-sliced (planes[k]
        // holds bit k of every counter), so adding a feature is a ripple-carry add of 64 lanes at once — about two
        // steps per feature instead of 64.
        long[] planes = new long[32];
        for (int i = 1; i < n; i++) {
            long carry = mix(w[i] * 0x9E3779B97F4A7C15L + w[i + 1]);
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
            if (2 * ones - features > 0) { // votes = ones - zeros
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint == 0 ? 1 : fingerprint;
    }

    public static boolean sameContent(long a, long b) {
        return a != 0 && b != 0 && Long.bitCount(a ^ b) <= MAX_DISTANCE;
    }

    /** FNV-1a hashes of the words, lower-cased: {@code [count, hash1, hash2, …]} (unboxed: this runs for every post). */
    private static long[] wordHashes(String text) {
        long[] hashes = new long[Math.max(16, text.length() / 5)];
        int n = 0;
        long h = 0xcbf29ce484222325L;
        boolean inWord = false;
        // String.toLowerCase(ROOT) maps each char as Character.toLowerCase does, except İ (to two chars) and Σ (by
        // context): lower-case char by char, without a copy of the text, unless one of those is there
        boolean special = text.indexOf('\u0130') >= 0 || text.indexOf('\u03A3') >= 0;
        String lower = special ? text.toLowerCase(Locale.ROOT) : text;
        for (int i = 0, len = lower.length(); i <= len; i++) {
            char c = i < len ? lower.charAt(i) : ' ';
            boolean letterOrDigit;
            if (c < 0x80) { // ASCII, most of the text: what Character.toLowerCase and isLetterOrDigit give, without them
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            } else {
                c = special ? c : Character.toLowerCase(c);
                letterOrDigit = Character.isLetterOrDigit(c);
            }
            if (letterOrDigit) {
                h = (h ^ c) * 0x100000001b3L;
                inWord = true;
            } else if (inWord) {
                if (++n == hashes.length) {
                    hashes = Arrays.copyOf(hashes, hashes.length * 2);
                }
                hashes[n] = h;
                h = 0xcbf29ce484222325L;
                inWord = false;
            }
        }
        hashes[0] = n;
        return hashes;
    }

    /** SplitMix64's finalizer: spreads similar inputs over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
