package org.dicomflow.store.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The patient, study and series rows as the index writer last wrote them, for the most recently used keys of
 * each level. The next instance of a series nearly always carries the same parent values: when they equal what
 * was last written for the same key, the row already holds them and its update is skipped. Several keys are
 * kept because instances of several series arrive interleaved (parallel associations, a modality sending two
 * series at once). Only valid while nothing else changed the tables: {@link IndexDatabase} forgets it before
 * any other write and after any failure, and {@link IndexUpdates} when it deletes rows.
 */
final class ParentRows {
    /**
     * Per level: more than the series that arrive interleaved in practice (a sender dealing the instances of
     * hundreds of studies round-robin to several associations still hits), and a few megabytes at most.
     */
    private static final int KEYS_PER_LEVEL = 1024;

    private final Map<QueryLevel, LinkedHashMap<String, Object[]>> last = new EnumMap<>(QueryLevel.class);

    /** Whether the row of {@code level} with {@code key} was last written with exactly {@code values}. */
    boolean holds(QueryLevel level, String key, Object[] values) {
        LinkedHashMap<String, Object[]> rows = last.get(level);
        Object[] written = rows == null ? null : rows.get(key);
        return written != null && Arrays.equals(written, values);
    }

    /** Records that the row of {@code level} with {@code key} now holds {@code values}. */
    void wrote(QueryLevel level, String key, Object[] values) {
        last.computeIfAbsent(level, l -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object[]> eldest) {
                return size() > KEYS_PER_LEVEL;
            }
        }).put(key, values);
    }

    void forget() {
        last.clear();
    }
}
