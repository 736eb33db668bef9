"""The workspace index in PostgreSQL: the same tables, transactions and SQL as :mod:`.db`.

For replicas on several machines, which cannot share a SQLite file. The session code writes its SQL
once, in the portable subset both databases speak, with ``?`` placeholders; this module turns them
into psycopg's ``%s`` and hands back rows that read like ``sqlite3.Row`` (by name and by position).

Version numbers stay unique under concurrency: every write transaction first takes one
transaction-scoped advisory lock (``pg_advisory_xact_lock``), so writers from any process or machine
serialise exactly as SQLite's ``BEGIN IMMEDIATE`` makes them, and the unique index on
``(session_id, version)`` backs it up. Reads run in ``REPEATABLE READ READ ONLY`` snapshots.

Schema set-up (these tables, and whatever else a caller adds, such as LangGraph's checkpoint tables)
runs once per database in :func:`ensure_schema`: on one autocommit connection, under one advisory
lock that waiting processes poll for rather than queue on, so a waiter never holds a snapshot that a
``CREATE INDEX CONCURRENTLY`` in the set-up would wait for. Every connection carries a
``lock_timeout``, a ``statement_timeout`` and an ``idle_in_transaction_session_timeout``
(:data:`SESSION_OPTIONS`), so a lock wait fails with a clear error instead of hanging.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from tools.base import ToolError

WRITE_LOCK_KEY = 0x42414E44
"""The advisory lock every index write takes (``'BAND'``)."""

SETUP_LOCK_KEY = 0x42414E45
"""The session-level advisory lock :func:`ensure_schema` holds while it creates tables."""

LOCK_TIMEOUT_MS = 30_000
"""Longest wait for any lock (a write waits for the index's write lock), in milliseconds."""
STATEMENT_TIMEOUT_MS = 120_000
"""Longest a single statement may run, in milliseconds (the schema set-up's are the slowest)."""
IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000
"""A connection left inside a transaction this long is closed by the server, in milliseconds."""
SETUP_WAIT_S = 180.0
"""Longest :func:`ensure_schema` waits for another process's set-up to finish, in seconds."""

SESSION_OPTIONS = (
    f"-c lock_timeout={LOCK_TIMEOUT_MS} -c statement_timeout={STATEMENT_TIMEOUT_MS} "
    f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT_MS}"
)
"""Server settings every Bandleader connection starts with (libpq ``options``)."""

SCHEMA_VERSION = 2
"""Matches :data:`agent.workspace.db.SCHEMA_VERSION` (companions share their primary's version)."""

SCHEMA: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS sessions (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL DEFAULT '',
        created     DOUBLE PRECISION NOT NULL,
        updated     DOUBLE PRECISION NOT NULL,
        current_id  TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS artifacts (
        seq          BIGSERIAL UNIQUE,
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
        created      DOUBLE PRECISION NOT NULL,
        sha256       TEXT NOT NULL,
        size_bytes   BIGINT NOT NULL,
        companion_of TEXT REFERENCES artifacts(id)
    )""",
    # sessions and artifacts point at each other, so this key is added once both tables exist.
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'sessions_current_fk') THEN
            ALTER TABLE sessions ADD CONSTRAINT sessions_current_fk
                FOREIGN KEY (current_id) REFERENCES artifacts(id);
        END IF;
    END $$""",
    "CREATE UNIQUE INDEX IF NOT EXISTS artifacts_version ON artifacts(session_id, version) "
    "WHERE companion_of IS NULL",
    "CREATE INDEX IF NOT EXISTS artifacts_companion ON artifacts(companion_of)",
    "CREATE INDEX IF NOT EXISTS artifacts_parent ON artifacts(parent_id)",
    "CREATE INDEX IF NOT EXISTS artifacts_call ON artifacts(session_id, call_id)",
    "CREATE INDEX IF NOT EXISTS artifacts_thread ON artifacts(session_id, thread)",
    """CREATE TABLE IF NOT EXISTS redo_stack (
        session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        artifact_id TEXT NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        PRIMARY KEY (session_id, position)
    )""",
    """CREATE TABLE IF NOT EXISTS moves (
        id          BIGSERIAL PRIMARY KEY,
        session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        from_id     TEXT,
        to_id       TEXT,
        action      TEXT NOT NULL
                    CHECK (action IN ('add', 'import', 'undo', 'redo', 'set_current')),
        time        DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS moves_session ON moves(session_id, id)",
    """CREATE TABLE IF NOT EXISTS session_owners (
        session_id  TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        owner       TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS session_owners_owner ON session_owners(owner)",
    # Saved versions are never rewritten; the pointer log is append-only; rows go with their session.
    """CREATE OR REPLACE FUNCTION bandleader_artifacts_immutable() RETURNS trigger
       LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'artifacts are immutable'; END $$""",
    """CREATE OR REPLACE TRIGGER artifacts_immutable BEFORE UPDATE ON artifacts
       FOR EACH ROW EXECUTE FUNCTION bandleader_artifacts_immutable()""",
    """CREATE OR REPLACE FUNCTION bandleader_moves_append_only() RETURNS trigger
       LANGUAGE plpgsql AS $$ BEGIN
         IF TG_OP = 'UPDATE' OR EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id) THEN
           RAISE EXCEPTION 'moves is append-only';
         END IF;
         RETURN OLD;
       END $$""",
    """CREATE OR REPLACE TRIGGER moves_append_only BEFORE UPDATE OR DELETE ON moves
       FOR EACH ROW EXECUTE FUNCTION bandleader_moves_append_only()""",
    """CREATE TABLE IF NOT EXISTS bandleader_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
)

_PLACEHOLDER = re.compile(r"\?")
_ROWID = re.compile(r"\browid\b")


def to_postgres(sql: str) -> str:
    """The workspace's portable SQL in PostgreSQL's spelling: ``?`` -> ``%s``, ``rowid`` -> ``seq``.

    The workspace's statements hold no ``?`` or ``%`` inside string literals, so this is exact.
    """
    return _ROWID.sub("seq", _PLACEHOLDER.sub("%s", sql.replace("%", "%%")))


class PgRow:
    """A result row readable like ``sqlite3.Row``: ``row["name"]``, ``row[0]``, ``keys()``, ``dict(row)``."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: Sequence[str], values: Sequence[Any]) -> None:
        self._names = tuple(names)
        self._values = tuple(values)

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            try:
                return self._values[self._names.index(key)]
            except ValueError:
                raise IndexError(f"no column {key!r}") from None
        return self._values[key]

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._names)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._names, self._values, strict=True))!r})"


