package org.dicomflow.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The statements that change the index, run in the writer's transaction ({@link IndexDatabase#write}).
 * Patient, study and series rows take the latest non-empty value of each attribute, so an instance
 * lacking, say, the study description does not erase it; the instance row is exactly the latest file.
 * A patient, study or series left without children is deleted.
 */
final class IndexUpdates {
    private IndexUpdates() {
    }

    /** The path of the stored instance with this UID, or null. */
    static String pathOf(Connection c, String sopInstanceUid) throws SQLException {
        return firstString(c, "SELECT file_path FROM instance WHERE sop_instance_uid = ?", sopInstanceUid);
    }

    /** What the index holds for the file at {@code path}, or null if no row names it. */
    static FileRow rowOf(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sop_instance_uid, file_size, file_modified FROM instance WHERE file_path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new FileRow(rs.getString(1), path, rs.getLong(2), rs.getLong(3)) : null;
            }
        }
    }

    /** An instance row's link to its file. */
    record FileRow(String sopInstanceUid, String path, long size, long modified) {
    }

    /** Calls {@code action} with every instance row's file link. */
    static void forEachFile(Connection c, Consumer<FileRow> action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sop_instance_uid, file_path, file_size, file_modified FROM instance");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                action.accept(new FileRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
        }
    }

    /** Inserts or updates the rows of {@code instance} (stored at {@code path}) and its patient, study and series. */
    static void put(Connection c, IndexedInstance instance, String path) throws SQLException {
        put(c, instance, path, null, false);
    }

    /**
     * As {@link #put(Connection, IndexedInstance, String)}, skipping the parent rows that {@code written} (may be
     * null) says already hold this instance's values, and recording what it writes there; {@code knownNew} when
     * the caller made sure, under the instance's UID lock, that no row has its SOP Instance UID: then there is no
     * earlier series to leave and the row is inserted without trying an update first.
     */
    static void put(Connection c, IndexedInstance instance, String path, ParentRows written, boolean knownNew)
            throws SQLException {
        String sop = instance.sopInstanceUid();
        String series = instance.seriesInstanceUid();
        String study = instance.studyInstanceUid();
        String patient = instance.key(QueryLevel.PATIENT);
        String otherAtPath = firstString(c, "SELECT sop_instance_uid FROM instance WHERE file_path = ? AND sop_instance_uid <> ?",
                path, sop);
        if (otherAtPath != null) {
            // the file at this path was another instance before it was overwritten
            remove(c, otherAtPath);
            if (written != null) {
                // the removal may have deleted the parent rows this instance shares
                written.forget();
            }
        }
        Object[] patientRow = rowValues(QueryLevel.PATIENT, instance, null);
        Object[] studyRow = rowValues(QueryLevel.STUDY, instance, null);
        Object[] seriesRow = rowValues(QueryLevel.SERIES, instance, null);
        boolean sameStudy = written != null && written.holds(QueryLevel.STUDY, study, studyRow);
        boolean sameSeries = written != null && written.holds(QueryLevel.SERIES, series, seriesRow);
        // where the instance, its series and its study hung before: those parents may be left empty
        // (a remembered row names the same parent as this instance, which has nothing to leave)
        String oldSeries = knownNew ? null
                : firstString(c, "SELECT series_instance_uid FROM instance WHERE sop_instance_uid = ?", sop);
        String oldStudy = sameSeries ? study
                : firstString(c, "SELECT study_instance_uid FROM series WHERE series_instance_uid = ?", series);
        String oldPatient = sameStudy ? patient
                : firstString(c, "SELECT patient_key FROM study WHERE study_instance_uid = ?", study);

        if (written == null || !written.holds(QueryLevel.PATIENT, patient, patientRow)) {
            upsert(c, QueryLevel.PATIENT, patientRow);
        }
        if (!sameStudy) {
            upsert(c, QueryLevel.STUDY, studyRow);
        }
        if (!sameSeries) {
            upsert(c, QueryLevel.SERIES, seriesRow);
        }
        Object[] instanceRow = rowValues(QueryLevel.IMAGE, instance, path);
        if (knownNew) {
            update(c, SQL.get(QueryLevel.IMAGE).insert(), instanceRow);
        } else {
            upsert(c, QueryLevel.IMAGE, instanceRow);
        }
        if (written != null) {
            written.wrote(QueryLevel.PATIENT, patient, patientRow);
            written.wrote(QueryLevel.STUDY, study, studyRow);
            written.wrote(QueryLevel.SERIES, series, seriesRow);
        }

        boolean moved = oldSeries != null && !oldSeries.equals(series) || oldStudy != null && !oldStudy.equals(study)
                || oldPatient != null && !oldPatient.equals(patient);
        if (moved && written != null) {
            // the rows the instance leaves may be deleted below, and with them rows remembered as written
            written.forget();
        }
        if (oldSeries != null && !oldSeries.equals(series)) {
            dropSeriesIfEmpty(c, oldSeries);
        }
        if (oldStudy != null && !oldStudy.equals(study)) {
            dropStudyIfEmpty(c, oldStudy);
        }
        if (oldPatient != null && !oldPatient.equals(patient)) {
            dropPatientIfEmpty(c, oldPatient);
        }
    }

    /** Deletes the row of an instance and the parents it leaves empty. */
    static void remove(Connection c, String sopInstanceUid) throws SQLException {
        String series = firstString(c, "SELECT series_instance_uid FROM instance WHERE sop_instance_uid = ?", sopInstanceUid);
        update(c, "DELETE FROM instance WHERE sop_instance_uid = ?", sopInstanceUid);
        if (series != null) {
            dropSeriesIfEmpty(c, series);
        }
    }

    /**
     * The values of the row of {@code level} for {@code instance}, in the order {@link #upsert} binds them: its
     * attributes, its parent's key, the file columns ({@code path} only for the instance row), its own key.
     */
    private static Object[] rowValues(QueryLevel level, IndexedInstance instance, String path) {
        List<Object> args = new ArrayList<>();
        for (IndexedAttribute a : IndexedAttribute.of(level)) {
            if (!a.column().equals(level.keyColumn())) {
                args.add(instance.get(a));
            }
        }
        if (level.parent() != null) {
            args.add(instance.key(level.parent()));
        }
        if (path != null) {
            args.addAll(List.of(path, instance.fileSize(), instance.fileModified()));
        }
        args.add(instance.key(level));
        return args.toArray();
    }

    /** Updates the row of {@code level} with {@code values} ({@link #rowValues}), or inserts it. */
    private static void upsert(Connection c, QueryLevel level, Object[] values) throws SQLException {
        Sql sql = SQL.get(level);
        if (update(c, sql.update, values) == 0) {
            update(c, sql.insert, values);
        }
    }

    /** The UPDATE and INSERT of one level, made once: their text is the same for every instance. */
    private record Sql(String update, String insert) {
        static Sql of(QueryLevel level) {
            boolean file = level == QueryLevel.IMAGE;
            List<String> columns = new ArrayList<>();
            StringBuilder set = new StringBuilder();
            for (IndexedAttribute a : IndexedAttribute.of(level)) {
                if (a.column().equals(level.keyColumn())) {
                    continue;
                }
                // the instance row is the latest file as it is; upper levels keep what a later file leaves empty
                set.append(set.length() == 0 ? "" : ", ").append(a.column())
                        .append(file ? " = ?" : " = COALESCE(NULLIF(?, ''), " + a.column() + ")");
                columns.add(a.column());
            }
            if (level.parent() != null) {
                set.append(", ").append(level.parent().keyColumn()).append(" = ?");
                columns.add(level.parent().keyColumn());
            }
            if (file) {
                set.append(", file_path = ?, file_size = ?, file_modified = ?");
                columns.addAll(List.of("file_path", "file_size", "file_modified"));
            }
            columns.add(level.keyColumn());
            return new Sql("UPDATE " + level.table() + " SET " + set + " WHERE " + level.keyColumn() + " = ?",
                    "INSERT INTO " + level.table() + " (" + String.join(", ", columns) + ") VALUES ("
                            + "?, ".repeat(columns.size() - 1) + "?)");
        }
    }

    private static final Map<QueryLevel, Sql> SQL = new EnumMap<>(QueryLevel.class);
    static {
        for (QueryLevel level : QueryLevel.values()) {
            SQL.put(level, Sql.of(level));
        }
    }

    private static void dropSeriesIfEmpty(Connection c, String series) throws SQLException {
        String study = firstString(c, "SELECT study_instance_uid FROM series WHERE series_instance_uid = ?", series);
        if (update(c, "DELETE FROM series WHERE series_instance_uid = ? AND NOT EXISTS "
                + "(SELECT 1 FROM instance WHERE instance.series_instance_uid = ?)", series, series) > 0 && study != null) {
            dropStudyIfEmpty(c, study);
        }
    }

    private static void dropStudyIfEmpty(Connection c, String study) throws SQLException {
        String patient = firstString(c, "SELECT patient_key FROM study WHERE study_instance_uid = ?", study);
        if (update(c, "DELETE FROM study WHERE study_instance_uid = ? AND NOT EXISTS "
                + "(SELECT 1 FROM series WHERE series.study_instance_uid = ?)", study, study) > 0 && patient != null) {
            dropPatientIfEmpty(c, patient);
        }
    }

    private static void dropPatientIfEmpty(Connection c, String patient) throws SQLException {
        update(c, "DELETE FROM patient WHERE patient_key = ? AND NOT EXISTS "
                + "(SELECT 1 FROM study WHERE study.patient_key = ?)", patient, patient);
    }

    private static String firstString(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
