package org.dicomflow.net;

import org.dicomflow.net.pdu.ContextResult;

/** Outcome of one proposed presentation context; transferSyntax is meaningful only if accepted. */
public record NegotiatedContext(int id, String abstractSyntax, ContextResult result, String transferSyntax) {
    public boolean isAccepted() {
        return result == ContextResult.ACCEPTANCE;
    }
}
