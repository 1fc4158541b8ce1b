import java.util.ArrayList;
import java.util.List;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.FindResponses;
import org.dicomflow.net.Timeouts;

/**
 * The same STUDY-level C-FIND (all studies, the given return keys) REPEAT times on one association, as
 * findscu --repeat does; the JVM start is not counted, its warm-up is. Prints the wall time from connect to
 * release, the matches per query, and the median of the last half of the queries (warm).
 *   java -cp dicom.jar:net.jar FindBench.java AET PORT REPEAT KEYWORD...
 */
public class FindBench {

    public static void main(String[] args) throws Exception {
        String model = UID.StudyRootQueryRetrieveInformationModelFind;
        int repeat = Integer.parseInt(args[2]);
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        for (int i = 3; i < args.length; i++) {
            int tag = ElementDictionary.tagOf(args[i]);
            keys.put(tag, ElementDictionary.vrOf(tag), null);
        }
        List<Double> times = new ArrayList<>();
        int matches = -1;
        long t0 = System.nanoTime();
        try (Association as = new ApplicationEntity("FINDSCU").connect(
                AssociationRequest.to(args[0], "127.0.0.1", Integer.parseInt(args[1])).withContext(model), Timeouts.DEFAULT)) {
            for (int r = 0; r < repeat; r++) {
                long q0 = System.nanoTime();
                int n = 0;
                try (FindResponses responses = as.find(model, keys)) {
                    for (DataSet match : responses) {
                        n += match == null ? 0 : 1;
                    }
                    DimseStatus status = responses.status();
                    if (!status.isSuccess()) {
                        throw new IllegalStateException("C-FIND ended with " + status);
                    }
                }
                times.add((System.nanoTime() - q0) / 1e6);
                if (matches >= 0 && n != matches) {
                    throw new IllegalStateException("query " + r + " gave " + n + " matches, the first " + matches);
                }
                matches = n;
            }
            as.release();
        }
        double total = (System.nanoTime() - t0) / 1e9;
        List<Double> warm = new ArrayList<>(times.subList(repeat / 2, repeat));
        warm.sort(null);
        System.out.printf("%d queries on one association: %.3f s, %d matches each, first %.1f ms, warm median %.2f ms%n",
                repeat, total, matches, times.get(0), warm.get(warm.size() / 2));
    }
}
