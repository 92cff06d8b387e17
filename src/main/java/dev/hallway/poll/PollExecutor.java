package dev.hallway.poll;

import dev.hallway.config.HallwayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs claimed polls with two limits: hallway.poll.concurrency in all, hallway.poll.per-host against one host.
 * A poll waiting for its host does not hold a slot, so one slow host never stalls the others.
 */
@ApplicationScoped
public class PollExecutor {

    @Inject
    HallwayConfig config;
    @Inject
    PollService polls;
    @Inject
    PollClaims claims;

    private record Job(long sourceId, String host, CompletableFuture<PollOutcome> done) {
    }

    private final Deque<Job> waiting = new ArrayDeque<>();
    private final Map<String, Integer> runningPerHost = new HashMap<>();
    private int running;
    private ExecutorService threads;

    @PostConstruct
    void init() {
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(config.poll().concurrency(), r -> {
            Thread t = new Thread(r, "hallway-poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a poll of a feed this instance has claimed. */
    public synchronized CompletableFuture<PollOutcome> submit(long sourceId, String host) {
        Job job = new Job(sourceId, host == null ? "" : host, new CompletableFuture<>());
        waiting.add(job);
        dispatch();
        return job.done();
    }

    /** Polls queued or running: the scheduler claims no more than there is room for. */
    public synchronized int load() {
        return running + waiting.size();
    }

    private synchronized void dispatch() {
        Iterator<Job> it = waiting.iterator();
        while (it.hasNext() && running < config.poll().concurrency()) {
            Job job = it.next();
            int onHost = runningPerHost.getOrDefault(job.host(), 0);
            if (onHost >= config.poll().perHost()) {
                continue;
            }
            it.remove();
            running++;
            runningPerHost.put(job.host(), onHost + 1);
            threads.execute(() -> run(job));
        }
    }

    private void run(Job job) {
        try {
            job.done().complete(polls.poll(job.sourceId()));
        } catch (RuntimeException e) {
            Log.errorf(e, "poll of source %d failed unexpectedly", job.sourceId());
            claims.release(job.sourceId());
            job.done().completeExceptionally(e);
        } finally {
            finished(job);
        }
    }

    private synchronized void finished(Job job) {
        running--;
        runningPerHost.merge(job.host(), -1, Integer::sum);
        dispatch();
    }

    /** Shutdown: polls not started give their lease back at once; running ones get a moment to finish. */
    void onStop(@Observes ShutdownEvent event) {
        Deque<Job> notStarted;
        synchronized (this) {
            notStarted = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        for (Job job : notStarted) {
            claims.release(job.sourceId());
            job.done().cancel(false);
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(config.fetch().requestTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
