package org.dicomflow.net;

/**
 * Observes associations of a {@link DicomServer}. Called in order on one thread of that server
 * (never a network or timer thread); a slow listener delays the events after it, not the network.
 * Exceptions thrown here are swallowed so a faulty observer cannot disturb the server.
 * Each association ends with exactly one of closed, rejected or aborted.
 */
public interface AssociationListener {
    default void opened(AssociationEvent event) {
    }

    /** Ended by an orderly release. */
    default void closed(AssociationEvent event) {
    }

    /** We answered A-ASSOCIATE-RJ. */
    default void rejected(AssociationEvent event) {
    }

    /** Ended any other way: A-ABORT either side, timeout, protocol error, connection lost. */
    default void aborted(AssociationEvent event) {
    }
}
