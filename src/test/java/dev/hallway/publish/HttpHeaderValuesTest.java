package dev.hallway.publish;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The event loop's Accept-Encoding reading agrees with the split-and-regex one it replaced. */
class HttpHeaderValuesTest {

    private static boolean byRegex(String header) {
        if (header == null) {
            return false;
        }
        for (String coding : header.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                return parts.length < 2 || !parts[1].trim().replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    @Test
    void acceptsGzipAsTheRegexDid() {
        String[] headers = {null, "", "gzip", "GZIP", " gzip ", "gzip;q=0", "gzip; q=0", "gzip;q = 0.000", "gzip;q=0.001",
                "gzip;q=1", "gzip;", "gzip;;q=0", "deflate, gzip;q=0.5", "deflate", "x-gzip", "gzipx", "br, gzip;q=0",
                "gzip;q=0, gzip", "identity;q=0, gzip", "gzip;level=1;q=0", "*", "deflate,gzip", ",gzip", "gzip;Q=0", "gzip;q=0."};
        for (String header : headers) {
            assertEquals(byRegex(header), HttpHeaderValues.acceptsGzip(header), String.valueOf(header));
        }
    }
}
