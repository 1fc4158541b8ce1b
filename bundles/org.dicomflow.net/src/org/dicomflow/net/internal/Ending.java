package org.dicomflow.net.internal;

import java.io.IOException;

/**
 * How an association ended: the kind decides which listener method is called, {@code reason} is
 * the text for logs and {@code failure} what blocked callers get thrown.
 */
public record Ending(Kind kind, String reason, IOException failure) {
    public enum Kind { RELEASED, REJECTED, ABORTED }
}
