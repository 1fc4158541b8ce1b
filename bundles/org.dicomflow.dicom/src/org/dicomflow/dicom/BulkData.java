package org.dicomflow.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A value left in its file: where it is and how long it is, so pixel data of a multi-gigabyte object is
 * only read when somebody asks for it. {@code bigEndian} tells the byte order of the stored value.
 */
public record BulkData(Path file, long offset, long length, boolean bigEndian) {

    public BulkData {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + "/" + length);
        }
    }

    /** A stream over exactly the value's bytes. */
    public InputStream open() throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(offset);
        InputStream in = Channels.newInputStream(ch);
        return new InputStream() {
            long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Reads the value into memory; refuses values a Java array cannot hold. */
    public byte[] load() throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("value of " + length + " bytes is too large to load; stream it with open()");
        }
        byte[] b = new byte[(int) length];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new IOException(file + " ends before the " + length + " bytes at offset " + offset);
                }
                pos += n;
            }
        }
        return b;
    }
}
