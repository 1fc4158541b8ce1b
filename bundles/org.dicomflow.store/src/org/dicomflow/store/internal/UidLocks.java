package org.dicomflow.store.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the final step of storing (duplicate check, rename, index commit) per SOP Instance UID, so
 * two associations storing the same instance end with one file and one row. Striped: two UIDs may share a
 * lock, which costs a short wait and nothing else. Also counts, per finer stripe, the instances put in place,
 * so that a store which found its UID absent when it began can tell, when it ends, whether that still holds.
 */
final class UidLocks {
    private final ReentrantLock[] stripes = new ReentrantLock[64];
    /** Per stripe of UIDs: how many instances with one of them were put in place. */
    private final AtomicLongArray placed = new AtomicLongArray(1024);

    UidLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock lockFor(String uid) {
        return stripes[Math.floorMod(uid.hashCode(), stripes.length)];
    }

    /**
     * A count to compare later: if it is unchanged, no instance with {@code uid} has been put in place since (nor,
     * mostly, with another UID of its stripe: a change only costs the caller a lookup).
     */
    long placedCount(String uid) {
        return placed.get(Math.floorMod(uid.hashCode(), placed.length()));
    }

    /** Called with {@code uid}'s lock held, once an instance with it is renamed into place and queued. */
    void placed(String uid) {
        placed.incrementAndGet(Math.floorMod(uid.hashCode(), placed.length()));
    }
}
