package org.dicomflow.net.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.net.DimseStatus;

/**
 * Outstanding requests of one association: message ID to whoever waits for its responses. Pending
 * responses (FF00/FF01) go to the same listener in the order they arrive, the final one ends it.
 */
final class PendingResponses {
    /** Receives the responses to one request; called on the reader thread. */
    interface Listener {
        /** A pending response with its data set (null if none); may block to slow the peer down. */
        void pending(CommandSet response, byte[] dataSet);

        /** The final response; the listener is removed before this is called. */
        void complete(CommandSet response, byte[] dataSet);

        /** The association ended first. */
        void fail(IOException cause);
    }

    private final AtomicInteger lastMessageId = new AtomicInteger();
    private final Map<Integer, Listener> pending = new ConcurrentHashMap<>();

    /** Next message ID, 1..65535 and wrapping, skipping IDs still outstanding. */
    int nextMessageId() {
        while (true) {
            int id = lastMessageId.updateAndGet(v -> v >= 0xFFFF ? 1 : v + 1);
            if (!pending.containsKey(id)) {
                return id;
            }
        }
    }

    void register(int messageId, Listener listener) {
        pending.put(messageId, listener);
    }

    void unregister(int messageId, Listener listener) {
        pending.remove(messageId, listener);
    }

    /**
     * Hands the response to the request it answers; false if nobody waits for it (late response after a
     * timeout, or a bogus ID), which the caller just drops.
     */
    boolean deliver(CommandSet response, byte[] dataSet) {
        int id = response.messageIdBeingRespondedTo();
        if (DimseStatus.of(response.status()).category() == DimseStatus.Category.PENDING) {
            Listener l = pending.get(id);
            if (l == null) {
                return false;
            }
            l.pending(response, dataSet);
            return true;
        }
        Listener l = pending.remove(id);
        if (l == null) {
            return false;
        }
        l.complete(response, dataSet);
        return true;
    }

    void failAll(IOException cause) {
        for (Map.Entry<Integer, Listener> e : pending.entrySet()) {
            if (pending.remove(e.getKey(), e.getValue())) {
                e.getValue().fail(cause);
            }
        }
    }

    int size() {
        return pending.size();
    }
}
