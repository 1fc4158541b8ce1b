package org.dicomflow.store.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The index database: H2 embedded, one file ({@code index.mv.db}) in the archive, reached through plain
 * JDBC.
 *
 * <p>Why H2: it is pure Java (sqlite-jdbc carries a native library per platform), it is an OSGi bundle
 * as published, the database is one file next to the data with no server to run, and its MVStore file
 * format is append-only and survives a crash without repair. H2 also locks the file, so only one process
 * at a time owns an archive. Connections come from {@code org.h2.Driver} directly: {@code DriverManager}
 * does not see drivers in other bundles' class loaders.
 *
 * <p>Writes go through one connection, one transaction at a time: stored instances arrive in batches from
 * {@link IndexQueue}'s single thread, so a single writer costs nothing measurable and makes concurrent inserts of
 * the same patient, study or series rows trivially correct. Reads use a small pool of connections and see committed
 * data only. Commits are not forced to disk one by one: the files are the truth, and what a crash takes from
 * the index is put back by the scan when the archive opens.
 */
final class IndexDatabase implements Closeable {
    /** Work on a connection; SQL failures become IOExceptions at the boundary. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int IDLE_READERS = 8;

    private final String url;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Guarded by {@link #writeLock}; null after a failure that closed the database, until the next write. */
    private Connection writer;
    /** Guarded by {@link #writeLock}: what the last puts wrote to the parent rows, see {@link ParentRows}. */
    private final ParentRows parentRows = new ParentRows();
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(IDLE_READERS);
    private volatile boolean closed;

    private IndexDatabase(String url, Connection writer) {
        this.url = url;
        this.writer = writer;
    }

    /** Opens (or creates) the database {@code file}{@code .mv.db} and makes sure its tables exist. */
    static IndexDatabase open(Path file) throws IOException {
        String path = file.toAbsolutePath().toString();
        if (path.indexOf(';') >= 0) {
            // H2 reads ';' as the start of its settings: such a path would open another database
            throw new IOException("the archive path must not contain ';': " + path);
        }
        // closed by us, not by H2's shutdown hook, which could run while instances are still being indexed;
        // a query cache that holds every statement of a store (the default 8 would parse most of them each time)
        String url = "jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
        Connection writer = connect(url);
        try {
            writer.setAutoCommit(false);
            IndexDatabase db = new IndexDatabase(url, writer);
            db.write(c -> {
                IndexSchema.ensure(c);
                return null;
            });
            return db;
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(writer);
            throw e instanceof IOException io ? io : new IOException("cannot open the index " + path + ": " + e, e);
        }
    }

    private static Connection connect(String url) throws IOException {
        try {
            Connection c = new org.h2.Driver().connect(url, new Properties());
            if (c == null) {
                throw new IOException("H2 does not accept " + url);
            }
            return c;
        } catch (SQLException e) {
            throw new IOException("cannot open the index database (" + e.getMessage() + ")", e);
        }
    }

    /** Runs {@code work} as one transaction of the single writer: committed if it returns, rolled back if not. */
    <T> T write(SqlWork<T> work) throws IOException {
        return write(work, false);
    }

    /**
     * Indexes stored instances in one transaction ({@link IndexUpdates#put}); the parent rows it writes are
     * remembered, so the next instance of the same series only touches its own row. A put known to be new is
     * inserted directly: its UID was checked under its lock against the index and the queue.
     */
    void putAll(List<IndexQueue.Put> puts) throws IOException {
        write(c -> {
            for (IndexQueue.Put p : puts) {
                IndexUpdates.put(c, p.instance(), p.path(), parentRows, p.knownNew());
            }
            return null;
        }, true);
    }

    private <T> T write(SqlWork<T> work, boolean keepsParentRows) throws IOException {
        writeLock.lock();
        try {
            requireOpen();
            if (writer == null) {
                writer = openWriter(url);
            }
            if (!keepsParentRows) {
                // any other statement may change or delete the remembered rows
                parentRows.forget();
            }
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (Error e) {
                // out of memory inside H2, say: what the work wrote so far must not be committed with the next one
                parentRows.forget();
                try {
                    writer.rollback();
                } catch (SQLException | RuntimeException ignored) {
                    // the Error is what matters
                }
                throw e;
            } catch (SQLException | RuntimeException e) {
                // rolled back: the remembered rows may not hold what was written
                parentRows.forget();
                try {
                    writer.rollback();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
                if (!usable(writer)) {
                    // H2 closes the database when a write fails (a full disk): start afresh at the next write,
                    // which reopens the file, so the archive stores again once there is room
                    dropConnections();
                }
                if (e instanceof SQLException s) {
                    throw failure(s);
                }
                throw (RuntimeException) e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a reading connection (auto-commit: every statement sees committed data). */
    <T> T read(SqlWork<T> work) throws IOException {
        requireOpen();
        Connection c = idleReaders.poll();
        if (c == null) {
            c = connect(url);
        }
        boolean reusable = false;
        try {
            T result = work.run(c);
            reusable = true;
            return result;
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            if (!reusable || closed || !idleReaders.offer(c)) {
                closeQuietly(c);
            }
        }
    }

    private static Connection openWriter(String url) throws IOException {
        Connection c = connect(url);
        try {
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(e);
        }
    }

    private static boolean usable(Connection c) {
        try {
            return !c.isClosed() && c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes the writer and the idle readers (called with the write lock held). */
    private void dropConnections() {
        closeQuietly(writer);
        writer = null;
        for (Connection c; (c = idleReaders.poll()) != null;) {
            closeQuietly(c);
        }
    }

    private static IOException failure(SQLException e) {
        return new IOException("index: " + e.getMessage(), e);
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the archive is closed");
        }
    }

    /** Closes every connection; H2 then writes and closes the database file. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            closed = true;
            for (Connection c; (c = idleReaders.poll()) != null;) {
                closeQuietly(c);
            }
            if (writer != null) {
                closeQuietly(writer);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
