package org.dicomflow.net.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes a server lets all its associations together hold in buffered DIMSE messages, so many peers
 * each sending a large data set cannot exhaust the heap: the association that would exceed it is
 * aborted instead.
 */
public final class MemoryBudget {
    /** No limit (SCU side: we asked for what we receive). */
    static final MemoryBudget UNLIMITED = new MemoryBudget(Long.MAX_VALUE);

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    public MemoryBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("memory budget must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public long capacity() {
        return capacity;
    }

    public long used() {
        return used.get();
    }

    boolean tryReserve(long bytes) {
        if (capacity == Long.MAX_VALUE) {
            return true;
        }
        while (true) {
            long u = used.get();
            if (u + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(u, u + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        if (capacity != Long.MAX_VALUE && bytes > 0) {
            used.addAndGet(-bytes);
        }
    }
}
