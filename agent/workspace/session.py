"""One session's saved versions and its current pointer (implements ``ArtifactStore``)."""

from __future__ import annotations

import json
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from tools.base import ARTIFACT_KINDS, ArtifactInfo, ToolError

from . import lookup
from .backends import IndexDatabase
from .export import write_session_zip
from .files import store_object
from .lookup import Conn, Row
from .models import PointerMove, SessionSummary, artifact_from_row, move_from_row, session_summary
from .refs import not_an_artifact

MAX_LABEL = 200


def new_id(prefix: str, n_bytes: int) -> str:
    """A random url-safe id such as ``a-1f2e3d4c5b6a``."""
    return f"{prefix}-{secrets.token_hex(n_bytes)}"


def _check_kind(kind: str) -> str:
    if kind not in ARTIFACT_KINDS:
        raise ToolError(
            f"{kind!r} is not a kind of artifact; use one of: {', '.join(ARTIFACT_KINDS)}.",
            code="bad_kind",
        )
    return kind


def _check_source(source: Path | str) -> Path:
    path = Path(source)
    if not path.exists():
        raise ToolError(f"There is no file at {str(path)!r} to save.", code="missing_file")
    if not path.is_file():
        raise ToolError(
            f"{str(path)!r} is not a regular file (a folder?); pack it into one file first.",
            code="not_a_file",
        )
    return path


def _clean_label(label: str | None, source: Path) -> str:
    text = " ".join(str(label or "").split())[:MAX_LABEL]
    return text or source.name


def _dump_arguments(arguments: dict[str, Any] | None) -> str:
    if arguments is None:
        return "{}"
    if not isinstance(arguments, dict):
        raise ToolError("Artifact arguments must be a dict of the call's arguments.", code="bad_arguments")
    return json.dumps(arguments, sort_keys=True, default=str)


def _no_earlier_message(row: Row) -> str:
    if row["tool"]:
        return (
            f"{lookup.describe(row)} was made from scratch by {row['tool']}; "
            "there is nothing earlier to go back to."
        )
    return f"{lookup.describe(row)} is the original upload; there is nothing earlier to go back to."


