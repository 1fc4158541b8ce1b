package org.dicomflow.node;

import java.util.function.Consumer;

/**
 * The DICOM node running in this process (an OSGi service while it is configured). It answers
 * C-ECHO and, as bundles register more service handlers, other DIMSE services.
 */
public interface LocalNode {

    NodeStatus status();

    /** Called with the new status whenever it changes (from any thread); returns a handle that removes it. */
    AutoCloseable onStatusChange(Consumer<NodeStatus> listener);
}
