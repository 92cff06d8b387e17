package dev.hallway.publish;

/**
 * The first page of one of our feeds as a WebSub hub distributes it: its bytes, content type, and a hash that
 * changes with them.
 */
public record TopicContent(byte[] body, String contentType, String hash, String linkHeader) {
}
