package org.dicomflow.anonymizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A user-supplied table from original Patient ID to pseudonym, read from CSV: {@code originalPatientID,newPatientID,
 * newPatientName} per line (RFC 4180 quoting; an optional header line; lines starting with '#' are comments).
 * Research projects often have such a table already (enrolment numbers), and want exactly those names.
 */
public final class PatientLookupTable {

    private final Map<String, Pseudonym> byOriginalId;

    private PatientLookupTable(Map<String, Pseudonym> byOriginalId) {
        this.byOriginalId = Map.copyOf(byOriginalId);
    }

    public static PatientLookupTable of(Map<String, Pseudonym> byOriginalId) {
        return new PatientLookupTable(byOriginalId);
    }

    public static PatientLookupTable read(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(r, csv.toString());
        }
    }

    /**
     * @throws IllegalArgumentException naming the line when a row has fewer than two columns or repeats an ID
     */
    public static PatientLookupTable read(Reader reader, String sourceName) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        Map<String, Pseudonym> map = new HashMap<>();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = splitCsv(line);
            if (map.isEmpty() && lineNo <= 2 && isHeader(cells.get(0))) {
                continue;
            }
            if (cells.size() < 2 || cells.get(0).isEmpty() || cells.get(1).isEmpty()) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo
                        + ": expected originalPatientID,newPatientID[,newPatientName]");
            }
            String name = cells.size() > 2 && !cells.get(2).isEmpty() ? cells.get(2) : cells.get(1);
            if (map.put(cells.get(0), new Pseudonym(cells.get(1), name)) != null) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo + ": patient ID " + cells.get(0)
                        + " appears twice");
            }
        }
        return new PatientLookupTable(map);
    }

    private static boolean isHeader(String firstCell) {
        String c = firstCell.toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "");
        return c.equals("original") || c.equals("patientid") || c.equals("originalpatientid") || c.equals("originalid");
    }

    private static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    public Optional<Pseudonym> lookup(String originalPatientId) {
        return Optional.ofNullable(byOriginalId.get(originalPatientId));
    }

    public int size() {
        return byOriginalId.size();
    }
}
