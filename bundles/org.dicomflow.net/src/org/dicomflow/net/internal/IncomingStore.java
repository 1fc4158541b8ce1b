package org.dicomflow.net.internal;

import java.io.IOException;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseStatusException;
import org.dicomflow.net.StorageHandler;
import org.dicomflow.net.StoreRequest;
import org.dicomflow.net.StoreTarget;

/**
 * One C-STORE-RQ whose data set streams into a {@link StoreTarget} as the PDVs arrive, on the reader
 * thread. The response goes out after the last fragment, once the target committed. Whatever fails
 * (refusal, disk full) becomes the status: the rest of the data set is read and dropped and the
 * association keeps serving.
 */
final class IncomingStore implements MessageAssembler.DataSetSink {
    private static final System.Logger LOG = System.getLogger("org.dicomflow.net");

    private final IncomingRequest request;
    private StoreTarget target;
    private DimseStatus failure;
    private String failureComment;

    IncomingStore(UpperLayerAssociation association, StorageHandler handler, DimseMessage command,
            String contextAbstractSyntax, String transferSyntax) {
        this.request = new IncomingRequest(association, command, transferSyntax);
        CommandSet rq = command.command();
        String cuid = rq.getString(Tag.AffectedSOPClassUID);
        String iuid = rq.getString(Tag.AffectedSOPInstanceUID);
        // only presence here: how strict a UID must be is the handler's business (it knows whether the UID
        // names a file); real files carry UIDs with leading zeros that an archive may well accept
        if (iuid == null || iuid.isBlank()) {
            refuse(association, DimseStatus.CANNOT_UNDERSTAND, "no Affected SOP Instance UID");
            return;
        }
        if (cuid == null || !cuid.equals(contextAbstractSyntax)) {
            refuse(association, DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "SOP class " + cuid + " sent on a context for " + contextAbstractSyntax);
            return;
        }
        StoreRequest storeRequest = new StoreRequest(association, association.peerAeTitle(), cuid, iuid,
                transferSyntax, rq.getInt(Tag.Priority, 0), rq.getString(Tag.MoveOriginatorApplicationEntityTitle),
                rq.getInt(Tag.MoveOriginatorMessageID, 0));
        try {
            target = handler.open(storeRequest);
        } catch (IOException | RuntimeException e) {
            failWith(e);
        }
    }

    @Override
    public void fragment(byte[] data, boolean last) {
        if (target != null) {
            try {
                target.write(data, 0, data.length);
            } catch (IOException | RuntimeException e) {
                dropTarget();
                failWith(e);
            }
        }
        if (!last) {
            return;
        }
        DimseStatus status = failure;
        if (target != null) {
            try {
                status = target.commit();
            } catch (IOException | RuntimeException e) {
                dropTarget();
                failWith(e);
                status = failure;
            }
            target = null;
        }
        respond(status);
    }

    @Override
    public void abandon() {
        dropTarget();
    }

    private void dropTarget() {
        if (target != null) {
            StoreTarget t = target;
            target = null;
            t.discard();
        }
    }

    private void failWith(Exception e) {
        if (e instanceof DimseStatusException s) {
            fail(s.status(), s.errorComment());
        } else if (e instanceof IOException) {
            // disk full and every other I/O trouble of the store: the peer may retry later
            fail(DimseStatus.OUT_OF_RESOURCES, String.valueOf(e.getMessage()));
        } else {
            LOG.log(System.Logger.Level.WARNING, "storage handler failed", e);
            fail(DimseStatus.PROCESSING_FAILURE, String.valueOf(e));
        }
    }

    /** A command refused before any handler saw it: logged, since no handler will log it. */
    private void refuse(UpperLayerAssociation association, DimseStatus status, String comment) {
        LOG.log(System.Logger.Level.WARNING, "C-STORE from {0} refused with {1}: {2}", association.peerAeTitle(),
                status, comment);
        fail(status, comment);
    }

    private void fail(DimseStatus status, String comment) {
        if (failure == null) {
            failure = status;
            failureComment = comment;
        }
    }

    private void respond(DimseStatus status) {
        CommandSet rsp = request.response(status);
        if (!status.isSuccess() && failureComment != null) {
            rsp.setString(Tag.ErrorComment, IncomingRequest.errorComment(failureComment));
        }
        try {
            request.respond(rsp, null);
        } catch (IOException e) {
            // the association is ending; the reader will notice
        }
    }
}
