"""The workspace: every session under one root folder, indexed by ``<root>/workspace.db``."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from types import TracebackType

from tools.base import ToolError

from . import lookup
from .backends import IndexDatabase, open_index
from .files import remove_tree
from .models import SessionSummary, session_summary
from .session import SessionWorkspace, new_id

SESSION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAX_TITLE = 200


def default_root() -> Path:
    """``$BANDLEADER_HOME``, or ``~/.local/share/bandleader`` when it is unset."""
    home = os.environ.get("BANDLEADER_HOME")
    return Path(home).expanduser() if home else Path("~/.local/share/bandleader").expanduser()


def _check_session_id(session_id: str) -> str:
    if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
        raise ToolError(
            f"{session_id!r} can't be a session id: use 1-64 letters, digits, '_', '.' or '-', "
            "starting with a letter or digit.",
            code="bad_session_id",
        )
    return session_id


class Workspace:
    """All sessions under ``root`` (default: :func:`default_root`).

    The index is ``<root>/workspace.db`` (SQLite), or the PostgreSQL database at ``database_url``
    (default: ``$BANDLEADER_DATABASE_URL``) while the files stay under ``root``.
    Safe to share between threads, and several processes may open the same root at once.
    Use as a context manager, or call :meth:`close`, to release the database.
    """

    def __init__(self, root: Path | str | None = None, database_url: str | None = None) -> None:
        self.root = Path(root).expanduser().absolute() if root is not None else default_root().absolute()
        (self.root / "sessions").mkdir(parents=True, exist_ok=True)
        self._db: IndexDatabase = open_index(self.root, database_url)

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Closes the database connection; sessions opened from this workspace stop working."""
        self._db.close()

    def _session(self, session_id: str) -> SessionWorkspace:
        session = SessionWorkspace(self._db, self.root, session_id)
        session.dir.mkdir(parents=True, exist_ok=True)
        return session

    def create_session(self, session_id: str | None = None, title: str = "") -> SessionWorkspace:
        """Creates an empty session and returns it.

        ``session_id`` defaults to a fresh ``s-`` + 10 hex digits; a given one must match
        ``^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`` (ToolError "bad_session_id") and be unused
        (ToolError "session_exists").
        """
        clean_title = " ".join(str(title or "").split())[:MAX_TITLE]
        if session_id is not None:
            _check_session_id(session_id)
            if not self._insert_session(session_id, clean_title):
                raise ToolError(
                    f"There is already a session {session_id!r}; open it or pick another id.",
                    code="session_exists",
                )
            return self._session(session_id)
        while True:
            candidate = new_id("s", 5)
            if self._insert_session(candidate, clean_title):
                return self._session(candidate)

    def _insert_session(self, session_id: str, title: str) -> bool:
        now = time.time()
        with self._db.write() as conn:
            added = conn.execute(
                "INSERT INTO sessions (id, title, created, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (session_id, title, now, now),
            ).rowcount
        return added == 1

    def open_session(self, session_id: str) -> SessionWorkspace:
        """The existing session ``session_id``; ToolError("unknown_session") when there is none."""
        if not self.session_exists(session_id):
            raise lookup.unknown_session(session_id)
        return self._session(session_id)

    def open_or_create(self, session_id: str, title: str = "") -> SessionWorkspace:
        """The session ``session_id``, created (with ``title``) if it does not exist yet."""
        _check_session_id(session_id)
        self._insert_session(session_id, " ".join(str(title or "").split())[:MAX_TITLE])
        return self._session(session_id)

    def session_exists(self, session_id: str) -> bool:
        """True when a session with this id exists."""
        if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
            return False
        with self._db.read() as conn:
            return conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is not None

    def list_sessions(self, owner: str | None = None) -> list[SessionSummary]:
        """Every session (only ``owner``'s when given), most recently changed first."""
        with self._db.read() as conn:
            if owner is None:
                rows = conn.execute("SELECT * FROM sessions ORDER BY updated DESC, created DESC").fetchall()
            else:
                rows = conn.execute(
                    "SELECT s.* FROM sessions s JOIN session_owners o ON o.session_id = s.id "
                    "WHERE o.owner = ? ORDER BY s.updated DESC, s.created DESC",
                    (owner,),
                ).fetchall()
            return [session_summary(conn, r, self.root / "sessions" / r["id"]) for r in rows]

    def set_owner(self, session_id: str, owner: str) -> None:
        """Records who owns a session (the HTTP API's hashed key); ToolError if there is no session."""
        with self._db.write() as conn:
            lookup.session_row(conn, session_id)
            conn.execute(
                "INSERT INTO session_owners (session_id, owner) VALUES (?, ?) "
                "ON CONFLICT (session_id) DO UPDATE SET owner = excluded.owner",
                (session_id, owner),
            )

    def owner_of(self, session_id: str) -> str | None:
        """The session's recorded owner, or None (no such session, or a local one)."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT owner FROM session_owners WHERE session_id = ?", (session_id,)
            ).fetchone()
            return row["owner"] if row else None

    def artifact_session(self, artifact_id: str) -> str | None:
        """The id of the session holding artifact ``artifact_id``, or None when there is none."""
        if not isinstance(artifact_id, str) or not SESSION_ID.match(artifact_id):
            return None
        with self._db.read() as conn:
            row = conn.execute("SELECT session_id FROM artifacts WHERE id = ?", (artifact_id,)).fetchone()
            return row["session_id"] if row else None

    def delete_session(self, session_id: str) -> None:
        """Deletes a session's records and its folder; ToolError("unknown_session") if none."""
        if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
            raise lookup.unknown_session(session_id)
        with self._db.write() as conn:
            if conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount == 0:
                raise lookup.unknown_session(session_id)
        remove_tree(self.root / "sessions" / session_id)
