package org.dicomflow.anonymizer;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.DicomFormatException;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.ReadOptions;
import org.dicomflow.dicom.io.WriteOptions;

/**
 * Anonymizes one Part 10 file into {@code outDir/<new StudyUID>/<new SeriesUID>/<new SOPInstanceUID>.dcm}.
 * Pixel data and other large binary values stay in the input file as references and are copied through by the
 * writer, so memory does not grow with the size of the file. The output appears complete or not at all (written
 * to a ".part" file, then renamed).
 */
public final class AnonymizeFile {

    /** Digits and dots, no empty component, at most 64 characters (PS3.5 9.1): safe as a file name. */
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private AnonymizeFile() {
    }

    /**
     * @throws IOException when the input cannot be read or is not DICOM ({@link DicomFormatException}), or the
     *         output cannot be written
     * @throws IllegalArgumentException when the anonymized object lacks a study, series or SOP instance UID or one
     *         is not a valid UID (which could otherwise name a path outside {@code outDir})
     */
    public static AnonymizedFile run(Path in, Path outDir, Anonymizer anonymizer, AnonymizationContext context)
            throws IOException {
        try (DicomReader reader = new DicomReader(in).withOptions(ReadOptions.DEFAULT)) {
            TransferSyntax syntax = reader.transferSyntax();
            DataSet ds = reader.readDataSet();
            DataSet original = ds.copy(); // shares byte arrays and bulk references: anonymizers replace, never mutate
            IdentifyingValues identifying = IdentifyingValues.of(original);
            anonymizer.anonymize(ds, context);

            String study = validUid(ds, Tag.StudyInstanceUID, in);
            String series = validUid(ds, Tag.SeriesInstanceUID, in);
            String sop = validUid(ds, Tag.SOPInstanceUID, in);
            Path dir = outDir.resolve(study).resolve(series);
            if (!Files.isDirectory(dir)) {
                // only when missing: on an existing folder createDirectories costs a failed mkdir and an exception,
                // and all files of a series but the first go into an existing folder
                Files.createDirectories(dir);
            }
            Path target = dir.resolve(sop + ".dcm");
            Path part = dir.resolve(sop + ".dcm.part");
            boolean moved = false;
            try {
                DicomWriter.writeFile(part, ds, syntax, null, WriteOptions.DEFAULT);
                moveIntoPlace(part, target);
                moved = true;
            } finally {
                if (!moved) {
                    Files.deleteIfExists(part);
                }
            }
            return new AnonymizedFile(in, target, study, series, sop, VerificationReport.verify(identifying, ds),
                    original, ds);
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String validUid(DataSet ds, int tag, Path in) {
        String uid = ds.getString(tag);
        if (uid == null || uid.length() > 64 || !UID.matcher(uid).matches()) {
            throw new IllegalArgumentException(in + ": " + Tag.toString(tag) + " after anonymization is "
                    + (uid == null ? "missing" : "not a valid UID: \"" + uid + "\""));
        }
        return uid;
    }
}
