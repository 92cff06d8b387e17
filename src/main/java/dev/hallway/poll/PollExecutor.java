package dev.hallway.poll;

import dev.hallway.config.HallwayConfig;
import dev.hallway.fetch.HostSlots;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs claimed polls with two limits: hallway.poll.concurrency in all, hallway.poll.per-host against one host (the
 * {@link HostSlots} that the post pages fetched for full text share). A poll waiting for its host does not hold a
 * slot, so one slow host never stalls the others.
 */
@ApplicationScoped
public class PollExecutor {

    @Inject
    HallwayConfig config;
    @Inject
    PollService polls;
    @Inject
    PollClaims claims;
    @Inject
    HostSlots hostSlots;

    private record Job(PollTarget target, CompletableFuture<PollOutcome> done) {
        long sourceId() {
            return target.id();
        }

        String host() {
            return target.host();
        }
    }

    private final Deque<Job> waiting = new ArrayDeque<>();
    private int running;
    private boolean stopped;
    private long drainDeadline;
    private ExecutorService threads;

    @PostConstruct
    void init() {
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(config.poll().concurrency(), r -> {
            Thread t = new Thread(r, "hallway-poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        hostSlots.onRelease(this::dispatch); // a page fetch on some host finished: a poll waiting for it may start
    }

    /** Queues a poll of a feed this instance has claimed. */
    public synchronized CompletableFuture<PollOutcome> submit(PollTarget target) {
        if (stopped) { // claimed just as the shutdown began
            claims.release(target.id());
            CompletableFuture<PollOutcome> cancelled = new CompletableFuture<>();
            cancelled.cancel(false);
            return cancelled;
        }
        Job job = new Job(target, new CompletableFuture<>());
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
            if (!hostSlots.tryAcquire(job.host())) {
                continue;
            }
            it.remove();
            running++;
            threads.execute(() -> run(job));
        }
    }

    private void run(Job job) {
        try {
            job.done().complete(polls.poll(job.target()));
        } catch (Throwable e) { // the poll records its own failures; this is its bookkeeping failing (or an Error in it)
            Log.errorf(e, "poll of source %d failed unexpectedly", job.sourceId());
            try {
                claims.release(job.sourceId());
            } finally {
                job.done().completeExceptionally(e);
            }
        } finally {
            finished(job);
        }
    }

    private void finished(Job job) {
        synchronized (this) {
            running--;
        }
        hostSlots.release(job.host()); // dispatches, through the listener
    }

    /**
     * Shutdown, first (before the observers of default priority, such as the outbox's drain, start waiting): no new
     * leases, and polls not started give theirs back at once.
     */
    void stopClaiming(@Observes @Priority(1000) ShutdownEvent event) {
        claims.close();
        Deque<Job> notStarted;
        synchronized (this) {
            stopped = true;
            drainDeadline = System.nanoTime() + config.shutdownWait().toNanos();
            notStarted = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        for (Job job : notStarted) {
            claims.release(job.sourceId());
            job.done().cancel(false);
        }
        threads.shutdown();
    }

    /**
     * Then running polls get until hallway.shutdown-wait to finish, and every lease still held is given back. A poll
     * still running is not interrupted: an interrupted fetch would be recorded as a failure of the feed and delay
     * its next poll; it simply ends with the process, and another instance polls the feed at once.
     */
    void drain(@Observes ShutdownEvent event) {
        try {
            long left;
            synchronized (this) {
                left = drainDeadline - System.nanoTime();
            }
            if (!threads.awaitTermination(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                Log.warnf("%d polls still running after %s; giving their feeds back unfinished", load(), config.shutdownWait());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int released = claims.releaseAll();
        if (released > 0) {
            Log.infof("gave back the leases of %d feeds", released);
        }
    }
}
