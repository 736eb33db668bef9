"""Records the workspace hands out besides :class:`~tools.base.ArtifactInfo`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tools.base import ArtifactInfo

from .lookup import Conn, Row

MoveAction = Literal["add", "import", "undo", "redo", "set_current"]


class SessionSummary(BaseModel):
    """One session as ``bandleader sessions list`` shows it."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str = ""
    created: float = Field(description="Creation time, seconds since the Unix epoch.")
    updated: float = Field(description="Time of the last change, seconds since the Unix epoch.")
    n_artifacts: int = Field(0, description="Number of versions (companion files not counted).")
    current: ArtifactInfo | None = None


class PointerMove(BaseModel):
    """One entry of a session's append-only log of current-pointer moves."""

    model_config = ConfigDict(frozen=True)

    from_id: str | None
    to_id: str | None
    action: MoveAction
    time: float


def artifact_from_row(row: Row, session_dir: Path) -> ArtifactInfo:
    """Builds the ArtifactInfo for an ``artifacts`` row (path made absolute under ``session_dir``)."""
    return ArtifactInfo(
        id=row["id"],
        kind=row["kind"],
        label=row["label"],
        path=str(session_dir / row["object"]),
        parent=row["parent_id"],
        thread=row["thread"],
        version=row["version"],
        tool=row["tool"],
        arguments=json.loads(row["arguments"] or "{}"),
        call_id=row["call_id"],
        created=row["created"],
        sha256=row["sha256"],
        size_bytes=row["size_bytes"],
        companion_of=row["companion_of"],
    )


def move_from_row(row: Row) -> PointerMove:
    """Builds the PointerMove for a ``moves`` row."""
    return PointerMove(from_id=row["from_id"], to_id=row["to_id"], action=row["action"], time=row["time"])


def session_summary(conn: Conn, session: Row, session_dir: Path) -> SessionSummary:
    """Builds the SessionSummary for a ``sessions`` row (inside a read transaction)."""
    n = conn.execute(
        "SELECT COUNT(*) FROM artifacts WHERE session_id = ? AND companion_of IS NULL", (session["id"],)
    ).fetchone()[0]
    current = None
    if session["current_id"] is not None:
        row = conn.execute("SELECT * FROM artifacts WHERE id = ?", (session["current_id"],)).fetchone()
        current = artifact_from_row(row, session_dir) if row else None
    return SessionSummary(
        id=session["id"],
        title=session["title"],
        created=session["created"],
        updated=session["updated"],
        n_artifacts=n,
        current=current,
    )
