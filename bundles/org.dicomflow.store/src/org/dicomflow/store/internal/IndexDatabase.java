package org.dicomflow.store.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.api.ErrorCode;

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
 * data only. Commits are not forced to disk: the files are the truth, and what a crash takes from the index is
 * put back by the scan when the archive opens. While the archive runs, {@link #checkpoint} tells which commits
 * are in the file, so that {@link IndexQueue} can write again what a failing file lost.
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
    /** How often the writer connection was opened again after a failure; see {@link #reopenings()}. */
    private volatile long reopenings;
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
            // the tables in the file before anything else: a database that H2 closes before it wrote them would
            // open again empty
            db.checkpoint();
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

    /**
     * How often the database was opened again after a failure. H2 may have closed it with commits not yet in its
     * file; a caller that sees the count change must write again what it committed since its last checkpoint,
     * even when every statement since has succeeded.
     */
    long reopenings() {
        return reopenings;
    }

    /**
     * Writes what was committed so far to the database file (not forced). H2 otherwise writes its commits up to
     * half a second later on its own thread, and when that write fails (a full disk) it closes the database and
     * the commits not yet written are gone; a checkpoint that returns means they are in the file.
     */
    void checkpoint() throws IOException {
        write(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
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
                reopenings++;
                try {
                    // after a failure: what H2 had not written is gone, perhaps the tables themselves
                    IndexSchema.ensure(writer);
                    writer.commit();
                } catch (SQLException e) {
                    dropConnections();
                    throw failure(e);
                } catch (RuntimeException e) {
                    dropConnections();
                    throw e;
                }
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
                // H2 closes the database when a write of its file fails (a full disk), and its connections do not
                // always say so at once: start afresh at the next write, which reopens the file, so the archive
                // indexes again once there is room. Failures are rare enough for the reopening not to matter.
                dropConnections();
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
        while (c != null && !usable(c)) {
            // H2 closed the database under it (a write failed on a full disk): a new connection opens it again
            closeQuietly(c);
            c = idleReaders.poll();
        }
        if (c == null) {
            c = connect(url);
        }
        boolean reusable = false;
        try {
            T result = work.run(c);
            reusable = true;
            return result;
        } catch (SQLException e) {
            if (closedUnder(e)) {
                // H2 closed the database under the read (a write of its file failed): once every connection to it
                // is gone, the next one opens the file again. Not retried here: a query may have given matches.
                writeLock.lock();
                try {
                    dropConnections();
                } finally {
                    writeLock.unlock();
                }
            }
            throw failure(e);
        } finally {
            if (!reusable || closed || !idleReaders.offer(c)) {
                closeQuietly(c);
            }
        }
    }

    /** Whether H2 closed the database under the statement that failed (a write of its file failed). */
    private static boolean closedUnder(Exception e) {
        return e instanceof SQLException s && s.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED;
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
        if (writer != null) {
            closeQuietly(writer);
            writer = null;
        }
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
