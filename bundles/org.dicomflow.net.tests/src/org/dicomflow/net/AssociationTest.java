package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.dicomflow.dicom.UID;
import org.dicomflow.net.pdu.AAssociateRj;
import org.dicomflow.net.pdu.ContextResult;
import org.dicomflow.net.pdu.PduCodec;
import org.dicomflow.testing.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SCU and SCP of this bundle talking to each other over 127.0.0.1. */
class AssociationTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Timeouts FAST = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(5))
            .withDimseResponse(Duration.ofSeconds(5));

    private final ApplicationEntity scu = new ApplicationEntity("TESTSCU");
    private final RecordingListener listener = new RecordingListener();
    private DicomServer server;

    private DicomServer listen(ServerConfig config) throws IOException {
        server = new ApplicationEntity("DICOMFLOW").listen(config.withListener(listener));
        return server;
    }

    private ServerConfig loopback() {
        return ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST);
    }

    private AssociationRequest echoRequest() {
        return AssociationRequest.to("DICOMFLOW", "127.0.0.1", server.localPort()).withContext(UID.Verification);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void echoAndRelease() throws Exception {
        listen(loopback());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association as = scu.connect(echoRequest(), FAST)) {
                assertEquals(DimseStatus.SUCCESS, as.echo());
                assertEquals(DimseStatus.SUCCESS, as.echo());
                NegotiatedParameters p = as.parameters();
                assertEquals(Implementation.CLASS_UID, p.peerImplementationClassUid());
                assertEquals(Implementation.VERSION_NAME, p.peerImplementationVersionName());
                assertEquals(Implementation.DEFAULT_MAX_PDU_LENGTH, p.peerMaxPduLength());
                assertEquals(UID.ExplicitVRLittleEndian, p.acceptedContext(UID.Verification).orElseThrow()
                        .transferSyntax());
                as.release();
                assertFalse(as.isEstablished());
            }
            String end = listener.nextEnd();
            assertTrue(end.startsWith("closed: TESTSCU -> DICOMFLOW from /127.0.0.1:"), end);
        });
        assertEquals(0, server.activeAssociations());
    }

    @Test
    void negotiatesRolesAndAsyncWindowOnlyForWhatWeSupport() throws Exception {
        listen(loopback());
        AssociationRequest rq = echoRequest().withContext("1.2.3.4.5")
                .withContext(UID.Verification, UID.ExplicitVRBigEndian)
                .withRole(UID.Verification, true, true).withRole("1.2.3.4.5", true, true)
                .withAsyncOpsWindow(5, 5);
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association as = scu.connect(rq, FAST)) {
                NegotiatedParameters p = as.parameters();
                assertEquals(ContextResult.ACCEPTANCE, p.contexts().get(0).result());
                assertEquals(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, p.contexts().get(1).result());
                assertEquals(ContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED, p.contexts().get(2).result());
                assertEquals(1, p.roleSelections().size());
                assertEquals(UID.Verification, p.roleSelections().get(0).sopClassUid());
                // PS3.7 D.3.3.3: both numbers limit the requestor; we take up to 16 of its requests at once and
                // send it one sub-operation at a time
                assertEquals(new org.dicomflow.net.pdu.UserInformation.AsyncOpsWindow(5, 1), p.asyncOpsWindow());
                assertEquals(DimseStatus.SUCCESS, as.echo());
            }
        });
    }

    @Test
    void noAcceptedVerificationContextIsAClearError() throws Exception {
        listen(loopback());
        AssociationRequest rq = AssociationRequest.to("DICOMFLOW", "127.0.0.1", server.localPort())
                .withContext("1.2.3.4.5");
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association as = scu.connect(rq, FAST)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, as::echo);
                assertTrue(e.getMessage().contains("Verification"), e.getMessage());
            }
        });
    }

    @Test
    void wrongCalledAeTitleIsRejected() throws Exception {
        listen(loopback());
        AssociationRequest rq = AssociationRequest.to("SOMEONE", "127.0.0.1", server.localPort())
                .withContext(UID.Verification);
        AssociationRejectedException e = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(AssociationRejectedException.class, () -> scu.connect(rq, FAST)));
        assertEquals(1, e.result());
        assertEquals(1, e.source());
        assertEquals(7, e.reason());
        assertTrue(e.getMessage().startsWith(
                "association rejected (permanent) by service user: called AE title not recognized"), e.getMessage());
        assertTrue(listener.nextEnd().startsWith("rejected: TESTSCU -> SOMEONE"));
    }

    @Test
    void disallowedCallingAeTitleIsRejected() throws Exception {
        listen(loopback().withAllowedCallingAeTitles(Set.of("FRIEND")));
        AssociationRejectedException e = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(AssociationRejectedException.class, () -> scu.connect(echoRequest(), FAST)));
        assertEquals(3, e.reason());
        assertTrue(e.getMessage().contains("calling AE title not recognized"), e.getMessage());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association as = new ApplicationEntity("FRIEND").connect(echoRequest(), FAST)) {
                assertEquals(DimseStatus.SUCCESS, as.echo());
            }
        });
    }

    @Test
    void associationLimit() throws Exception {
        listen(loopback().withMaxAssociations(1));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association first = scu.connect(echoRequest(), FAST)) {
                AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                        () -> scu.connect(echoRequest(), FAST));
                assertEquals(AAssociateRj.RESULT_TRANSIENT, e.result());
                assertEquals(AAssociateRj.SOURCE_SERVICE_PROVIDER_PRESENTATION, e.source());
                assertEquals(AAssociateRj.REASON_LOCAL_LIMIT_EXCEEDED, e.reason());
                assertEquals(DimseStatus.SUCCESS, first.echo());
            }
            // the rejected one ends when the SCU drops it, which may be after the first was released
            Set<String> kinds = Set.of(listener.nextEnd().split(":")[0], listener.nextEnd().split(":")[0]);
            assertEquals(Set.of("rejected", "closed"), kinds);
            try (Association again = scu.connect(echoRequest(), FAST)) {
                assertEquals(DimseStatus.SUCCESS, again.echo());
            }
        });
    }

    @Test
    void scuAbortIsSeenByServer() throws Exception {
        listen(loopback());
        assertTimeoutPreemptively(LIMIT, () -> {
            Association as = scu.connect(echoRequest(), FAST);
            as.echo();
            as.abort();
            assertFalse(as.isEstablished());
            String end = listener.nextEnd();
            assertTrue(end.startsWith("aborted:") && end.contains("aborted by service user"), end);
            as.close(); // no-op after abort
        });
    }

    @Test
    void scpAbortIsSeenByScu() throws Exception {
        listen(loopback().withHandler(UID.Verification, request -> request.association().abort()));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association as = scu.connect(echoRequest(), FAST)) {
                AssociationAbortedException e = assertThrows(AssociationAbortedException.class, as::echo);
                assertEquals(0, e.source());
                assertTrue(e.getMessage().contains("aborted by service user"), e.getMessage());
            }
        });
    }

    @Test
    void scpReleaseIsAnsweredByScu() throws Exception {
        CompletableFuture<Association> scpSide = new CompletableFuture<>();
        listen(loopback().withHandler(UID.Verification, request -> {
            scpSide.complete(request.association());
            request.respond(DimseStatus.SUCCESS);
        }));
        assertTimeoutPreemptively(LIMIT, () -> {
            Association as = scu.connect(echoRequest(), FAST);
            as.echo();
            scpSide.get().release();
            assertTrue(listener.nextEnd().startsWith("closed"));
            as.close();
            assertFalse(as.isEstablished());
            assertThrows(IOException.class, as::echo);
        });
    }

    @Test
    void releaseCollisionEndsCleanlyOnBothSides() throws Exception {
        java.util.concurrent.BlockingQueue<Association> scpSides = new java.util.concurrent.LinkedBlockingQueue<>();
        listen(loopback().withHandler(UID.Verification, request -> {
            scpSides.add(request.association());
            request.respond(DimseStatus.SUCCESS);
        }));
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int i = 0; i < 5; i++) {
                Association as = scu.connect(echoRequest(), FAST);
                as.echo();
                Association acceptor = scpSides.take();
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                    try {
                        go.await();
                        acceptor.release();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                go.countDown();
                as.release();
                other.get(20, TimeUnit.SECONDS);
                assertTrue(listener.nextEnd().startsWith("closed"));
            }
        });
    }

    @Test
    void tinyMaxPduMakesTheServerFragment() throws Exception {
        listen(loopback());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association as = scu.connect(echoRequest().withMaxPduLength(20), FAST)) {
                assertEquals(20, as.parameters().ownMaxPduLength());
                assertEquals(DimseStatus.SUCCESS, as.echo());
            }
        });
    }

    @Test
    void garbageGetsAbortAndServerKeepsServing() throws Exception {
        listen(loopback());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Socket s = new Socket("127.0.0.1", server.localPort())) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                byte[] abort = s.getInputStream().readNBytes(10);
                assertEquals(Arrays.toString(new byte[] {7, 0, 0, 0, 0, 4, 0, 0, 2, 1}), Arrays.toString(abort));
            }
            String end = listener.nextEnd();
            assertTrue(end.contains("unrecognized PDU type 0x47"), end);
            try (Association as = scu.connect(echoRequest(), FAST)) {
                assertEquals(DimseStatus.SUCCESS, as.echo());
            }
        });
    }

    @Test
    void disconnectInTheMiddleOfAPdu() throws Exception {
        listen(loopback());
        byte[] rq = PduCodec.encode(new org.dicomflow.net.pdu.AAssociateRq(1, "DICOMFLOW", "HALF",
                UID.DICOMApplicationContext, java.util.List.of(), new org.dicomflow.net.pdu.UserInformation(0,
                        null, null, null, java.util.List.of(), null, null)));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Socket s = new Socket("127.0.0.1", server.localPort())) {
                s.getOutputStream().write(rq, 0, rq.length / 2);
            }
            String end = listener.nextEnd();
            assertTrue(end.startsWith("aborted") && end.contains("connection closed after"), end);
            try (Association as = scu.connect(echoRequest(), FAST)) {
                assertEquals(DimseStatus.SUCCESS, as.echo());
            }
        });
    }

    @Test
    void silentClientIsDroppedAfterArtim() throws Exception {
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST).withRequestTimeout(Duration.ofMillis(300)));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Socket s = new Socket("127.0.0.1", server.localPort())) {
                InputStream in = s.getInputStream();
                assertEquals(-1, in.read(), "server should close the silent connection");
            }
            String end = listener.nextEnd();
            assertTrue(end.contains("no A-ASSOCIATE-RQ within 300 ms"), end);
        });
    }

    @Test
    void silentAcceptorTimesOutTheRequest() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            AssociationRequest rq = AssociationRequest.to("NOBODY", "127.0.0.1", silent.getLocalPort())
                    .withContext(UID.Verification);
            java.net.SocketTimeoutException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(
                    java.net.SocketTimeoutException.class, () -> scu.connect(rq, FAST.withArtim(Duration.ofMillis(300)))));
            assertTrue(e.getMessage().contains("no answer to A-ASSOCIATE-RQ"), e.getMessage());
        }
    }

    @Test
    void dimseTimeoutWhenServerNeverAnswers() throws Exception {
        listen(loopback().withHandler(UID.Verification, request -> {
            // swallow the request: the SCU must give up on its own
        }));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association as = scu.connect(echoRequest(), FAST.withDimseResponse(Duration.ofMillis(300)))) {
                DimseTimeoutException e = assertThrows(DimseTimeoutException.class, as::echo);
                assertTrue(e.getMessage().contains("no C-ECHO response to message ID 1"), e.getMessage());
                assertTrue(as.isEstablished(), "a DIMSE timeout leaves the association usable");
            }
        });
    }

    @Test
    void idleAssociationIsClosedByServer() throws Exception {
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST.withIdle(Duration.ofMillis(300))));
        assertTimeoutPreemptively(LIMIT, () -> {
            Association as = scu.connect(echoRequest(), FAST);
            String end = listener.nextEnd();
            assertTrue(end.startsWith("aborted") && end.contains("idle"), end);
            assertThrows(IOException.class, as::echo);
            as.close();
        });
    }

    @Test
    void handlerFailureBecomesFailureStatus() throws Exception {
        listen(loopback().withHandler(UID.Verification, request -> {
            throw new IllegalStateException("disk on fire");
        }));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association as = scu.connect(echoRequest(), FAST)) {
                assertEquals(DimseStatus.PROCESSING_FAILURE, as.echo());
            }
        });
    }

    @Test
    void connectionRefusedNamesTheAddress() {
        int port = FreePort.find();
        AssociationRequest rq = AssociationRequest.to("X", "127.0.0.1", port).withContext(UID.Verification);
        ConnectException e = assertThrows(ConnectException.class, () -> scu.connect(rq, FAST));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void listenerExceptionsDoNotHurtTheServer() throws Exception {
        server = new ApplicationEntity("DICOMFLOW").listen(loopback().withListener(new AssociationListener() {
            @Override
            public void opened(AssociationEvent event) {
                throw new RuntimeException("buggy extension");
            }
        }).withListener(listener));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Association as = scu.connect(echoRequest(), FAST)) {
                assertEquals(DimseStatus.SUCCESS, as.echo());
            }
            assertNotNull(listener.nextEnd());
        });
    }

}
