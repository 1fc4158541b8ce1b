package org.dicomflow.net.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.dicomflow.dicom.CommandSet;

/** Outstanding requests of one association: message ID to the future of its final response. */
final class PendingResponses {
    private final AtomicInteger lastMessageId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<CommandSet>> pending = new ConcurrentHashMap<>();

    /** Next message ID, 1..65535 and wrapping, skipping IDs still outstanding. */
    int nextMessageId() {
        while (true) {
            int id = lastMessageId.updateAndGet(v -> v >= 0xFFFF ? 1 : v + 1);
            if (!pending.containsKey(id)) {
                return id;
            }
        }
    }

    CompletableFuture<CommandSet> register(int messageId) {
        CompletableFuture<CommandSet> future = new CompletableFuture<>();
        pending.put(messageId, future);
        future.whenComplete((r, e) -> pending.remove(messageId, future));
        return future;
    }

    /**
     * Completes the request this response answers; false if nobody waits for it (late response
     * after a timeout, or a bogus ID), which the caller just logs.
     */
    boolean complete(CommandSet response) {
        CompletableFuture<CommandSet> future = pending.get(response.messageIdBeingRespondedTo());
        return future != null && future.complete(response);
    }

    void failAll(IOException cause) {
        for (CompletableFuture<CommandSet> future : pending.values()) {
            future.completeExceptionally(cause);
        }
    }

    int size() {
        return pending.size();
    }
}
