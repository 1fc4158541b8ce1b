package org.dicomflow.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.ReadOptions;
import org.dicomflow.net.DataSetSource;
import org.dicomflow.net.DicomFile;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseStatusException;
import org.dicomflow.net.StorageHandler;
import org.dicomflow.net.StoreRequest;
import org.dicomflow.net.StoreTarget;
import org.dicomflow.net.Timeouts;

/** Real test files, and a store driven straight through a StorageHandler as the network layer drives it. */
final class ArchiveTestFiles {
    static final Path REAL = Path.of("../org.dicomflow.dicom.tests/testdata/real");
    static final Timeouts TIMEOUTS = Timeouts.DEFAULT.withArtim(Duration.ofSeconds(10))
            .withDimseResponse(Duration.ofSeconds(20));

    private ArchiveTestFiles() {
    }

    static Path real(String name) {
        return REAL.resolve(name);
    }

    /** The header of a test file as read by the core reader (the expected values of the tests). */
    static DataSet header(Path file) throws IOException {
        try (DicomReader r = new DicomReader(file)) {
            return r.withOptions(ReadOptions.DEFAULT.withStopBefore(Tag.PixelData)).readDataSet();
        }
    }

    static String uid(Path file, int tag) throws IOException {
        return header(file).getString(tag);
    }

    /** Where the archive must have filed this test file. */
    static Path expectedPath(Archive archive, Path file) throws IOException {
        DataSet h = header(file);
        return archive.root().resolve(h.getString(Tag.StudyInstanceUID)).resolve(h.getString(Tag.SeriesInstanceUID))
                .resolve(h.getString(Tag.SOPInstanceUID) + ".dcm");
    }

    /** The data set bytes of a Part 10 file (after its meta information). */
    static byte[] dataSetBytes(Path file) throws IOException {
        long offset;
        try (DicomReader r = new DicomReader(file)) {
            offset = r.dataSetOffset();
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            return in.readAllBytes();
        }
    }

    static byte[] encode(DataSet ds, String transferSyntaxUid) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataSetSource.of(ds, transferSyntaxUid).writeTo(out);
        return out.toByteArray();
    }

    /** What the sender would be answered: the status and the Error Comment, if any. */
    record Outcome(DimseStatus status, String comment) {
    }

    /** Stores a file's data set as received bytes, in the file's own syntax. */
    static Outcome store(StorageHandler handler, Path file, String callingAe) throws IOException {
        DicomFile f = DicomFile.scan(file);
        return store(handler, f.sopClassUid(), f.sopInstanceUid(), f.transferSyntaxUid(), dataSetBytes(file), callingAe);
    }

    /**
     * Feeds one C-STORE to {@code handler} as the network layer does: open, fragments of 16 KiB, commit;
     * a refusal or failure becomes the status the sender would get (A700 for plain I/O errors).
     */
    static Outcome store(StorageHandler handler, String cuid, String iuid, String ts, byte[] dataSet, String callingAe) {
        StoreRequest request = new StoreRequest(null, callingAe, cuid, iuid, ts, 0, null, 0);
        StoreTarget target;
        try {
            target = handler.open(request);
        } catch (IOException e) {
            return failure(e);
        }
        try {
            for (int off = 0; off < dataSet.length; off += 16384) {
                target.write(dataSet, off, Math.min(16384, dataSet.length - off));
            }
            return new Outcome(target.commit(), null);
        } catch (IOException e) {
            target.discard();
            return failure(e);
        }
    }

    private static Outcome failure(IOException e) {
        return e instanceof DimseStatusException s ? new Outcome(s.status(), s.errorComment())
                : new Outcome(DimseStatus.OUT_OF_RESOURCES, e.getMessage());
    }

    /** Every regular file under {@code dir}. */
    static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The files of the archive's instances and leftovers: everything except the index database. */
    static List<Path> archiveFiles(Archive archive) throws IOException {
        Path control = archive.root().resolve(".dicomflow");
        return filesUnder(archive.root()).stream()
                .filter(p -> !p.startsWith(control) || p.startsWith(control.resolve("incoming"))).toList();
    }
}
