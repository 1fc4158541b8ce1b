package org.dicomflow.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
        String sop = instance.sopInstanceUid();
        String series = instance.seriesInstanceUid();
        String study = instance.studyInstanceUid();
        String patient = instance.key(QueryLevel.PATIENT);
        String otherAtPath = firstString(c, "SELECT sop_instance_uid FROM instance WHERE file_path = ? AND sop_instance_uid <> ?",
                path, sop);
        if (otherAtPath != null) {
            // the file at this path was another instance before it was overwritten
            remove(c, otherAtPath);
        }
        // where the instance, its series and its study hung before: those parents may be left empty
        String oldSeries = firstString(c, "SELECT series_instance_uid FROM instance WHERE sop_instance_uid = ?", sop);
        String oldStudy = firstString(c, "SELECT study_instance_uid FROM series WHERE series_instance_uid = ?", series);
        String oldPatient = firstString(c, "SELECT patient_key FROM study WHERE study_instance_uid = ?", study);

        upsert(c, QueryLevel.PATIENT, instance, null);
        upsert(c, QueryLevel.STUDY, instance, null);
        upsert(c, QueryLevel.SERIES, instance, null);
        upsert(c, QueryLevel.IMAGE, instance, path);

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

    /** Updates the row of {@code level} for {@code instance}, or inserts it; {@code path} only for the instance row. */
    private static void upsert(Connection c, QueryLevel level, IndexedInstance instance, String path) throws SQLException {
        QueryLevel parent = level.parent();
        List<IndexedAttribute> values = new ArrayList<>();
        for (IndexedAttribute a : IndexedAttribute.of(level)) {
            if (!a.column().equals(level.keyColumn())) {
                values.add(a);
            }
        }
        boolean file = path != null;
        List<String> columns = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        StringBuilder set = new StringBuilder();
        for (IndexedAttribute a : values) {
            // the instance row is the latest file as it is; upper levels keep what a later file leaves empty
            set.append(set.length() == 0 ? "" : ", ").append(a.column())
                    .append(file ? " = ?" : " = COALESCE(NULLIF(?, ''), " + a.column() + ")");
            columns.add(a.column());
            args.add(instance.get(a));
        }
        if (parent != null) {
            set.append(", ").append(parent.keyColumn()).append(" = ?");
            columns.add(parent.keyColumn());
            args.add(instance.key(parent));
        }
        if (file) {
            set.append(", file_path = ?, file_size = ?, file_modified = ?");
            columns.addAll(List.of("file_path", "file_size", "file_modified"));
            args.addAll(List.of(path, instance.fileSize(), instance.fileModified()));
        }
        columns.add(level.keyColumn());
        args.add(instance.key(level));
        Object[] a = args.toArray();
        if (update(c, "UPDATE " + level.table() + " SET " + set + " WHERE " + level.keyColumn() + " = ?", a) == 0) {
            update(c, "INSERT INTO " + level.table() + " (" + String.join(", ", columns) + ") VALUES ("
                    + "?, ".repeat(columns.size() - 1) + "?)", a);
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
