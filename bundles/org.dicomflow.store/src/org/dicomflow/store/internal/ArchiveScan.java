package org.dicomflow.store.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.store.ScanListener;
import org.dicomflow.store.ScanResult;

/**
 * Brings the index in line with the files: removes {@code .part} leftovers of a crash, indexes
 * {@code .dcm} files the index lacks or holds with another size or time, and drops rows whose file is
 * gone. Run when the archive opens (so what a crash took from the index comes back) and, on an emptied
 * index, as the reindex. Files that cannot be indexed are reported and left alone. The reindex of a running
 * archive leaves {@code .part} files: they are objects being received, the leftovers went when it opened.
 */
final class ArchiveScan {
    private final ArchiveLayout layout;
    private final IndexDatabase index;
    private final ScanListener listener;
    private final boolean removeLeftovers;
    private int indexed;
    private int skipped;
    private int removed;

    private ArchiveScan(ArchiveLayout layout, IndexDatabase index, ScanListener listener, boolean removeLeftovers) {
        this.layout = layout;
        this.index = index;
        this.listener = listener;
        this.removeLeftovers = removeLeftovers;
    }

    /**
     * The scan of an archive nothing is being stored into: being opened, or reindexed by a process that has it to
     * itself ({@code dicomflow reindex}).
     */
    static ArchiveScan alone(ArchiveLayout layout, IndexDatabase index, ScanListener listener) {
        return new ArchiveScan(layout, index, listener, true);
    }

    /** The scan of a reindex of a running archive, while objects may be arriving. */
    static ArchiveScan whileReceiving(ArchiveLayout layout, IndexDatabase index, ScanListener listener) {
        return new ArchiveScan(layout, index, listener, false);
    }

    ScanResult run() throws IOException {
        Path control = layout.root().resolve(ArchiveLayout.CONTROL_DIRECTORY);
        if (removeLeftovers) {
            Files.walkFileTree(layout.incoming(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    removeLeftover(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        Files.walkFileTree(layout.root(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(control) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (name.endsWith(ArchiveLayout.PART_SUFFIX)) {
                    if (removeLeftovers) {
                        removeLeftover(file);
                    }
                } else if (name.endsWith(ArchiveLayout.INSTANCE_SUFFIX) && attrs.isRegularFile()) {
                    check(file, attrs);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                skip(file, "cannot be read: " + e);
                return FileVisitResult.CONTINUE;
            }
        });
        dropRowsOfMissingFiles();
        return new ScanResult(indexed, skipped, removed);
    }

    private void removeLeftover(Path part) {
        try {
            Files.deleteIfExists(part);
            removed++;
            listener.removed(part);
        } catch (IOException e) {
            skip(part, "leftover that cannot be deleted: " + e);
        }
    }

    /** Indexes the file unless the index already has it as it is. */
    private void check(Path file, BasicFileAttributes attrs) {
        String path = layout.relative(file);
        try {
            IndexUpdates.FileRow row = index.read(c -> IndexUpdates.rowOf(c, path));
            if (row != null && row.size() == attrs.size() && row.modified() == attrs.lastModifiedTime().toMillis()) {
                return;
            }
            IndexedInstance instance = IndexedInstance.read(file);
            String problem = instance.problem();
            if (problem != null) {
                skip(file, problem);
                return;
            }
            if (path.length() > IndexedAttribute.MAX_TEXT) {
                skip(file, "path longer than " + IndexedAttribute.MAX_TEXT + " characters");
                return;
            }
            // two files of one UID: a crash between storing a replacement under other study or series UIDs and
            // deleting the copy it replaced leaves both; the later file is the one the sender was answered for.
            // The scan runs alone (at open, or under the reindex's exclusive lock), so reading then writing is safe.
            String earlier = index.read(c -> IndexUpdates.pathOf(c, instance.sopInstanceUid()));
            Path earlierFile = earlier == null || earlier.equals(path) ? null : layout.resolve(earlier);
            if (earlierFile != null && Files.exists(earlierFile)) {
                if (Files.getLastModifiedTime(earlierFile).toMillis() >= attrs.lastModifiedTime().toMillis()) {
                    skip(file, "SOP Instance UID " + instance.sopInstanceUid() + " is already indexed as " + earlier
                            + ", a copy at least as new");
                    return;
                }
                skip(earlierFile, "an older copy of SOP Instance UID " + instance.sopInstanceUid()
                        + "; the index now names " + path);
            }
            index.write(c -> {
                IndexUpdates.put(c, instance, path);
                return null;
            });
            indexed++;
            listener.indexed(file);
        } catch (IOException | RuntimeException e) {
            skip(file, String.valueOf(e.getMessage()));
        }
    }

    private void dropRowsOfMissingFiles() throws IOException {
        List<IndexUpdates.FileRow> missing = index.read(c -> {
            List<IndexUpdates.FileRow> rows = new ArrayList<>();
            IndexUpdates.forEachFile(c, row -> {
                if (!Files.isRegularFile(layout.root().resolve(row.path()))) {
                    rows.add(row);
                }
            });
            return rows;
        });
        for (IndexUpdates.FileRow row : missing) {
            index.write(c -> {
                IndexUpdates.remove(c, row.sopInstanceUid());
                return null;
            });
            removed++;
            listener.removed(layout.root().resolve(row.path()));
        }
    }

    private void skip(Path file, String reason) {
        skipped++;
        listener.skipped(file, reason);
    }
}
