package org.dicomflow.node.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Tells when something polled (a file's look) has changed and then stayed the same for a quiet period, so a file
 * being written is not read half-way. Not thread-safe: one polling thread uses it.
 *
 * @param <T> a look, compared with {@code equals}
 */
final class QuietPeriod<T> {
    private final long quietNanos;
    /** The look last acted on; null before the first. */
    private T settled;
    /** A look that differs from {@link #settled}, and since when it has been seen. */
    private T pending;
    private long pendingSince;

    QuietPeriod(T settled, Duration quiet) {
        this.settled = settled;
        this.quietNanos = quiet.toNanos();
    }

    /**
     * Whether {@code look}, seen at {@code nanoTime} (the scale of {@link System#nanoTime()}), differs from the
     * settled look and has been seen unchanged for the quiet period. The caller then acts and calls
     * {@link #settle}, or {@link #restart} if the thing changed again meanwhile.
     */
    boolean passed(T look, long nanoTime) {
        if (Objects.equals(look, settled)) {
            pending = null;
            return false;
        }
        if (!look.equals(pending)) {
            restart(look, nanoTime);
            return false;
        }
        if (nanoTime - pendingSince < quietNanos) {
            return false;
        }
        pending = null;
        return true;
    }

    /** The look last acted on; null before the first. */
    T settled() {
        return settled;
    }

    void settle(T look) {
        settled = look;
    }

    /** {@code look} was seen at {@code nanoTime}: the quiet period starts again from there. */
    void restart(T look, long nanoTime) {
        pending = look;
        pendingSince = nanoTime;
    }
}
