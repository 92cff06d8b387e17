package dev.hallway.fetch;

/** A conditional GET: the validators from the last successful fetch, if any. */
public record FetchRequest(String url, String etag, String lastModified) {
}
