package org.dicomflow.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.dicomflow.node.NodeConfigurationFile;
import org.dicomflow.store.Archive;
import org.dicomflow.store.ScanListener;

/**
 * The archive a command works on: {@code --dir} when given, else the node's ({@code archiveRoot} of
 * etc/org.dicomflow.node.cfg, by default archive/ in the instance folder), so {@code dicomflow ls} shows
 * what {@code dicomflow node} stored.
 */
final class ArchiveLocation {
    private ArchiveLocation() {
    }

    static Path resolve(String dirOption) throws IOException {
        if (dirOption != null) {
            return Path.of(dirOption).toAbsolutePath();
        }
        return NodeConfigurationFile.load().archivePath().toAbsolutePath();
    }

    /**
     * Opens the archive with the node's duplicate policy. An archive a running node holds cannot be opened
     * (its index is locked): the message says so.
     */
    static Archive open(Path root, ScanListener scan) throws IOException {
        try {
            return Archive.open(root, NodeConfigurationFile.load().duplicatePolicy(), scan);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("already in use") || m.contains("locked")) {
                throw new IOException("the archive " + root + " is in use by a running node; stop it first, or query"
                        + " the node with 'dicomflow find -c AET@host:port'", e);
            }
            throw e;
        }
    }
}
