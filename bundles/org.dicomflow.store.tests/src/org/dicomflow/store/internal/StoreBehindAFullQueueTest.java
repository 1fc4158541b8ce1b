package org.dicomflow.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.net.DataSetSource;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.StorageHandler;
import org.dicomflow.net.StoreRequest;
import org.dicomflow.net.StoreTarget;
import org.dicomflow.store.DuplicatePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of UID X has renamed its file and waits to queue it (the queue is full: the index writer is held up),
 * when a second copy of X begins: that one finds X in neither the queue nor the index. When it ends it must not
 * trust that absence (the end-of-store lookup is skipped only while nothing of X's stripe was put in place):
 * KEEP_FIRST answers it B006 and keeps the first copy. Found by a review; it failed when the count of instances
 * put in place was raised before the put was queued.
 */
class StoreBehindAFullQueueTest {
    static final String TS = UID.ExplicitVRLittleEndian;

    static byte[] encode(String iuid, String name) throws Exception {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tag.PatientName, VR.PN, name);
        ds.setString(Tag.PatientID, VR.LO, "RACE-1");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.77.1");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.77.2");
        ds.setString(Tag.Modality, VR.CS, "OT");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataSetSource.of(ds, TS).writeTo(out);
        return out.toByteArray();
    }

    static StoreRequest request(String iuid, String ae) {
        return new StoreRequest(null, ae, UID.SecondaryCaptureImageStorage, iuid, TS, 0, null, 0);
    }

    static DimseStatus store(StorageHandler h, String iuid, String ae, byte[] data) throws Exception {
        StoreTarget t = h.open(request(iuid, ae));
        t.write(data, 0, data.length);
        return t.commit();
    }

    private static Thread threadNamed(String prefix) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                return t;
            }
        }
        return null;
    }

    private static void awaitWaiting(Thread t, String what) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " never waited: " + t.getState());
            }
            Thread.sleep(5);
        }
    }

    @TempDir
    Path dir;

    @Test
    void aDuplicateArrivingWhileTheFirstCopyWaitsForTheQueueIsKeptFirst() throws Exception {
        Path root = Files.createDirectories(dir.resolve("archive"));
        ArchiveLayout layout = new ArchiveLayout(root);
        IndexDatabase index = IndexDatabase.open(layout.indexDatabase());
        IndexQueue queue = new IndexQueue(index, layout);
        ReentrantReadWriteLock use = new ReentrantReadWriteLock();
        ArchiveStorage storage = new ArchiveStorage(layout, index, queue, () -> DuplicatePolicy.KEEP_FIRST, use.readLock());
        StorageHandler h = storage.handler(s -> { });

        // 1. the index writer is slow: something else holds the index's write lock
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                index.write(c -> {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new RuntimeException(e);
                    }
                    return null;
                });
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "index-holder");
        holder.start();
        try {
            holding.await();
            fillTheQueueThenStoreTwice(h, root, release);
        } finally {
            release.countDown();
            queue.close();
            index.close();
        }
    }

    private void fillTheQueueThenStoreTwice(StorageHandler h, Path root, CountDownLatch release) throws Exception {

        // 2. one store starts the writer, which takes it as a batch and waits for the write lock
        assertEquals(DimseStatus.SUCCESS, store(h, "1.2.77.3.0", "FILL", encode("1.2.77.3.0", "Fill")));
        Thread writer = threadNamed("dicomflow-index");
        awaitWaiting(writer, "index writer");
        // 3. 512 more fill the queue to its capacity
        for (int i = 1; i <= 512; i++) {
            DimseStatus s = store(h, "1.2.77.3." + i, "FILL", encode("1.2.77.3." + i, "Fill"));
            if (!s.isSuccess()) {
                throw new AssertionError("filler " + i + ": " + s);
            }
        }
        // 4. S2 of UID X: renamed, counted, then waits in IndexQueue.add
        String x = "1.2.77.9";
        AtomicReference<Object> s2 = new AtomicReference<>();
        Thread t2 = new Thread(() -> {
            try {
                s2.set(store(h, x, "FIRST", encode(x, "First^Copy")));
            } catch (Exception e) {
                s2.set(e);
            }
        }, "S2");
        t2.start();
        awaitWaiting(t2, "S2 in IndexQueue.add");
        Path file = root.toRealPath().resolve("1.2.77.1/1.2.77.2/" + x + ".dcm");
        assertTrue(Files.exists(file), "S2 waits in IndexQueue.add with its file in place");

        // 5. S1 of the same UID begins now
        StoreTarget s1 = h.open(request(x, "SECOND"));
        byte[] second = encode(x, "Second^Copy");
        s1.write(second, 0, second.length);
        // 6. the index catches up; S2 finishes
        release.countDown();
        t2.join();
        assertEquals(DimseStatus.SUCCESS, s2.get(), "the first copy");
        assertEquals(DimseStatus.ELEMENTS_DISCARDED, s1.commit(), "the second copy of a stored instance (KEEP_FIRST)");
        String kept = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(kept.contains("First^Copy"), "the first copy is kept");
    }
}
