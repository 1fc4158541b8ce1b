package org.dicomflow.net.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseTimeoutException;
import org.dicomflow.net.FindResponses;

/**
 * A C-FIND-RQ sent and its responses: the reader thread queues identifiers (bounded, so a slow consumer
 * holds the peer back through TCP rather than filling memory), the caller takes them. Identifiers are
 * decoded by the caller, so a malformed one fails the iteration, not the association.
 */
final class FindOperation implements FindResponses, PendingResponses.Listener {
    /** Matches waiting for the consumer at most; each is one small identifier. */
    private static final int QUEUE_CAPACITY = 256;
    private static final Object END = new Object();

    private final UpperLayerAssociation association;
    private final int contextId;
    private final int messageId;
    private final TransferSyntax syntax;
    private final long timeoutMillis;
    private final Runnable onFinished;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean cancelSent = new AtomicBoolean();
    private volatile boolean closed;
    private volatile int matches;
    private volatile CommandSet finalResponse;
    private volatile IOException failure;
    private boolean iteratorTaken;
    private boolean done;
    private DataSet next;

    FindOperation(UpperLayerAssociation association, int contextId, int messageId, String transferSyntax,
            long timeoutMillis, Runnable onFinished) {
        this.association = association;
        this.contextId = contextId;
        this.messageId = messageId;
        this.syntax = TransferSyntax.of(transferSyntax);
        this.timeoutMillis = timeoutMillis;
        this.onFinished = onFinished;
    }

    // ---------------------------------------------------------------- reader thread

    @Override
    public void pending(CommandSet response, byte[] dataSet) {
        if (dataSet == null) {
            return; // a pending response without identifier carries no match
        }
        matches++;
        offer(dataSet);
    }

    @Override
    public void complete(CommandSet response, byte[] dataSet) {
        finalResponse = response;
        finish();
        offer(END);
    }

    @Override
    public void fail(IOException cause) {
        failure = cause;
        finish();
        queue.offer(cause); // if full, the consumer finds the failure once it has drained the queue
    }

    /**
     * Blocks the reader while the consumer is behind, at most the DIMSE timeout: a consumer that stops
     * taking matches without closing must not hang the association forever.
     */
    private void offer(Object item) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    failure = new DimseTimeoutException("C-FIND matches were not taken within " + timeoutMillis
                            + " ms; the query was abandoned");
                    closed = true;
                    association.unregister(messageId, this);
                    finish();
                    sendCancel();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            onFinished.run();
        }
    }

    // ---------------------------------------------------------------- caller

    @Override
    public synchronized Iterator<DataSet> iterator() {
        if (iteratorTaken) {
            throw new IllegalStateException("the matches of a C-FIND can be iterated once");
        }
        iteratorTaken = true;
        return new ResponseIterator<>(this::advance, this::takeNext);
    }

    private synchronized DataSet takeNext() {
        DataSet item = next;
        next = null;
        return item;
    }

    /** Takes the next queued item; false once the final response (or a failure) was reached. */
    private synchronized boolean advance() throws IOException {
        while (next == null && !done) {
            Object item;
            try {
                item = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for C-FIND responses");
            }
            if (item == null) {
                if (failure != null || finalResponse != null) {
                    done = true;
                    break;
                }
                failure = new DimseTimeoutException("no C-FIND response to message ID " + messageId
                        + " within " + timeoutMillis + " ms");
                association.unregister(messageId, this);
                finish();
                done = true;
                break;
            }
            if (item == END || item instanceof IOException) {
                done = true;
            } else {
                next = decode((byte[]) item);
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

    private DataSet decode(byte[] identifier) throws IOException {
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(identifier), syntax)) {
            return reader.readDataSet();
        }
    }

    @Override
    public DimseStatus status() throws IOException {
        while (advance()) {
            next = null;
        }
        return DimseStatus.of(finalResponse.status());
    }

    @Override
    public String errorComment() {
        CommandSet rsp = finalResponse;
        return rsp == null ? null : rsp.getString(Tag.ErrorComment);
    }

    @Override
    public int matches() {
        return matches;
    }

    @Override
    public void cancel() throws IOException {
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

    @Override
    public void close() {
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
