package org.dicomflow.anonymizer;

import java.util.Set;

import org.dicomflow.dicom.DataSet;

/**
 * A way of de-identifying a data set, registered as an OSGi service (the whiteboard): the built-in PS3.15
 * Annex E profile is one, a site adds its own by installing a bundle that registers another. Consumers bind
 * every registered anonymizer dynamically and let the user pick one by {@link #id()}.
 *
 * <p>Implementations change the data set in place and must leave {@link org.dicomflow.dicom.BulkData} and
 * {@link org.dicomflow.dicom.Fragments} values of Pixel Data as they are, so a file can be anonymized without
 * its pixel data ever being loaded. They must be thread-safe: one instance serves every file of a batch.
 */
public interface Anonymizer {

    /** A stable identifier for command lines and configurations, e.g. "annex-e". */
    String id();

    /** A short name for a person choosing among anonymizers. */
    String displayName();

    /** What this anonymizer does, in a sentence or two. */
    String description();

    /** The profile options this anonymizer honours; others in a context are refused by {@link #anonymize}. */
    Set<ProfileOption> supportedOptions();

    /**
     * De-identifies {@code dataSet} (a top-level data set without file meta information) in place.
     *
     * @throws IllegalArgumentException when the context asks for an option this anonymizer does not support
     */
    void anonymize(DataSet dataSet, AnonymizationContext context);
}
