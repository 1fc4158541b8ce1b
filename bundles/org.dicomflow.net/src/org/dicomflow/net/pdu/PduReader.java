package org.dicomflow.net.pdu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads whole PDUs from a stream. The length field is checked against the limits before any
 * buffer is allocated, and the buffer grows only as bytes arrive, so a peer cannot make us
 * allocate what it never sends.
 */
public final class PduReader {
    /**
     * Limit for PDUs other than P-DATA-TF. Association PDUs with 128 contexts and a JWT user
     * identity stay far below it; anything bigger is hostile or broken.
     */
    public static final int MAX_CONTROL_PDU_LENGTH = 1 << 20;

    /** First allocation for a PDU body; it doubles while more bytes arrive, up to the declared length. */
    static final int INITIAL_BODY_BUFFER = 8 * 1024;

    /** The largest body buffer kept from one PDU to the next: our default maximum P-DATA length. */
    static final int REUSED_BODY_LIMIT = 64 * 1024;

    private final InputStream in;
    private final long maxPDataLength;
    /**
     * The body buffer, reused from PDU to PDU (decoding copies out what it keeps). It grows only as bytes
     * arrive, so it is never larger than the largest PDU the peer really sent.
     */
    private byte[] body = new byte[INITIAL_BODY_BUFFER];

    /** @param maxPDataLength our maximum receive PDU length (length of the P-DATA-TF variable field) */
    public PduReader(InputStream in, long maxPDataLength) {
        this.in = in;
        this.maxPDataLength = maxPDataLength;
    }

    /**
     * Next PDU, or {@code null} when the stream ends cleanly between PDUs.
     *
     * @throws PduFormatException unknown type, length over the limit, malformed body
     * @throws EOFException the stream ended inside a PDU
     */
    public Pdu read() throws IOException {
        byte[] header = new byte[PduCodec.HEADER_LENGTH];
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        readFully(header, 1, header.length - 1, "PDU header");
        int type = first & 0xFF;
        long length = PduCodec.getU32(header, 2);
        if (type < Pdu.TYPE_ASSOCIATE_RQ || type > Pdu.TYPE_ABORT) {
            throw new PduFormatException(String.format("unrecognized PDU type 0x%02X", type),
                    AAbort.REASON_UNRECOGNIZED_PDU);
        }
        long limit = type == Pdu.TYPE_P_DATA_TF ? maxPDataLength : MAX_CONTROL_PDU_LENGTH;
        if (length > limit) {
            throw PduCodec.invalid("PDU length " + length + " exceeds our limit of " + limit);
        }
        if (length == 0) {
            throw PduCodec.invalid(String.format("PDU type 0x%02X with length 0", type));
        }
        readBody((int) length, type);
        try {
            return PduCodec.decode(type, body, 0, (int) length);
        } finally {
            if (body.length > REUSED_BODY_LIMIT) {
                // a rare large PDU (an A-ASSOCIATE with many contexts, a peer's big P-DATA) is not kept for the
                // association's life
                body = new byte[INITIAL_BODY_BUFFER];
            }
        }
    }

    /**
     * Reads {@code length} bytes into {@link #body}, growing it as they arrive, so a peer that announces a
     * large PDU and sends little costs us little.
     */
    private void readBody(int length, int type) throws IOException {
        byte[] b = body;
        int done = 0;
        while (done < length) {
            if (done == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(length, 2L * b.length));
                body = b;
            }
            int n = in.read(b, done, Math.min(length, b.length) - done);
            if (n < 0) {
                throw new EOFException("connection closed after " + done + " of " + length + " bytes of PDU type 0x"
                        + Integer.toHexString(type).toUpperCase(java.util.Locale.ROOT));
            }
            done += n;
        }
    }

    private void readFully(byte[] b, int off, int len, String what) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException("connection closed after " + done + " of " + len + " bytes of " + what);
            }
            done += n;
        }
    }
}
