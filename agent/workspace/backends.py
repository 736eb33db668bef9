"""Which database holds the workspace index: SQLite under the root, or PostgreSQL by URL.

``BANDLEADER_DATABASE_URL`` (``postgresql://user@host:port/db``) selects PostgreSQL, so replicas on
several machines share one index; unset, the embedded SQLite file ``<root>/workspace.db`` is used,
exactly as before. Either way the artifact files stay under the workspace root.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from tools.base import ToolError

DATABASE_URL_ENV = "BANDLEADER_DATABASE_URL"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Cursor(Protocol):
    """What a statement returns: rows readable by column name and by position."""

    rowcount: int

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """An open transaction: statements in the portable SQL the workspace writes (``?`` params)."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...


class IndexDatabase(Protocol):
    """The workspace index: :class:`.db.Database` (SQLite) or :class:`.pg.PostgresDatabase`."""

    dialect: str

    def read(self) -> AbstractContextManager[Any]: ...
    def write(self) -> AbstractContextManager[Any]: ...
    def close(self) -> None: ...


def database_url(explicit: str | None = None) -> str | None:
    """The PostgreSQL URL to use (``explicit``, else ``$BANDLEADER_DATABASE_URL``), or None for SQLite.

    Raises ToolError("bad_database_url") for a URL that is set but is not a PostgreSQL one.
    """
    url = (explicit if explicit is not None else os.environ.get(DATABASE_URL_ENV, "")).strip()
    if not url:
        return None
    if not url.startswith(POSTGRES_SCHEMES):
        raise ToolError(
            f"{DATABASE_URL_ENV} must be a PostgreSQL URL such as postgresql://user@host:5432/bandleader "
            "(or unset, for the embedded SQLite database).",
            code="bad_database_url",
        )
    return url


def open_index(root: Path, url: str | None = None) -> IndexDatabase:
    """The index for a workspace at ``root``: PostgreSQL when :func:`database_url` gives a URL,
    else SQLite at ``<root>/workspace.db``."""
    pg_url = database_url(url)
    if pg_url is not None:
        from .pg import PostgresDatabase

        return PostgresDatabase(pg_url)
    from .db import Database

    return Database(root / "workspace.db")
