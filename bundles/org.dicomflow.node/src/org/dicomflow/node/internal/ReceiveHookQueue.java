package org.dicomflow.node.internal;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.dicomflow.node.ReceiveHook;
import org.dicomflow.store.StoredInstance;

/**
 * Hands stored instances to the receive hooks bound right now, in order, on one thread of its own: the
 * association that stored an instance has answered already and never waits for a hook.
 */
final class ReceiveHookQueue implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");

    private final CopyOnWriteArrayList<ReceiveHook> hooks = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dicomflow-receive-hooks");
        t.setDaemon(true);
        return t;
    });

    void add(ReceiveHook hook) {
        hooks.addIfAbsent(hook);
    }

    void remove(ReceiveHook hook) {
        hooks.remove(hook);
    }

    boolean isEmpty() {
        return hooks.isEmpty();
    }

    /** Queues {@code instance} for every hook; returns at once. */
    void stored(StoredInstance instance) {
        if (hooks.isEmpty()) {
            return;
        }
        try {
            thread.execute(() -> deliver(instance));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.warning("receive hooks not called for " + instance.sopInstanceUid() + ": the node is stopping");
        }
    }

    private void deliver(StoredInstance instance) {
        for (ReceiveHook hook : hooks) {
            try {
                hook.stored(instance);
            } catch (Exception | LinkageError e) {
                // LinkageError: the hook's bundle was uninstalled while it ran
                LOG.log(Level.WARNING, "receive hook " + hook + " failed for " + instance.sopInstanceUid()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** Lets queued deliveries finish, at most a few seconds. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("receive hooks still running after 5 s; the node stops without them");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
