package org.dicomflow.net.pdu;

import java.util.List;

/** Presentation context item of an A-ASSOCIATE-RQ (item type 20H). */
public record PresentationContextProposal(int id, String abstractSyntax, List<String> transferSyntaxes) {
    public PresentationContextProposal {
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }
}
