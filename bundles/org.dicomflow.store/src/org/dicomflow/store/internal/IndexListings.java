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

import org.dicomflow.store.InstanceRecord;
import org.dicomflow.store.SeriesRecord;
import org.dicomflow.store.StudyRecord;

/** The archive's contents as lists for people (the workstation, {@code dicomflow ls}). */
final class IndexListings {
    static final String INSTANCE_COLUMNS = "i.sop_instance_uid, i.sop_class_uid, i.transfer_syntax_uid,"
            + " i.instance_number, se.series_instance_uid, st.study_instance_uid, i.file_path, i.file_size";

    private IndexListings() {
    }

    /** Every study with its patient, newest first. */
    static List<StudyRecord> studies(Connection c) throws SQLException {
        Map<String, List<String>> modalities = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT study_instance_uid, modality FROM series WHERE modality <> '' ORDER BY modality");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                modalities.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<StudyRecord> studies = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT st.study_instance_uid, p.patient_id, p.patient_name,"
                + " p.patient_birth_date, st.study_date, st.study_time, st.accession_number, st.study_description,"
                + " (SELECT COUNT(*) FROM series x WHERE x.study_instance_uid = st.study_instance_uid),"
                + " (SELECT COUNT(*) FROM instance w JOIN series x ON x.series_instance_uid = w.series_instance_uid"
                + " WHERE x.study_instance_uid = st.study_instance_uid)"
                + " FROM " + FindQuery.from(QueryLevel.STUDY) + " ORDER BY st.study_date DESC, st.study_time DESC, st.study_instance_uid");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String uid = rs.getString(1);
                studies.add(new StudyRecord(uid, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), List.copyOf(modalities.getOrDefault(uid, List.of())),
                        rs.getInt(9), rs.getInt(10)));
            }
        }
        return studies;
    }

    /** The series of a study. */
    static List<SeriesRecord> series(Connection c, String studyInstanceUid) throws SQLException {
        List<SeriesRecord> series = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT series_instance_uid, study_instance_uid, modality,"
                + " series_number, series_description, body_part_examined,"
                + " (SELECT COUNT(*) FROM instance w WHERE w.series_instance_uid = se.series_instance_uid)"
                + " FROM series se WHERE study_instance_uid = ?")) {
            ps.setString(1, studyInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    series.add(new SeriesRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7)));
                }
            }
        }
        series.sort(java.util.Comparator.comparing((SeriesRecord s) -> number(s.seriesNumber()))
                .thenComparing(SeriesRecord::seriesInstanceUid));
        return series;
    }

    /** The instances of a series, by instance number. */
    static List<InstanceRecord> instances(Connection c, String seriesInstanceUid, Path root) throws SQLException {
        List<InstanceRecord> instances = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INSTANCE_COLUMNS + " FROM " + FindQuery.from(QueryLevel.IMAGE)
                + " WHERE i.series_instance_uid = ?")) {
            ps.setString(1, seriesInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    instances.add(instance(rs, root));
                }
            }
        }
        instances.sort(java.util.Comparator.comparing((InstanceRecord i) -> number(i.instanceNumber()))
                .thenComparing(InstanceRecord::sopInstanceUid));
        return instances;
    }

    /** One instance by its SOP Instance UID, or null. */
    static InstanceRecord instance(Connection c, String sopInstanceUid, Path root) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INSTANCE_COLUMNS + " FROM " + FindQuery.from(QueryLevel.IMAGE)
                + " WHERE i.sop_instance_uid = ?")) {
            ps.setString(1, sopInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? instance(rs, root) : null;
            }
        }
    }

    /** An instance from a row whose columns are those of {@link #INSTANCE_COLUMNS}. */
    static InstanceRecord instance(ResultSet rs, Path root) throws SQLException {
        return new InstanceRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), root.resolve(rs.getString(7)), rs.getLong(8));
    }

    /** IS values sort as numbers; what is not a number sorts last. */
    private static long number(String is) {
        try {
            return Long.parseLong(is);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
