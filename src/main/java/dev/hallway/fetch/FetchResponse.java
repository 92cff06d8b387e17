package dev.hallway.fetch;

import java.time.Duration;
import java.util.List;

/**
 * What the server finally answered, after redirects.
 *
 * @param finalUrl       the URL that answered
 * @param movedPermanently true when at least one redirect was followed and every hop was 301 or 308
 * @param body           the decoded body (empty for 304 and error statuses)
 * @param wireBytes      bytes received before decompression
 * @param retryAfter     the server's Retry-After, if it sent one
 * @param links          the values of every Link header (a WebSub hub may be advertised there)
 * @param cacheControl   the server's Cache-Control as sent (several headers joined by commas), or null
 */
public record FetchResponse(int status, String finalUrl, boolean movedPermanently, byte[] body, long wireBytes,
                            String contentType, String etag, String lastModified, Duration retryAfter,
                            List<String> links, String cacheControl) {

    public boolean notModified() {
        return status == 304;
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }
}
