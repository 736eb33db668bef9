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

CHECKPOINT_SETUP_LOCK = 0x42414E45
"""Session-level advisory lock around ``PostgresSaver.setup()`` so replicas don't race its DDL."""


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


class PostgresState:
    """Both stores in the PostgreSQL database at ``url``; files under ``home``."""

    kind = "postgresql"

    def __init__(self, home: Path, url: str) -> None:
        self.home = home
        self.url = url
        self.workspace = Workspace(home, database_url=url)
        self._saver: Any = None
        self._pool: Any = None
        self._lock = threading.Lock()

    @property
    def checkpointer(self) -> BaseCheckpointSaver[Any]:
        """LangGraph's ``PostgresSaver`` on a small connection pool (its tables set up once, under an
        advisory lock so replicas starting together don't race)."""
        import psycopg
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        with self._lock:
            if self._saver is None:
                with psycopg.connect(self.url, autocommit=True) as setup_conn:
                    setup_conn.execute("SELECT pg_advisory_lock(%s)", (CHECKPOINT_SETUP_LOCK,))
                    with psycopg.connect(
                        self.url, autocommit=True, prepare_threshold=0, row_factory=dict_row
                    ) as conn:
                        PostgresSaver(conn).setup()  # type: ignore[arg-type]
                # A pool checks each connection before lending it, so a restarted server is survived.
                self._pool = ConnectionPool(
                    self.url, min_size=1, max_size=4, open=True, check=ConnectionPool.check_connection,
                    kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
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
