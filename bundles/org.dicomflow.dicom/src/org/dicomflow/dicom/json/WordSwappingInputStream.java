package org.dicomflow.dicom.json;

import java.io.IOException;
import java.io.InputStream;

import org.dicomflow.dicom.BinaryValues;

/**
 * Reverses the byte order of each {@code unit}-byte word of a stream (big endian value left in an Explicit VR
 * Big Endian file, to little endian for InlineBinary) without loading the value. A trailing partial word, which
 * a well-formed value does not have, passes unchanged.
 */
final class WordSwappingInputStream extends InputStream {

    private final InputStream in;
    private final int unit;
    private final byte[] buf;
    private int pos;
    private int len;

    WordSwappingInputStream(InputStream in, int unit) {
        this.in = in;
        this.unit = unit;
        this.buf = new byte[unit * 4096];
    }

    @Override
    public int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        if (pos == len && !fill()) {
            return -1;
        }
        int k = Math.min(n, len - pos);
        System.arraycopy(buf, pos, b, off, k);
        pos += k;
        return k;
    }

    private boolean fill() throws IOException {
        len = in.readNBytes(buf, 0, buf.length);
        pos = 0;
        BinaryValues.swap(buf, 0, len, unit);
        return len > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
