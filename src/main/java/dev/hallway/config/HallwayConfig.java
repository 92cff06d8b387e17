package dev.hallway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Every {@code hallway.*} key, with its default. Each one can be set by environment variable (HALLWAY_ADMIN_TOKEN, …). */
@ConfigMapping(prefix = "hallway")
public interface HallwayConfig {

    /** The followed blogs and the conference catalogue additions. */
    @WithDefault("./feeds.yaml")
    String feedsFile();

    /** Public URL of this instance: named in the User-Agent, used for links in feeds and mail. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /** Bearer token for /admin/*; without one, admin endpoints answer 403. */
    Optional<String> adminToken();

    /** How often feeds.yaml is checked for edits. */
    @WithDefault(Schedules.FEEDS_RELOAD_DEFAULT)
    Duration feedsReloadInterval();

    /**
     * On shutdown, how long polls and digest sends in progress may take to finish; then the feeds and messages this
     * instance still holds are given back anyway, so another instance takes them over at once.
     */
    @WithDefault("15s")
    Duration shutdownWait();

    Poll poll();

    Fetch fetch();

    FullText fulltext();

    Feed feed();

    Mail mail();

    Digest digest();

    Subscribe subscribe();

    Admin admin();

    Retention retention();

    Conferences conferences();

    interface Conferences {
        /**
         * The least probability (between 0 and 1, exclusive) that makes a post a conference report. Unset: the
         * report model's own (0.5). Higher trades recall for precision; bench/classifier-cv.sh prints both at
         * several thresholds. Changing it classifies stored entries again.
         */
        Optional<Double> reportThreshold();
    }

    interface Retention {
        /**
         * Entries published longer ago than this lose their text (content, summary) but keep what dedupe needs, so an
         * old post a feed carries again is not stored again. Unset: entries are kept whole forever.
         */
        Optional<Duration> entries();
    }

    Websub websub();

    /** WebSub: subscribing to the hubs followed feeds advertise, and being the hub of our own feeds. */
    interface Websub {
        /** Off: no subscription to any hub, no hub advertised, /websub/* answers 404. */
        @WithDefault("true")
        boolean enabled();

        /** The lease we ask hubs for (hub.lease_seconds); renewed before it runs out. */
        @WithDefault("864000")
        long leaseSeconds();

        /** How often a feed a hub pushes to is still polled, as a safety net. */
        @WithDefault("24h")
        Duration safetyPollInterval();

        /** Subscriptions to our hub whose callbacks are on one host. */
        @WithDefault("20")
        int maxSubscriptionsPerCallbackHost();

        /** Our hub's lease when a subscriber asks for none. */
        @WithDefault("864000")
        long hubLeaseSeconds();

        /** Shortest lease our hub grants (a shorter request gets this). */
        @WithDefault("300")
        long hubMinLeaseSeconds();

        /** Longest lease our hub grants. */
        @WithDefault("2592000")
        long hubMaxLeaseSeconds();
    }

    interface Subscribe {
        /** Subscription requests (POST /subscriptions) one client address may make per per-client-period. */
        @WithDefault("5")
        long perClient();

        @WithDefault("15m")
        Duration perClientPeriod();

        /** Subscription requests from all clients together per global-period. */
        @WithDefault("100")
        long global();

        @WithDefault("1h")
        Duration globalPeriod();
    }

    interface Admin {
        /** Wrong admin tokens one client address may send per failure-period; past it, /admin/* answers it 429. */
        @WithDefault("5")
        long maxFailures();

        @WithDefault("15m")
        Duration failurePeriod();

        /** How long a sign-in on the admin page (/admin) lasts before the token is asked for again. */
        @WithDefault("12h")
        Duration sessionTtl();
    }

    interface Mail {
        /**
         * Whether mail is sent at all, through the SMTP server of quarkus.mailer.*. Off: digests are built and
         * archived, confirmations wait in their queue, and /admin/digests says delivery is off.
         */
        @WithDefault("false")
        boolean enabled();

        /** Sender of every message. */
        @WithDefault("Hallway <hallway@localhost>")
        String from();

        /** Address that receives mailto: unsubscribe requests (List-Unsubscribe). */
        Optional<String> unsubscribeMailbox();

        /** Key for unsubscribe links; without one, a key is generated and kept in the database. */
        Optional<String> secret();

        /** Messages sent at once, each through its own mail client and kept-alive SMTP connection. */
        @WithDefault("4")
        int concurrency();

