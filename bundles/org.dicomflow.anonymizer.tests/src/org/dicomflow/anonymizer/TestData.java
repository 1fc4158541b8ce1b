package org.dicomflow.anonymizer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.dicomflow.dicom.json.JsonParser;

/** The shared real test files and the standard's profile table, read independently of the code under test. */
final class TestData {

    static final Path REAL = Path.of("..", "org.dicomflow.dicom.tests", "testdata", "real");
    static final byte[] KEY = "test project key, 32 bytes long!".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_KEY = "another project key, not same!!!".getBytes(StandardCharsets.US_ASCII);

    private TestData() {
    }

    /** Files of inventory.tsv that dcmdump reads without error ("dcmdump" column = ok). */
    static List<Path> wellFormedFiles() throws IOException {
        List<String> lines = Files.readAllLines(REAL.resolve("inventory.tsv"), StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        int file = header.indexOf("file");
        int dcmdump = header.indexOf("dcmdump");
        List<Path> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            if (cells.length > dcmdump && cells[dcmdump].equals("ok")) {
                out.add(REAL.resolve(cells[file]));
            }
        }
        return out;
    }

    /** The rows of confidentiality_profile_attributes.json as shipped in the bundle. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> profileRows() throws IOException {
        Path json = Path.of("..", "org.dicomflow.anonymizer", "src", "org", "dicomflow", "anonymizer", "internal",
                "confidentiality_profile_attributes.json");
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            return (List<Map<String, Object>>) new JsonParser().parse(r);
        }
    }

    /** "(0008,0050)" to 0x00080050; -1 for masked or private rows. */
    static int exactTag(String tag) {
        String hex = tag.replaceAll("[(), ]", "");
        return hex.matches("[0-9A-Fa-f]{8}") ? (int) Long.parseLong(hex, 16) : -1;
    }

    /** The test's own reading of a combined cell: the last alternative (see Action.resolve for why). */
    static String resolved(String cell) {
        String[] parts = cell.split("/");
        return parts[parts.length - 1].replace("*", "");
    }

    static AnonymizationContext context(ProfileOption... options) {
        AnonymizationContext.Builder b = AnonymizationContext.builder(KEY);
        for (ProfileOption o : options) {
            b.option(o);
        }
        return b.build();
    }
}
