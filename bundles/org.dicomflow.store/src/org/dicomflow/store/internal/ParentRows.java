package org.dicomflow.store.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The patient, study and series rows as the index writer last wrote them. Instances arrive series by
 * series, so the next instance nearly always carries the same parent values: when they equal what was last
 * written for the same key, the row already holds them and its update is skipped. Only valid while nothing
 * else changed the tables: {@link IndexDatabase} forgets it before any other write and after any failure.
 */
final class ParentRows {
    private record Written(String key, Object[] values) {
    }

    private final Map<QueryLevel, Written> last = new EnumMap<>(QueryLevel.class);

    /** Whether the row of {@code level} with {@code key} was last written with exactly {@code values}. */
    boolean holds(QueryLevel level, String key, Object[] values) {
        Written w = last.get(level);
        return w != null && w.key.equals(key) && Arrays.equals(w.values, values);
    }

    /** Records that the row of {@code level} with {@code key} now holds {@code values}. */
    void wrote(QueryLevel level, String key, Object[] values) {
        last.put(level, new Written(key, values));
    }

    void forget() {
        last.clear();
    }
}
