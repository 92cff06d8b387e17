package dev.hallway.common;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets (Bucket4j) per key, such as a client address: each key may spend {@code capacity} tokens per
 * {@code period}, refilled gradually. The least recently used keys are forgotten past {@code maxKeys}, so a flood of
 * addresses cannot fill the memory (a global bucket beside it bounds what such a flood gets through).
 */
public final class KeyedBuckets {

    private final long capacity;
    private final Duration period;
    private final Map<String, Bucket> buckets;

    public KeyedBuckets(long capacity, Duration period, int maxKeys) {
        this.capacity = capacity;
        this.period = period;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public static Bucket bucket(long capacity, Duration period) {
        return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
    }

    /** Spends a token of the key's bucket. @return empty if there was one, else how long until there is */
    public Optional<Duration> take(String key) {
        return take(bucketOf(key));
    }

    /** Whether the key has a token left, without spending it. */
    public boolean hasTokens(String key) {
        return bucketOf(key).getAvailableTokens() > 0;
    }

    public static Optional<Duration> take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucketOf(String key) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> bucket(capacity, period));
        }
    }

    /** Seconds for a Retry-After header: at least 1, rounded up. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
