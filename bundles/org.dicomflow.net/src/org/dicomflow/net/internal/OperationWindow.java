package org.dicomflow.net.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.dicomflow.net.DimseTimeoutException;

/**
 * The places for requests we have outstanding on one association: the negotiated asynchronous operations
 * window (PS3.7 D.3.3.3), 1 when none was negotiated. A request takes a place before it is sent and gives it
 * back once it is over (final response, failure, timeout), so a caller that finds the window full waits: that
 * is the back-pressure of pipelined sending. Once the association has ended, waiting and later callers fail
 * with its reason at once rather than wait for places that will never come back.
 */
final class OperationWindow {
    /**
     * What an unlimited window (0 in the negotiation) or a huge one becomes: far more than a link needs to
     * stay busy, while every outstanding request still holds a timer and a message ID.
     */
    static final int MAX_OUTSTANDING = 128;

    private final int size;
    private final Semaphore places;
    private volatile IOException closed;

    /** @param negotiated the negotiated limit, 0 meaning unlimited */
    OperationWindow(int negotiated) {
        this.size = negotiated <= 0 || negotiated > MAX_OUTSTANDING ? MAX_OUTSTANDING : negotiated;
        this.places = new Semaphore(size);
    }

    /** How many requests may be outstanding at once. */
    int size() {
        return size;
    }

    /**
     * Takes a place, waiting at most {@code timeoutMillis} for one.
     *
     * @param tooLong the message of the {@link DimseTimeoutException} when no place came free in time
     * @throws IOException the association ended (its reason), or no place came free in time
     */
    void enter(long timeoutMillis, Supplier<String> tooLong, String name) throws IOException {
        IOException over = closed;
        if (over != null) {
            throw over;
        }
        try {
            if (!places.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new DimseTimeoutException(tooLong.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send " + name);
        }
        over = closed;
        if (over != null) {
            // hand the place on, so that the next waiter wakes up and learns the same
            places.release();
            throw over;
        }
    }

    /** Gives a place back; once for each successful {@link #enter}. */
    void leave() {
        places.release();
    }

    /** The association ended: whoever waits for a place, or asks for one later, fails with {@code cause}. */
    void close(IOException cause) {
        if (closed == null) {
            closed = cause;
        }
        // one spare place wakes the first waiter, which passes it on (see enter)
        places.release();
    }
}
