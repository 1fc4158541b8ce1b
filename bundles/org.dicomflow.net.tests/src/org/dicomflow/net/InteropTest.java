package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.dicomflow.dicom.UID;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our SCU and SCP against dcmtk and Orthanc processes on 127.0.0.1 (skipped if absent, failing when CI=true). */
class InteropTest {
    private static final Timeouts TIMEOUTS = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(10))
            .withDimseResponse(Duration.ofSeconds(10));
    private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static DimseStatus echo(String calledAe, int port) throws IOException {
        try (Association as = new ApplicationEntity("DICOMFLOW").connect(
                AssociationRequest.to(calledAe, "127.0.0.1", port).withContext(UID.Verification), TIMEOUTS)) {
            DimseStatus status = as.echo();
            as.release();
            return status;
        }
    }

    @Test
    void echoToStorescp() throws Exception {
        int port = FreePort.find();
        try (PeerProcess peer = Peers.storescp("STORESCP", port, dir)) {
            assertEquals(DimseStatus.SUCCESS, echo("STORESCP", port), peer::output);
        }
    }

    @Test
    void echoToDcmqrscpAndItsRejection() throws Exception {
        int port = FreePort.find();
        try (PeerProcess peer = Peers.dcmqrscp("DCMQRSCP", port, dir)) {
            assertEquals(DimseStatus.SUCCESS, echo("DCMQRSCP", port), peer::output);
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> echo("WRONG", port));
            assertEquals(1, e.source());
            assertEquals(7, e.reason());
        }
    }

    @Test
    void echoToOrthanc() throws Exception {
        int port = FreePort.find();
        try (PeerProcess peer = Peers.orthanc("ORTHANC", port, dir)) {
            assertEquals(DimseStatus.SUCCESS, echo("ORTHANC", port), peer::output);
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> echo("WRONG", port), peer::output);
            assertEquals(7, e.reason());
        }
    }

    private PeerProcess echoscu(String callingAe, String calledAe, int port) throws Exception {
        Path echoscu = Peers.require("echoscu", "dcmtk");
        return PeerProcess.run("echoscu-" + callingAe + "-" + calledAe, List.of(echoscu.toString(), "-v",
                "-aet", callingAe, "-aec", calledAe, "127.0.0.1", String.valueOf(port)), dir, RUN_LIMIT);
    }

    @Test
    void echoscuToOurServer() throws Exception {
        try (DicomServer server = new ApplicationEntity("DICOMFLOW").listen(ServerConfig.bind("127.0.0.1", 0)
                .withAllowedCallingAeTitles(Set.of("ECHOSCU")))) {
            PeerProcess ok = echoscu("ECHOSCU", "DICOMFLOW", server.localPort());
            assertEquals(0, ok.exitCode(), ok::output);
            assertTrue(ok.output().contains("Received Echo Response (Success)"), ok::output);

            PeerProcess wrongCalled = echoscu("ECHOSCU", "NOTUS", server.localPort());
            assertNotEquals(0, wrongCalled.exitCode(), wrongCalled::output);
            assertTrue(wrongCalled.output().contains("Called AE Title Not Recognized"), wrongCalled::output);

            PeerProcess stranger = echoscu("STRANGER", "DICOMFLOW", server.localPort());
            assertNotEquals(0, stranger.exitCode(), stranger::output);
            assertTrue(stranger.output().contains("Calling AE Title Not Recognized"), stranger::output);
        }
    }
}
