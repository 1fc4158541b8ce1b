package org.dicomflow.net.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.net.DimseTimeoutException;
import org.dicomflow.net.FindResponses;

/**
 * A C-FIND-RQ sent and its responses: the reader thread queues identifiers (bounded, so a slow consumer
 * holds the peer back through TCP rather than filling memory), the caller takes them. Identifiers are
 * decoded by the caller, so a malformed one fails the iteration, not the association.
 */
final class FindOperation extends ResponseStream<DataSet> implements FindResponses {
    /** Matches waiting for the consumer at most; each is one small identifier. */
    private static final int QUEUE_CAPACITY = 256;

    private volatile int matches;

    FindOperation(UpperLayerAssociation association, int contextId, int messageId, String transferSyntax,
            long timeoutMillis, Runnable onFinished) {
        super(association, "C-FIND", "matches", contextId, messageId, transferSyntax, timeoutMillis, onFinished,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY));
    }

    // ---------------------------------------------------------------- reader thread

    @Override
    public void pending(CommandSet response, byte[] dataSet) {
        if (dataSet == null) {
            return; // a pending response without identifier carries no match
        }
        matches++;
        enqueue(dataSet);
    }

    /**
     * Blocks the reader while the consumer is behind, at most the DIMSE timeout: a consumer that stops
     * taking matches without closing must not hang the association forever.
     */
    @Override
    void enqueue(Object item) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis());
        try {
            while (!isClosed()) {
                if (queue().offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    abandon(new DimseTimeoutException("C-FIND matches were not taken within " + timeoutMillis()
                            + " ms; the query was abandoned"));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- caller

    @Override
    DataSet item(Object queued) throws IOException {
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream((byte[]) queued), syntax())) {
            return reader.readDataSet();
        }
    }

    /** One wait lasts the whole DIMSE timeout, so a wait that found nothing is the timeout. */
    @Override
    long pollMillis() {
        return timeoutMillis();
    }

    @Override
    boolean timedOut() {
        return true;
    }

    @Override
    String timeoutMessage() {
        return "no C-FIND response to message ID " + messageId() + " within " + timeoutMillis() + " ms";
    }

    @Override
    public int matches() {
        return matches;
    }
}
