package org.dicomflow.store.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the final step of storing (duplicate check, rename, index commit) per SOP Instance UID, so
 * two associations storing the same instance end with one file and one row. Striped: two UIDs may share a
 * lock, which costs a short wait and nothing else.
 */
final class UidLocks {
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    UidLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock lockFor(String uid) {
        return stripes[Math.floorMod(uid.hashCode(), stripes.length)];
    }
}
