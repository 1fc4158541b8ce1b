package org.dicomflow.net.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseTimeoutException;
import org.dicomflow.net.GetResponses;
import org.dicomflow.net.MoveResponses;
import org.dicomflow.net.RetrieveProgress;

/**
 * A C-MOVE-RQ or C-GET-RQ sent and its responses. The reader thread queues the counts of each pending
 * response (a few dozen bytes each, so the queue is unbounded and the reader never blocks: during a C-GET it
 * must go on serving the C-STORE sub-operations), the caller takes them. The final response's identifier
 * (Failed SOP Instance UID List) is decoded by the caller.
 */
final class RetrieveOperation implements MoveResponses, GetResponses, PendingResponses.Listener {
    private static final Object END = new Object();
    private static final long POLL_MILLIS = 100;

    private final UpperLayerAssociation association;
    private final String name;
    private final int contextId;
    private final int messageId;
    private final TransferSyntax syntax;
    private final String destination;
    private final long timeoutMillis;
    private final Runnable onFinished;
    private final long startNanos = System.nanoTime();
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean cancelSent = new AtomicBoolean();
    private volatile boolean closed;
    private volatile RetrieveProgress latest;
    private volatile CommandSet finalResponse;
    private volatile byte[] finalIdentifier;
    private volatile TransferSyntax finalIdentifierSyntax;
    private volatile IOException failure;
    private List<String> failedUids;
    private boolean iteratorTaken;
    private boolean done;
    private RetrieveProgress next;

    RetrieveOperation(UpperLayerAssociation association, String name, int contextId, int messageId,
            String transferSyntax, String destination, long timeoutMillis, Runnable onFinished) {
        this.association = association;
        this.name = name;
        this.contextId = contextId;
        this.messageId = messageId;
        this.syntax = TransferSyntax.of(transferSyntax);
        this.destination = destination;
        this.timeoutMillis = timeoutMillis;
        this.onFinished = onFinished;
    }

    static RetrieveProgress progressOf(CommandSet response) {
        return new RetrieveProgress(DimseStatus.of(response.status()),
                response.getInt(Tag.NumberOfRemainingSuboperations, -1),
                response.getInt(Tag.NumberOfCompletedSuboperations, -1),
                response.getInt(Tag.NumberOfFailedSuboperations, -1),
                response.getInt(Tag.NumberOfWarningSuboperations, -1));
    }

    // ---------------------------------------------------------------- reader thread

    @Override
    public void pending(CommandSet response, byte[] dataSet) {
        RetrieveProgress p = progressOf(response);
        latest = p;
        if (!closed) {
            queue.add(p);
        }
    }

    @Override
    public void complete(CommandSet response, byte[] dataSet) {
        if (dataSet == null && response.dataElements() != null) {
            // Orthanc 1.10 sends the Failed SOP Instance UID List inside the command set (Implicit VR LE like it)
            finalIdentifierSyntax = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
            finalIdentifier = response.dataElements();
        } else {
            finalIdentifierSyntax = syntax;
            finalIdentifier = dataSet;
        }
        latest = progressOf(response);
        finalResponse = response;
        finish();
        queue.add(END);
    }

    @Override
    public void fail(IOException cause) {
        failure = cause;
        finish();
        queue.add(cause);
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            onFinished.run();
        }
    }

    // ---------------------------------------------------------------- caller

    @Override
    public String destinationAeTitle() {
        return destination;
    }

    @Override
    public synchronized Iterator<RetrieveProgress> iterator() {
        if (iteratorTaken) {
            throw new IllegalStateException("the progress of a " + name + " can be iterated once");
        }
        iteratorTaken = true;
        return new ResponseIterator<>(this::advance, this::takeNext);
    }

    private synchronized RetrieveProgress takeNext() {
        RetrieveProgress item = next;
        next = null;
        return item;
    }

    /** Takes the next queued item; false once the final response (or a failure) was reached. */
    private synchronized boolean advance() throws IOException {
        while (next == null && !done) {
            Object item;
            try {
                item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for " + name + " responses");
            }
            if (item == null) {
                if (failure != null || finalResponse != null) {
                    done = true;
                    break;
                }
                long quiet = TimeUnit.NANOSECONDS.toMillis(
                        System.nanoTime() - Math.max(startNanos, association.lastActivityNanos()));
                if (quiet >= timeoutMillis) {
                    failure = new DimseTimeoutException("no " + name + " response to message ID " + messageId
                            + " (nor anything else from the peer) within " + timeoutMillis + " ms");
                    association.unregister(messageId, this);
                    finish();
                    done = true;
                }
                continue;
            }
            if (item == END || item instanceof IOException) {
                done = true;
            } else {
                next = (RetrieveProgress) item;
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

    @Override
    public DimseStatus status() throws IOException {
        while (advance()) {
            next = null;
        }
        return DimseStatus.of(finalResponse.status());
    }

    @Override
    public RetrieveProgress progress() {
        return latest;
    }

    @Override
    public synchronized List<String> failedSopInstanceUids() throws IOException {
        if (failedUids == null) {
            byte[] identifier = finalIdentifier;
            if (finalResponse == null || identifier == null) {
                return List.of();
            }
            DataSet ds;
            try (DicomReader reader = new DicomReader(new ByteArrayInputStream(identifier), finalIdentifierSyntax)) {
                ds = reader.readDataSet();
            }
            String[] uids = ds.getStrings(Tag.FailedSOPInstanceUIDList);
            failedUids = uids == null ? List.of()
                    : java.util.Arrays.stream(uids).filter(u -> u != null && !u.isEmpty()).toList();
        }
        return failedUids;
    }

    @Override
    public String errorComment() {
        CommandSet rsp = finalResponse;
        return rsp == null ? null : rsp.getString(Tag.ErrorComment);
    }

    @Override
    public void cancel() throws IOException {
        if (finished.get() || !cancelSent.compareAndSet(false, true)) {
            return;
        }
        association.send(contextId, new CommandSet()
                .setInt(Tag.CommandField, CommandField.C_CANCEL_RQ)
                .setInt(Tag.MessageIDBeingRespondedTo, messageId)
                .setInt(Tag.CommandDataSetType, CommandSet.NO_DATA_SET), (byte[]) null);
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
