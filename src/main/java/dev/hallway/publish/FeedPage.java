package dev.hallway.publish;

import dev.hallway.entry.Entry;

import java.time.Instant;
import java.util.List;

/** One page of a feed's entries, newest first, and where it sits in the whole. */
record FeedPage(List<Entry> entries, int page, int lastPage, Instant newest) {
}
