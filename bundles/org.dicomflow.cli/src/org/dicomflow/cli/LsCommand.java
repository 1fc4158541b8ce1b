package org.dicomflow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.dicomflow.dicom.json.JsonWriter;
import org.dicomflow.store.Archive;
import org.dicomflow.store.ScanListener;
import org.dicomflow.store.SeriesRecord;
import org.dicomflow.store.StudyRecord;

/** {@code dicomflow ls}: the studies in the archive, or the series of one study. */
final class LsCommand implements Main.Command {

    static final String USAGE = """
            usage: dicomflow ls [--dir ARCHIVE] [--study UID] [--json]
              Lists the studies in the archive (newest first) with patient, date, modalities and counts, or
              with --study the series of that study. Run it with the node stopped (the node holds the
              archive's index); query a running node with 'dicomflow find'.
              --dir ARCHIVE   the archive folder (default: the node's, see etc/org.dicomflow.node.cfg)
              --study UID     list the series of this study
              --json          a JSON array instead of the table
            exit codes: 0 listed, 1 the archive cannot be opened or the study is unknown, 2 usage""";

    private static final String STUDY_ROW = "%-10s  %-16s  %-24s  %-10s  %6s  %6s  %-28s  %s";
    private static final String SERIES_ROW = "%6s  %-8s  %6s  %-32s  %s";

    @Override
    public String summary() {
        return "list the studies (or a study's series) in the local archive";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) {
        String dir = null;
        String study = null;
        boolean json = false;
        Arguments args = new Arguments(argv);
        try {
            for (String o; (o = args.nextOption()) != null;) {
                switch (o) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return ExitCode.OK;
                }
                case "--dir" -> dir = args.value(o);
                case "--study" -> study = args.value(o);
                case "--json" -> json = true;
                default -> throw new Arguments.UsageException("unknown option '" + o + "'");
                }
            }
            args.requireNoOperands();
        } catch (Arguments.UsageException e) {
            return Arguments.usageError("ls", e, USAGE, err);
        }
        try {
            Path root = ArchiveLocation.existing(dir);
            try (Archive archive = ArchiveLocation.open(root, new ScanListener() { })) {
                if (study == null) {
                    List<StudyRecord> studies = archive.studies();
                    if (json) {
                        printStudiesJson(studies, out);
                    } else {
                        printStudies(studies, out);
                    }
                    return ExitCode.OK;
                }
                List<SeriesRecord> series = archive.series(study);
                if (series.isEmpty()) {
                    err.println("dicomflow ls: no study " + study + " in " + root);
                    return ExitCode.FAILURE;
                }
                if (json) {
                    printSeriesJson(series, out);
                } else {
                    printSeries(series, out);
                }
                return ExitCode.OK;
            }
        } catch (IOException e) {
            err.println("dicomflow ls: " + e.getMessage());
            return ExitCode.FAILURE;
        }
    }

    private static void printStudies(List<StudyRecord> studies, PrintStream out) {
        out.println(String.format(STUDY_ROW, "DATE", "PATIENT ID", "PATIENT NAME", "MODALITIES", "SERIES", "INST",
                "DESCRIPTION", "STUDY INSTANCE UID"));
        for (StudyRecord s : studies) {
            out.println(String.format(STUDY_ROW, date(s.studyDate()), cut(s.patientId(), 16), cut(s.patientName(), 24),
                    cut(String.join("\\", s.modalities()), 10), s.numberOfSeries(), s.numberOfInstances(),
                    cut(s.studyDescription(), 28), s.studyInstanceUid()));
        }
    }

    private static void printSeries(List<SeriesRecord> series, PrintStream out) {
        out.println(String.format(SERIES_ROW, "NUMBER", "MODALITY", "INST", "DESCRIPTION", "SERIES INSTANCE UID"));
        for (SeriesRecord s : series) {
            out.println(String.format(SERIES_ROW, cut(s.seriesNumber(), 6), cut(s.modality(), 8), s.numberOfInstances(),
                    cut(s.seriesDescription(), 32), s.seriesInstanceUid()));
        }
    }

    private static void printStudiesJson(List<StudyRecord> studies, PrintStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb, true, false);
        w.beginArray();
        for (StudyRecord s : studies) {
            w.beginObject().name("studyInstanceUid").value(s.studyInstanceUid()).name("patientId").value(s.patientId())
                    .name("patientName").value(s.patientName()).name("patientBirthDate").value(s.patientBirthDate())
                    .name("studyDate").value(s.studyDate()).name("studyTime").value(s.studyTime())
                    .name("accessionNumber").value(s.accessionNumber()).name("studyDescription")
                    .value(s.studyDescription()).name("modalities").beginArray();
            for (String m : s.modalities()) {
                w.value(m);
            }
            w.endArray().name("numberOfSeries").value(s.numberOfSeries()).name("numberOfInstances")
                    .value(s.numberOfInstances()).endObject();
        }
        w.endArray();
        out.println(sb);
    }

    private static void printSeriesJson(List<SeriesRecord> series, PrintStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb, true, false);
        w.beginArray();
        for (SeriesRecord s : series) {
            w.beginObject().name("seriesInstanceUid").value(s.seriesInstanceUid()).name("studyInstanceUid")
                    .value(s.studyInstanceUid()).name("modality").value(s.modality()).name("seriesNumber")
                    .value(s.seriesNumber()).name("seriesDescription").value(s.seriesDescription())
                    .name("bodyPartExamined").value(s.bodyPartExamined()).name("numberOfInstances")
                    .value(s.numberOfInstances()).endObject();
        }
        w.endArray();
        out.println(sb);
    }

    /** YYYYMMDD as YYYY-MM-DD; anything else as it is. */
    private static String date(String da) {
        return da.length() == 8 && da.chars().allMatch(Character::isDigit)
                ? da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6) : cut(da, 10);
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }
}