class SessionWorkspace:
    """A session: content-addressed files, their history, the current pointer and a redo stack.

    Everything lives in the workspace database and under ``<root>/sessions/<id>/``, so another
    ``Workspace`` on the same root (in this or another process) sees the same state. Safe to use
    from several threads at once. Nothing is ever deleted except by ``Workspace.delete_session``.
    """

    def __init__(self, db: IndexDatabase, root: Path, session_id: str) -> None:
        self._db = db
        self.id = session_id
        self.dir = root / "sessions" / session_id

    @property
    def session_id(self) -> str:
        """The session's id (same as ``id``)."""
        return self.id

    def __repr__(self) -> str:
        return f"SessionWorkspace({self.id!r}, dir={str(self.dir)!r})"

    def _info(self, row: Row) -> ArtifactInfo:
        return artifact_from_row(row, self.dir)

    def _infos(self, rows: list[Row]) -> list[ArtifactInfo]:
        return [self._info(r) for r in rows]

    # ----------------------------------------------------------------- pointer bookkeeping

    def _move(self, conn: Conn, from_id: str | None, to_id: str, action: str) -> None:
        now = time.time()
        conn.execute("UPDATE sessions SET current_id = ?, updated = ? WHERE id = ?", (to_id, now, self.id))
        conn.execute(
            "INSERT INTO moves (session_id, from_id, to_id, action, time) VALUES (?, ?, ?, ?, ?)",
            (self.id, from_id, to_id, action, now),
        )

    def _clear_redo(self, conn: Conn) -> None:
        conn.execute("DELETE FROM redo_stack WHERE session_id = ?", (self.id,))

    def _push_redo(self, conn: Conn, artifact_id: str) -> None:
        conn.execute(
            "INSERT INTO redo_stack (session_id, position, artifact_id) VALUES (?, "
            "(SELECT COALESCE(MAX(position), 0) + 1 FROM redo_stack WHERE session_id = ?), ?)",
            (self.id, self.id, artifact_id),
        )

    # ----------------------------------------------------------------- adding versions

    def add(
        self,
        source: Path,
        *,
        kind: str,
        label: str,
        parent: str | None,
        tool: str | None = None,
        arguments: dict[str, Any] | None = None,
        call_id: str | None = None,
        make_current: bool = True,
        companion_of: str | None = None,
    ) -> ArtifactInfo:
        """Stores a copy of ``source`` as the session's next version; returns its record.

        ``parent`` is an artifact of this session (an id, or any reference :meth:`resolve`
        accepts) or None to start a new thread. With ``make_current`` the new version becomes
        current and the redo stack is cleared. ``companion_of`` (an artifact of this session) makes
        the file a companion that shares that artifact's version number instead of taking the
        next one (a song's project JSON next to its mix); a companion is never made current.
        On any error the session is left unchanged.
        """
        if companion_of is not None and make_current:
            raise ValueError("a companion file shares its primary's version and cannot become current")
        return self._add(
            source, kind, label, parent, tool, arguments, call_id, make_current, "add", companion_of
        )

    def import_file(self, path: Path, *, kind: str, label: str | None = None) -> ArtifactInfo:
        """Stores a user's upload as the first version of a new thread and makes it current.

        Returns its record; ``label`` defaults to the file's name.
        """
        return self._add(Path(path), kind, label, None, None, None, None, True, "import", None)

    def _add(
        self,
        source: Path,
        kind: str,
        label: str | None,
        parent: str | None,
        tool: str | None,
        arguments: dict[str, Any] | None,
        call_id: str | None,
        make_current: bool,
        action: str,
        companion_of: str | None,
    ) -> ArtifactInfo:
        _check_kind(kind)
        src = _check_source(source)
        clean_label = _clean_label(label, src)
        args_json = _dump_arguments(arguments)
        with self._db.read() as conn:  # fail before copying anything
            lookup.session_row(conn, self.id)
            if parent is not None:
                lookup.resolve_row(conn, self.id, parent)
            if companion_of is not None:
                lookup.primary_row(conn, self.id, companion_of)
        stored = store_object(src, self.dir)
        with self._db.write() as conn:
            parent_row = lookup.resolve_row(conn, self.id, parent) if parent is not None else None
            primary = lookup.primary_row(conn, self.id, companion_of) if companion_of is not None else None
            current = lookup.current_row(conn, self.id)
            artifact_id = self._fresh_artifact_id(conn)
            conn.execute(
                "INSERT INTO artifacts (id, session_id, version, kind, label, object, parent_id, thread,"
                " tool, arguments, call_id, created, sha256, size_bytes, companion_of) VALUES (?, ?, "
                "COALESCE(?, (SELECT COALESCE(MAX(version), 0) + 1 FROM artifacts WHERE session_id = ?)),"
                " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    artifact_id, self.id, primary["version"] if primary else None, self.id, kind,
                    clean_label, stored.relpath,
                    parent_row["id"] if parent_row else None,
                    parent_row["thread"] if parent_row else new_id("t", 5),
                    tool, args_json, call_id, time.time(), stored.sha256, stored.size_bytes,
                    primary["id"] if primary else None,
                ),
            )  # fmt: skip
            if make_current:
                self._clear_redo(conn)
                self._move(conn, current["id"] if current else None, artifact_id, action)
            else:
                conn.execute("UPDATE sessions SET updated = ? WHERE id = ?", (time.time(), self.id))
            return self._info(lookup.artifact_row(conn, self.id, artifact_id))  # type: ignore[arg-type]

    @staticmethod
    def _fresh_artifact_id(conn: Conn) -> str:
        while True:
            candidate = new_id("a", 6)
            if conn.execute("SELECT 1 FROM artifacts WHERE id = ?", (candidate,)).fetchone() is None:
                return candidate

    # ----------------------------------------------------------------- the pointer

    def undo(self) -> ArtifactInfo:
        """Makes the current version's parent current, pushing the old one on the redo stack.

        Returns the new current version. Raises ToolError("nothing_to_undo") when the session is
        empty or the current version has no parent. Nothing is deleted.
        """
        with self._db.write() as conn:
            current = lookup.current_row(conn, self.id)
            if current is None:
                raise ToolError(
                    "There is nothing in this session yet, so there is nothing to undo.",
                    code="nothing_to_undo",
                )
            parent = lookup.artifact_row(conn, self.id, current["parent_id"])
            if parent is None:
                raise ToolError(_no_earlier_message(current), code="nothing_to_undo")
            self._push_redo(conn, current["id"])
            self._move(conn, current["id"], parent["id"], "undo")
            return self._info(parent)

    def redo(self) -> ArtifactInfo:
        """Makes the most recently undone version current again; returns it.

        Raises ToolError("nothing_to_redo") when nothing has been undone since the last change.
        """
        with self._db.write() as conn:
            current = lookup.current_row(conn, self.id)
            top = conn.execute(
                "SELECT position, artifact_id FROM redo_stack WHERE session_id = ? "
                "ORDER BY position DESC LIMIT 1",
                (self.id,),
            ).fetchone()
            if top is None:
                raise ToolError(
                    "There is nothing to redo: redo only works right after undo, "
                    "before anything new is made or picked.",
                    code="nothing_to_redo",
                )
            conn.execute(
                "DELETE FROM redo_stack WHERE session_id = ? AND position = ?", (self.id, top["position"])
            )
            self._move(conn, current["id"] if current else None, top["artifact_id"], "redo")
            return self._info(lookup.artifact_row(conn, self.id, top["artifact_id"]))  # type: ignore[arg-type]

    def set_current(self, ref: str) -> ArtifactInfo:
        """Makes any version of this session current, clearing the redo stack; returns it.

        Picking the version that is already current changes nothing (the redo stack is kept).
        """
        with self._db.write() as conn:
            target = lookup.resolve_row(conn, self.id, ref)
            current = lookup.current_row(conn, self.id)
            if current is None or current["id"] != target["id"]:
                self._clear_redo(conn)
                self._move(conn, current["id"] if current else None, target["id"], "set_current")
            return self._info(target)

    # ----------------------------------------------------------------- reading

    def resolve(self, ref: str) -> ArtifactInfo:
        """The artifact ``ref`` names: "current", "previous" (its parent), "original" (its
        thread's first version), "latest", "version:N" (also "vN" or "N"), "upload:N" (the Nth
        file attached) or an artifact id.

        Raises ToolError "no_current" (empty session), "no_previous", or "not_an_artifact" for
        anything else, file paths and other sessions' ids included (no file is ever opened).
        """
        with self._db.read() as conn:
            return self._info(lookup.resolve_row(conn, self.id, ref))

    def current(self) -> ArtifactInfo | None:
        """The current version, or None while the session is empty."""
        with self._db.read() as conn:
            row = lookup.current_row(conn, self.id)
            return self._info(row) if row else None

    def get(self, artifact_id: str) -> ArtifactInfo:
        """The artifact with this exact id; ToolError("not_an_artifact") if not in this session."""
        with self._db.read() as conn:
            lookup.session_row(conn, self.id)
            row = lookup.artifact_row(conn, self.id, artifact_id)
            if row is None:
                raise not_an_artifact(artifact_id)
            return self._info(row)

    def history(self) -> list[ArtifactInfo]:
        """Every saved file of the session, oldest (version 1) first; a version's companion files
        (``companion_of`` set) come right after it."""
        return self._query(
            "SELECT * FROM artifacts WHERE session_id = ? ORDER BY version, companion_of IS NOT NULL, rowid",
            (),
        )

    def children(self, ref: str) -> list[ArtifactInfo]:
        """The versions made directly from ``ref`` (any reference resolve accepts), oldest first."""
        with self._db.read() as conn:
            parent = lookup.resolve_row(conn, self.id, ref)
            rows = conn.execute(
                "SELECT * FROM artifacts WHERE session_id = ? AND parent_id = ? ORDER BY version",
                (self.id, parent["id"]),
            ).fetchall()
        return self._infos(rows)

    def artifacts_for_call(self, call_id: str) -> list[ArtifactInfo]:
        """The versions a tool call produced, oldest first (empty when it produced none)."""
        return self._query(
            "SELECT * FROM artifacts WHERE session_id = ? AND call_id = ? ORDER BY version", (call_id,)
        )

    def redo_stack(self) -> list[ArtifactInfo]:
        """The versions redo would bring back, the next one first."""
        return self._query(
            "SELECT a.* FROM redo_stack r JOIN artifacts a ON a.id = r.artifact_id "
            "WHERE r.session_id = ? ORDER BY r.position DESC",
            (),
        )

    def moves(self) -> list[PointerMove]:
        """The session's append-only log of current-pointer moves, oldest first."""
        with self._db.read() as conn:
            lookup.session_row(conn, self.id)
            rows = conn.execute("SELECT * FROM moves WHERE session_id = ? ORDER BY id", (self.id,)).fetchall()
        return [move_from_row(r) for r in rows]

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[ArtifactInfo]:
        with self._db.read() as conn:
            lookup.session_row(conn, self.id)
            rows = conn.execute(sql, (self.id, *params)).fetchall()
        return self._infos(rows)

    def summary(self) -> SessionSummary:
        """The session's id, title, times, number of versions and current version."""
        with self._db.read() as conn:
            return session_summary(conn, lookup.session_row(conn, self.id), self.dir)

    @property
    def title(self) -> str:
        """The session's title ("" when none was given)."""
        return self.summary().title

    # ----------------------------------------------------------------- folders and export

    def scratch_dir(self) -> Path:
        """A fresh, empty folder for one call's temporary files (under the session's ``tmp``)."""
        base = self.dir / "tmp"
        base.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="call-", dir=base))

    def exports_dir(self) -> Path:
        """The session's ``exports`` folder (created when missing)."""
        path = self.dir / "exports"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def export_zip(self, dest: Path) -> Path:
        """Writes the whole session to a zip file atomically; returns its absolute path.

        ``dest`` is the zip's path, or an existing folder to put ``<session id>.zip`` in. The zip
        holds ``manifest.json`` (session, every artifact record, current pointer, redo stack and
        pointer moves) and each version's file as ``v001-<label slug><suffix>``.
        """
        with self._db.read() as conn:  # one consistent snapshot
            session = dict(lookup.session_row(conn, self.id))
            artifacts = self.history()
            redo = [a.id for a in self.redo_stack()]
            moves = [m.model_dump() for m in self.moves()]
        return write_session_zip(Path(dest), session=session, artifacts=artifacts, redo=redo, moves=moves)
