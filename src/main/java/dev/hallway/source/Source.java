package dev.hallway.source;

import dev.hallway.common.StringListConverter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A followed feed and everything we know about polling it. */
@Entity
@Table(name = "source")
public class Source extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "source_seq")
    @SequenceGenerator(name = "source_seq", sequenceName = "source_seq", allocationSize = 50)
    public Long id;

    /** The URL as written in feeds.yaml. */
    @Column(name = "config_url", nullable = false)
    public String configUrl;

    /** Where the feed is fetched from; differs from configUrl after permanent redirects, or once found on a page. */
    @Column(nullable = false)
    public String url;

    /** Name from feeds.yaml, if any. */
    public String name;

    /** The feed's own title. */
    public String title;

    /** The web page {@link #url} was discovered on (feeds.yaml listed a home page), or null. */
    @Column(name = "page_url")
    public String pageUrl;

    /** Which of the feeds the page advertises was chosen and why, or why looking again for it failed. */
    public String discovery;

    @Column(name = "site_url")
    public String siteUrl;

    @Convert(converter = StringListConverter.class)
    public List<String> tags = List.of();

    @Column(name = "conference_hint")
    public String conferenceHint;

    @Column(name = "interval_seconds", nullable = false)
    public long intervalSeconds;

    @Column(name = "config_fingerprint", nullable = false)
    public String configFingerprint;

    /** Still listed in feeds.yaml. Removed feeds keep their entries but are no longer polled. */
    public boolean active;

    /** The file's enabled flag. */
    public boolean enabled;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SourceStatus status;

    @Column(name = "disabled_reason")
    public String disabledReason;

    public String etag;

    @Column(name = "last_modified")
    public String lastModified;

    /** SHA-256 of the last body, to skip work when a server without validators sends the same bytes. */
    @Column(name = "body_hash")
    public String bodyHash;

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_http_status")
    public Integer lastHttpStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "consecutive_failures")
    public int consecutiveFailures;

    @Column(name = "next_poll_at", nullable = false)
    public Instant nextPollAt;

    /** The feed's own hints of how often it changes, as written (V17): RSS ttl, sy:updatePeriod, sy:updateFrequency. */
    @Column(name = "feed_ttl")
    public String feedTtl;

    @Column(name = "feed_update_period")
    public String feedUpdatePeriod;

    @Column(name = "feed_update_frequency")
    public String feedUpdateFrequency;

    /** Which publisher's hint set the lower bound of the interval (cache-control, ttl, sy:updatePeriod), or null. */
    @Column(name = "interval_hint_from")
    public String intervalHintFrom;

    /** What that hint asked for, capped at hallway.poll.max-hint. */
    @Column(name = "interval_hint_seconds")
    public Long intervalHintSeconds;

    /** Hints ignored, and why (a negative max-age, a ttl that is no number), or capped. */
    @Column(name = "interval_hint_note")
    public String intervalHintNote;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * While a hub pushes this feed's changes (WebSub), the safety poll's interval; null otherwise. Set and cleared by
     * dev.hallway.websub; see {@link #pollIntervalSeconds()}.
     */
    @Column(name = "push_poll_interval_seconds")
    public Long pushPollIntervalSeconds;

    /** How pushing goes for this feed (hub, lease, or why it fell back to polling), or null: never pushed. */
    public String push;

    /** The interval polls wait now: the feed's own, or the longer safety interval while a hub pushes it. */
    public long pollIntervalSeconds() {
        return pushPollIntervalSeconds == null ? intervalSeconds : Math.max(intervalSeconds, pushPollIntervalSeconds);
    }

    /** The interval polls keep: the one in force ({@link #pollIntervalSeconds()}), or longer when a publisher's hint
     * asks for it. */
    public long effectiveIntervalSeconds() {
        return intervalHintSeconds == null ? pollIntervalSeconds() : Math.max(pollIntervalSeconds(), intervalHintSeconds);
    }

    /** feeds.yaml's {@code fulltext:}; null when it says nothing and detection decides. */
    @Column(name = "fulltext")
    public Boolean fullText;

    /** The last parsed body looked summary-only (every item a short excerpt): see {@link #fullTextNote}. */
    @Column(name = "fulltext_detected", nullable = false)
    public boolean fullTextDetected;

    /** What the detection saw in the last parsed body. */
    @Column(name = "fulltext_note")
    public String fullTextNote;

    /** Every source by id, for pages and feeds that name the blog of each entry. Call inside a transaction. */
    public static java.util.Map<Long, Source> byId() {
        java.util.Map<Long, Source> sources = new java.util.HashMap<>();
        for (Source source : Source.<Source>listAll()) {
            sources.put(source.id, source);
        }
        return sources;
    }

    /** Whether new posts get their page fetched for their full text. */
    public boolean fullTextOn() {
        return fullText != null ? fullText : fullTextDetected;
    }

    /** Why full text is on or off, for /sources; null when it is off and nothing suggested it. */
    public String fullTextReason() {
        if (fullText != null) {
            return "configured: fulltext: " + fullText + " in feeds.yaml"
                    + (fullTextDetected && !fullText ? " (detected as summary-only: " + fullTextNote + ")" : "");
        }
        return fullTextDetected ? "detected: " + fullTextNote : null;
    }

    /** The name to show: the one from feeds.yaml, else the feed's title, else its URL. */
    public String displayName() {
        if (name != null) {
            return name;
        }
        return title != null ? title : url;
    }
}
