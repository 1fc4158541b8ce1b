package org.dicomflow.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomflow.dicom.UID;

/**
 * Stores each received object as {@code <dir>/<SOPInstanceUID>.dcm}, a Part 10 file whose data set is
 * the bytes as received. The file is written as {@code <dir>/.<uid>.part} ({@link PartFile}), forced to
 * disk and renamed into place atomically before success is answered: an instance is either complete or
 * absent. A later object with the same UID replaces the earlier one.
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
        PartFile part = PartFile.create(directory.resolve("." + iuid + ".part"), request);
        Path target = directory.resolve(iuid + ".dcm");
        return new StoreTarget() {
            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                part.write(buf, off, len);
            }

            @Override
            public DimseStatus commit() throws IOException {
                try {
                    part.force();
                    part.moveTo(target);
                } catch (IOException e) {
                    part.discard();
                    throw e;
                }
                return DimseStatus.SUCCESS;
            }

            @Override
            public void discard() {
                part.discard();
            }
        };
    }
}
