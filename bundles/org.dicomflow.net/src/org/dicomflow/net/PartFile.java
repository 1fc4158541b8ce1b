package org.dicomflow.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.WriteOptions;

/**
 * The temporary file an incoming C-STORE object is received into: a Part 10 file (preamble and meta
 * information built from the request, then the data set bytes as they arrive). Once complete it is forced
 * to disk and renamed into place atomically, so a reader never sees a partial object; otherwise it is
 * deleted. Shared by {@link DirectoryStorage} and the archive, which both answer success only after
 * {@link #force()} and {@link #moveTo(Path)} returned.
 */
public final class PartFile {
    /**
     * Bytes gathered before a write to the file: peers send data in PDUs of 16 KiB or less, and one system
     * call per PDU cost more than copying it once.
     */
    static final int WRITE_BUFFER = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer pending = ByteBuffer.allocate(WRITE_BUFFER);
    /** Bytes written to the channel so far; none when a small object is still all in {@link #pending}. */
    private long flushed;
    /** After {@link #force()}: the whole file when it fitted in {@link #pending}, else null. */
    private ByteBuffer content;

    private PartFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates (or truncates) {@code path} and writes the preamble and the file meta information for
     * {@code request}: its SOP class and instance, its transfer syntax, the calling AE as Source AE Title.
     */
    public static PartFile create(Path path, StoreRequest request) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        PartFile part = new PartFile(path, ch);
        try {
            part.writeFileMeta(request);
        } catch (IOException | RuntimeException e) {
            part.discard();
            throw e;
        }
        return part;
    }

    private void writeFileMeta(StoreRequest request) throws IOException {
        DataSet ids = new DataSet(2);
        ids.setString(Tag.SOPClassUID, VR.UI, request.sopClassUid());
        ids.setString(Tag.SOPInstanceUID, VR.UI, request.sopInstanceUid());
        DataSet extra = new DataSet(1);
        if (request.callingAeTitle() != null && !request.callingAeTitle().isEmpty()) {
            extra.setString(Tag.SourceApplicationEntityTitle, VR.AE, request.callingAeTitle());
        }
        // built in memory and written with the data set's first bytes: the writer emits each element in several
        // small pieces
        ByteArrayOutputStream meta = new ByteArrayOutputStream(512);
        meta.write(new byte[128]);
        meta.write(new byte[] { 'D', 'I', 'C', 'M' });
        new DicomWriter(meta, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULT)
                .writeFileMeta(DicomWriter.fileMeta(ids, TransferSyntax.of(request.transferSyntaxUid()), extra));
        byte[] bytes = meta.toByteArray();
        write(bytes, 0, bytes.length);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    public Path path() {
        return path;
    }

    /** Data set bytes in the order received. */
    public void write(byte[] buf, int off, int len) throws IOException {
        if (len > pending.remaining()) {
            flush();
        }
        if (len >= pending.capacity()) {
            flushed += len;
            writeFully(channel, ByteBuffer.wrap(buf, off, len));
        } else {
            pending.put(buf, off, len);
        }
    }

    private void flush() throws IOException {
        pending.flip();
        flushed += pending.remaining();
        writeFully(channel, pending);
        pending.clear();
    }

    /** Forces the content to the device and closes the file; it stays at {@link #path()} to be read or moved. */
    public void force() throws IOException {
        int whole = flushed == 0 ? pending.position() : -1;
        flush();
        if (whole >= 0) {
            // handed out as it is: nothing writes to the buffer once the file is forced
            content = ByteBuffer.wrap(pending.array(), 0, whole);
        }
        channel.force(true);
        channel.close();
    }

    /**
     * After {@link #force()}: the file's whole content if it was small enough to stay in memory until then (one
     * write buffer), else null; backed by an array. Reading a small object back from here spares opening and
     * reading the file.
     */
    public ByteBuffer content() {
        return content == null ? null : content.duplicate();
    }

    /**
     * Renames the forced file to {@code target} atomically, replacing a file there, then forces the
     * target's directory so the rename itself survives a crash.
     */
    public void moveTo(Path target) throws IOException {
        renameTo(target);
        forceDirectory(target.getParent());
    }

    /**
     * Renames the forced file to {@code target} atomically, replacing a file there, without forcing the folder:
     * for a caller that forces it once after many renames ({@link #forceDirectory}).
     */
    public void renameTo(Path target) throws IOException {
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes and deletes the file if it is still there; never throws. */
    public void discard() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the name ends in .part, so it is never taken for an instance and is cleaned up later
        }
    }

    /**
     * Makes entries created, renamed or deleted in {@code directory} durable; best effort, since not
     * every file system lets a directory be opened.
     */
    public static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
