package org.dicomflow.net.pdu;

/** Presentation context item of an A-ASSOCIATE-AC (item type 21H); {@code result} is the raw code. */
public record PresentationContextReply(int id, int result, String transferSyntax) {
    public boolean accepted() {
        return result == ContextResult.ACCEPTANCE.code();
    }
}
