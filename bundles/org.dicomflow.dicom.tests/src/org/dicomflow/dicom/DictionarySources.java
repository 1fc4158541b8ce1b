package org.dicomflow.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The dictionary sources of org.dicomflow.dicom (its dictionary/ and src/ folders), found from the working
 * directory: the test bundle's folder under Tycho, the repository root when run by hand.
 */
final class DictionarySources {

    private DictionarySources() {
    }

    /** The bundle folder of org.dicomflow.dicom; skips the calling test if it cannot be found. */
    static Path bundle() {
        for (Path candidate : List.of(Path.of("..", "org.dicomflow.dicom"), Path.of("bundles", "org.dicomflow.dicom"))) {
            if (Files.isRegularFile(candidate.resolve("dictionary/elements.tsv"))) {
                return candidate;
            }
        }
        assumeTrue(false, "org.dicomflow.dicom/dictionary not found from " + Path.of("").toAbsolutePath()
                + "; run from the test bundle's folder or the repository root");
        return null;
    }

    /** Rows of a TSV in dictionary/, without the header line, split on tabs. */
    static List<String[]> rows(String tsv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(bundle().resolve("dictionary").resolve(tsv));
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }
}
