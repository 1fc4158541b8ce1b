package org.dicomflow.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.VR;
import org.dicomflow.net.DimseStatus;
import org.dicomflow.net.DimseStatusException;
import org.dicomflow.store.FindOptions;
import org.dicomflow.store.InformationModel;
import org.dicomflow.store.InstanceRecord;

/**
 * C-FIND and retrieve matching over the index (PS3.4 C.2.2.2, C.4.1): an identifier becomes one SQL query
 * joining the level's table with the tables above it.
 *
 * <ul>
 * <li>Keys of the query level and above are matched (so a relational-style key above the level is honoured);
 * keys below the level are returned empty.</li>
 * <li>Matching: universal (empty value or '*'), single value, wildcards '*' and '?' for text and person names
 * (SQL LIKE, with '%' and '_' escaped), lists (several values: any may match; for UIDs the list matching of
 * C.2.2.2.2), ranges for dates and times ({@code a-b}, {@code -b}, {@code a-}; an upper bound of lower
 * precision includes all it covers). Person names match on the whole value, optionally case-insensitive.</li>
 * <li>Not supported: sequence matching (a sequence key is returned as an empty sequence), combined date-time
 * matching of a DA and TM pair, fuzzy semantic person name matching.</li>
 * <li>Responses hold the requested keys (empty when unknown), the Query/Retrieve Level, the unique keys of
 * the levels down to the query level, and Specific Character Set ISO_IR 192 when a value is not ASCII.
 * Computed keys: Number of Patient/Study/Series Related ..., Modalities in Study; Instance Availability is
 * ONLINE. Retrieve AE Title is left to the SCP, which knows its AE title.</li>
 * </ul>
 */
final class FindQuery {
    /** A return key computed from the index rather than stored in it. */
    private record Computed(int tag, QueryLevel level, String sql) {
    }

    private static final String PATIENT_OF_STUDY = "y.patient_key = p.patient_key";

    private static final List<Computed> COMPUTED = List.of(
            new Computed(Tag.NumberOfPatientRelatedStudies, QueryLevel.PATIENT,
                    "(SELECT COUNT(*) FROM study y WHERE " + PATIENT_OF_STUDY + ")"),
            new Computed(Tag.NumberOfPatientRelatedSeries, QueryLevel.PATIENT,
                    "(SELECT COUNT(*) FROM series x JOIN study y ON y.study_instance_uid = x.study_instance_uid WHERE "
                            + PATIENT_OF_STUDY + ")"),
            new Computed(Tag.NumberOfPatientRelatedInstances, QueryLevel.PATIENT,
                    "(SELECT COUNT(*) FROM instance w JOIN series x ON x.series_instance_uid = w.series_instance_uid"
                            + " JOIN study y ON y.study_instance_uid = x.study_instance_uid WHERE " + PATIENT_OF_STUDY + ")"),
            new Computed(Tag.NumberOfStudyRelatedSeries, QueryLevel.STUDY,
                    "(SELECT COUNT(*) FROM series x WHERE x.study_instance_uid = st.study_instance_uid)"),
            new Computed(Tag.NumberOfStudyRelatedInstances, QueryLevel.STUDY,
                    "(SELECT COUNT(*) FROM instance w JOIN series x ON x.series_instance_uid = w.series_instance_uid"
                            + " WHERE x.study_instance_uid = st.study_instance_uid)"),
            new Computed(Tag.NumberOfSeriesRelatedInstances, QueryLevel.SERIES,
                    "(SELECT COUNT(*) FROM instance w WHERE w.series_instance_uid = se.series_instance_uid)"));

    private static final String MODALITIES_OF_STUDY =
            "SELECT DISTINCT modality FROM series WHERE study_instance_uid = ? AND modality <> '' ORDER BY modality";

    private final InformationModel model;
    private final QueryLevel level;
    private final DataSet identifier;
    /** The values of the matching keys, read once up front so that a bad one is refused before any SQL runs. */
    private final Map<Integer, String[]> keys;
    private final FindOptions options;

