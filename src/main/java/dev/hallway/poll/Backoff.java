package dev.hallway.poll;

import java.time.Duration;

/** After n consecutive failures, wait interval × 2^(n-1), capped. One failure waits one normal interval. */
final class Backoff {

    private Backoff() {
    }

    static Duration after(int failures, Duration interval, Duration cap) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = interval.multipliedBy(1L << doublings);
        return wait.compareTo(cap) > 0 || wait.isNegative() ? cap : wait;
    }
}
