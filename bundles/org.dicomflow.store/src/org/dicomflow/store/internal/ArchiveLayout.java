package org.dicomflow.store.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomflow.net.PartFile;

/**
 * Where things are in an archive: {@code <root>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm}
 * for instances, {@code <root>/.dicomflow/} for the index database and the files being received. Every UID
 * is checked before it becomes part of a path, and every path is checked to lie inside the root.
 */
public final class ArchiveLayout {
    /** The archive's own folder; never taken for a study. */
    public static final String CONTROL_DIRECTORY = ".dicomflow";
    public static final String INSTANCE_SUFFIX = ".dcm";
    public static final String PART_SUFFIX = ".part";

    private final Path root;

    /** Creates {@code root} and the control folders if needed. */
    public ArchiveLayout(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
        Files.createDirectories(incoming());
    }

    public Path root() {
        return root;
    }

    /** Where the index database lives (H2 adds {@code .mv.db}). */
    public Path indexDatabase() {
        return root.resolve(CONTROL_DIRECTORY).resolve("index");
    }

    /** Where objects are received before they are complete; on the same file system as the archive, for rename. */
    public Path incoming() {
        return root.resolve(CONTROL_DIRECTORY).resolve("incoming");
    }

    /**
     * A UID that can safely name a file or folder: digits and dots, no empty component, at most 64
     * characters. Looser than {@link org.dicomflow.dicom.UID#isValid} on purpose (leading zeros in a
     * component are wrong but harmless, and real files have them); strict where paths are concerned.
     */
    public static boolean isSafeUid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64 || uid.startsWith(".") || uid.endsWith(".")
                || uid.contains("..")) {
            return false;
        }
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The file of an instance.
     *
     * @throws IllegalArgumentException a UID is not {@linkplain #isSafeUid safe}
     */
    public Path instanceFile(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        for (String uid : new String[] { studyInstanceUid, seriesInstanceUid, sopInstanceUid }) {
            if (!isSafeUid(uid)) {
                throw new IllegalArgumentException("not a UID that can name a file: '" + uid + "'");
            }
        }
        return inside(root.resolve(studyInstanceUid).resolve(seriesInstanceUid).resolve(sopInstanceUid + INSTANCE_SUFFIX));
    }

    /** The path of {@code file} relative to the root, with '/' separators, as the index stores it. */
    public String relative(Path file) {
        Path rel = root.relativize(inside(file));
        StringBuilder sb = new StringBuilder();
        for (Path name : rel) {
            sb.append(sb.length() == 0 ? "" : "/").append(name);
        }
        return sb.toString();
    }

    /** The file at a path the index stored; never outside the root. */
    public Path resolve(String relativePath) {
        return inside(root.resolve(relativePath));
    }

    /** Checks the normalized path against the root: the last defence against a path leaving the archive. */
    private Path inside(Path p) {
        Path n = p.toAbsolutePath().normalize();
        if (!n.startsWith(root) || n.equals(root)) {
            throw new IllegalArgumentException(p + " is not inside the archive " + root);
        }
        return n;
    }

    /**
     * Creates {@code directory} and any missing parents, forcing each parent whose entries changed, so a
     * file renamed into it after a crash is still reachable.
     */
    public void createDirectories(Path directory) throws IOException {
        Path dir = inside(directory);
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (!parent.equals(root)) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException racedWithAnotherStore) {
            if (!Files.isDirectory(dir)) {
                throw racedWithAnotherStore;
            }
            // forced below all the same: the other store may not have forced the parent yet
        }
        PartFile.forceDirectory(parent);
    }

    /** Deletes an instance file and forces its folder; a file already gone is fine. */
    public void delete(Path file) throws IOException {
        Path f = inside(file);
        if (Files.deleteIfExists(f)) {
            PartFile.forceDirectory(f.getParent());
        }
    }
}