        /**
         * How long one message may take, from asking for a connection to the server's last reply; also the
         * connection's connect and idle timeout. A send that takes longer fails as a passing failure (retried), and
         * the mail client is replaced by a fresh one.
         */
        @WithDefault("30s")
        Duration sendTimeout();
    }

    interface Digest {
        /** When the weekly digest is built and sent (Quartz-style cron: second minute hour day month weekday). */
        @WithDefault(Schedules.DIGEST_CRON_DEFAULT)
        String cron();

        /** Time zone of the schedule and of the ISO weeks. */
        @WithDefault(Schedules.DIGEST_ZONE_DEFAULT)
        String zone();

        /** Sending attempts per message before it is marked failed. */
        @WithDefault("5")
        int maxAttempts();

        /** Permanent rejections (SMTP 5xx) after which an address is marked bounced. */
        @WithDefault("3")
        int maxBounces();

        /** First retry delay; doubles with each attempt. */
        @WithDefault("1m")
        Duration retryDelay();

        /** How often the outbox is checked for messages to send. */
        @WithDefault(Schedules.DIGEST_SEND_INTERVAL_DEFAULT)
        Duration sendInterval();

        /** How long an instance holds a message it is sending; past it another instance may send it. */
        @WithDefault("5m")
        Duration lease();

        /**
         * Messages an instance claims at once: one claim transaction per batch. Smaller batches share a digest more
         * evenly between instances; larger ones cost fewer transactions.
         */
        @WithDefault("100")
        int claimSize();
    }

    interface Feed {
        /** Entries per page of every Atom feed. */
        @WithDefault("50")
        int pageSize();

        /** Cache-Control max-age of feeds and pages. */
        @WithDefault("5m")
        Duration maxAge();

        /**
         * What each render cache (feed pages; HTML pages and JSON) may hold: each page's plain and gzip forms, kept
         * once, in files (served with sendfile; read back when bytes are needed), not on the heap; the least recently
         * used pages go first. Sized in bytes, not pages: see bench/README "Memory".
         */
        @WithDefault("16M")
        MemorySize cacheSize();

        /**
         * Where the cached pages' files are written (a directory of their own is created in it at start-up and deleted
         * at shutdown); the system's temp directory when unset.
         */
        Optional<String> fileDir();
    }

    interface Poll {
        /** Whether the scheduler polls due feeds by itself (admin-triggered polls always work). */
        @WithDefault("true")
        boolean enabled();

        /** How often the scheduler looks for due feeds. */
        @WithDefault(Schedules.POLL_TICK_DEFAULT)
        Duration tick();

        /** Interval for feeds that set none, when feeds.yaml has no defaults.interval. */
        @WithDefault("30m")
        Duration defaultInterval();

        /** Polls running at once. */
        @WithDefault("8")
        int concurrency();

        /** Polls running at once against one host. */
        @WithDefault("2")
        int perHost();

        /** Longest wait after failures (exponential backoff is capped here). */
        @WithDefault("24h")
        Duration maxBackoff();

        /** How long an instance holds its claim on a feed it is polling; past it another may take over. */
        @WithDefault("5m")
        Duration lease();

        /** Longest interval a publisher's hint (Cache-Control max-age, RSS ttl, sy:updatePeriod) can ask for. */
        @WithDefault("24h")
        Duration maxHint();

        /** Poll records older than this are deleted. */
        @WithDefault("30d")
        Duration historyRetention();
    }

    interface Fetch {
        @WithDefault("10s")
        Duration connectTimeout();

        /** The whole request: connect, headers and body. */
        @WithDefault("30s")
        Duration requestTimeout();

        /** Largest body accepted, after decompression. */
        @WithDefault("10M")
        MemorySize maxBodySize();

        @WithDefault("5")
        int maxRedirects();
    }

    /** Full text for summary-only feeds: each new post's page is fetched and its main text extracted. */
    interface FullText {
        /** Largest post page accepted, after decompression; a larger one keeps the feed's excerpt. */
        @WithDefault("2M")
        MemorySize maxPageSize();

        /** Fetches of one post's page (one per poll of its feed) before the excerpt is kept for good. */
        @WithDefault("3")
        int maxAttempts();

        /** Post pages fetched by one poll of a feed; the rest wait for its next polls. */
        @WithDefault("10")
        int maxPagesPerPoll();
    }
}
