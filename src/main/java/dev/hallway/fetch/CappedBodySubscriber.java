package dev.hallway.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Collects a response body (or reads and drops it, for the statuses whose body we never use) but gives up, and closes
 * the stream, as soon as it grows past the cap or the request's deadline passes.
 * <p>
 * The deadline is here because the JDK client's own request timeout ends when the response headers arrive: a server
 * that sends its headers and then dribbles the body a byte at a time would otherwise hold a poll thread in
 * {@code HttpClient.send} for as long as it likes. A timer on a scheduler we own cancels the subscription (which
 * closes the connection) and fails the body, which fails {@code send}.
 */
final class CappedBodySubscriber implements BodySubscriber<byte[]> {

    private static final byte[] NOTHING = new byte[0];

    private final long cap;
    private final String capKey;
    private final boolean keep;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes;
    private final ScheduledFuture<?> timer;
    private long received;
    private Flow.Subscription subscription; // calls on it are serialized by this object's lock (Flow rule 2.7)

    /**
     * @param keep          false: read and drop the body (no cap then, only the deadline)
     * @param deadlineNanos {@link System#nanoTime()} by which the body must be complete
     * @param timers        where the deadline's timer runs
     */
    CappedBodySubscriber(long cap, String capKey, boolean keep, long deadlineNanos, ScheduledExecutorService timers) {
        this.cap = cap;
        this.capKey = capKey;
        this.keep = keep;
        this.bytes = keep ? new ByteArrayOutputStream() : null;
        timer = timers.schedule(this::deadlinePassed, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        result.whenComplete((body, error) -> timer.cancel(false));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        synchronized (this) {
            this.subscription = subscription;
            if (result.isDone()) { // the deadline passed before the body started
                subscription.cancel();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : items) {
            if (!keep) {
                buffer.position(buffer.limit());
                continue;
            }
            if (received + buffer.remaining() > cap) {
                fail(new BodyTooLargeException(cap, capKey));
                return;
            }
            received += buffer.remaining();
            if (buffer.hasArray()) {
                bytes.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                buffer.position(buffer.limit());
            } else {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(keep ? bytes.toByteArray() : NOTHING);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    private void deadlinePassed() {
        fail(new HttpTimeoutException("body not complete by the request's deadline"));
    }

    private void fail(Throwable why) {
        if (!result.completeExceptionally(why)) {
            return;
        }
        synchronized (this) {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
