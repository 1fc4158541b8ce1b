package org.dicomflow.node.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.DicomFile;
import org.dicomflow.net.DimseHandler;
import org.dicomflow.net.DimseRequest;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.Failures;
import org.dicomflow.net.StoreResult;
import org.dicomflow.net.Timeouts;
import org.dicomflow.node.RemoteNode;
import org.dicomflow.store.Archive;
import org.dicomflow.store.InformationModel;
import org.dicomflow.store.InstanceRecord;
import org.dicomflow.net.DimseStatusException;

/**
 * C-MOVE and C-GET SCP over the archive. The instances matching the unique keys are sent with C-STORE,
 * as sub-operations: for a C-MOVE on a new association to the destination AE (looked up among the known
 * remote nodes, re-read on each request so an edit applies at once), for a C-GET on the requester's own
 * association. A pending response with the counts follows each sub-operation; a C-CANCEL-RQ stops between
 * two (FE00 with the counts); the final response lists the failed SOP instances.
 */
final class RetrieveScp implements DimseHandler {
    static final Set<String> MOVE_SOP_CLASSES = Set.of(UID.PatientRootQueryRetrieveInformationModelMove,
            UID.StudyRootQueryRetrieveInformationModelMove);
    static final Set<String> GET_SOP_CLASSES = Set.of(UID.PatientRootQueryRetrieveInformationModelGet,
            UID.StudyRootQueryRetrieveInformationModelGet);
    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");
    /** PS3.4 C.4.2.1.5 / C.4.3.1.4. */
    static final DimseStatus UNABLE_TO_PERFORM_SUBOPERATIONS = DimseStatus.of(0xA702);
    static final DimseStatus SUBOPERATIONS_COMPLETE_WITH_FAILURES = DimseStatus.of(0xB000);

    private final Archive archive;
    private final String aeTitle;
    private final Timeouts timeouts;
    /** AE title -> known remote node, null when unknown. */
    private final Function<String, RemoteNode> destinations;

    RetrieveScp(Archive archive, String aeTitle, Timeouts timeouts, Function<String, RemoteNode> destinations) {
        this.archive = archive;
        this.aeTitle = aeTitle;
        this.timeouts = timeouts;
        this.destinations = destinations;
    }

    @Override
    public void handle(DimseRequest request) throws IOException {
        DataSet keys;
        try {
            keys = request.identifier();
        } catch (IOException e) {
            QueryScp.refuse(request, QueryScp.UNABLE_TO_PROCESS, "identifier unreadable: " + e.getMessage());
            return;
        }
        String sopClass = request.command().getString(Tag.AffectedSOPClassUID);
        boolean move = MOVE_SOP_CLASSES.contains(sopClass);
        RemoteNode destination = null;
        if (move) {
            String dest = request.command().getString(Tag.MoveDestination);
            destination = dest == null ? null : destinations.apply(dest.trim());
            if (destination == null) {
                QueryScp.refuse(request, DimseStatus.MOVE_DESTINATION_UNKNOWN, "unknown move destination " + dest);
                return;
            }
        }
        List<DicomFile> files = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try {
            for (InstanceRecord i : archive.instancesFor(InformationModel.ofSopClass(sopClass), keys)) {
                try {
                    files.add(DicomFile.scan(i.path()));
                } catch (IOException e) {
                    LOG.warning("archived file of " + i.sopInstanceUid() + " unreadable: " + e.getMessage());
                    failed.add(i.sopInstanceUid());
                }
            }
        } catch (DimseStatusException e) {
            QueryScp.refuse(request, e.status(), String.valueOf(e.errorComment()));
            return;
        } catch (IOException | RuntimeException e) {
            QueryScp.refuse(request, QueryScp.UNABLE_TO_PROCESS, String.valueOf(e.getMessage()));
            return;
        }
        Counts counts = new Counts(files.size(), failed);
        if (files.isEmpty()) {
            finish(request, counts);
            return;
        }
        if (move) {
            try (Association out = new ApplicationEntity(aeTitle).connect(AssociationRequest
                    .to(destination.aeTitle(), destination.host(), destination.port()).withContextsFor(files), timeouts)) {
                send(request, out, files, counts);
                out.release();
            } catch (IOException e) {
                if (!request.association().isEstablished()) {
                    throw e;
                }
                LOG.warning("C-MOVE to " + destination + ": " + Failures.describe(e));
                counts.failRemaining(files);
                CommandSet rsp = counts.response(request, UNABLE_TO_PERFORM_SUBOPERATIONS);
                rsp.setString(Tag.ErrorComment, cut(destination.aeTitle() + ": " + Failures.describe(e)));
                request.respondWithIdentifier(rsp, counts.failedList());
                return;
            }
        } else {
            send(request, request.association(), files, counts);
        }
        finish(request, counts);
    }

    private static void send(DimseRequest request, Association out, List<DicomFile> files, Counts counts)
            throws IOException {
        for (DicomFile f : files) {
            if (request.isCancelled()) {
                return;
            }
            StoreResult r = out.store(f);
            counts.add(r);
            if (counts.remaining > 0) {
                request.respondWithIdentifier(counts.response(request, DimseStatus.PENDING), null);
            }
        }
    }

    private static void finish(DimseRequest request, Counts counts) throws IOException {
        DimseStatus status;
        if (request.isCancelled() && counts.remaining > 0) {
            status = DimseStatus.CANCEL;
        } else if (counts.failed.isEmpty() && counts.warning == 0) {
            status = DimseStatus.SUCCESS;
        } else if (counts.completed == 0 && counts.warning == 0) {
            status = UNABLE_TO_PERFORM_SUBOPERATIONS;
        } else {
            status = SUBOPERATIONS_COMPLETE_WITH_FAILURES;
        }
        request.respondWithIdentifier(counts.response(request, status), counts.failedList());
    }

    private static String cut(String s) {
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    /** Sub-operation counts and the failed instances so far. */
    private static final class Counts {
        int remaining;
        int completed;
        int warning;
        final List<String> failed;

        Counts(int toSend, List<String> failedAlready) {
            this.remaining = toSend;
            this.failed = new ArrayList<>(failedAlready);
        }

        void add(StoreResult r) {
            remaining--;
            if (r.isSuccess()) {
                completed++;
            } else if (r.isWarning()) {
                warning++;
            } else {
                failed.add(r.sopInstanceUid());
            }
        }

        void failRemaining(List<DicomFile> files) {
            for (DicomFile f : files.subList(files.size() - remaining, files.size())) {
                failed.add(f.sopInstanceUid());
            }
            remaining = 0;
        }

        CommandSet response(DimseRequest request, DimseStatus status) {
            CommandSet rsp = request.response(status);
            if (status.category() == DimseStatus.Category.PENDING || status.equals(DimseStatus.CANCEL)) {
                rsp.setInt(Tag.NumberOfRemainingSuboperations, remaining);
            }
            rsp.setInt(Tag.NumberOfCompletedSuboperations, completed);
            rsp.setInt(Tag.NumberOfFailedSuboperations, failed.size());
            rsp.setInt(Tag.NumberOfWarningSuboperations, warning);
            return rsp;
        }

        /** The Failed SOP Instance UID List identifier of a final response, null when none failed. */
        DataSet failedList() {
            if (failed.isEmpty()) {
                return null;
            }
            DataSet ds = new DataSet();
            ds.setString(Tag.FailedSOPInstanceUIDList, VR.UI, failed.toArray(String[]::new));
            return ds;
        }
    }
}
