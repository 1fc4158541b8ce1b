package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.dicomflow.dicom.UID;
import org.dicomflow.net.internal.AcceptingServer;
import org.dicomflow.net.pdu.AAssociateRj;
import org.dicomflow.net.pdu.Pdu;
import org.dicomflow.net.pdu.ContextResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DicomServer#reconfigure}: new associations get the new configuration, open ones go on. */
class ReconfigureTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Timeouts FAST = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(5))
            .withDimseResponse(Duration.ofSeconds(5));
    private static final String OTHER_SOP_CLASS = "1.2.826.0.1.3680043.9.7433.1.1";

    private DicomServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private ServerConfig loopback() {
        return ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST);
    }

    private void listen(ServerConfig config) throws IOException {
        server = new ApplicationEntity("DICOMFLOW").listen(config);
    }

    private AssociationRequest echoRequest() {
        return AssociationRequest.to("DICOMFLOW", "127.0.0.1", server.localPort()).withContext(UID.Verification);
    }

    private Association connect(String callingAeTitle) throws IOException {
        return new ApplicationEntity(callingAeTitle).connect(echoRequest(), FAST);
    }

    private void assertRejectedAsCaller(String callingAeTitle) {
        AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                () -> connect(callingAeTitle).close());
        assertEquals(AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED, e.reason(), e.getMessage());
    }

    @Test
    void allowedCallersChangeForNewAssociationsWhileOpenOnesGoOn() throws Exception {
        listen(loopback().withAllowedCallingAeTitles(Set.of("FIRST")));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association first = connect("FIRST")) {
                assertRejectedAsCaller("SECOND");

                server.reconfigure(loopback().withAllowedCallingAeTitles(Set.of("SECOND")));

                assertEquals(DimseStatus.SUCCESS, first.echo(), "the open association is not judged again");
                assertRejectedAsCaller("FIRST");
                try (Association second = connect("SECOND")) {
                    assertEquals(DimseStatus.SUCCESS, second.echo());
                    assertEquals(2, server.activeAssociations());
                }
                assertEquals(DimseStatus.SUCCESS, first.echo());
            }
        });
    }

    @Test
    void aCallerRemovedWhileItsConnectionWaitedIsRefusedWhenItsRequestArrives() throws Exception {
        listen(loopback().withAllowedCallingAeTitles(Set.of("FIRST")));
        assertTimeoutPreemptively(LIMIT, () -> {
            // the TCP connection is accepted under the old list; the A-ASSOCIATE-RQ comes after the change
            try (RawPeer early = RawPeer.connect(server.localPort(), 0)) {
                assertTrue(waitForConnectionAccepted(), "the server took the connection");
                server.reconfigure(loopback().withAllowedCallingAeTitles(Set.of("SECOND")));
                early.send(RawPeer.echoRq("DICOMFLOW", "FIRST"));
                Pdu answer = early.read();
                assertInstanceOf(AAssociateRj.class, answer, String.valueOf(answer));
                assertEquals(AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED, ((AAssociateRj) answer).reason());
            }
            try (Association second = connect("SECOND")) {
                assertEquals(DimseStatus.SUCCESS, second.echo());
            }
        });
    }

    /** Whether the server counts the raw connection as open (it has accepted it) within the test's limit. */
    private boolean waitForConnectionAccepted() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (((AcceptingServer) server).openConnections() > 0) {
                return true;
            }
            Thread.sleep(10); // polling the server's state, not a timing assumption
        }
        return false;
    }

    @Test
    void hostBoundCallersAreResolvedWhenReconfigured() throws Exception {
        listen(loopback().withAllowedCallingAeTitles(Set.of("FIRST")));
        server.reconfigure(loopback().withAllowedCallingAeTitles(Set.of("LOCAL@127.0.0.1", "FARAWAY@192.0.2.1")));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association local = connect("LOCAL")) {
                assertEquals(DimseStatus.SUCCESS, local.echo());
            }
            assertRejectedAsCaller("FARAWAY"); // TEST-NET-1 is never this machine
            assertRejectedAsCaller("FIRST");
        });
    }

    @Test
    void anUnresolvableHostLeavesTheServerAsItWas() throws Exception {
        listen(loopback().withAllowedCallingAeTitles(Set.of("FIRST")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.reconfigure(
                loopback().withAllowedCallingAeTitles(Set.of("SECOND@no-such-host.invalid"))));
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association first = connect("FIRST")) {
                assertEquals(DimseStatus.SUCCESS, first.echo());
            }
            assertRejectedAsCaller("SECOND");
        });
    }

    @Test
    void theAssociationLimitAppliesToTheNextAdmission() throws Exception {
        listen(loopback().withMaxAssociations(1));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association one = connect("ONE")) {
                server.reconfigure(loopback().withMaxAssociations(2));
                try (Association two = connect("TWO")) {
                    server.reconfigure(loopback().withMaxAssociations(1));
                    AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                            () -> connect("THREE").close());
                    assertEquals(AAssociateRj.REASON_LOCAL_LIMIT_EXCEEDED, e.reason(), e.getMessage());
                    // lowering the limit closes nothing
                    assertEquals(DimseStatus.SUCCESS, one.echo());
                    assertEquals(DimseStatus.SUCCESS, two.echo());
                }
            }
        });
    }

    @Test
    void newAssociationsGetTheNewHandlers() throws Exception {
        listen(loopback());
        AssociationRequest rq = echoRequest().withContext(OTHER_SOP_CLASS);
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association before = new ApplicationEntity("SCU").connect(rq, FAST)) {
                assertEquals(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, before.parameters().contexts().get(1).result());
                server.reconfigure(loopback().withHandler(OTHER_SOP_CLASS, VerificationScp.INSTANCE));
                try (Association after = new ApplicationEntity("SCU").connect(rq, FAST)) {
                    assertEquals(ContextResult.ACCEPTANCE, after.parameters().contexts().get(1).result());
                }
                assertEquals(DimseStatus.SUCCESS, before.echo());
            }
        });
    }

    @Test
    void whatOnlyANewServerCanChangeIsRefused() throws Exception {
        listen(loopback().withAllowedCallingAeTitles(Set.of("FIRST")));
        int port = server.localPort();
        ServerConfig allowSecond = loopback().withAllowedCallingAeTitles(Set.of("SECOND"));
        TlsSettings tls = TlsSettings.defaults().withCertificate(Path.of("server.pem"), Path.of("server-key.pem"));

        assertRefused(() -> server.reconfigure(ServerConfig.bind("0.0.0.0", 0)
                .withAllowedCallingAeTitles(Set.of("SECOND"))), "bind address");
        assertRefused(() -> server.reconfigure(ServerConfig.bind("127.0.0.1", port == 65535 ? 65534 : port + 1)
                .withAllowedCallingAeTitles(Set.of("SECOND"))), "port");
        assertRefused(() -> server.reconfigure(allowSecond.withTls(tls)), "TLS");
        assertRefused(() -> server.reconfigure(allowSecond.withMemoryBudget(1 << 20)), "memory budget");

        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association first = connect("FIRST")) {
                assertEquals(DimseStatus.SUCCESS, first.echo(), "a refused change changed nothing");
            }
            assertRejectedAsCaller("SECOND");
        });
        // the bound port stands for the configured port 0
        server.reconfigure(ServerConfig.bind("127.0.0.1", port).withTimeouts(FAST)
                .withAllowedCallingAeTitles(Set.of("SECOND")));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association second = connect("SECOND")) {
                assertEquals(DimseStatus.SUCCESS, second.echo());
            }
        });
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable change, String what) {
        assertThrows(IllegalArgumentException.class, change, what + " cannot change on a running server");
    }
}
