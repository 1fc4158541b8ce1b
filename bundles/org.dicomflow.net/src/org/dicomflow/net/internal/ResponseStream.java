package org.dicomflow.net.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseTimeoutException;

/**
 * A request with pending responses (C-FIND, C-MOVE, C-GET) sent and its responses up to the final one: the
 * reader thread queues what the pending responses carry, the caller takes the items once through
 * {@link #iterator()} or skips to {@link #status()}; {@link #cancel()} and {@link #close()} send C-CANCEL-RQ.
 * What an item is, how the reader thread queues it and when the caller's wait times out is the subclass's.
 */
abstract class ResponseStream<T> implements PendingResponses.Listener {
    private static final Object END = new Object();

    private final UpperLayerAssociation association;
    private final String name;
    private final String itemsName;
    private final int contextId;
    private final int messageId;
    private final TransferSyntax syntax;
    private final long timeoutMillis;
    private final Runnable onFinished;
    private final BlockingQueue<Object> queue;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean cancelSent = new AtomicBoolean();
    private volatile boolean closed;
    private volatile CommandSet finalResponse;
    private volatile IOException failure;
    private boolean iteratorTaken;
    private boolean done;
    private T next;

    /**
     * @param name the request as messages name it ("C-FIND")
     * @param itemsName what the iteration yields as messages name it ("matches")
     * @param queue what the reader thread hands to the caller: the items, then the end or the failure
     */
    ResponseStream(UpperLayerAssociation association, String name, String itemsName, int contextId, int messageId,
            String transferSyntax, long timeoutMillis, Runnable onFinished, BlockingQueue<Object> queue) {
        this.association = association;
        this.name = name;
        this.itemsName = itemsName;
        this.contextId = contextId;
        this.messageId = messageId;
        this.syntax = TransferSyntax.of(transferSyntax);
        this.timeoutMillis = timeoutMillis;
        this.onFinished = onFinished;
        this.queue = queue;
    }

    // ---------------------------------------------------------------- what the operations differ in

    /** Queues an item, or the end after the final response; on the reader thread. */
    abstract void enqueue(Object item);

    /** The item the caller gets for one the reader thread queued; on the caller's thread. */
    abstract T item(Object queued) throws IOException;

    /** How long the caller waits for the queue at a time. */
    abstract long pollMillis();

    /**
     * Asked when a wait of {@link #pollMillis()} found the queue empty and no final response or failure is
     * known: whether the peer has now been waited for as long as the DIMSE timeout allows.
     */
    abstract boolean timedOut();

    /** Why the iteration failed once {@link #timedOut()}. */
    abstract String timeoutMessage();

    final UpperLayerAssociation association() {
        return association;
    }

    final String name() {
        return name;
    }

    final int messageId() {
        return messageId;
    }

    final TransferSyntax syntax() {
        return syntax;
    }

    final long timeoutMillis() {
        return timeoutMillis;
    }

    final BlockingQueue<Object> queue() {
        return queue;
    }

    final boolean isClosed() {
        return closed;
    }

    /** The final response, null before it arrived. */
    final CommandSet finalResponse() {
        return finalResponse;
    }

    // ---------------------------------------------------------------- reader thread

    @Override
    public void complete(CommandSet response, byte[] dataSet) {
        finalResponse = response;
        finish();
        enqueue(END);
    }

    @Override
    public final void fail(IOException cause) {
        failure = cause;
        finish();
        queue.offer(cause); // if full, the consumer finds the failure once it has drained the queue
    }

    /**
     * Gives up on the request from the reader thread: the iteration ends with {@code cause}, the peer is asked
     * to stop and whatever it still sends is dropped.
     */
    final void abandon(IOException cause) {
        failure = cause;
        closed = true;
        association.unregister(messageId, this);
        finish();
        sendCancel();
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            onFinished.run();
        }
    }

    // ---------------------------------------------------------------- caller

    public final synchronized Iterator<T> iterator() {
        if (iteratorTaken) {
            throw new IllegalStateException("the " + itemsName + " of a " + name + " can be iterated once");
        }
        iteratorTaken = true;
        return new ResponseIterator<>(this::advance, this::takeNext);
    }

    private synchronized T takeNext() {
        T item = next;
        next = null;
        return item;
    }

    /** Takes the next queued item; false once the final response (or a failure) was reached. */
    private synchronized boolean advance() throws IOException {
        while (next == null && !done) {
            Object item;
            try {
                item = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + name + " responses");
            }
            if (item == null) {
                if (failure != null || finalResponse != null) {
                    done = true;
                    break;
                }
                if (timedOut()) {
                    failure = new DimseTimeoutException(timeoutMessage());
                    association.unregister(messageId, this);
                    finish();
                    done = true;
                }
                continue;
            }
            if (item == END || item instanceof IOException) {
                done = true;
            } else {
                next = item(item);
            }
        }
        if (next != null) {
            return true;
        }
        if (failure != null && finalResponse == null) {
            throw failure;
        }
        return false;
    }

    public final DimseStatus status() throws IOException {
        while (advance()) {
            next = null;
        }
        return DimseStatus.of(finalResponse.status());
    }

    public final String errorComment() {
        CommandSet rsp = finalResponse;
        return rsp == null ? null : rsp.getString(Tag.ErrorComment);
    }

    public final void cancel() throws IOException {
        if (finished.get() || !cancelSent.compareAndSet(false, true)) {
            return;
        }
        association.send(contextId, cancelRequest(), (byte[]) null);
    }

    private void sendCancel() {
        if (cancelSent.compareAndSet(false, true)) {
            // from the reader thread a blocking write would be wrong: the I/O pool sends it
            SharedScheduler.io().execute(() -> {
                try {
                    association.send(contextId, cancelRequest(), (byte[]) null);
                } catch (IOException ignored) {
                    // the association is ending anyway
                }
            });
        }
    }

    private CommandSet cancelRequest() {
        return new CommandSet()
                .setInt(Tag.CommandField, CommandField.C_CANCEL_RQ)
                .setInt(Tag.MessageIDBeingRespondedTo, messageId)
                .setInt(Tag.CommandDataSetType, CommandSet.NO_DATA_SET);
    }

    public final void close() {
        if (!finished.get() && failure == null) {
            try {
                cancel();
            } catch (IOException ignored) {
                // closing never fails; the association reports its own trouble
            }
        }
        closed = true;
        queue.clear();
    }
}
