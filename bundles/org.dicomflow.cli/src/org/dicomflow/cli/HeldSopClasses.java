package org.dicomflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.Association;
import org.dicomflow.net.AssociationRejectedException;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.Failures;
import org.dicomflow.net.FindResponses;
import org.dicomflow.net.Timeouts;

/**
 * Which storage SOP classes, in which transfer syntaxes, a peer holds under the keys of a retrieve: asked with
 * C-FIND on an association of its own before a C-GET, so that the C-GET can propose what the peer will send
 * ({@link GetProposal}). The query goes down the hierarchy, from the retrieve level to IMAGE one unique key at
 * a time, as PS3.4 C.4.1.2.1 asks of a hierarchical search (strict SCPs such as dcmqrscp refuse an IMAGE-level
 * query without the series), and asks at IMAGE level for SOP Class UID and Available Transfer Syntax UID
 * (0008,3002). Our node answers both; Orthanc 1.10 the class only; dcmqrscp 3.6.7 neither. A study whose match
 * carries SOP Classes in Study (0008,0062) is not walked further (Orthanc answers it; listing every instance of a
 * large study took it seconds).
 */
final class HeldSopClasses {

    /** The peer did not tell (refused the query, answered a failure, left out the SOP Class UID). */
    static final class Untold extends Exception {
        private static final long serialVersionUID = 1L;

        Untold(String why) {
            super(why);
        }
    }

    private static final List<String> LEVELS = List.of("PATIENT", "STUDY", "SERIES", "IMAGE");
    private static final int STUDY = 1;
    private static final int[] UNIQUE_KEYS = { Tag.PatientID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID,
            Tag.SOPInstanceUID };

    private final Association association;
    private final String model;
    /** Class -> syntaxes the peer named; a class with some match that named none maps to an empty set. */
    private final Map<String, Set<String>> held = new LinkedHashMap<>();
    private final Set<String> untoldSyntaxes = new LinkedHashSet<>();

    private HeldSopClasses(Association association, String model) {
        this.association = association;
        this.model = model;
    }

    /**
     * SOP class -> the syntaxes the peer holds instances of it in (an empty set when it did not say), for the
     * instances that {@code retrieveKeys} (Query/Retrieve Level and unique keys) select; empty when none.
     *
     * @param peer the called AE (and TLS), without presentation contexts
     * @throws IOException no connection to the peer, no answer to the association request, or a rejection of
     *         our or its AE title (as the C-GET would find too)
     * @throws Untold the peer would not or could not say; the C-GET may still work
     */
    static Map<String, Set<String>> ask(ApplicationEntity us, AssociationRequest peer, Timeouts timeouts,
            boolean patientRoot, DataSet retrieveKeys) throws IOException, Untold {
        String model = patientRoot ? UID.PatientRootQueryRetrieveInformationModelFind
                : UID.StudyRootQueryRetrieveInformationModelFind;
        int level = LEVELS.indexOf(retrieveKeys.getString(Tag.QueryRetrieveLevel));
        if (level < 0) {
            throw new Untold("no Query/Retrieve Level");
        }
        Association as;
        try {
            as = us.connect(peer.withContext(model), timeouts);
        } catch (IOException e) {
            // no connection, no answer, or an AE title refused: the C-GET would fare the same, only later
            if (ExitCode.of(e) == ExitCode.CANNOT_CONNECT || e instanceof SocketTimeoutException
                    || e instanceof AssociationRejectedException r && r.source() == 1 && (r.reason() == 3 || r.reason() == 7)) {
                throw e;
            }
            throw new Untold(Failures.describe(e));
        }
        try (as) {
            HeldSopClasses query = new HeldSopClasses(as, model);
            DataSet keys = retrieveKeys.copy();
            keys.remove(Tag.QueryRetrieveLevel);
            query.walk(keys, level);
            as.release();
            query.untoldSyntaxes.forEach(cuid -> query.held.put(cuid, Set.of()));
            return query.held;
        } catch (IOException e) {
            throw new Untold(Failures.describe(e));
        } catch (UncheckedIOException e) {
            throw new Untold(Failures.describe(e.getCause()));
        } catch (IllegalStateException e) {
            throw new Untold(e.getMessage()); // it did not accept the C-FIND context
        }
    }

