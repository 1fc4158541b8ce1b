package org.dicomflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomflow.node.NodeConfigurationFile;
import org.dicomflow.store.Archive;
import org.dicomflow.store.ScanListener;
import org.dicomflow.store.ScanResult;

/**
 * The archive a command works on: {@code --dir} when given, else the node's ({@code archiveRoot} of
 * etc/org.dicomflow.node.cfg, by default archive/ in the instance folder), so {@code dicomflow ls} shows
 * what {@code dicomflow node} stored.
 */
final class ArchiveLocation {
    private ArchiveLocation() {
    }

    /**
     * The archive folder, which must exist (opening would create an empty archive there).
     *
     * @throws IOException naming the folder when there is none
     */
    static Path existing(String dirOption) throws IOException {
        Path root = dirOption != null ? Path.of(dirOption).toAbsolutePath()
                : NodeConfigurationFile.load().archivePath().toAbsolutePath();
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": no such folder");
        }
        return root;
    }

    /** Opens the archive with the node's duplicate policy. */
    static Archive open(Path root, ScanListener scan) throws IOException {
        try {
            return Archive.open(root, NodeConfigurationFile.load().duplicatePolicy(), scan);
        } catch (IOException e) {
            throw explained(root, e);
        }
    }

    /** Rebuilds the archive's index (see {@link Archive#rebuildIndex}). */
    static ScanResult rebuildIndex(Path root, ScanListener progress) throws IOException {
        try {
            return Archive.rebuildIndex(root, progress);
        } catch (IOException e) {
            throw explained(root, e);
        }
    }

    /** An archive a running node holds cannot be opened (its index is locked): say so. */
    private static IOException explained(Path root, IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("already in use") || m.contains("locked")) {
            return new IOException("the archive " + root + " is in use by a running node; stop it first, or query"
                    + " the node with 'dicomflow find -c AET@host:port'", e);
        }
        return e;
    }
}
