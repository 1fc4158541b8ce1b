package org.dicomflow.node;

import org.dicomflow.store.StoredInstance;

/**
 * Told about each instance the local node received, once it is durably stored (a query of the archive sees it). Register an
 * implementation as an OSGi service (any bundle, also one dropped into extensions/) and the node calls it;
 * hooks run one instance at a time on a thread of the node's, never on the association: a hook that is slow
 * or fails never affects storage or the sender.
 */
@FunctionalInterface
public interface ReceiveHook {
    /**
     * @param instance where the file is and what it is; the file must not be changed or removed
     * @throws Exception logged with the hook's name and the instance; the next instance is delivered as usual
     */
    void stored(StoredInstance instance) throws Exception;
}
