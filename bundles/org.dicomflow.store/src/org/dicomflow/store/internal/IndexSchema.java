package org.dicomflow.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The index tables, in plain SQL (no vendor types or functions) so that the same schema can move to
 * PostgreSQL when several nodes share one archive. Text columns hold decoded values, '' when absent
 * (so that wildcard '*' matches them and unique keys never involve NULL); dates and times are text in
 * DICOM form, which orders correctly as text.
 */
final class IndexSchema {
    /** Raise when the tables change: an index of another version is dropped and rebuilt from the files. */
    static final int VERSION = 1;

    private static final String TEXT = "VARCHAR(" + IndexedAttribute.MAX_TEXT + ") NOT NULL";
    private static final String UID = "VARCHAR(64) NOT NULL";
    /** Patient ID and issuer, or the name of a patient without an ID (see IndexedInstance.key). */
    private static final String PATIENT_KEY = "VARCHAR(" + (2 * IndexedAttribute.MAX_TEXT + 1) + ") NOT NULL";

    private static final List<String> CREATE = List.of(
            "CREATE TABLE index_info (schema_version INTEGER NOT NULL)",
            "INSERT INTO index_info (schema_version) VALUES (" + VERSION + ")",
            "CREATE TABLE patient ("
                    + "patient_key " + PATIENT_KEY + " PRIMARY KEY, "
                    + "patient_id " + TEXT + ", "
                    + "issuer_of_patient_id " + TEXT + ", "
                    + "patient_name " + TEXT + ", "
                    + "patient_birth_date " + TEXT + ", "
                    + "patient_sex " + TEXT + ")",
            "CREATE TABLE study ("
                    + "study_instance_uid " + UID + " PRIMARY KEY, "
                    + "patient_key " + PATIENT_KEY + " REFERENCES patient (patient_key), "
                    + "study_date " + TEXT + ", "
                    + "study_time " + TEXT + ", "
                    + "accession_number " + TEXT + ", "
                    + "referring_physician_name " + TEXT + ", "
                    + "study_description " + TEXT + ", "
                    + "study_id " + TEXT + ")",
            "CREATE TABLE series ("
                    + "series_instance_uid " + UID + " PRIMARY KEY, "
                    + "study_instance_uid " + UID + " REFERENCES study (study_instance_uid), "
                    + "modality " + TEXT + ", "
                    + "series_number " + TEXT + ", "
                    + "series_description " + TEXT + ", "
                    + "body_part_examined " + TEXT + ")",
            "CREATE TABLE instance ("
                    + "sop_instance_uid " + UID + " PRIMARY KEY, "
                    + "series_instance_uid " + UID + " REFERENCES series (series_instance_uid), "
                    + "sop_class_uid " + UID + ", "
                    + "instance_number " + TEXT + ", "
                    + "transfer_syntax_uid " + UID + ", "
                    + "file_path " + TEXT + " UNIQUE, "
                    + "file_size BIGINT NOT NULL, "
                    + "file_modified BIGINT NOT NULL)",
            "CREATE INDEX patient_id_index ON patient (patient_id)",
            "CREATE INDEX patient_name_index ON patient (patient_name)",
            "CREATE INDEX study_patient_index ON study (patient_key)",
            "CREATE INDEX study_date_index ON study (study_date)",
            "CREATE INDEX study_accession_index ON study (accession_number)",
            "CREATE INDEX series_study_index ON series (study_instance_uid)",
            "CREATE INDEX series_modality_index ON series (modality)",
            "CREATE INDEX instance_series_index ON instance (series_instance_uid)");

    private static final List<String> DROP = List.of("DROP TABLE IF EXISTS instance", "DROP TABLE IF EXISTS series",
            "DROP TABLE IF EXISTS study", "DROP TABLE IF EXISTS patient", "DROP TABLE IF EXISTS index_info");

    private IndexSchema() {
    }

    /** Creates the tables if there are none; drops and recreates them if they are of another version. */
    static void ensure(Connection c) throws SQLException {
        Integer version = version(c);
        if (version == null || version != VERSION) {
            recreate(c);
        }
    }

    /** Drops every table and creates them empty. */
    static void recreate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : DROP) {
                s.executeUpdate(sql);
            }
            for (String sql : CREATE) {
                s.executeUpdate(sql);
            }
        }
    }

    /** The schema version of the tables, or null if there are none. */
    private static Integer version(Connection c) throws SQLException {
        // ask the catalog rather than catch a failing SELECT: a failed statement would end a PostgreSQL transaction
        try (ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] { "TABLE" })) {
            boolean found = false;
            while (tables.next()) {
                found |= "index_info".equalsIgnoreCase(tables.getString("TABLE_NAME"));
            }
            if (!found) {
                return null;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT schema_version FROM index_info")) {
            return rs.next() ? rs.getInt(1) : null;
        }
    }
}