def _pg_row_factory(cursor: Any) -> Any:
    names = [c.name for c in cursor.description] if cursor.description else []
    return lambda values: PgRow(names, values)


class PgCursor:
    """The slice of ``sqlite3.Cursor`` the workspace uses: ``fetchone``, ``fetchall``, ``rowcount``."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        """Rows the statement changed (-1 when not known)."""
        return int(self._cursor.rowcount)

    def fetchone(self) -> PgRow | None:
        """The next row, or None when there is none (or the statement returns no rows)."""
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[PgRow]:
        """Every remaining row."""
        return list(self._cursor.fetchall()) if self._cursor.description else []


class PgConnection:
    """The slice of ``sqlite3.Connection`` the workspace uses: ``execute(sql, params)``."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        """Runs one statement written for SQLite (``?`` placeholders); returns its cursor."""
        cursor = self._conn.cursor(row_factory=_pg_row_factory)
        cursor.execute(to_postgres(sql), tuple(params))
        return PgCursor(cursor)


def _unreachable(exc: Exception) -> ToolError:
    import psycopg

    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled):
        return ToolError(
            "The session database (PostgreSQL) is busy: another replica held a lock too long, so this "
            f"change was not saved. Try again in a moment. ({detail})",
            code="workspace_busy",
        )
    return ToolError(
        f"The session database (PostgreSQL) can't be reached right now; try again in a moment. ({detail})",
        code="workspace_busy",
    )


def connect(url: str, **kwargs: Any) -> Any:
    """An autocommit psycopg connection to ``url`` with :data:`SESSION_OPTIONS` (extra ``kwargs`` go to
    ``psycopg.connect``). ToolError("workspace_busy") when the server can't be reached."""
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True, options=SESSION_OPTIONS, **kwargs)
    except psycopg.OperationalError as exc:
        raise _unreachable(exc) from exc


class SchemaPart:
    """One set of tables :func:`ensure_schema` creates: ``is_current(conn)`` says whether they are
    there at the current version, ``create(conn)`` makes them (idempotent; runs under the set-up lock)."""

    def __init__(self, name: str, is_current: Callable[[Any], bool], create: Callable[[Any], None]) -> None:
        self.name = name
        self.is_current = is_current
        self.create = create


def _index_is_current(conn: Any) -> bool:
    if conn.execute("SELECT to_regclass('bandleader_meta')").fetchone()[0] is None:
        return False
    row = conn.execute("SELECT value FROM bandleader_meta WHERE key = 'schema_version'").fetchone()
    return row is not None and row[0] == str(SCHEMA_VERSION)


