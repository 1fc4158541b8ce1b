package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.io.DicomReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's temporary file gathers what arrives into 64 KiB writes: what ends on disk must still be the
 * meta information and every byte received, in order, whatever the sizes of the pieces (smaller than the
 * buffer, larger, single bytes), and a discarded file must be gone.
 */
class PartFileTest {
    @TempDir
    Path dir;

    private static StoreRequest request(String iuid) {
        return new StoreRequest(null, "SENDER", UID.SecondaryCaptureImageStorage, iuid, UID.ExplicitVRLittleEndian, 0,
                null, 0);
    }

    @Test
    void largeObjectsArriveWholeAndInOrder() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 1234];
        new Random(7).nextBytes(data);
        PartFile part = PartFile.create(dir.resolve("x.part"), request("1.2.3.4"));
        // PDU-sized pieces, pieces larger than the write buffer, and single bytes
        int[] sizes = { 16372, 1, 200_000, 65_536, 3, 16372, 1_000_000 };
        int off = 0;
        for (int i = 0; off < data.length; i++) {
            int n = Math.min(sizes[i % sizes.length], data.length - off);
            part.write(data, off, n);
            off += n;
        }
        part.force();
        assertNull(part.content(), "an object larger than the write buffer is not kept in memory");
        Path target = Files.createDirectories(dir.resolve("study/series")).resolve("1.2.3.4.dcm");
        part.moveTo(target);

        assertFalse(Files.exists(dir.resolve("x.part")));
        byte[] file = Files.readAllBytes(target);
        long dataStart;
        try (DicomReader r = new DicomReader(target)) {
            assertEquals("1.2.3.4", r.fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
            assertEquals("SENDER", r.fileMeta().getString(Tag.SourceApplicationEntityTitle));
            dataStart = r.dataSetOffset();
        }
        assertEquals(dataStart + data.length, file.length);
        assertArrayEquals(data, Arrays.copyOfRange(file, (int) dataStart, file.length));
    }

    /** A small object is read back from memory after it is forced: that must be exactly what the file holds. */
    @Test
    void aSmallObjectIsKeptWholeForReadingBack() throws Exception {
        for (int size : new int[] { 0, 1, 39_000, 65_000, 66_000 }) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            Path path = dir.resolve("s" + size + ".part");
            PartFile part = PartFile.create(path, request("1.2.3." + size));
            for (int off = 0; off < size; off += 16372) {
                part.write(data, off, Math.min(16372, size - off));
            }
            part.force();
            byte[] file = Files.readAllBytes(path);
            ByteBuffer content = part.content();
            if (file.length > PartFile.WRITE_BUFFER) {
                assertNull(content, size + " bytes");
                continue;
            }
            byte[] kept = new byte[content.remaining()];
            content.get(kept);
            assertArrayEquals(file, kept, size + " bytes");
            assertArrayEquals(data, Arrays.copyOfRange(kept, kept.length - size, kept.length));
        }
    }

    @Test
    void aDiscardedFileIsGone() throws Exception {
        byte[] chunk = new byte[16372];
        for (int round = 0; round < 20; round++) {
            Path path = dir.resolve("d" + round + ".part");
            PartFile part = PartFile.create(path, request("1.2.3." + round));
            for (int i = 0; i < 40; i++) {
                part.write(chunk, 0, chunk.length);
            }
            part.discard();
            assertFalse(Files.exists(path));
        }
        try (var left = Files.list(dir)) {
            assertTrue(left.findAny().isEmpty());
        }
    }
}
