package org.dicomflow.net;

import java.io.IOException;

import org.dicomflow.net.pdu.AAssociateRj;

/** The peer answered with A-ASSOCIATE-RJ; the message reads e.g. "association rejected (permanent) by service user: called AE title not recognized [...]". */
public class AssociationRejectedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient AAssociateRj reject;

    public AssociationRejectedException(AAssociateRj reject) {
        super(reject.describe());
        this.reject = reject;
    }

    public int result() {
        return reject.result();
    }

    public int source() {
        return reject.source();
    }

    public int reason() {
        return reject.reason();
    }

    public AAssociateRj reject() {
        return reject;
    }
}
