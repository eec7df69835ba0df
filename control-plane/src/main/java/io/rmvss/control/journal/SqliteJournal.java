package io.rmvss.control.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal in an SQLite file (WAL, synchronous=FULL: a row is on disk when the call returns, so an operation
 * recorded as intended survives a kill -9 of the control plane before it is issued).
 */
public final class SqliteJournal implements Journal {
    private final Connection db;
    private final Path file;

    public SqliteJournal(Path file) {
        this.file = file.toAbsolutePath();
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE IF NOT EXISTS sets (set_id TEXT PRIMARY KEY, state TEXT NOT NULL, updated INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS members (set_id TEXT NOT NULL, snapshot_id TEXT, grp TEXT NOT NULL, dev TEXT,"
                        + " serial INTEGER, pvol INTEGER, svol_serial INTEGER, svol INTEGER)");
                s.execute("CREATE TABLE IF NOT EXISTS operations (id INTEGER PRIMARY KEY AUTOINCREMENT, set_id TEXT, grp TEXT NOT NULL,"
                        + " kind TEXT NOT NULL, status TEXT NOT NULL, detail TEXT, at INTEGER NOT NULL)");
                // saveSet replaces a set's members: without this index each save scans every member ever journalled.
                s.execute("CREATE INDEX IF NOT EXISTS members_by_set ON members(set_id)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void saveSet(SetRecord set) {
        try {
            db.setAutoCommit(false);
            try (PreparedStatement up = db.prepareStatement("INSERT INTO sets(set_id, state, updated) VALUES(?,?,?)"
                    + " ON CONFLICT(set_id) DO UPDATE SET state=excluded.state, updated=excluded.updated");
                 PreparedStatement del = db.prepareStatement("DELETE FROM members WHERE set_id=?");
                 PreparedStatement ins = db.prepareStatement("INSERT INTO members VALUES(?,?,?,?,?,?,?,?)")) {
                up.setString(1, set.setId());
                up.setString(2, set.state());
                up.setLong(3, set.updatedMillis());
                up.executeUpdate();
                del.setString(1, set.setId());
                del.executeUpdate();
                for (SetRecord.Member m : set.members()) {
                    ins.setString(1, set.setId());
                    ins.setString(2, m.snapshotId());
                    ins.setString(3, m.group());
                    ins.setString(4, m.devName());
                    ins.setInt(5, m.serial());
                    ins.setInt(6, m.pvolLdev());
                    ins.setInt(7, m.svolSerial());
                    ins.setInt(8, m.svolLdev());
                    ins.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw failed("save snapshot set " + set.setId(), e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized long intend(String setId, String group, OperationKind kind) {
        try (PreparedStatement ins = db.prepareStatement("INSERT INTO operations(set_id, grp, kind, status, detail, at) VALUES(?,?,?,'INTENDED','',?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ins.setString(1, setId);
            ins.setString(2, group);
            ins.setString(3, kind.name());
            ins.setLong(4, System.currentTimeMillis());
            ins.executeUpdate();
            try (ResultSet keys = ins.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failed("record " + kind + " of " + group, e);
        }
    }

    @Override
    public synchronized void finish(long operationId, boolean succeeded, String detail) {
        try (PreparedStatement up = db.prepareStatement("UPDATE operations SET status=?, detail=?, at=? WHERE id=?")) {
            up.setString(1, succeeded ? "DONE" : "FAILED");
            up.setString(2, detail == null ? "" : detail);
            up.setLong(3, System.currentTimeMillis());
            up.setLong(4, operationId);
            up.executeUpdate();
        } catch (SQLException e) {
            throw failed("finish operation " + operationId, e);
        }
    }

    @Override
    public synchronized List<SetRecord> sets() {
        Map<String, List<SetRecord.Member>> members = new LinkedHashMap<>();
        List<SetRecord> sets = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT set_id, snapshot_id, grp, dev, serial, pvol, svol_serial, svol FROM members")) {
                while (r.next()) {
                    members.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new SetRecord.Member(r.getString(2), r.getString(3),
                            r.getString(4), r.getInt(5), r.getInt(6), r.getInt(7), r.getInt(8)));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT set_id, state, updated FROM sets ORDER BY updated")) {
                while (r.next()) {
                    sets.add(new SetRecord(r.getString(1), r.getString(2), r.getLong(3), members.getOrDefault(r.getString(1), List.of())));
                }
            }
            return sets;
        } catch (SQLException e) {
            throw failed("read snapshot sets", e);
        }
    }

    @Override
    public synchronized Optional<SetRecord> set(String setId) {
        try (PreparedStatement set = db.prepareStatement("SELECT state, updated FROM sets WHERE set_id=?");
             PreparedStatement members = db.prepareStatement("SELECT snapshot_id, grp, dev, serial, pvol, svol_serial, svol FROM members"
                     + " WHERE set_id=?")) {
            set.setString(1, setId);
            try (ResultSet r = set.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                List<SetRecord.Member> list = new ArrayList<>();
                members.setString(1, setId);
                try (ResultSet m = members.executeQuery()) {
                    while (m.next()) {
                        list.add(new SetRecord.Member(m.getString(1), m.getString(2), m.getString(3), m.getInt(4), m.getInt(5), m.getInt(6),
                                m.getInt(7)));
                    }
                }
                return Optional.of(new SetRecord(setId, r.getString(1), r.getLong(2), list));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("journal: cannot read snapshot set " + setId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<OperationRecord> unfinished() {
        List<OperationRecord> ops = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT id, set_id, grp, kind, status, detail, at FROM operations WHERE status='INTENDED' ORDER BY id")) {
            while (r.next()) {
                ops.add(new OperationRecord(r.getLong(1), r.getString(2), r.getString(3), OperationKind.valueOf(r.getString(4)),
                        r.getString(5), r.getString(6), r.getLong(7)));
            }
            return ops;
        } catch (SQLException e) {
            throw failed("read operations", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing: nothing left to protect
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the original failure is reported
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // next statement reports it
        }
    }

    /** A journal that cannot be written or read: what failed, SQLite's reason, and what the administrator can do about it. */
    private IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("journal " + file + ": cannot " + what + ": " + e.getMessage() + "; the journal must be"
                + " readable and writable by the service alone: free disk space in its directory, fix its permissions, stop any other"
                + " process that holds it (a second rmvss serve on the same --state, an open sqlite3 session), or move a damaged"
                + " journal.db aside and restart the service", e);
    }
}
