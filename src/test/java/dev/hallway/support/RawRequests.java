package dev.hallway.support;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A request with exactly the headers a test names (a JDK client adds no Accept-Encoding of its own). */
public final class RawRequests {

    private RawRequests() {
    }

    /** @param headers name, value, name, value, … */
    public static HttpResponse<byte[]> send(HttpClient client, URL base, String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path, e);
        }
    }
}
