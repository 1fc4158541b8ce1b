import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.ReadOptions;
import org.dicomflow.dicom.io.WriteOptions;

/**
 * Benchmark data: N copies of a real file with fresh study/series/instance UIDs (STUDIES studies), written by
 * our writer in the source's transfer syntax.   java -cp dicom.jar GenerateInstances.java SRC OUT N STUDIES
 */
public class GenerateInstances {

    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int studies = Integer.parseInt(args[3]);
        Files.createDirectories(out);
        DataSet ds;
        DataSet meta;
        TransferSyntax ts;
        try (DicomReader r = new DicomReader(src).withOptions(ReadOptions.LOAD_ALL)) {
            meta = r.fileMeta();
            ds = r.readDataSet();
            ts = r.transferSyntax();
        }
        String root = "2.25." + Long.toUnsignedString(System.nanoTime()) + ".";
        for (int i = 0; i < n; i++) {
            int study = i % studies;
            ds.setString(Tag.StudyInstanceUID, root + "1." + study);
            ds.setString(Tag.SeriesInstanceUID, root + "2." + study);
            ds.setString(Tag.SOPInstanceUID, root + "3." + i);
            ds.setString(Tag.PatientID, "BENCH" + String.format("%04d", study));
            DicomWriter.writeFile(out.resolve(String.format("%05d.dcm", i)), ds, ts, meta, WriteOptions.DEFAULT);
        }
    }
}
