package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.net.pdu.AAssociateAc;
import org.dicomflow.net.pdu.AAssociateRq;
import org.dicomflow.net.pdu.AReleaseRp;
import org.dicomflow.net.pdu.AReleaseRq;
import org.dicomflow.net.pdu.PDataTf;
import org.dicomflow.net.pdu.PresentationDataValue;
import org.dicomflow.net.pdu.UserInformation;
import org.junit.jupiter.api.Test;

/**
 * PS3.8 E.1: every fragment of a message has an even number of bytes, whatever maximum PDU length the peer
 * announces; dcmtk-based peers give up on an odd one.
 */
class EvenFragmentTest {
    private static final int ODD_MAX_PDU_LENGTH = 1001;

    @Test
    void fragmentsStayEvenWhenThePeersMaximumIsOdd() throws Exception {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5.6");
        ds.setBytes(Tag.PixelData, VR.OB, new byte[10_000]);
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<StoreResult> store = CompletableFuture.supplyAsync(() -> {
                try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to("FAKE",
                        "127.0.0.1", fake.getLocalPort()).withContext(UID.SecondaryCaptureImageStorage),
                        StoreScuTest.TIMEOUTS)) {
                    StoreResult r = as.store(DataSetSource.of(ds, UID.ExplicitVRLittleEndian));
                    as.release();
                    return r;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (RawPeer peer = new RawPeer(fake.accept())) {
                AAssociateAc ac = RawPeer.acceptAll((AAssociateRq) peer.read());
                peer.send(new AAssociateAc(ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle(),
                        ac.applicationContext(), ac.presentationContexts(),
                        new UserInformation(ODD_MAX_PDU_LENGTH, "1.2.3", null, null, List.of(), null, null)));
                List<Integer> lengths = new ArrayList<>();
                CommandSet rq = null;
                boolean lastData = false;
                while (!lastData) {
                    PDataTf pdata = assertInstanceOf(PDataTf.class, peer.read());
                    for (PresentationDataValue pdv : pdata.values()) {
                        lengths.add(pdv.data().length);
                        if (pdv.command()) {
                            rq = CommandSet.decode(pdv.data(), 0, pdv.data().length);
                        } else {
                            lastData = pdv.last();
                        }
                    }
                }
                assertTrue(lengths.size() > 10, "the data set should need many fragments: " + lengths);
                assertTrue(lengths.stream().allMatch(n -> n % 2 == 0), "odd fragment among " + lengths);
                assertTrue(lengths.stream().allMatch(n -> n <= ODD_MAX_PDU_LENGTH - 6), lengths::toString);
                CommandSet rsp = new CommandSet().setString(Tag.AffectedSOPClassUID, UID.SecondaryCaptureImageStorage)
                        .setInt(Tag.CommandField, 0x8001).setInt(Tag.MessageIDBeingRespondedTo, rq.messageId())
                        .setInt(Tag.CommandDataSetType, CommandSet.NO_DATA_SET).setInt(Tag.Status, 0)
                        .setString(Tag.AffectedSOPInstanceUID, "1.2.3.4.5.6");
                peer.send(new PDataTf(List.of(new PresentationDataValue(1, true, true, rsp.encode()))));
                assertInstanceOf(AReleaseRq.class, peer.read());
                peer.send(new AReleaseRp());
                StoreResult r = store.get(20, TimeUnit.SECONDS);
                assertEquals(DimseStatus.SUCCESS, r.status(), r::describe);
            }
        }
    }
}
