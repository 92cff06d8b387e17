package dev.hallway.websub;

import dev.hallway.config.HallwayConfig;
import dev.hallway.fetch.FeedFetcher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The requests WebSub makes: subscription requests to hubs, and our hub's verifications of intent and content pushes
 * to callbacks. Configured as the feed fetcher's client is (hallway.fetch.* timeouts, our User-Agent, HTTP/1.1) but
 * follows no redirect at all (a hub or callback that redirects has failed: a redirect could lead anywhere), and
 * reads at most 64 KiB of any answer (a challenge, an error message).
 */
@ApplicationScoped
class WebSubHttp {

    private static final long ANSWER_CAP = 64 * 1024;

    /** What the other side answered. */
    record Answer(int status, String body) {
        boolean success() {
            return status >= 200 && status < 300;
        }

        /** "HTTP 503: the first line of the body" for an error message. */
        String describe() {
            String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
            return "HTTP " + status + (line.isEmpty() ? "" : ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line));
        }
    }

    @Inject
    HallwayConfig config;
    @Inject
    FeedFetcher fetcher;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder()
                .connectTimeout(config.fetch().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Answer postForm(URI uri, Map<String, String> form) throws IOException {
        return send(base(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
    }

    Answer get(URI uri) throws IOException {
        return send(base(uri).GET().build());
    }

    /** A content distribution: the body as is, with its headers (Content-Type, Link, X-Hub-Signature). */
    Answer post(URI uri, byte[] body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder builder = base(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** {@code url} with the parameters added to its query. */
    static URI withQuery(String url, Map<String, String> params) {
        return URI.create(url + (url.contains("?") ? "&" : "?") + encode(params));
    }

    static String encode(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    private HttpRequest.Builder base(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(config.fetch().requestTimeout()).header("User-Agent", fetcher.userAgent());
    }

    private Answer send(HttpRequest request) throws IOException {
        try {
            long deadline = System.nanoTime() + config.fetch().requestTimeout().toNanos();
            HttpResponse<byte[]> response = client.send(request,
                    info -> FeedFetcher.cappedBody(ANSWER_CAP, "the cap on a WebSub peer's answer", deadline));
            return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted (shutting down)", e);
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(message, e);
        }
    }
}
