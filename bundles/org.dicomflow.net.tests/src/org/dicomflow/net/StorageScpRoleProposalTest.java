package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dicomflow.dicom.UID;
import org.dicomflow.net.AssociationRequest.Context;
import org.dicomflow.net.pdu.UserInformation.RoleSelection;
import org.junit.jupiter.api.Test;

/**
 * The C-GET proposal with transfer syntaxes per storage class: the acceptor picks one syntax per context
 * and a sender cannot convert compressed data, so every (class, syntax) needs a context of its own.
 */
class StorageScpRoleProposalTest {

    @Test
    void eachClassAndSyntaxGetsItsOwnContextAndEachClassOneScpRole() {
        Map<String, List<String>> syntaxes = new LinkedHashMap<>();
        syntaxes.put(UID.CTImageStorage, List.of(UID.JPEGLosslessSV1, UID.ExplicitVRLittleEndian, UID.JPEGLosslessSV1,
                UID.RLELossless));
        syntaxes.put(UID.MRImageStorage, List.of());
        AssociationRequest rq = AssociationRequest.to("X", "h", 104)
                .withContext(UID.StudyRootQueryRetrieveInformationModelGet)
                .withRole(UID.CTImageStorage, true, false)
                .withStorageScpRole(syntaxes);

        assertEquals(List.of(
                new Context(UID.StudyRootQueryRetrieveInformationModelGet, AssociationRequest.DEFAULT_TRANSFER_SYNTAXES),
                new Context(UID.CTImageStorage, List.of(UID.JPEGLosslessSV1)),
                new Context(UID.CTImageStorage, List.of(UID.ExplicitVRLittleEndian)),
                new Context(UID.CTImageStorage, List.of(UID.RLELossless)),
                // no syntax named: Explicit and Implicit VR LE
                new Context(UID.MRImageStorage, List.of(UID.ExplicitVRLittleEndian)),
                new Context(UID.MRImageStorage, List.of(UID.ImplicitVRLittleEndian))), rq.contexts());
        // the SCP role replaces an earlier selection for the same class
        assertEquals(List.of(new RoleSelection(UID.CTImageStorage, false, true),
                new RoleSelection(UID.MRImageStorage, false, true)), rq.roleSelections());
    }

    @Test
    void moreThan128ContextsAreRefused() {
        Map<String, List<String>> syntaxes = new LinkedHashMap<>();
        List<String> eight = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.ExplicitVRBigEndian,
                UID.RLELossless, UID.JPEGLosslessSV1, UID.JPEGBaseline8Bit, UID.JPEG2000Lossless, UID.JPEGLSLossless);
        for (String cuid : StorageSopClasses.RETRIEVE.subList(0, 16)) {
            syntaxes.put(cuid, eight);
        }
        AssociationRequest sixteenTimesEight = AssociationRequest.to("X", "h", 104).withStorageScpRole(syntaxes);
        assertEquals(128, sixteenTimesEight.contexts().size());
        AssociationRequest withQuery = AssociationRequest.to("X", "h", 104)
                .withContext(UID.StudyRootQueryRetrieveInformationModelGet);
        assertThrows(IllegalArgumentException.class, () -> withQuery.withStorageScpRole(syntaxes));
    }
}
