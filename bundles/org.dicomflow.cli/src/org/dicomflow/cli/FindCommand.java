package org.dicomflow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.json.DicomJson;
import org.dicomflow.dicom.json.JsonOptions;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.Failures;
import org.dicomflow.net.FindResponses;
import org.dicomflow.net.StudyResult;

/** {@code dicomflow find}: C-FIND against a remote AE, like dcmtk's findscu. */
final class FindCommand implements Main.Command {

    static final String USAGE = """
            usage: dicomflow find -c AET@host:port [-L PATIENT|STUDY|SERIES|IMAGE] [--root patient|study]
                                  [--patient-name P] [--patient-id P] [--date RANGE] [--modality M] [--accession P]
                                  [-k Keyword[=value]]... [--json] [-b CALLING_AET] [--timeout S] [--tls...]
              Queries a remote AE (C-FIND) and prints one line per match as it arrives: at STUDY level without -k a
              table of the studies, otherwise the keys asked for.
              -L LEVEL         query level, default STUDY
              --root MODEL     Study Root (default) or Patient Root information model
              --patient-name P Patient's Name, wildcards * ? (e.g. DOE*); PATIENT or STUDY level
              --patient-id P   Patient ID, wildcards * ?; PATIENT or STUDY level
              --date RANGE     Study Date: 20200101, 20200101-20201231, 20200101- or -20201231; STUDY level
              --modality M     Modalities in Study, several as CT\\MR; STUDY level
              --accession P    Accession Number, wildcards * ?; STUDY level
              -k KEY[=VALUE]   a matching key (with a value: wildcards * ?, ranges 20200101-20201231, UID lists
                               a\\b) or a return key (no value); keyword or tag as GGGGEEEE. Without any -k,
                               the usual keys of the level are returned.
              --json           the matches as a DICOM JSON array (PS3.18 F.2)
              -b, --bind AET   our (calling) AE title, default DICOMFLOW
              --timeout S      seconds to wait for connect, association and each response (default 30)
            """ + RemoteOptions.TLS_USAGE + """
            exit codes: 0 success, 1 failure status, 2 usage, 3 cannot connect, 4 rejected, 5 aborted, 6 timeout""";

    /** Return keys asked for when the user names none, per level: what a query browser shows. */
    static final Map<String, int[]> DEFAULT_KEYS = Map.of(
            "PATIENT", new int[] { Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
                    Tag.NumberOfPatientRelatedStudies },
            "STUDY", new int[] { Tag.StudyInstanceUID, Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
                    Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.StudyDescription, Tag.ModalitiesInStudy,
                    Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances },
            "SERIES", new int[] { Tag.SeriesInstanceUID, Tag.Modality, Tag.SeriesNumber, Tag.SeriesDescription,
                    Tag.NumberOfSeriesRelatedInstances },
            "IMAGE", new int[] { Tag.SOPInstanceUID, Tag.SOPClassUID, Tag.InstanceNumber });

    @Override
    public String summary() {
        return "query a remote AE (C-FIND)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) {
        RemoteOptions connection = new RemoteOptions(30);
        String level = "STUDY";
        boolean patientRoot = false;
        boolean json = false;
        List<String> keySpecs = new ArrayList<>();
        SearchFields search = new SearchFields();
        try {
            Arguments args = new Arguments(argv);
            for (String o; (o = args.nextOption()) != null;) {
                if (connection.accept(o, args) || search.accept(o, args)) {
                    continue;
                }
                switch (o) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return ExitCode.OK;
                }
                case "-L", "--level" -> level = level(args.value(o));
                case "--root" -> patientRoot = root(args.value(o));
                case "-k", "--key" -> keySpecs.add(args.value(o));
                case "--json" -> json = true;
                default -> throw new Arguments.UsageException("unknown option '" + o + "'");
                }
            }
            if (!args.operands().isEmpty()) {
                throw new Arguments.UsageException("unexpected argument '" + args.operands().get(0) + "'");
            }
            connection.requireRemote();
            search.checkLevel(level);
        } catch (Arguments.UsageException e) {
            return Arguments.usageError("find", e, USAGE, err);
        }
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        try {
            if (keySpecs.isEmpty()) {
                for (int tag : DEFAULT_KEYS.get(level)) {
                    QueryKeys.put(keys, QueryKeys.keywordOf(tag));
                }
            }
            for (String k : keySpecs) {
                QueryKeys.put(keys, k);
            }
            search.putInto(keys);
        } catch (Arguments.UsageException e) {
            return Arguments.usageError("find", e, null, err);
        }
        String model = patientRoot ? UID.PatientRootQueryRetrieveInformationModelFind : UID.StudyRootQueryRetrieveInformationModelFind;
        Endpoint remote = connection.remote();
        List<DataSet> matches = new ArrayList<>();
        StudyTable table = !json && level.equals("STUDY") && keySpecs.isEmpty() ? new StudyTable(out) : null;
        try (Association as = new ApplicationEntity(connection.calling())
                .connect(connection.request().withContext(model), connection.timeouts());
                FindResponses responses = as.find(model, keys)) {
            if (table != null) {
                table.header();
            }
            for (DataSet match : responses) {
                if (json) {
                    matches.add(match);
                } else if (table != null) {
                    table.row(StudyResult.of(match));
                } else {
                    out.println(line(match, keys));
                }
            }
            DimseStatus status = responses.status();
            if (json) {
                DicomJson.writeAll(matches, out, JsonOptions.PRETTY);
                out.println();
            }
            err.println("dicomflow find: " + responses.matches() + " match" + (responses.matches() == 1 ? "" : "es")
                    + ", final status " + status + (responses.errorComment() == null ? "" : ": " + responses.errorComment()));
            as.release();
            return status.isSuccess() ? ExitCode.OK : ExitCode.FAILURE;
        } catch (IOException e) {
            err.println("dicomflow find: " + remote + ": " + Failures.describe(e));
            return ExitCode.of(e);
        } catch (java.io.UncheckedIOException e) {
            err.println("dicomflow find: " + remote + ": " + Failures.describe(e.getCause()));
            return ExitCode.of(e.getCause());
        }
    }

    private static String line(DataSet match, DataSet keys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            int tag = keys.tagAt(i);
            if (tag == Tag.QueryRetrieveLevel) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("  ");
            }
            sb.append(QueryKeys.keywordOf(tag)).append('=').append(QueryKeys.text(match, tag));
        }
        return sb.toString();
    }

    static String level(String v) throws Arguments.UsageException {
        String l = v.trim().toUpperCase(java.util.Locale.ROOT);
        if (!DEFAULT_KEYS.containsKey(l)) {
            throw new Arguments.UsageException("-L: '" + v + "' is not PATIENT, STUDY, SERIES or IMAGE");
        }
        return l;
    }

    static boolean root(String v) throws Arguments.UsageException {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "patient" -> true;
        case "study" -> false;
        default -> throw new Arguments.UsageException("--root: '" + v + "' is not patient or study");
        };
    }
}
