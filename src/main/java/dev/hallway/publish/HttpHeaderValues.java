package dev.hallway.publish;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.ext.RuntimeDelegate;

import java.time.Instant;
import java.util.Date;

/**
 * Header values written exactly as RESTEasy writes them for the feed resources, so that the event-loop answers of
 * {@link CachedRoutes} and the resources' own answers cannot drift apart.
 */
final class HttpHeaderValues {

    private HttpHeaderValues() {
    }

    /** An HTTP date (Last-Modified): Wed, 02 Dec 2026 14:42:44 GMT. */
    static String date(Instant instant) {
        return RuntimeDelegate.getInstance().createHeaderDelegate(Date.class).toString(Date.from(instant));
    }

    /** An HTTP date as a client sent it (If-Modified-Since), or null when it is not one. */
    static Instant parseDate(String value) {
        try {
            Date date = RuntimeDelegate.getInstance().createHeaderDelegate(Date.class).fromString(value);
            return date == null ? null : date.toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Cache-Control of the feeds: no-transform, max-age=N. */
    static CacheControl feedCacheControl(long maxAgeSeconds) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge((int) maxAgeSeconds);
        return cache;
    }

    static String feedCacheControlHeader(long maxAgeSeconds) {
        return RuntimeDelegate.getInstance().createHeaderDelegate(CacheControl.class).toString(feedCacheControl(maxAgeSeconds));
    }

    /**
     * Whether an Accept-Encoding header asks for gzip: its first gzip coding, unless that says q=0. Reads the header
     * in place (no split, no regex): the event loop calls it for every feed request.
     */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        int n = header.length();
        for (int i = 0; i <= n; ) {
            int end = header.indexOf(',', i);
            end = end < 0 ? n : end;
            int semi = header.indexOf(';', i);
            semi = semi < 0 || semi > end ? end : semi;
            int a = i;
            int b = semi;
            while (a < b && header.charAt(a) <= ' ') {
                a++;
            }
            while (b > a && header.charAt(b - 1) <= ' ') {
                b--;
            }
            if (b - a == 4 && header.regionMatches(true, a, "gzip", 0, 4)) {
                if (semi == end) {
                    return true;
                }
                int paramEnd = header.indexOf(';', semi + 1);
                paramEnd = paramEnd < 0 || paramEnd > end ? end : paramEnd;
                return !isQZero(header, semi + 1, paramEnd);
            }
            i = end + 1;
        }
        return false;
    }

    /** q=0, q=0., q=0.000 (spaces ignored). */
    private static boolean isQZero(String s, int from, int to) {
        int state = 0; // 0: expect q, 1: '=', 2: '0', 3: '.' or end, 4: zeros
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c <= ' ') {
                continue;
            }
            switch (state) {
                case 0 -> { if (c != 'q') return false; state = 1; }
                case 1 -> { if (c != '=') return false; state = 2; }
                case 2 -> { if (c != '0') return false; state = 3; }
                case 3 -> { if (c != '.') return false; state = 4; }
                default -> { if (c != '0') return false; }
            }
        }
        return state >= 3;
    }
}
