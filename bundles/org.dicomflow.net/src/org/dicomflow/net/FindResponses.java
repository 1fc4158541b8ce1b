package org.dicomflow.net;

import java.io.IOException;
import java.util.Iterator;
import java.util.function.Function;

import org.dicomflow.dicom.DataSet;

/**
 * A C-FIND in progress: the matches (identifiers of the pending responses) in the order they arrive,
 * then the final status. Iterating blocks for the next response at most the DIMSE timeout; a timeout
 * or the end of the association surfaces as {@link java.io.UncheckedIOException}. Matches are held
 * in a bounded queue: a consumer that does not keep up slows the peer down instead of filling memory.
 * {@link #studies()}, {@link #patients()}, {@link #series()} and {@link #instances()} give the same matches
 * typed for the level queried; like {@link #iterator()}, only one of them can be iterated, once.
 */
public interface FindResponses extends Iterable<DataSet>, AutoCloseable {
    /** The matches still to come; can be iterated once. */
    @Override
    Iterator<DataSet> iterator();

    /** The matches of a STUDY-level query as {@link StudyResult}s. */
    default Iterable<StudyResult> studies() {
        return () -> typed(StudyResult::of);
    }

    /** The matches of a PATIENT-level query as {@link PatientResult}s. */
    default Iterable<PatientResult> patients() {
        return () -> typed(PatientResult::of);
    }

    /** The matches of a SERIES-level query as {@link SeriesResult}s. */
    default Iterable<SeriesResult> series() {
        return () -> typed(SeriesResult::of);
    }

    /** The matches of an IMAGE-level query as {@link InstanceResult}s. */
    default Iterable<InstanceResult> instances() {
        return () -> typed(InstanceResult::of);
    }

    private <T> Iterator<T> typed(Function<DataSet, T> view) {
        Iterator<DataSet> matches = iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return matches.hasNext();
            }

            @Override
            public T next() {
                return view.apply(matches.next());
            }
        };
    }

    /** Waits for the final response (matches not yet taken are dropped) and returns its status. */
    DimseStatus status() throws IOException;

    /** Error Comment of the final response, null if none (or not final yet). */
    String errorComment();

    /** Pending matches received so far. */
    int matches();

    /** Sends C-CANCEL-RQ (once); the peer then ends with status Cancel (FE00), or success if it was done. */
    void cancel() throws IOException;

    /** Cancels if not finished and drops whatever else arrives; never throws. */
    @Override
    void close();
}
