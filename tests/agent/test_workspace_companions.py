"""Companion files: the files one step makes (a song's mix and its project JSON) share one version
number, and a version-1 workspace database is migrated without losing anything."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from agent.workspace import SessionWorkspace, Workspace
from tools.base import ToolError


@pytest.fixture
def ws(tmp_path: Path) -> Any:
    workspace = Workspace(tmp_path / "home")
    yield workspace
    workspace.close()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def song_step(session: SessionWorkspace, tmp_path: Path, n: int, parent: str | None) -> tuple[Any, Any]:
    mix = session.add(write(tmp_path, f"mix{n}.wav", f"mix{n}".encode()), kind="audio", label=f"mix {n}",
                      parent=parent, tool="compose")  # fmt: skip
    proj = session.add(write(tmp_path, f"p{n}.json", f"{{\"n\": {n}}}".encode()), kind="project",
                       label=f"mix {n} (project)", parent=mix.id, tool="compose", make_current=False,
                       companion_of=mix.id)  # fmt: skip
    return mix, proj


def test_companion_shares_the_version_number_and_numbers_stay_consecutive(ws: Workspace, tmp_path: Path):
    s = ws.create_session()
    m1, p1 = song_step(s, tmp_path, 1, None)
    m2, p2 = song_step(s, tmp_path, 2, m1.id)
    m3, _ = song_step(s, tmp_path, 3, m2.id)
    assert [m1.version, m2.version, m3.version] == [1, 2, 3]
    assert (p1.version, p1.companion_of) == (1, m1.id) and p2.version == 2
    assert s.resolve("version:2").id == m2.id  # the number names the main file, never its companion
    assert s.resolve("latest").id == m3.id and s.current().id == m3.id
    assert [a.id for a in s.history() if a.companion_of == m1.id] == [p1.id]
    assert [(a.version, a.kind) for a in s.history()] == [
        (1, "audio"), (1, "project"), (2, "audio"), (2, "project"), (3, "audio"), (3, "project")
    ]  # fmt: skip
    assert s.summary().n_artifacts == 3
    assert s.undo().id == m2.id  # undo walks main versions: the project is the mix's child, not current
    with pytest.raises(ToolError, match="no version 4"):
        s.resolve("version:4")


def test_companions_cannot_be_current_or_have_companions(ws: Workspace, tmp_path: Path):
    s = ws.create_session()
    m1, p1 = song_step(s, tmp_path, 1, None)
    with pytest.raises(ValueError):
        s.add(write(tmp_path, "x.json", b"{}"), kind="project", label="x", parent=m1.id, companion_of=m1.id)
    before = s.history()
    with pytest.raises(ToolError, match="companion"):
        s.add(write(tmp_path, "y.json", b"{}"), kind="project", label="y", parent=m1.id,
              make_current=False, companion_of=p1.id)  # fmt: skip
    assert s.history() == before


def test_a_version_1_database_is_migrated_keeping_every_row(tmp_path: Path):
    home = tmp_path / "home"
    ws = Workspace(home)
    s = ws.create_session(title="old")
    up = s.import_file(write(tmp_path, "a.wav", b"a"), kind="audio")
    edit = s.add(write(tmp_path, "b.wav", b"b"), kind="audio", label="b", parent=up.id, tool="gain")
    s.undo()
    db_path = next(home.rglob("*.db"))
    ws.close()
    # Rebuild the file as the version-1 schema had it: UNIQUE (session_id, version), no companion column.
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.executescript(
        """
        CREATE TABLE old_artifacts AS SELECT id, session_id, version, kind, label, object, parent_id,
            thread, tool, arguments, call_id, created, sha256, size_bytes FROM artifacts;
        DROP TABLE artifacts;
        CREATE TABLE artifacts (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id)
            ON DELETE CASCADE, version INTEGER NOT NULL CHECK (version >= 1), kind TEXT NOT NULL,
            label TEXT NOT NULL, object TEXT NOT NULL, parent_id TEXT REFERENCES artifacts(id),
            thread TEXT NOT NULL, tool TEXT, arguments TEXT NOT NULL DEFAULT '{}', call_id TEXT,
            created REAL NOT NULL, sha256 TEXT NOT NULL, size_bytes INTEGER NOT NULL,
            UNIQUE (session_id, version));
        INSERT INTO artifacts SELECT * FROM old_artifacts;
        DROP TABLE old_artifacts;
        PRAGMA user_version = 1;
        """
    )
    conn.commit()
    conn.close()

    ws2 = Workspace(home)
    s2 = ws2.open_or_create(s.id)
    assert [a.id for a in s2.history()] == [up.id, edit.id]
    assert s2.current().id == up.id and [a.id for a in s2.redo_stack()] == [edit.id]
    assert s2.redo().id == edit.id
    m, p = song_step(s2, tmp_path, 9, edit.id)
    assert (m.version, p.version) == (3, 3)
    ws2.close()
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 2
    assert check.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):  # saved versions are still immutable after the rebuild
        check.execute("UPDATE artifacts SET label = 'x'")
    check.close()
