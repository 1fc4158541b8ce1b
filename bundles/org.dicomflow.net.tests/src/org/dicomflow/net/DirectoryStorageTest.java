package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.io.DicomReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage of a C-GET ({@link DirectoryStorage#durableOnFinish}): objects answered once written are all
 * under their names, with their bytes, when {@link DirectoryStorage#finish()} returns, also when one UID comes
 * twice while its first copy is still being forced; what cannot be made durable is reported, not kept.
 */
class DirectoryStorageTest {
    @TempDir
    Path dir;

    private static StoreRequest request(String iuid) {
        return new StoreRequest(null, "SOURCE", UID.SecondaryCaptureImageStorage, iuid, UID.ExplicitVRLittleEndian, 0,
                null, 0);
    }

    /** Feeds one object as the network layer does, in PDU-sized pieces; returns the status it is answered. */
    private static DimseStatus store(StorageHandler storage, String iuid, byte[] data) throws IOException {
        StoreTarget t = storage.open(request(iuid));
        for (int off = 0; off < data.length; off += 16372) {
            t.write(data, off, Math.min(16372, data.length - off));
        }
        return t.commit();
    }

    private static byte[] dataSetOf(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        try (DicomReader r = new DicomReader(file)) {
            return java.util.Arrays.copyOfRange(all, (int) r.dataSetOffset(), all.length);
        }
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyAnsweredObjectIsInPlaceWhenFinishReturns() throws Exception {
        DirectoryStorage storage = DirectoryStorage.durableOnFinish(dir.resolve("got"));
        Random random = new Random(3);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // small objects and some larger than the part file's buffer
            byte[] data = new byte[i % 10 == 0 ? 200_000 : 2_000 + i];
            random.nextBytes(data);
            sent.add(data);
            assertEquals(DimseStatus.SUCCESS, store(storage, "1.2.5." + i, data));
        }
        // the same instance again, right behind its first copy: the later one wins, neither is damaged
        byte[] again = new byte[5_000];
        random.nextBytes(again);
        assertEquals(DimseStatus.SUCCESS, store(storage, "1.2.5.299", again));
        sent.set(299, again);

        assertEquals(List.of(), storage.finish());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            expected.add("1.2.5." + i + ".dcm");
        }
        assertEquals(expected.stream().sorted().toList(), names(storage.directory()), "all in place, no part left");
        for (int i = 0; i < 300; i++) {
            assertArrayEquals(sent.get(i), dataSetOf(storage.fileFor("1.2.5." + i)), "1.2.5." + i);
        }
    }

    @Test
    void whatCannotBeMadeDurableIsReportedAndNotKept() throws Exception {
        Path target = dir.resolve("got");
        DirectoryStorage storage = DirectoryStorage.durableOnFinish(target);
        assertEquals(DimseStatus.SUCCESS, store(storage, "1.2.6.1", new byte[100]));
        assertEquals(List.of(), storage.finish());
        // a file in the way of the next rename: a folder of the same name
        Files.createDirectories(target.resolve("1.2.6.2.dcm").resolve("in-the-way"));
        assertEquals(DimseStatus.SUCCESS, store(storage, "1.2.6.2", new byte[100]));
        assertEquals(DimseStatus.SUCCESS, store(storage, "1.2.6.3", new byte[100]));
        List<String> failed = storage.finish();
        assertEquals(1, failed.size(), failed::toString);
        assertTrue(failed.get(0).startsWith("1.2.6.2: "), failed.get(0));
        assertEquals(List.of("1.2.6.1.dcm", "1.2.6.2.dcm", "1.2.6.3.dcm"), names(target));
        assertTrue(Files.isDirectory(target.resolve("1.2.6.2.dcm")), "the folder in the way is left as it was");
        assertEquals(List.of(), storage.finish(), "reported once");
    }
}
