package org.dicomflow.net.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.dicomflow.net.pdu.Pdu;
import org.dicomflow.net.pdu.PduCodec;
import org.dicomflow.net.pdu.PresentationDataValue;

/**
 * Serializes writes to one socket: a DIMSE message goes out as a whole (its fragments are never
 * interleaved with another message), control PDUs go between messages.
 */
final class PduWriter {
    /**
     * Largest P-DATA-TF we send when the peer announces 0 (unlimited) or something huge: bigger
     * PDUs gain nothing measurable and some implementations mishandle them.
     */
    static final long SEND_CAP = 1 << 20;

    private final OutputStream out;

    PduWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 16 * 1024);
    }

    synchronized void write(Pdu pdu) throws IOException {
        out.write(PduCodec.encode(pdu));
        out.flush();
    }

    /** Sends command and optional data set, fragmented so no P-DATA-TF exceeds {@code peerMaxPduLength}. */
    synchronized void writeMessage(int contextId, byte[] command, byte[] dataSet, long peerMaxPduLength)
            throws IOException {
        long max = peerMaxPduLength == 0 || peerMaxPduLength > SEND_CAP ? SEND_CAP : peerMaxPduLength;
        // a peer announcing less than a PDV header plus one byte cannot be served within its
        // limit; we send one byte per PDU rather than refusing to talk
        int fragment = (int) Math.max(1, max - PresentationDataValue.HEADER_LENGTH);
        writeFragments(contextId, true, command, fragment);
        if (dataSet != null) {
            writeFragments(contextId, false, dataSet, fragment);
        }
        out.flush();
    }

    private void writeFragments(int contextId, boolean command, byte[] data, int fragment) throws IOException {
        int off = 0;
        do {
            int len = Math.min(fragment, data.length - off);
            boolean last = off + len == data.length;
            PduCodec.writePData(out, contextId, command, last, data, off, len);
            off += len;
        } while (off < data.length);
    }
}