    /** Queries {@code level} with {@code keys} (unique keys of the levels above) and goes down from each match. */
    private void walk(DataSet keys, int level) throws IOException, Untold {
        String levelName = LEVELS.get(level);
        int unique = UNIQUE_KEYS[level];
        boolean image = level == LEVELS.size() - 1;
        DataSet identifier = keys.copy();
        identifier.setString(Tag.QueryRetrieveLevel, VR.CS, levelName);
        if (!identifier.contains(unique)) {
            identifier.put(unique, unique == Tag.PatientID ? VR.LO : VR.UI, null);
        }
        boolean study = level == STUDY;
        if (image) {
            identifier.put(Tag.SOPClassUID, VR.UI, null);
            identifier.put(Tag.AvailableTransferSyntaxUID, VR.UI, null);
        } else if (study) {
            identifier.put(Tag.SOPClassesInStudy, VR.UI, null);
        }
        List<String> below = new ArrayList<>();
        try (FindResponses matches = association.find(model, identifier)) {
            for (DataSet match : matches) {
                if (image) {
                    String cuid = match.getString(Tag.SOPClassUID, "").strip();
                    if (cuid.isEmpty()) {
                        throw new Untold("its C-FIND matches have no SOP Class UID");
                    }
                    if (!UID.isValid(cuid)) {
                        // it would go into our A-ASSOCIATE-RQ and could spoil the whole proposal
                        throw new Untold("its C-FIND matches name an invalid SOP Class UID");
                    }
                    Set<String> syntaxes = held.computeIfAbsent(cuid, k -> new LinkedHashSet<>());
                    String[] named = match.contains(Tag.AvailableTransferSyntaxUID)
                            ? match.getStrings(Tag.AvailableTransferSyntaxUID) : null;
                    if (named == null || named.length == 0) {
                        untoldSyntaxes.add(cuid);
                    } else {
                        for (String ts : named) {
                            if (UID.isValid(ts.strip())) {
                                syntaxes.add(ts.strip());
                            }
                        }
                    }
                } else {
                    String uid = match.getString(unique, "").strip();
                    if (uid.isEmpty()) {
                        throw new Untold("its " + levelName + "-level C-FIND matches have no " + QueryKeys.keywordOf(unique));
                    }
                    if (!study || !heldPerStudy(match)) {
                        below.add(uid);
                    }
                }
            }
            DimseStatus status = matches.status();
            if (!status.isSuccess()) {
                throw new Untold(levelName + "-level C-FIND ended with " + status
                        + (matches.errorComment() == null ? "" : ": " + matches.errorComment()));
            }
        }
        for (String uid : below) {
            DataSet next = keys.copy();
            next.setString(unique, unique == Tag.PatientID ? VR.LO : VR.UI, uid);
            walk(next, level + 1);
        }
    }

    /**
     * Takes the classes of a study from its SOP Classes in Study (0008,0062), when the peer answers that optional
     * STUDY-level key (Orthanc does): then the study's series and instances need not be listed, which for a study of
     * thousands of instances takes a peer like Orthanc seconds. The syntaxes stay untold (the peer would not name
     * them at IMAGE level either, or the study would not be worth the walk); false when the key is missing, empty or
     * holds an invalid UID, and the walk goes on down.
     */
    private boolean heldPerStudy(DataSet match) {
        String[] classes = match.contains(Tag.SOPClassesInStudy) ? match.getStrings(Tag.SOPClassesInStudy) : null;
        if (classes == null || classes.length == 0) {
            return false;
        }
        List<String> valid = new ArrayList<>();
        for (String cuid : classes) {
            if (!UID.isValid(cuid.strip())) {
                return false;
            }
            valid.add(cuid.strip());
        }
        for (String cuid : valid) {
            held.computeIfAbsent(cuid, k -> new LinkedHashSet<>());
            untoldSyntaxes.add(cuid);
        }
        return true;
    }
}
