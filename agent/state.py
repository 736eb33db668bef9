"""State that outlives one process: the workspace index and LangGraph's checkpoints, behind one interface.

:func:`open_state` picks the implementation from ``BANDLEADER_DATABASE_URL``:

- unset: :class:`SqliteState`, the embedded default (``<home>/workspace.db`` and
  ``<home>/checkpoints.db``), unchanged behaviour;
- ``postgresql://...``: :class:`PostgresState`, the index tables and LangGraph's ``PostgresSaver``
  tables in that one database, so agent replicas on several machines share sessions.

Artifact files stay under the home folder (on a cluster, a shared filesystem) in both cases.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

from langgraph.checkpoint.base import BaseCheckpointSaver

from agent.workspace import Workspace
from agent.workspace.backends import database_url
from agent.workspace.pg import INDEX_SCHEMA, SESSION_OPTIONS, SchemaPart, ensure_schema


class State(Protocol):
    """Where a home's sessions live: ``workspace`` (the index + files) and ``checkpointer``."""

    kind: str
    workspace: Workspace

    @property
    def checkpointer(self) -> BaseCheckpointSaver[Any]: ...
    def close(self) -> None: ...


class SqliteState:
    """Both stores in SQLite files under ``home``."""

    kind = "sqlite"

    def __init__(self, home: Path) -> None:
        self.home = home
        self.workspace = Workspace(home, database_url="")
        self._saver: Any = None
        self._lock = threading.Lock()

    @property
    def checkpointer(self) -> BaseCheckpointSaver[Any]:
        """LangGraph's ``SqliteSaver`` on ``<home>/checkpoints.db`` (opened once)."""
        from agent.graph import open_checkpointer

        with self._lock:
            if self._saver is None:
                self._saver = open_checkpointer(self.home / "checkpoints.db")
            return self._saver

    def close(self) -> None:
        """Closes the index and the checkpoint database."""
        self.workspace.close()
        with self._lock:
            if self._saver is not None:
                self._saver.conn.close()
                self._saver = None


def _checkpoints_are_current(conn: Any) -> bool:
    from langgraph.checkpoint.postgres import PostgresSaver

    if conn.execute("SELECT to_regclass('checkpoint_migrations')").fetchone()[0] is None:
        return False
    latest = conn.execute("SELECT MAX(v) FROM checkpoint_migrations").fetchone()[0]
    return latest == len(PostgresSaver.MIGRATIONS) - 1


def _create_checkpoints(conn: Any) -> None:
    from langgraph.checkpoint.postgres import PostgresSaver

    PostgresSaver(conn).setup()


CHECKPOINT_SCHEMA = SchemaPart("LangGraph checkpoints", _checkpoints_are_current, _create_checkpoints)
"""LangGraph's ``PostgresSaver`` tables, made by its own ``setup()`` (its migrations)."""


class PostgresState:
    """Both stores in the PostgreSQL database at ``url``; files under ``home``.

    Every table (the index's and the checkpoints') is set up here, before this replica does any work:
    once, on one connection, under one advisory lock (:func:`agent.workspace.pg.ensure_schema`).
    """

    kind = "postgresql"

    def __init__(self, home: Path, url: str) -> None:
        self.home = home
        self.url = url
        ensure_schema(url, (INDEX_SCHEMA, CHECKPOINT_SCHEMA))
        self.workspace = Workspace(home, database_url=url)
        self._saver: Any = None
        self._pool: Any = None
        self._lock = threading.Lock()

    @property
    def checkpointer(self) -> BaseCheckpointSaver[Any]:
        """LangGraph's ``PostgresSaver`` on a small pool of autocommit connections (opened once)."""
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        with self._lock:
            if self._saver is None:
                # The pool checks each connection before lending it, so a restarted server is survived;
                # autocommit, so no pooled connection sits idle inside a transaction.
                self._pool = ConnectionPool(
                    self.url, min_size=1, max_size=4, open=True, check=ConnectionPool.check_connection,
                    kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row,
                            "options": SESSION_OPTIONS},
                )  # fmt: skip
                self._saver = PostgresSaver(self._pool)  # type: ignore[arg-type]
            return self._saver

    def close(self) -> None:
        """Closes the index's and the checkpointer's connections."""
        self.workspace.close()
        with self._lock:
            if self._saver is not None:
                self._pool.close()
                self._saver = None


def open_state(home: Path, url: str | None = None) -> SqliteState | PostgresState:
    """The state for ``home``: PostgreSQL at ``url`` (default ``$BANDLEADER_DATABASE_URL``) when
    set, else SQLite files in ``home``. ToolError("bad_database_url") for a non-PostgreSQL URL."""
    pg_url = database_url(url)
    return PostgresState(home, pg_url) if pg_url else SqliteState(home)