def _create_index(conn: Any) -> None:
    for statement in SCHEMA:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO bandleader_meta (key, value) VALUES ('schema_version', %s) ON CONFLICT (key) DO NOTHING",
        (str(SCHEMA_VERSION),),
    )


INDEX_SCHEMA = SchemaPart("workspace index", _index_is_current, _create_index)
"""The workspace index's tables (:data:`SCHEMA`)."""


def _take_setup_lock(conn: Any, wait_s: float) -> None:
    """Polls for :data:`SETUP_LOCK_KEY`. Polling, not ``pg_advisory_lock``: a statement queued on the
    lock would hold a snapshot that the holder's ``CREATE INDEX CONCURRENTLY`` waits for (a deadlock
    PostgreSQL cannot see, since the holder's lock sits on another, idle, connection)."""
    deadline = time.monotonic() + wait_s
    pause = 0.05
    while not conn.execute("SELECT pg_try_advisory_lock(%s)", (SETUP_LOCK_KEY,)).fetchone()[0]:
        if time.monotonic() > deadline:
            raise ToolError(
                f"The session database is still being set up by another replica after {wait_s:.0f} s; "
                "check that replica (or the database) and try again.",
                code="workspace_busy",
            )
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def ensure_schema(
    url: str, parts: Sequence[SchemaPart] = (INDEX_SCHEMA,), wait_s: float = SETUP_WAIT_S
) -> None:
    """Creates every part of ``parts`` that is missing in the database at ``url``; returns None.

    All of it runs on one autocommit connection (no transaction stays open while a set-up statement
    waits) under the set-up advisory lock, so processes starting together create tables once, one
    after the other. When every part is current it is one quick read and takes no lock. Raises
    ToolError("workspace_busy") when the server can't be reached or the set-up times out.
    """
    import psycopg

    with connect(url) as conn:
        try:
            if all(part.is_current(conn) for part in parts):
                return
            _take_setup_lock(conn, wait_s)
            try:
                for part in parts:
                    if not part.is_current(conn):  # another process may have made it meanwhile
                        part.create(conn)
            finally:
                if not conn.broken:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK_KEY,))
        except psycopg.OperationalError as exc:
            raise _unreachable(exc) from exc


class PostgresDatabase:
    """The workspace index in PostgreSQL at ``url``, with :class:`agent.workspace.db.Database`'s
    ``read()`` / ``write()`` transactions; one connection shared by threads under a lock."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self._psycopg = psycopg
        self._lock = threading.RLock()
        self._mode: str | None = None
        ensure_schema(url)  # before this process opens any transaction
        self._conn = self._connect()

    def _connect(self) -> Any:
        return connect(self.url)

    def _begin(self, begin: str, mode: str) -> None:
        """Starts a transaction (taking the write lock for writes). A connection the server dropped
        (a restart, a network cut) is replaced once: nothing had run on it yet, so that is safe."""
        psycopg = self._psycopg
        for attempt in (1, 2):
            try:
                if self._conn.broken:
                    self._conn = self._connect()
                self._conn.execute(begin)
                if mode == "write":
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
                return
            except psycopg.OperationalError as exc:
                if attempt == 2 or not self._conn.broken:
                    idle = psycopg.pq.TransactionStatus.IDLE
                    if not self._conn.broken and self._conn.info.transaction_status != idle:
                        self._conn.execute("ROLLBACK")
                    raise _unreachable(exc) from exc

    @contextmanager
    def _transaction(self, mode: str, begin: str) -> Iterator[PgConnection]:
        psycopg = self._psycopg
        with self._lock:
            if self._mode is not None:
                if mode == "write" and self._mode == "read":
                    raise RuntimeError("cannot write inside a read transaction")
                yield PgConnection(self._conn)
                return
            self._begin(begin, mode)
            self._mode = mode
            try:
                yield PgConnection(self._conn)
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if not self._conn.closed and not self._conn.broken:
                    try:
                        self._conn.execute("ROLLBACK")
                    except psycopg.OperationalError:
                        pass  # the connection went; the server rolls the transaction back itself
                if isinstance(exc, psycopg.OperationalError):
                    raise _unreachable(exc) from exc
                raise
            finally:
                self._mode = None

    def read(self) -> AbstractContextManager[PgConnection]:
        """A consistent-snapshot read transaction; yields the connection."""
        return self._transaction("read", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def write(self) -> AbstractContextManager[PgConnection]:
        """A write transaction holding the index's write lock from the start; yields the connection.

        Commits when the block ends normally, rolls back (and re-raises) on any exception.
        """
        return self._transaction("write", "BEGIN ISOLATION LEVEL READ COMMITTED")

    def close(self) -> None:
        """Closes the connection; the object must not be used afterwards."""
        with self._lock:
            self._conn.close()
