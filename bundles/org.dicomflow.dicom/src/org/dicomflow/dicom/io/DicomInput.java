package org.dicomflow.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input that knows its position and, for files, how many bytes are left, so that every length
 * read from the data can be checked before anything is allocated. Supports peeking a few bytes ahead.
 */
final class DicomInput {

    private static final int BUFFER = 16 * 1024;

    private InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long consumed; // bytes handed out before buf[0]
    private long size; // total length of the source, or -1 if unknown

    DicomInput(InputStream in, long size) {
        this.in = in;
        this.size = size;
        // small files need no big buffer; 256 bytes at least so the preamble and "DICM" can be peeked
        this.buf = new byte[size < 0 ? BUFFER : (int) Math.max(256, Math.min(BUFFER, size))];
    }

    long position() {
        return consumed + pos;
    }

    /** Bytes left, or -1 when the source's length is unknown (a stream, deflated data). */
    long remaining() {
        return size < 0 ? -1 : size - position();
    }

    /** The raw stream from the current position (buffered bytes first); for inflating the rest. */
    InputStream rest() {
        byte[] rest = java.util.Arrays.copyOfRange(buf, pos, limit);
        return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(rest), in);
    }

    /** Makes {@code n} (<= buffer size) bytes available; returns how many are (fewer only at the end). */
    private int fill(int n) throws IOException {
        if (limit - pos >= n) {
            return n;
        }
        if (n > buf.length) {
            throw new IllegalArgumentException("cannot look " + n + " bytes ahead with a buffer of " + buf.length);
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumed += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                break;
            }
            limit += r;
        }
        return Math.min(n, limit - pos);
    }

    /** Whether at least one more byte can be read. */
    boolean hasMore() throws IOException {
        return fill(1) > 0;
    }

    /** Peeks at byte {@code i} ahead (0-based) without consuming; -1 past the end. */
    int peek(int i) throws IOException {
        return fill(i + 1) > i ? buf[pos + i] & 0xFF : -1;
    }

    int u8() throws IOException {
        if (fill(1) < 1) {
            throw new EOFException();
        }
        return buf[pos++] & 0xFF;
    }

    int u16(boolean bigEndian) throws IOException {
        if (fill(2) < 2) {
            throw new EOFException();
        }
        int b0 = buf[pos] & 0xFF;
        int b1 = buf[pos + 1] & 0xFF;
        pos += 2;
        return bigEndian ? b0 << 8 | b1 : b1 << 8 | b0;
    }

    int i32(boolean bigEndian) throws IOException {
        if (fill(4) < 4) {
            throw new EOFException();
        }
        int b0 = buf[pos] & 0xFF;
        int b1 = buf[pos + 1] & 0xFF;
        int b2 = buf[pos + 2] & 0xFF;
        int b3 = buf[pos + 3] & 0xFF;
        pos += 4;
        return bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0;
    }

    void readFully(byte[] b, int off, int len) throws IOException {
        int avail = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, avail);
        pos += avail;
        off += avail;
        len -= avail;
        if (len > 0) {
            dropBuffer();
        }
        while (len > 0) {
            int r = in.read(b, off, len);
            if (r < 0) {
                throw new EOFException();
            }
            consumed += r;
            off += r;
            len -= r;
        }
    }

    /**
     * Reads {@code len} bytes into a new array. With an unknown remaining length the array grows as data
     * arrives, so a corrupt length in a truncated stream ends in EOF, not in a huge allocation.
     */
    byte[] readBytes(int len) throws IOException {
        if (size >= 0 || len <= BUFFER * 4) {
            byte[] b = new byte[len];
            readFully(b, 0, len);
            return b;
        }
        byte[] b = new byte[BUFFER * 4];
        int have = 0;
        while (have < len) {
            if (have == b.length) {
                b = java.util.Arrays.copyOf(b, (int) Math.min(len, (long) b.length * 2));
            }
            int n = Math.min(b.length - have, len - have);
            readFully(b, have, n);
            have += n;
        }
        return b;
    }

    /** The buffer is used up: reads that bypass it continue right after its end. */
    private void dropBuffer() {
        consumed += limit;
        pos = 0;
        limit = 0;
    }

    void skip(long n) throws IOException {
        long avail = Math.min(n, limit - pos);
        pos += (int) avail;
        n -= avail;
        if (n > 0) {
            dropBuffer();
        }
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                s = 1;
            }
            consumed += s;
            n -= s;
        }
    }
}
