"""The workspace's SQLite index: schema, pragmas and transactions.

One connection per :class:`Database`, shared by threads under a re-entrant lock. Writes run in
``BEGIN IMMEDIATE`` transactions so two processes opening the same root serialise on SQLite's write
lock (waiting up to ``busy_timeout``) instead of failing half-way.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from tools.base import ToolError

SCHEMA_VERSION = 2
"""1: every artifact had its own version number. 2: ``companion_of`` lets the files one step makes
(a song's mix and its project JSON, a scored video and its music) share one version number."""

ARTIFACTS_TABLE = """CREATE TABLE IF NOT EXISTS artifacts (
        id           TEXT PRIMARY KEY,
        session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        version      INTEGER NOT NULL CHECK (version >= 1),
        kind         TEXT NOT NULL,
        label        TEXT NOT NULL,
        object       TEXT NOT NULL,
        parent_id    TEXT REFERENCES artifacts(id),
        thread       TEXT NOT NULL,
        tool         TEXT,
        arguments    TEXT NOT NULL DEFAULT '{}',
        call_id      TEXT,
        created      REAL NOT NULL,
        sha256       TEXT NOT NULL,
        size_bytes   INTEGER NOT NULL,
        companion_of TEXT REFERENCES artifacts(id)
    )"""
"""A version number is unique among primary artifacts; companions share their primary's number."""

ARTIFACT_INDEXES: tuple[str, ...] = (
    "CREATE UNIQUE INDEX IF NOT EXISTS artifacts_version ON artifacts(session_id, version) "
    "WHERE companion_of IS NULL",
    "CREATE INDEX IF NOT EXISTS artifacts_companion ON artifacts(companion_of)",
    "CREATE INDEX IF NOT EXISTS artifacts_parent ON artifacts(parent_id)",
    "CREATE INDEX IF NOT EXISTS artifacts_call ON artifacts(session_id, call_id)",
    "CREATE INDEX IF NOT EXISTS artifacts_thread ON artifacts(session_id, thread)",
    # Saved versions are never rewritten; rows go only with their session.
    """CREATE TRIGGER IF NOT EXISTS artifacts_immutable BEFORE UPDATE ON artifacts
       BEGIN SELECT RAISE(ABORT, 'artifacts are immutable'); END""",
)

SCHEMA: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS sessions (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL DEFAULT '',
        created     REAL NOT NULL,
        updated     REAL NOT NULL,
        current_id  TEXT REFERENCES artifacts(id)
    )""",
    ARTIFACTS_TABLE,
    *ARTIFACT_INDEXES,
    """CREATE TABLE IF NOT EXISTS redo_stack (
        session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        artifact_id TEXT NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        PRIMARY KEY (session_id, position)
    )""",
    """CREATE TABLE IF NOT EXISTS moves (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        from_id     TEXT,
        to_id       TEXT,
        action      TEXT NOT NULL
                    CHECK (action IN ('add', 'import', 'undo', 'redo', 'set_current')),
        time        REAL NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS moves_session ON moves(session_id, id)",
    # The pointer log is never rewritten; rows go only with their session.
    """CREATE TRIGGER IF NOT EXISTS moves_no_update BEFORE UPDATE ON moves
       BEGIN SELECT RAISE(ABORT, 'moves is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS moves_no_delete BEFORE DELETE ON moves
       WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id)
       BEGIN SELECT RAISE(ABORT, 'moves is append-only'); END""",
    # Who may see a session over the HTTP API (a hash of its API key); sessions without a row are
    # the local user's. A table of its own so older workspaces need no migration.
    """CREATE TABLE IF NOT EXISTS session_owners (
        session_id  TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        owner       TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS session_owners_owner ON session_owners(owner)",
)


def _busy_error(exc: sqlite3.OperationalError) -> ToolError:
    return ToolError(
        "The session database is busy (another Bandleader process is writing to it). "
        f"Try again in a moment. ({exc})",
        code="workspace_busy",
    )


class Database:
    """A thread-safe handle on ``workspace.db``; use :meth:`read` and :meth:`write` transactions."""

    dialect = "sqlite"

    def __init__(self, path: Path, *, busy_timeout_ms: int = 30_000) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._mode: str | None = None  # "read" / "write" while a transaction is open
        self._conn = sqlite3.connect(
            str(path), timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._create_schema()

    def _create_schema(self) -> None:
        with self._lock:
            if self._needs_v2_migration():
                self._migrate_to_v2()
        with self.write() as conn:
            for statement in SCHEMA:
                conn.execute(statement)
            if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _needs_v2_migration(self) -> bool:
        columns = [r[1] for r in self._conn.execute("PRAGMA table_info(artifacts)").fetchall()]
        return bool(columns) and "companion_of" not in columns

    def _migrate_to_v2(self) -> None:
        """Rebuilds a version-1 ``artifacts`` table (UNIQUE version) as version 2, keeping every row.

        SQLite cannot drop a UNIQUE constraint, so this is its documented table rebuild: foreign keys
        off, copy into a new table, swap, check, all in one transaction (a failure changes nothing).
        """
        self._conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.write() as conn:
                if not self._needs_v2_migration():  # another process migrated first
                    return
                conn.execute(ARTIFACTS_TABLE.replace("IF NOT EXISTS artifacts", "artifacts_v2"))
                cols = (
                    "id, session_id, version, kind, label, object, parent_id, thread, tool, arguments, "
                    "call_id, created, sha256, size_bytes"
                )
                conn.execute(f"INSERT INTO artifacts_v2 ({cols}) SELECT {cols} FROM artifacts")
                conn.execute("DROP TABLE artifacts")
                conn.execute("ALTER TABLE artifacts_v2 RENAME TO artifacts")
                for statement in ARTIFACT_INDEXES:
                    conn.execute(statement)
                if conn.execute("PRAGMA foreign_key_check").fetchall():
                    raise sqlite3.IntegrityError("workspace migration would break references")
        finally:
            self._conn.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def _transaction(self, mode: str, begin: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._mode is not None:
                if mode == "write" and self._mode == "read":
                    raise RuntimeError("cannot write inside a read transaction")
                yield self._conn
                return
            try:
                self._conn.execute(begin)
            except sqlite3.OperationalError as exc:
                raise (_busy_error(exc) if "locked" in str(exc) else exc) from exc
            self._mode = mode
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                    raise _busy_error(exc) from exc
                raise
            finally:
                self._mode = None

    def read(self) -> AbstractContextManager[sqlite3.Connection]:
        """A consistent-snapshot read transaction; yields the connection."""
        return self._transaction("read", "BEGIN DEFERRED")

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction holding SQLite's write lock from the start; yields the connection.

        Commits when the block ends normally, rolls back (and re-raises) on any exception.
        """
        return self._transaction("write", "BEGIN IMMEDIATE")

    def close(self) -> None:
        """Closes the connection; the object must not be used afterwards."""
        with self._lock:
            self._conn.close()
