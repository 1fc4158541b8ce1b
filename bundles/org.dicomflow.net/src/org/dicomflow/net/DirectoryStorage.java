package org.dicomflow.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.WriteOptions;

/**
 * Stores each received object as {@code <dir>/<SOPInstanceUID>.dcm}, a Part 10 file whose data set is
 * the bytes as received. The file is written as {@code <dir>/.<uid>.part}, forced to disk and renamed
 * into place atomically before success is answered: an instance is either complete or absent. A later
 * object with the same UID replaces the earlier one.
 */
public final class DirectoryStorage implements StorageHandler {
    private final Path directory;

    public DirectoryStorage(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory).toRealPath();
    }

    public Path directory() {
        return directory;
    }

    /** Where the object with this UID is stored; the UID must be valid (digits and dots). */
    public Path fileFor(String sopInstanceUid) {
        return directory.resolve(requireValid(sopInstanceUid) + ".dcm");
    }

    private static String requireValid(String uid) {
        if (uid == null || !UID.isValid(uid)) {
            throw new IllegalArgumentException("not a valid UID: " + uid);
        }
        return uid;
    }

    @Override
    public StoreTarget open(StoreRequest request) throws IOException {
        String iuid = request.sopInstanceUid();
        if (iuid == null || !UID.isValid(iuid)) {
            // checked before it touches a path: a UID like "../../x" must not name a file outside
            throw new DimseStatusException(DimseStatus.CANNOT_UNDERSTAND, "invalid SOP Instance UID");
        }
        Path part = directory.resolve("." + iuid + ".part");
        FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeFileMeta(ch, request);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            Files.deleteIfExists(part);
            throw e;
        }
        return new PartFile(ch, part, directory.resolve(iuid + ".dcm"));
    }

    private static void writeFileMeta(FileChannel ch, StoreRequest request) throws IOException {
        DataSet ids = new DataSet(2);
        ids.setString(Tag.SOPClassUID, VR.UI, request.sopClassUid());
        ids.setString(Tag.SOPInstanceUID, VR.UI, request.sopInstanceUid());
        DataSet extra = new DataSet(1);
        if (request.callingAeTitle() != null && !request.callingAeTitle().isEmpty()) {
            extra.setString(Tag.SourceApplicationEntityTitle, VR.AE, request.callingAeTitle());
        }
        OutputStream os = Channels.newOutputStream(ch); // not closed: that would close the channel
        os.write(new byte[128]);
        os.write(new byte[] { 'D', 'I', 'C', 'M' });
        new DicomWriter(os, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULT)
                .writeFileMeta(DicomWriter.fileMeta(ids, TransferSyntax.of(request.transferSyntaxUid()), extra));
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }

    /** One object being received into its .part file. */
    private final class PartFile implements StoreTarget {
        private final FileChannel channel;
        private final Path part;
        private final Path target;

        PartFile(FileChannel channel, Path part, Path target) {
            this.channel = channel;
            this.part = part;
            this.target = target;
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(buf, off, len);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        @Override
        public DimseStatus commit() throws IOException {
            try {
                channel.force(true);
                channel.close();
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                discard();
                throw e;
            }
            forceDirectory();
            return DimseStatus.SUCCESS;
        }

        /** Makes the rename itself durable; not every file system lets a directory be opened, which is fine. */
        private void forceDirectory() {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // best effort
            }
        }

        @Override
        public void discard() {
            closeQuietly(channel);
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // nothing else we can do; the name starts with a dot so it is never taken for an instance
            }
        }
    }
}
