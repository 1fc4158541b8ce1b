package org.dicomflow.node.internal;

import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.net.DimseHandler;
import org.dicomflow.net.DimseRequest;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseStatusException;
import org.dicomflow.store.Archive;
import org.dicomflow.store.FindOptions;
import org.dicomflow.store.InformationModel;

/**
 * C-FIND SCP over the archive, Patient Root and Study Root: one pending response per match, sent as the
 * index yields it, so the first match goes out before the last is found; a C-CANCEL-RQ stops the query
 * between two matches (status FE00).
 */
final class QueryScp implements DimseHandler {
    static final Set<String> SOP_CLASSES = Set.of(UID.PatientRootQueryRetrieveInformationModelFind,
            UID.StudyRootQueryRetrieveInformationModelFind);
    private static final Logger LOG = Logger.getLogger("org.dicomflow.node");
    /** PS3.4 C.4.1.1.4: "Unable to process" (Cxxx). */
    static final DimseStatus UNABLE_TO_PROCESS = DimseStatus.of(0xC000);

    private final Archive archive;
    /** Asked per request, so a settings change applies to the next C-FIND of any association. */
    private final Supplier<FindOptions> options;

    QueryScp(Archive archive, Supplier<FindOptions> options) {
        this.archive = archive;
        this.options = options;
    }

    @Override
    public void handle(DimseRequest request) throws IOException {
        DataSet keys;
        try {
            keys = request.identifier();
        } catch (IOException e) {
            refuse(request, UNABLE_TO_PROCESS, "identifier unreadable: " + e.getMessage());
            return;
        }
        InformationModel model = InformationModel.ofSopClass(request.command().getString(Tag.AffectedSOPClassUID));
        try {
            archive.find(model, keys, options.get(), match -> {
                if (request.isCancelled()) {
                    return false;
                }
                try {
                    request.respond(DimseStatus.PENDING, match);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return true;
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // the association is gone: nothing to answer
        } catch (DimseStatusException e) {
            refuse(request, e.status(), String.valueOf(e.errorComment()));
            return;
        } catch (IOException | RuntimeException e) {
            LOG.warning("C-FIND from " + request.association().parameters().callingAeTitle() + " failed: " + e);
            refuse(request, UNABLE_TO_PROCESS, String.valueOf(e.getMessage()));
            return;
        }
        request.respond(request.isCancelled() ? DimseStatus.CANCEL : DimseStatus.SUCCESS);
    }

    static void refuse(DimseRequest request, DimseStatus status, String why) throws IOException {
        CommandSet rsp = request.response(status);
        rsp.setString(Tag.ErrorComment, why.length() > 64 ? why.substring(0, 64) : why);
        request.respond(rsp, (byte[]) null);
    }
}
