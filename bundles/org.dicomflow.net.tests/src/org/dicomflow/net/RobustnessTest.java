package org.dicomflow.net;

import static org.dicomflow.net.MisbehavingPeers.readOrEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.dicomflow.dicom.CommandSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.net.internal.AcceptingServer;
import org.dicomflow.net.internal.State;
import org.dicomflow.net.internal.UpperLayerAssociation;
import org.dicomflow.net.pdu.AAbort;
import org.dicomflow.net.pdu.AAssociateAc;
import org.dicomflow.net.pdu.AAssociateRq;
import org.dicomflow.net.pdu.AReleaseRp;
import org.dicomflow.net.pdu.AReleaseRq;
import org.dicomflow.net.pdu.PDataTf;
import org.dicomflow.net.pdu.Pdu;
import org.dicomflow.net.pdu.PduCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and unlucky peers: ones that stop reading, hold connections open without a word, claim
 * huge PDUs, race our release and abort, or collide releases. Bounds are preemptive timeouts;
 * nothing here sleeps to make a point.
 */
class RobustnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(40);
    private static final Timeouts FAST = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(5))
            .withDimseResponse(Duration.ofSeconds(5));

    private final ApplicationEntity scu = new ApplicationEntity("TESTSCU");
    private final RecordingListener listener = new RecordingListener();
    private final List<java.io.Closeable> toClose = new ArrayList<>();
    private DicomServer server;

    private DicomServer listen(ServerConfig config) throws IOException {
        server = new ApplicationEntity("DICOMFLOW").listen(config.withListener(listener));
        return server;
    }

    private AssociationRequest echoRequest() {
        return AssociationRequest.to("DICOMFLOW", "127.0.0.1", server.localPort()).withContext(UID.Verification);
    }

    @AfterEach
    void cleanUp() {
        for (java.io.Closeable c : toClose) {
            try {
                c.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------ item 1: a peer that never reads

    @Test
    void peerThatNeverReadsFreezesNoTimerAndCloseReturns() throws Exception {
        Timeouts t = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(1)).withIdle(Duration.ofSeconds(1));
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(t).withRequestTimeout(Duration.ofSeconds(1)));
        RawPeer bad = RawPeer.connect(server.localPort(), 2048);
        toClose.add(bad);
        bad.associate("DICOMFLOW");
        Thread spam = MisbehavingPeers.startSendingWithoutReading(bad);
        String reader = "dicom-association-/127.0.0.1:" + bad.socket.getLocalPort();
        await("the server's reader is stuck writing to the peer", Duration.ofSeconds(20),
                () -> isWritingToSocket(reader) || bad.socket.isClosed() || !spam.isAlive());

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            // timers still run: a silent connection is dropped after its 1 s
            try (Socket silent = new Socket("127.0.0.1", server.localPort())) {
                assertEquals(-1, readOrEnd(silent.getInputStream()));
            }
        }, "timers are stuck behind a blocked write");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> server.close(), "server.close() blocked");
        assertTrue(server.awaitTermination(Duration.ofSeconds(20)), "every association ended after close()");
    }

    private static boolean isWritingToSocket(String threadName) {
        for (var e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().equals(threadName)) {
                boolean writer = Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().endsWith("PduWriter"));
                boolean socket = Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().contains("implWrite")
                        || f.getMethodName().contains("socketWrite"));
                return writer && socket;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ item 2 and 10: exhaustion

    @Test
    void manyConnectionsClaimingHugePdusNeitherExhaustNorLockOut() throws Exception {
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(Timeouts.DEFAULT).withMaxAssociations(4));
        AcceptingServer acceptor = (AcceptingServer) server;
        int cap = 4 + 2 * ServerConfig.bind("127.0.0.1", 0).maxPendingConnections();
        for (int i = 0; i < 300; i++) {
            Socket s = new Socket("127.0.0.1", server.localPort());
            toClose.add(s);
            // an A-ASSOCIATE-RQ header claiming 1 MiB, then one byte of it
            s.getOutputStream().write(new byte[] {1, 0, 0, 0x10, 0, 0, 0});
        }
        assertTimeoutPreemptively(LIMIT, () -> {
            EchoResult ok = VerificationScu.echo("REAL", "DICOMFLOW", "127.0.0.1", server.localPort(), FAST);
            assertTrue(ok.isSuccess(), "a real caller gets through: " + ok.describe());
        });
        assertTrue(acceptor.openConnections() <= cap, acceptor.openConnections() + " connections open, cap " + cap);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("dicom-accept-DICOMFLOW-" + server.localPort())),
                "the accept loop is alive");
    }

    @Test
    void silentConnectionsDoNotTakeAssociationPlaces() throws Exception {
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(Timeouts.DEFAULT).withMaxAssociations(1)
                .withMaxPendingConnections(4).withRequestTimeout(Duration.ofSeconds(30)));
        for (int i = 0; i < 16; i++) {
            toClose.add(new Socket("127.0.0.1", server.localPort()));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Association as = scu.connect(echoRequest(), FAST)) {
                assertEquals(DimseStatus.SUCCESS, as.echo());
                assertEquals(1, server.activeAssociations());
            }
        });
    }

    @Test
    void dataSetOnVerificationContextIsRefusedAtOnce() throws Exception {
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (RawPeer p = RawPeer.connect(server.localPort(), 0)) {
                p.associate("DICOMFLOW");
                p.sendRaw(RawPeer.pData(1, true, RawPeer.echoCommand(1, true)));
                Pdu answer = p.read();
                assertInstanceOf(AAbort.class, answer, "expected A-ABORT, got " + answer);
            }
            String end = listener.nextEnd();
            assertTrue(end.contains("whose service takes none"), end);
        });
    }

    @Test
    void memoryBudgetBoundsBufferedDataSetsAndIsGivenBack() throws Exception {
        String sopClass = "1.2.826.0.1.3680043.2.1125.99.1";
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST).withMemoryBudget(64 * 1024)
                .withHandler(sopClass, r -> r.respond(DimseStatus.SUCCESS)));
        AcceptingServer acceptor = (AcceptingServer) server;
        AssociationRequest rq = AssociationRequest.to("DICOMFLOW", "127.0.0.1", server.localPort())
                .withContext(sopClass);
        assertTimeoutPreemptively(LIMIT, () -> {
            UpperLayerAssociation big = (UpperLayerAssociation) scu.connect(rq, FAST);
            assertThrows(IOException.class, () -> invokeWithDataSet(big, sopClass, 256 * 1024));
            String end = listener.nextEnd();
            assertTrue(end.startsWith("aborted") && end.contains("memory budget"), end);
            await("budget given back", Duration.ofSeconds(10), () -> acceptor.memoryBudget().used() == 0);
            try (UpperLayerAssociation small = (UpperLayerAssociation) scu.connect(rq, FAST)) {
                assertEquals(0, invokeWithDataSet(small, sopClass, 16 * 1024).status());
            }
            await("budget given back", Duration.ofSeconds(10), () -> acceptor.memoryBudget().used() == 0);
        });
    }

    private static CommandSet invokeWithDataSet(UpperLayerAssociation as, String sopClass, int length)
            throws IOException {
        int id = as.nextMessageId();
        CommandSet rq = new CommandSet().setString(Tag.AffectedSOPClassUID, sopClass)
                .setString(Tag.AffectedSOPInstanceUID, "1.2.3").setInt(Tag.CommandField, 0x0001)
                .setInt(Tag.MessageID, id).setInt(Tag.Priority, 0).setInt(Tag.CommandDataSetType, 0);
        int context = as.parameters().acceptedContext(sopClass).orElseThrow().id();
        return as.invoke(context, rq, new byte[length], "C-STORE");
    }

    // ------------------------------------------------------------------ item 3: check-then-act races

    @Test
    void abortRacingPeerReleaseNeverThrows() throws Exception {
        BlockingQueue<Association> scpSides = new LinkedBlockingQueue<>();
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST).withHandler(UID.Verification, r -> {
            scpSides.add(r.association());
            r.respond(DimseStatus.SUCCESS);
        }));
        ConcurrentLinkedQueue<Throwable> problems = new ConcurrentLinkedQueue<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 150; i++) {
                Association as = scu.connect(echoRequest(), FAST);
                as.echo();
                Association acceptor = scpSides.take();
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                    try {
                        go.await();
                        acceptor.release();
                    } catch (IOException e) {
                        // aborted by the SCU: a fine way for this release to end
                    } catch (Throwable e) {
                        problems.add(e);
                    }
                });
                go.countDown();
                try {
                    as.abort();
                } catch (Throwable e) {
                    problems.add(e);
                }
                other.get(20, TimeUnit.SECONDS);
            }
        });
        assertTrue(problems.isEmpty(), "abort()/release() threw: " + problems);
    }

    @Test
    void releasesCrossingEachOtherAreCleanOnBothSides() throws Exception {
        BlockingQueue<Association> scpSides = new LinkedBlockingQueue<>();
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST).withHandler(UID.Verification, r -> {
            scpSides.add(r.association());
            r.respond(DimseStatus.SUCCESS);
        }));
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 100; i++) {
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
                as.release(); // must not throw, whoever came first
                other.get(20, TimeUnit.SECONDS);
                String end = listener.nextEnd();
                assertTrue(end.startsWith("closed"), end);
            }
        });
    }

    @Test
    void serverCloseWhileClientsAbortClosesEverything() throws Exception {
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST));
        assertTimeoutPreemptively(LIMIT, () -> {
            List<Association> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                clients.add(scu.connect(echoRequest(), FAST));
            }
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Void> aborts = CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                clients.forEach(Association::abort);
            });
            go.countDown();
            server.close();
            aborts.get();
            assertTrue(server.awaitTermination(Duration.ofSeconds(20)), "all associations ended");
            assertEquals(0, server.activeAssociations());
        });
    }

    // ------------------------------------------------------------------ item 5 on the wire

    @Test
    void unknownItemInAssociateRqIsSkipped() throws Exception {
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST));
        byte[] rq = PduCodec.encode(RawPeer.echoRq("DICOMFLOW", "RAWPEER"));
        byte[] item = {0x7E, 0, 0, 2, 42, 42};
        int at = 6 + 68; // before the application context item
        byte[] patched = new byte[rq.length + item.length];
        System.arraycopy(rq, 0, patched, 0, at);
        System.arraycopy(item, 0, patched, at, item.length);
        System.arraycopy(rq, at, patched, at + item.length, rq.length - at);
        PduCodec.decode(rq); // sanity
        long length = rq.length - 6 + item.length;
        patched[2] = (byte) (length >> 24);
        patched[3] = (byte) (length >> 16);
        patched[4] = (byte) (length >> 8);
        patched[5] = (byte) length;
        assertTimeoutPreemptively(LIMIT, () -> {
            try (RawPeer p = RawPeer.connect(server.localPort(), 0)) {
                p.sendRaw(patched);
                assertInstanceOf(AAssociateAc.class, p.read());
            }
        });
    }

    // ------------------------------------------------------------------ item 6: DIMSE timeout bounds the wait

    @Test
    void dimseTimeoutBoundsASendToAPeerThatDoesNotRead() throws Exception {
        try (ServerSocket fake = new ServerSocket()) {
            fake.setReceiveBufferSize(4096);
            fake.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            String sopClass = "1.2.826.0.1.3680043.2.1125.99.1";
            AssociationRequest rq = AssociationRequest.to("FAKE", "127.0.0.1", fake.getLocalPort()).withContext(sopClass);
            CompletableFuture<Association> connecting = CompletableFuture.supplyAsync(() -> {
                try {
                    return scu.connect(rq, FAST.withDimseResponse(Duration.ofMillis(500)));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (RawPeer peer = new RawPeer(fake.accept())) {
                peer.send(RawPeer.acceptAll((AAssociateRq) peer.read()));
                UpperLayerAssociation as = (UpperLayerAssociation) connecting.get(20, TimeUnit.SECONDS);
                // the peer reads nothing more: 32 MiB cannot all fit into socket buffers
                DimseTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(DimseTimeoutException.class,
                                () -> invokeWithDataSet(as, sopClass, 32 << 20)));
                assertTrue(e.getMessage().contains("not even sent"), e.getMessage());
                await("the connection is closed", Duration.ofSeconds(10), () -> as.state() == State.STA1);
            }
        }
    }

    @Test
    void echoTimeoutDoesNotCostAnotherArtim() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<EchoResult> echo = CompletableFuture.supplyAsync(() -> VerificationScu.echo("TESTSCU",
                    "FAKE", "127.0.0.1", fake.getLocalPort(), Timeouts.DEFAULT.withArtim(Duration.ofSeconds(60))
                            .withDimseResponse(Duration.ofMillis(300))));
            try (RawPeer peer = new RawPeer(fake.accept())) {
                peer.send(RawPeer.acceptAll((AAssociateRq) peer.read()));
                // read what comes, answer nothing: neither the C-ECHO nor a release
                Thread drain = new Thread(() -> {
                    try {
                        while (peer.read() != null) {
                            // ignore
                        }
                    } catch (IOException ignored) {
                        // closed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                EchoResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> echo.get(),
                        "after the DIMSE timeout the probe waited for a release");
                assertInstanceOf(DimseTimeoutException.class, r.failure(), r.describe());
            }
        }
    }

    // ------------------------------------------------------------------ item 7: listeners off the timer thread

    @Test
    void listenersAreNotCalledOnTheTimerThread() throws Exception {
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        server = new ApplicationEntity("DICOMFLOW").listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST)
                .withRequestTimeout(Duration.ofMillis(200)).withListener(new AssociationListener() {
                    @Override
                    public void aborted(AssociationEvent event) {
                        threads.add(Thread.currentThread().getName());
                    }
                }));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Socket silent = new Socket("127.0.0.1", server.localPort())) {
                assertEquals(-1, readOrEnd(silent.getInputStream()));
            }
            String thread = threads.poll(20, TimeUnit.SECONDS);
            assertTrue(thread != null && thread.startsWith("dicom-events-DICOMFLOW-"), "listener ran on " + thread);
        });
    }

    // ------------------------------------------------------------------ item 9: release collisions for real

    /** We request and release; the peer's A-RELEASE-RQ crosses ours (Sta7 -> Sta9 -> Sta11 -> Sta1). */
    @Test
    void releaseCollisionOnTheRequestorSide() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AssociationRequest rq = AssociationRequest.to("FAKE", "127.0.0.1", fake.getLocalPort())
                    .withContext(UID.Verification);
            CompletableFuture<Association> connecting = CompletableFuture.supplyAsync(() -> {
                try {
                    return scu.connect(rq, FAST);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertTimeoutPreemptively(LIMIT, () -> {
                try (RawPeer peer = new RawPeer(fake.accept())) {
                    peer.send(RawPeer.acceptAll((AAssociateRq) peer.read()));
                    UpperLayerAssociation as = (UpperLayerAssociation) connecting.get(20, TimeUnit.SECONDS);
                    CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                        try {
                            as.release();
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    });
                    assertInstanceOf(AReleaseRq.class, peer.read());
                    peer.send(new AReleaseRq()); // collision
                    // the requestor answers first (AR-8 to Sta9, AR-9 to Sta11)...
                    assertInstanceOf(AReleaseRp.class, peer.read());
                    assertEquals(State.STA11, as.state());
                    peer.send(new AReleaseRp());
                    // ... and closes once it has the acceptor's answer (AR-3)
                    release.get(20, TimeUnit.SECONDS);
                    assertNull(peer.read(), "the requestor closed the connection");
                    assertEquals(State.STA1, as.state());
                }
            });
        }
    }

    /** The peer requested; we (acceptor) release as the peer does (Sta7 -> Sta10 -> Sta12 -> Sta13). */
    @Test
    void releaseCollisionOnTheAcceptorSide() throws Exception {
        CompletableFuture<Association> scpSide = new CompletableFuture<>();
        listen(ServerConfig.bind("127.0.0.1", 0).withTimeouts(FAST).withHandler(UID.Verification, r -> {
            r.respond(DimseStatus.SUCCESS);
            scpSide.complete(r.association());
        }));
        assertTimeoutPreemptively(LIMIT, () -> {
            try (RawPeer peer = RawPeer.connect(server.localPort(), 0)) {
                peer.associate("DICOMFLOW");
                peer.sendRaw(RawPeer.pData(1, true, RawPeer.echoCommand(1, false)));
                assertInstanceOf(PDataTf.class, peer.read());
                UpperLayerAssociation acceptor = (UpperLayerAssociation) scpSide.get();
                CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                    try {
                        acceptor.release();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                assertInstanceOf(AReleaseRq.class, peer.read());
                peer.send(new AReleaseRq()); // collision
                await("the acceptor notices the collision", Duration.ofSeconds(10),
                        () -> acceptor.state() == State.STA10);
                assertEquals(0, peer.socket.getInputStream().available(),
                        "in Sta10 the acceptor waits for the requestor's A-RELEASE-RP before answering");
                peer.send(new AReleaseRp()); // the requestor answers first
                assertInstanceOf(AReleaseRp.class, peer.read()); // then the acceptor (AR-10, AR-4)
                assertEquals(State.STA13, acceptor.state());
                peer.close(); // the requestor closes (AR-5 on the acceptor)
                release.get(20, TimeUnit.SECONDS);
            }
            String end = listener.nextEnd();
            assertTrue(end.startsWith("closed: RAWPEER -> DICOMFLOW"), end);
        });
    }

    // ------------------------------------------------------------------ helpers

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
