package org.dicomflow.store.internal;

/** The levels of the Q/R hierarchy, top down, with the index table holding each. */
public enum QueryLevel {
    PATIENT("patient", "p", "patient_key"),
    STUDY("study", "st", "study_instance_uid"),
    SERIES("series", "se", "series_instance_uid"),
    IMAGE("instance", "i", "sop_instance_uid");

    private final String table;
    private final String alias;
    private final String keyColumn;

    QueryLevel(String table, String alias, String keyColumn) {
        this.table = table;
        this.alias = alias;
        this.keyColumn = keyColumn;
    }

    public String table() {
        return table;
    }

    /** The table's alias in queries that join the levels. */
    public String alias() {
        return alias;
    }

    /**
     * The column identifying a row of this level's table; the table of the level below holds it too, as its
     * link to this level.
     */
    public String keyColumn() {
        return keyColumn;
    }

    /** The level above, or null for PATIENT. */
    public QueryLevel parent() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }

    /** Whether this level is {@code other} or above it. */
    public boolean isAtOrAbove(QueryLevel other) {
        return ordinal() <= other.ordinal();
    }

    /** The level named by a Query/Retrieve Level (0008,0052) value; null if it names none. */
    public static QueryLevel of(String value) {
        if (value == null) {
            return null;
        }
        for (QueryLevel l : values()) {
            if (l.name().equals(value.strip())) {
                return l;
            }
        }
        return null;
    }
}
