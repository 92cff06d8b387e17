package dev.hallway.fetch;

import dev.hallway.config.HallwayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one per-host limit on outgoing requests (hallway.poll.per-host): feed polls and the post pages fetched for
 * their full text count against the same slots, so a blog never sees more than that many requests from us at once.
 * The poll executor takes a slot without waiting (a poll whose host is full waits in its queue, holding no thread);
 * a page on another host than its feed waits for one, for a bounded time.
 */
@ApplicationScoped
public class HostSlots {

    @Inject
    HallwayConfig config;

    private final Map<String, Integer> inUse = new HashMap<>();
    private final List<Runnable> onRelease = new CopyOnWriteArrayList<>();

    /** The key the limit counts: the URL's host, lower-cased (the URL itself when it has none). */
    public static String hostOf(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException | NullPointerException e) {
            host = null;
        }
        return host == null ? String.valueOf(url) : host.toLowerCase(Locale.ROOT);
    }

    /** Takes a slot on the host if one is free. */
    public synchronized boolean tryAcquire(String host) {
        int n = inUse.getOrDefault(host, 0);
        if (n >= config.poll().perHost()) {
            return false;
        }
        inUse.put(host, n + 1);
        return true;
    }

    /** Waits up to {@code max} for a slot on the host; false when none freed up in time. */
    public synchronized boolean acquire(String host, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!tryAcquire(host)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Gives a slot back, and tells whoever queues work for hosts (the poll executor) that one is free. */
    public void release(String host) {
        synchronized (this) {
            int n = inUse.getOrDefault(host, 0) - 1;
            if (n <= 0) {
                inUse.remove(host);
            } else {
                inUse.put(host, n);
            }
            notifyAll();
        }
        for (Runnable listener : onRelease) { // outside our lock: the listener takes its own
            listener.run();
        }
    }

    /** Called after every release. */
    public void onRelease(Runnable listener) {
        onRelease.add(listener);
    }
}
