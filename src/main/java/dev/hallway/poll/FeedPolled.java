package dev.hallway.poll;

import java.util.List;

/**
 * Fired (asynchronously) after a poll that read a new body, for what the feed says about itself beyond its entries:
 * dev.hallway.websub subscribes to the hub it advertises. The poll package knows nothing of its observers.
 *
 * @param feedUrl     the URL that answered (after redirects)
 * @param hubs        the hubs the feed's XML advertises ({@code <link rel="hub">})
 * @param self        the feed's {@code rel="self"} URL, or null
 * @param linkHeaders the HTTP Link headers it was served with (a hub may be advertised there instead)
 */
public record FeedPolled(long sourceId, String feedUrl, List<String> hubs, String self, List<String> linkHeaders) {
}
