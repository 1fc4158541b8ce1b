package org.dicomflow.net.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Iterates what pending DIMSE responses deliver (C-FIND matches, C-MOVE/C-GET progress): {@code advance} waits until
 * the next item is there (false after the final response), {@code take} hands it over. Network failures surface as
 * {@link UncheckedIOException}, as an {@link Iterator} cannot throw checked exceptions.
 */
final class ResponseIterator<T> implements Iterator<T> {

    /** Waits for the next item; false when there will be none. */
    interface Advance {
        boolean next() throws IOException;
    }

    private final Advance advance;
    private final Supplier<T> take;

    ResponseIterator(Advance advance, Supplier<T> take) {
        this.advance = advance;
        this.take = take;
    }

    @Override
    public boolean hasNext() {
        try {
            return advance.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return take.get();
    }
}
