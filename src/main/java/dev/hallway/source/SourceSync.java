package dev.hallway.source;

import dev.hallway.source.FeedsConfig.FeedSpec;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Makes the stored sources match a checked feeds.yaml: new feeds start polling, removed ones stop, entries stay. */
@ApplicationScoped
public class SourceSync {

    @Inject
    Clock clock;

    public record Report(int added, int removed, int changed, int unchanged) {
    }

    @Transactional
    public Report apply(FeedsConfig config) {
        Instant now = clock.instant();
        List<Source> stored = Source.listAll();
        Map<String, Source> byKey = new HashMap<>();
        for (Source source : stored) {
            byKey.put(FeedsFileLoader.sameFeedKey(source.configUrl), source);
        }
        for (Source source : stored) {
            // a feed listed under the URL it moved to is the same feed
            byKey.putIfAbsent(FeedsFileLoader.sameFeedKey(source.url), source);
        }
        int added = 0, changed = 0, unchanged = 0, removed = 0;
        Set<Long> listed = new HashSet<>();
        for (FeedSpec spec : config.feeds()) {
            Source source = byKey.get(FeedsFileLoader.sameFeedKey(spec.url()));
            if (source == null || listed.contains(source.id)) {
                source = create(spec, now);
                added++;
            } else if (update(source, spec, now)) {
                changed++;
            } else {
                unchanged++;
            }
            listed.add(source.id);
        }
        for (Source source : stored) {
            if (source.active && !listed.contains(source.id)) {
                source.active = false;
                removed++;
            }
        }
        Report report = new Report(added, removed, changed, unchanged);
        Log.infof("feeds.yaml applied: %d feeds (%d added, %d removed, %d changed)",
                config.feeds().size(), added, removed, changed);
        return report;
    }

    private Source create(FeedSpec spec, Instant now) {
        Source source = new Source();
        source.configUrl = spec.url();
        source.url = spec.url();
        source.createdAt = now;
        source.nextPollAt = now;
        source.consecutiveFailures = 0;
        source.active = true;
        copy(spec, source);
        source.status = spec.enabled() ? SourceStatus.NEW : SourceStatus.DISABLED;
        source.disabledReason = spec.enabled() ? null : "enabled: false in feeds.yaml";
        source.persist();
        return source;
    }

    private boolean update(Source source, FeedSpec spec, Instant now) {
        boolean edited = !spec.fingerprint().equals(source.configFingerprint);
        boolean returning = !source.active;
        if (!edited && !returning) {
            return false;
        }
        long oldInterval = source.intervalSeconds;
        source.configUrl = spec.url();
        copy(spec, source);
        source.active = true;
        if (!spec.enabled()) {
            source.status = SourceStatus.DISABLED;
            source.disabledReason = "enabled: false in feeds.yaml";
        } else if (source.status == SourceStatus.DISABLED) {
            // an edit of the feed's entry is how an operator asks to try a disabled feed again
            source.status = SourceStatus.NEW;
            source.disabledReason = null;
            source.consecutiveFailures = 0;
            source.nextPollAt = now;
        } else if (returning) {
            source.nextPollAt = now;
        } else if (source.intervalSeconds < oldInterval && source.consecutiveFailures == 0) {
            Instant sooner = (source.lastPolledAt == null ? now : source.lastPolledAt).plusSeconds(source.intervalSeconds);
            if (sooner.isBefore(source.nextPollAt)) {
                source.nextPollAt = sooner;
            }
        }
        return true;
    }

    private static void copy(FeedSpec spec, Source source) {
        source.name = spec.name();
        source.tags = spec.tags();
        source.conferenceHint = spec.conference();
        source.intervalSeconds = spec.interval().toSeconds();
        source.enabled = spec.enabled();
        source.fullText = spec.fullText();
        source.configFingerprint = spec.fingerprint();
    }
}
