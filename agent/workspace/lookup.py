"""Row look-ups shared by the session methods: sessions, artifacts and reference resolution.

Every function takes an open connection (inside a transaction) and a session id, and only ever
returns rows of that session.
"""

from __future__ import annotations

from typing import Any

from tools.base import ToolError

from .backends import Connection
from .refs import not_an_artifact, parse_ref

Row = Any
"""A ``sqlite3.Row`` or a :class:`.pg.PgRow`: columns by name and by position."""
Conn = Connection


def unknown_session(session_id: str) -> ToolError:
    """The error for a session id that is not in this workspace."""
    return ToolError(
        f"There is no session {session_id!r}. Run `bandleader sessions list` to see your sessions.",
        code="unknown_session",
    )


def no_current() -> ToolError:
    """The error for asking after the current version of an empty session."""
    return ToolError("There is nothing in this session yet: attach a file first.", code="no_current")


def describe(row: Row) -> str:
    """How an artifact is named in messages: ``'mix.wav' (version 3)``."""
    return f"{row['label']!r} (version {row['version']})"


def session_row(conn: Conn, sid: str) -> Row:
    """The ``sessions`` row; ToolError("unknown_session") when there is none."""
    row = conn.execute("SELECT * FROM sessions WHERE id = ?", (sid,)).fetchone()
    if row is None:
        raise unknown_session(sid)
    return row


def artifact_row(conn: Conn, sid: str, artifact_id: str | None) -> Row | None:
    """The artifact row with this id if it belongs to session ``sid``, else None."""
    if not isinstance(artifact_id, str):
        return None
    return conn.execute(
        "SELECT * FROM artifacts WHERE id = ? AND session_id = ?", (artifact_id, sid)
    ).fetchone()


def current_row(conn: Conn, sid: str) -> Row | None:
    """The current artifact row, or None while the session is empty."""
    return artifact_row(conn, sid, session_row(conn, sid)["current_id"])


def require_current(conn: Conn, sid: str) -> Row:
    """The current artifact row; ToolError("no_current") while the session is empty."""
    row = current_row(conn, sid)
    if row is None:
        raise no_current()
    return row


def version_row(conn: Conn, sid: str, ref: str, version: int) -> Row:
    """The row of version ``version``; ToolError("not_an_artifact") saying which versions exist."""
    row = conn.execute(
        "SELECT * FROM artifacts WHERE session_id = ? AND version = ? AND companion_of IS NULL",
        (sid, version),
    ).fetchone()
    if row is None:
        top = conn.execute("SELECT MAX(version) FROM artifacts WHERE session_id = ?", (sid,)).fetchone()[0]
        have = f"it has versions 1 to {top}." if top else "it has no versions yet."
        raise not_an_artifact(ref, f"This session has no version {version}; {have}")
    return row


def previous_row(conn: Conn, sid: str) -> Row:
    """The parent of the current version; ToolError("no_previous") when it has none."""
    current = require_current(conn, sid)
    parent = artifact_row(conn, sid, current["parent_id"])
    if parent is None:
        raise ToolError(
            f"{describe(current)} is where its line of work starts; there is no earlier version.",
            code="no_previous",
        )
    return parent


def original_row(conn: Conn, sid: str) -> Row:
    """The first version of the current version's thread (the upload it all came from)."""
    current = require_current(conn, sid)
    root = conn.execute(
        "SELECT * FROM artifacts WHERE session_id = ? AND thread = ? AND parent_id IS NULL "
        "ORDER BY version LIMIT 1",
        (sid, current["thread"]),
    ).fetchone()
    return root or current


def upload_row(conn: Conn, sid: str, ref: str, number: int) -> Row:
    """The ``number``-th file attached to the session (1 = the first upload), in upload order;
    ToolError("not_an_artifact") saying how many uploads there are."""
    rows = conn.execute(
        "SELECT * FROM artifacts WHERE session_id = ? AND tool IS NULL AND parent_id IS NULL "
        "ORDER BY version",
        (sid,),
    ).fetchall()
    if number > len(rows):
        have = (
            f"only {len(rows)} file{'s were' if len(rows) != 1 else ' was'} attached"
            if rows
            else "no file was attached yet"
        )
        raise not_an_artifact(ref, f"There is no upload {number}: {have}.")
    return rows[number - 1]


def latest_row(conn: Conn, sid: str) -> Row:
    """The highest-numbered version; ToolError("no_current") while the session is empty."""
    row = conn.execute(
        "SELECT * FROM artifacts WHERE session_id = ? AND companion_of IS NULL ORDER BY version DESC LIMIT 1",
        (sid,),
    ).fetchone()
    if row is None:
        raise no_current()
    return row


def primary_row(conn: Conn, sid: str, ref: str) -> Row:
    """The artifact ``ref`` names, which must not itself be a companion (companions of companions
    would share a number with something that has none of its own); ToolError otherwise."""
    row = resolve_row(conn, sid, ref)
    if row["companion_of"] is not None:
        raise ToolError(
            f"{describe(row)} is a companion file; attach companions to its main version.",
            code="not_an_artifact",
        )
    return row


def resolve_row(conn: Conn, sid: str, ref: str) -> Row:
    """The artifact row ``ref`` names in session ``sid`` (see ``SessionWorkspace.resolve``)."""
    parsed = parse_ref(ref)
    session_row(conn, sid)
    if parsed.kind == "current":
        return require_current(conn, sid)
    if parsed.kind == "previous":
        return previous_row(conn, sid)
    if parsed.kind == "original":
        return original_row(conn, sid)
    if parsed.kind == "latest":
        return latest_row(conn, sid)
    if parsed.kind == "version":
        return version_row(conn, sid, ref, parsed.version)
    if parsed.kind == "upload":
        return upload_row(conn, sid, ref, parsed.version)
    row = artifact_row(conn, sid, parsed.artifact_id)
    if row is None:
        raise not_an_artifact(ref)
    return row
