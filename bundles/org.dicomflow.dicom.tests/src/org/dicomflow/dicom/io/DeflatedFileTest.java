package org.dicomflow.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deflated Part 10 files: PS3.5 A.5 wants the deflated bitstream padded to even length with one NUL. */
class DeflatedFileTest {
    @TempDir
    Path dir;

    @Test
    void aDeflatedDataSetOfOddLengthIsPaddedAndReadsBack() throws IOException {
        // find a data set whose raw deflate stream (as java.util.zip makes it) has odd length
        DataSet ds = null;
        int rawLength = 0;
        for (int n = 1; n < 200 && ds == null; n++) {
            DataSet candidate = dataSet("A".repeat(n) + "^B" + n);
            int length = rawDeflatedLength(candidate);
            if ((length & 1) != 0) {
                ds = candidate;
                rawLength = length;
            }
        }
        assertTrue(ds != null, "some data set deflates to an odd length");
        Path file = dir.resolve("deflated.dcm");
        DicomWriter.writeFile(file, ds, TransferSyntax.of(UID.DeflatedExplicitVRLittleEndian), null, WriteOptions.DEFAULT);
        long dataSetLength;
        try (DicomReader r = new DicomReader(file)) {
            r.fileMeta();
            assertEquals(ds.getString(Tag.PatientName), r.readDataSet().getString(Tag.PatientName));
        }
        // what follows the meta information: the stream and its pad
        byte[] bytes = Files.readAllBytes(file);
        int groupLength = (bytes[140] & 0xff) | (bytes[141] & 0xff) << 8 | (bytes[142] & 0xff) << 16 | (bytes[143] & 0xff) << 24;
        dataSetLength = bytes.length - (144 + groupLength);
        assertEquals(rawLength + 1, dataSetLength, "one pad byte after the odd stream");
        assertEquals(0, bytes[bytes.length - 1], "the pad is NUL");
    }

    private static DataSet dataSet(String name) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4");
        ds.setString(Tag.PatientName, VR.PN, name);
        return ds;
    }

    private static int rawDeflatedLength(DataSet ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (DeflaterOutputStream dos = new DeflaterOutputStream(out, deflater, 16 * 1024)) {
            new DicomWriter(dos, TransferSyntax.of(UID.DeflatedExplicitVRLittleEndian), WriteOptions.DEFAULT).writeDataSet(ds);
        }
        deflater.end();
        return out.size();
    }
}
