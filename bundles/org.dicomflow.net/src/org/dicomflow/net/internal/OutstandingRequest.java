package org.dicomflow.net.internal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dicomflow.dicom.CommandSet;

/**
 * A request with no pending responses (C-ECHO, C-STORE) that was sent, or is being sent, and waits for its
 * final response. It ends exactly once, by the response, the DIMSE timer or the end of the association; its
 * place in the {@link OperationWindow} is given back before the future completes, so whoever the response
 * wakes finds the place free.
 */
final class OutstandingRequest implements PendingResponses.Listener {
    private final CompletableFuture<CommandSet> response = new CompletableFuture<>();
    private final AtomicBoolean over = new AtomicBoolean();
    private final Runnable leaveWindow;
    private volatile ScheduledFuture<?> timer;

    OutstandingRequest(Runnable leaveWindow) {
        this.leaveWindow = leaveWindow;
    }

    /** Completes with the final response or fails with why there is none. */
    CompletableFuture<CommandSet> response() {
        return response;
    }

    void timer(ScheduledFuture<?> t) {
        timer = t;
        if (over.get()) {
            t.cancel(false);
        }
    }

    @Override
    public void pending(CommandSet rsp, byte[] dataSet) {
        // C-ECHO and C-STORE have no pending responses; a peer that sends one anyway is waited out
    }

    @Override
    public void complete(CommandSet rsp, byte[] dataSet) {
        if (end()) {
            response.complete(rsp);
        }
    }

    @Override
    public void fail(IOException cause) {
        failIfOpen(cause);
    }

    /** Ends the request with {@code cause} unless it is already over; true if this call ended it. */
    boolean failIfOpen(IOException cause) {
        if (!end()) {
            return false;
        }
        response.completeExceptionally(cause);
        return true;
    }

    private boolean end() {
        if (!over.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        leaveWindow.run();
        return true;
    }
}