    private FindQuery(InformationModel model, QueryLevel level, DataSet identifier, Map<Integer, String[]> keys,
            FindOptions options) {
        this.model = model;
        this.level = level;
        this.identifier = identifier;
        this.keys = keys;
        this.options = options;
    }

    /**
     * A query for {@code identifier}, whose Query/Retrieve Level must name a level of {@code model}.
     *
     * @throws DimseStatusException A900 (identifier does not match SOP class) for a missing or wrong level, or
     *         a key whose value cannot be read as its VR
     */
    public static FindQuery of(InformationModel model, DataSet identifier, FindOptions options) throws DimseStatusException {
        String value = read(identifier, Tag.QueryRetrieveLevel).length > 0 ? identifier.getString(Tag.QueryRetrieveLevel) : null;
        QueryLevel level = QueryLevel.of(value);
        if (level == null || (level == QueryLevel.PATIENT && model == InformationModel.STUDY_ROOT)) {
            throw new DimseStatusException(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "Query/Retrieve Level '" + (value == null ? "" : value) + "' is not one of the "
                            + model.name().toLowerCase().replace('_', ' ') + " model");
        }
        Map<Integer, String[]> keys = new HashMap<>();
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            if (IndexedAttribute.of(tag) != null || tag == Tag.ModalitiesInStudy) {
                keys.put(tag, read(identifier, tag));
            }
        }
        return new FindQuery(model, level, identifier, keys, options);
    }

    /**
     * A query for the instances a C-MOVE or C-GET retrieves ({@link #instances}).
     *
     * @throws DimseStatusException A900 as {@link #of}, and when the unique key of the retrieve level is missing
     */
    public static FindQuery forRetrieve(InformationModel model, DataSet identifier) throws DimseStatusException {
        FindQuery q = of(model, identifier, FindOptions.DEFAULT);
        IndexedAttribute key = IndexedAttribute.uniqueKey(q.level);
        if (nonEmpty(q.values(key.tag())).isEmpty()) {
            throw new DimseStatusException(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "no " + ElementDictionary.keywordOf(key.tag()) + " for level " + q.level);
        }
        return q;
    }

    private static String[] read(DataSet identifier, int tag) throws DimseStatusException {
        try {
            return identifier.getStrings(tag);
        } catch (RuntimeException e) {
            throw new DimseStatusException(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "cannot read " + Tag.toString(tag) + ": " + e.getMessage());
        }
    }

    /** Runs the C-FIND and gives each response identifier to {@code onMatch} until it returns false. */
    public void find(Connection c, Predicate<DataSet> onMatch) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            IndexedAttribute a = IndexedAttribute.of(tag);
            if (a != null && a.level().isAtOrAbove(level)) {
                match(a.qualifiedColumn(), a, values(tag), where, args);
            } else if (tag == Tag.ModalitiesInStudy && QueryLevel.STUDY.isAtOrAbove(level)) {
                StringBuilder any = new StringBuilder();
                List<Object> anyArgs = new ArrayList<>();
                match("ms.modality", IndexedAttribute.MODALITY, values(tag), any, anyArgs);
                if (any.length() > 0) {
                    and(where).append("EXISTS (SELECT 1 FROM series ms WHERE ms.study_instance_uid = st.study_instance_uid AND ")
                            .append(any).append(')');
                    args.addAll(anyArgs);
                }
            }
        }
        // every stored attribute of the levels down to the query level, then the computed keys asked for
        List<String> select = new ArrayList<>();
        Map<Integer, Integer> columnOf = new HashMap<>();
        for (IndexedAttribute a : IndexedAttribute.values()) {
            if (a.level().isAtOrAbove(level)) {
                select.add(a.qualifiedColumn());
                columnOf.put(a.tag(), select.size());
            }
        }
        for (Computed k : COMPUTED) {
            if (k.level().isAtOrAbove(level) && identifier.contains(k.tag())) {
                select.add(k.sql());
                columnOf.put(k.tag(), select.size());
            }
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + from(level)
                + (where.length() == 0 ? "" : " WHERE " + where)
                + (level == QueryLevel.STUDY ? " ORDER BY st.study_date, st.study_time" : "");
        boolean wantsModalities = identifier.contains(Tag.ModalitiesInStudy) && QueryLevel.STUDY.isAtOrAbove(level);
        try (PreparedStatement ps = IndexUpdates.prepare(c, sql, args.toArray());
                ResultSet rs = ps.executeQuery();
                PreparedStatement modalities = wantsModalities ? c.prepareStatement(MODALITIES_OF_STUDY) : null) {
            while (rs.next()) {
                Map<Integer, String> row = new HashMap<>();
                for (Map.Entry<Integer, Integer> e : columnOf.entrySet()) {
                    row.put(e.getKey(), rs.getString(e.getValue()));
                }
                if (wantsModalities) {
                    row.put(Tag.ModalitiesInStudy, modalitiesOf(modalities, row.get(Tag.StudyInstanceUID)));
                }
                if (!onMatch.test(response(row))) {
                    return;
                }
            }
        }
    }

    /**
     * The instances a C-MOVE or C-GET with this identifier retrieves ({@link #forRetrieve}): matched on the
     * unique keys of the levels down to the retrieve level (Patient ID in the patient root model), single
     * values or lists, no wildcards.
     */
    public List<InstanceRecord> instances(Connection c, Path root) throws SQLException {
        List<IndexedAttribute> keys = new ArrayList<>();
        if (model == InformationModel.PATIENT_ROOT) {
            keys.add(IndexedAttribute.PATIENT_ID);
        }
        keys.addAll(List.of(IndexedAttribute.STUDY_INSTANCE_UID, IndexedAttribute.SERIES_INSTANCE_UID,
                IndexedAttribute.SOP_INSTANCE_UID));
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (IndexedAttribute a : keys) {
            if (!a.level().isAtOrAbove(level)) {
                continue;
            }
            List<String> values = nonEmpty(values(a.tag()));
            if (values.isEmpty()) {
                continue;
            }
            and(where).append(a.qualifiedColumn()).append(" IN (").append("?, ".repeat(values.size() - 1)).append("?)");
            args.addAll(values);
        }
        if (where.length() == 0) {
            return List.of(); // not from forRetrieve: never "everything"
        }
        String sql = "SELECT " + IndexListings.INSTANCE_COLUMNS + " FROM " + from(QueryLevel.IMAGE) + " WHERE " + where;
        List<InstanceRecord> found = new ArrayList<>();
        try (PreparedStatement ps = IndexUpdates.prepare(c, sql, args.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(IndexListings.instance(rs, root));
            }
        }
        return found;
    }

    /** The tables of {@code level} and every level above, joined on their links. */
    static String from(QueryLevel level) {
        StringBuilder sb = new StringBuilder(level.table()).append(' ').append(level.alias());
        for (QueryLevel l = level; l.parent() != null; l = l.parent()) {
            QueryLevel up = l.parent();
            sb.append(" JOIN ").append(up.table()).append(' ').append(up.alias()).append(" ON ").append(up.alias()).append('.')
                    .append(up.keyColumn()).append(" = ").append(l.alias()).append('.').append(up.keyColumn());
        }
        return sb.toString();
    }

    private String[] values(int tag) {
        return keys.getOrDefault(tag, new String[0]);
    }

    private static List<String> nonEmpty(String[] values) {
        List<String> list = new ArrayList<>();
        for (String v : values) {
            if (!v.isEmpty()) {
                list.add(v);
            }
        }
        return list;
    }

    private static StringBuilder and(StringBuilder where) {
        return where.length() == 0 ? where : where.append(" AND ");
    }

    /** Appends the condition of one key (nothing for universal matching). */
    private void match(String column, IndexedAttribute a, String[] raw, StringBuilder where, List<Object> args) {
        List<String> values = nonEmpty(raw);
        if (values.isEmpty() || values.contains("*") && a.matching() != IndexedAttribute.Matching.UID) {
            return;
        }
        boolean folded = a.matching() == IndexedAttribute.Matching.PERSON_NAME && options.caseInsensitivePersonNames();
        String col = folded ? "UPPER(" + column + ")" : column;
        String param = folded ? "UPPER(?)" : "?";
        List<String> alternatives = new ArrayList<>();
        for (String v : values) {
            switch (a.matching()) {
            case TEXT, PERSON_NAME -> {
                if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0) {
                    alternatives.add(col + " LIKE " + param + " ESCAPE '\\'");
                    args.add(likePattern(v));
                } else {
                    alternatives.add(col + " = " + param);
                    args.add(a.normalize(v));
                }
            }
            case DATE_TIME -> {
                int dash = v.indexOf('-');
                if (dash < 0) {
                    alternatives.add(col + " = ?");
                    args.add(a.normalize(v));
                } else {
                    String from = a.normalize(v.substring(0, dash));
                    String to = a.normalize(v.substring(dash + 1));
                    StringBuilder range = new StringBuilder("(" + col + " <> ''");
                    if (!from.isEmpty()) {
                        range.append(" AND ").append(col).append(" >= ?");
                        args.add(from);
                    }
                    if (!to.isEmpty()) {
                        // "-1430" includes 14:30:59: a bound of lower precision covers all that starts with it
                        range.append(" AND (").append(col).append(" <= ? OR ").append(col).append(" LIKE ? ESCAPE '\\')");
                        args.add(to);
                        args.add(escapeLike(to) + "%");
                    }
                    alternatives.add(range.append(')').toString());
                }
            }
            default -> {
                alternatives.add(col + " = ?");
                args.add(a.normalize(v));
            }
            }
        }
        and(where).append('(').append(String.join(" OR ", alternatives)).append(')');
    }

    /** A DICOM wildcard value as a LIKE pattern: * and ? become % and _, which are escaped where they are literal. */
    static String likePattern(String value) {
        StringBuilder sb = new StringBuilder();
        for (char ch : value.strip().toCharArray()) {
            switch (ch) {
            case '*' -> sb.append('%');
            case '?' -> sb.append('_');
            case '%', '_', '\\' -> sb.append('\\').append(ch);
            default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static String escapeLike(String literal) {
        return literal.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String modalitiesOf(PreparedStatement ps, String studyInstanceUid) throws SQLException {
        ps.setString(1, studyInstanceUid);
        List<String> list = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                list.add(rs.getString(1));
            }
        }
        return String.join("\\", list);
    }

    /** One response identifier from a matching row (values by tag). */
    private DataSet response(Map<Integer, String> row) {
        DataSet rsp = new DataSet(identifier.size() + 4);
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            if (tag == Tag.SpecificCharacterSet || tag == Tag.QueryRetrieveLevel || Tag.isGroupLength(tag)) {
                continue;
            }
            IndexedAttribute a = IndexedAttribute.of(tag);
            VR vr = a != null ? a.vr() : identifier.vrAt(i);
            if (vr == VR.SQ) {
                rsp.newSequence(tag, 0);
            } else if (tag == Tag.InstanceAvailability) {
                rsp.put(tag, VR.CS, "ONLINE");
            } else {
                String value = row.get(tag);
                rsp.put(tag, vr == VR.UN ? ElementDictionary.vrOf(tag) : vr, value == null || value.isEmpty() ? null : value);
            }
        }
        rsp.put(Tag.QueryRetrieveLevel, VR.CS, level.name());
        for (QueryLevel l : QueryLevel.values()) {
            boolean inModel = l != QueryLevel.PATIENT || model == InformationModel.PATIENT_ROOT;
            if (inModel && l.isAtOrAbove(level)) {
                IndexedAttribute key = IndexedAttribute.uniqueKey(l);
                if (!rsp.contains(key.tag())) {
                    String value = row.get(key.tag());
                    rsp.put(key.tag(), key.vr(), value == null || value.isEmpty() ? null : value);
                }
            }
        }
        if (hasNonAscii(rsp)) {
            rsp.put(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        }
        return rsp;
    }

    private static boolean hasNonAscii(DataSet ds) {
        for (int i = 0; i < ds.size(); i++) {
            if (ds.valueAt(i) instanceof String s) {
                for (int k = 0; k < s.length(); k++) {
                    if (s.charAt(k) > 127) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
