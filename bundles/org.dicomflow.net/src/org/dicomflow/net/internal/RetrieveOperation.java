package org.dicomflow.net.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.GetResponses;
import org.dicomflow.net.MoveResponses;
import org.dicomflow.net.RetrieveProgress;

/**
 * A C-MOVE-RQ or C-GET-RQ sent and its responses. The reader thread queues the counts of each pending
 * response (a few dozen bytes each, so the queue is unbounded and the reader never blocks: during a C-GET it
 * must go on serving the C-STORE sub-operations), the caller takes them. The final response's identifier
 * (Failed SOP Instance UID List) is decoded by the caller.
 */
final class RetrieveOperation extends ResponseStream<RetrieveProgress> implements MoveResponses, GetResponses {
    private static final long POLL_MILLIS = 100;

    private final String destination;
    private final long startNanos = System.nanoTime();
    private volatile RetrieveProgress latest;
    private volatile byte[] finalIdentifier;
    private volatile TransferSyntax finalIdentifierSyntax;
    private List<String> failedUids;

    RetrieveOperation(UpperLayerAssociation association, String name, int contextId, int messageId,
            String transferSyntax, String destination, long timeoutMillis, Runnable onFinished) {
        super(association, name, "progress", contextId, messageId, transferSyntax, timeoutMillis, onFinished,
                new LinkedBlockingQueue<>());
        this.destination = destination;
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
        if (!isClosed()) {
            enqueue(p);
        }
    }

    @Override
    public void complete(CommandSet response, byte[] dataSet) {
        if (dataSet == null && response.dataElements() != null) {
            // Orthanc 1.10 sends the Failed SOP Instance UID List inside the command set (Implicit VR LE like it)
            finalIdentifierSyntax = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
            finalIdentifier = response.dataElements();
        } else {
            finalIdentifierSyntax = syntax();
            finalIdentifier = dataSet;
        }
        latest = progressOf(response);
        super.complete(response, dataSet); // after the identifier: the final response is what says it is there
    }

    @Override
    void enqueue(Object item) {
        queue().add(item);
    }

    // ---------------------------------------------------------------- caller

    @Override
    RetrieveProgress item(Object queued) {
        return (RetrieveProgress) queued;
    }

    @Override
    long pollMillis() {
        return POLL_MILLIS;
    }

    /** Counted from the last PDU of the association: the C-STORE sub-operations of a C-GET are life too. */
    @Override
    boolean timedOut() {
        long quiet = TimeUnit.NANOSECONDS.toMillis(
                System.nanoTime() - Math.max(startNanos, association().lastActivityNanos()));
        return quiet >= timeoutMillis();
    }

    @Override
    String timeoutMessage() {
        return "no " + name() + " response to message ID " + messageId()
                + " (nor anything else from the peer) within " + timeoutMillis() + " ms";
    }

    @Override
    public String destinationAeTitle() {
        return destination;
    }

    @Override
    public RetrieveProgress progress() {
        return latest;
    }

    @Override
    public synchronized List<String> failedSopInstanceUids() throws IOException {
        if (failedUids == null) {
            byte[] identifier = finalIdentifier;
            if (finalResponse() == null || identifier == null) {
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
}
