"""Tests for agent.workspace: sessions, content-addressed artifacts, the pointer and export."""

from __future__ import annotations

import inspect
import json
import os
import sqlite3
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest

from agent.workspace import SessionSummary, SessionWorkspace, Workspace, default_root
from tools.base import ArtifactInfo, ArtifactStore, ToolContext, ToolError

REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------------------- helpers


@pytest.fixture
def ws(tmp_path: Path) -> Any:
    workspace = Workspace(tmp_path / "home")
    yield workspace
    workspace.close()


@pytest.fixture
def session(ws: Workspace) -> SessionWorkspace:
    return ws.create_session(title="Demo")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def chain(session: SessionWorkspace, tmp_path: Path, n: int) -> list[ArtifactInfo]:
    """An upload followed by n-1 edits, each made from the one before."""
    first = session.import_file(write(tmp_path, "song.wav", b"v1"), kind="audio")
    out = [first]
    for i in range(2, n + 1):
        src = write(tmp_path, f"edit{i}.wav", f"v{i}".encode())
        out.append(session.add(src, kind="audio", label=f"edit {i}", parent=out[-1].id, tool="gain"))
    return out


def state(session: SessionWorkspace) -> tuple[Any, ...]:
    """Everything observable about a session, for before/after comparisons."""
    objects = sorted(p.relative_to(session.dir) for p in session.dir.rglob("*") if p.is_file())
    return (session.history(), session.current(), session.redo_stack(), session.moves(), objects)


def code_of(exc: pytest.ExceptionInfo[ToolError]) -> str:
    return exc.value.code


# ---------------------------------------------------------------------------- protocol


def test_session_workspace_matches_artifact_store_protocol() -> None:
    for name, member in vars(ArtifactStore).items():
        if name.startswith("_") or not callable(member):
            continue
        ours = inspect.signature(getattr(SessionWorkspace, name))
        theirs = inspect.signature(member)
        assert list(ours.parameters) == list(theirs.parameters), name
        for pname, param in theirs.parameters.items():
            assert ours.parameters[pname].kind == param.kind, (name, pname)
            assert ours.parameters[pname].default == param.default, (name, pname)


def test_tool_context_save_goes_through_add(session: SessionWorkspace, tmp_path: Path) -> None:
    up = session.import_file(write(tmp_path, "a.wav", b"a"), kind="audio")
    ctx = ToolContext(workspace=session, tool="gain", call_id="c-1", arguments={"db": 3.0})
    info = ctx.save(write(tmp_path, "b.wav", b"b"), kind="audio", label="louder", parent=up.id)
    assert ctx.produced == [info]
    assert (info.tool, info.call_id, info.arguments) == ("gain", "c-1", {"db": 3.0})
    assert session.artifacts_for_call("c-1") == [info]
    assert session.artifacts_for_call("nope") == []


# ---------------------------------------------------------------------------- adding and resolving


def test_add_resolve_history_and_versions(session: SessionWorkspace, tmp_path: Path) -> None:
    src = write(tmp_path, "song.WAV", b"RIFF-one")
    up = session.import_file(src, kind="audio")
    assert up.version == 1 and up.parent is None and up.tool is None
    assert up.label == "song.WAV"
    assert up.id.startswith("a-") and len(up.id) == 14
    path = Path(up.path)
    assert path.is_absolute() and path.read_bytes() == b"RIFF-one"
    assert path.suffix == ".wav" and path.parent.name == up.sha256[:2]
    assert path.parent.parent == session.dir / "objects"
    assert up.size_bytes == 8
    src.unlink()  # we copied it
    assert path.exists()

    edit = session.add(
        write(tmp_path, "x.wav", b"RIFF-two"),
        kind="audio",
        label="louder",
        parent=up.id,
        tool="gain",
        arguments={"db": 3, "where": Path("/x")},
        call_id="c1",
    )
    assert edit.version == 2 and edit.parent == up.id and edit.thread == up.thread
    assert edit.arguments == {"db": 3, "where": "/x"}  # stored as JSON
    assert session.current() == edit
    assert session.resolve("current") == edit
    assert session.resolve(edit.id) == edit
    assert session.get(up.id) == up
    assert [a.version for a in session.history()] == [1, 2]
    assert session.children(up.id) == [edit]

    other = session.import_file(write(tmp_path, "b.mid", b"MThd"), kind="midi", label="Bass line")
    assert other.version == 3 and other.thread != up.thread and other.label == "Bass line"


def test_identical_content_is_stored_once(session: SessionWorkspace, tmp_path: Path) -> None:
    a = session.import_file(write(tmp_path, "a.wav", b"same bytes"), kind="audio")
    b = session.add(write(tmp_path, "b.wav", b"same bytes"), kind="audio", label="copy", parent=a.id)
    assert a.id != b.id and a.version != b.version
    assert a.path == b.path and a.sha256 == b.sha256
    assert len([p for p in (session.dir / "objects").rglob("*") if p.is_file()]) == 1


def test_add_without_make_current_keeps_pointer_and_redo(session: SessionWorkspace, tmp_path: Path) -> None:
    v1, v2 = chain(session, tmp_path, 2)
    session.undo()
    side = session.add(write(tmp_path, "s.wav", b"side"), kind="report", label="notes", parent=v1.id,
                       make_current=False)  # fmt: skip
    assert session.current() == v1
    assert session.redo_stack() == [v2]
    assert side.version == 3


def test_bad_kind_and_directory_source_are_refused(session: SessionWorkspace, tmp_path: Path) -> None:
    with pytest.raises(ToolError) as exc:
        session.import_file(write(tmp_path, "a.wav", b"a"), kind="picture")
    assert code_of(exc) == "bad_kind" and "audio" in exc.value.message
    with pytest.raises(ToolError) as exc:
        session.import_file(tmp_path, kind="audio")
    assert code_of(exc) == "not_a_file"


# ---------------------------------------------------------------------------- undo / redo / set_current


def test_undo_redo_walk_the_chain(session: SessionWorkspace, tmp_path: Path) -> None:
    v1, v2, v3 = chain(session, tmp_path, 3)
    assert session.undo() == v2
    assert session.undo() == v1
    assert session.current() == v1
    assert session.redo_stack() == [v2, v3]
    assert session.redo() == v2
    assert session.redo() == v3
    with pytest.raises(ToolError) as exc:
        session.redo()
    assert code_of(exc) == "nothing_to_redo"
    assert [(m.action, m.from_id, m.to_id) for m in session.moves()] == [
        ("import", None, v1.id),
        ("add", v1.id, v2.id),
        ("add", v2.id, v3.id),
        ("undo", v3.id, v2.id),
        ("undo", v2.id, v1.id),
        ("redo", v1.id, v2.id),
        ("redo", v2.id, v3.id),
    ]


def test_nothing_to_undo(session: SessionWorkspace, tmp_path: Path) -> None:
    with pytest.raises(ToolError) as exc:
        session.undo()
    assert code_of(exc) == "nothing_to_undo"
    up = session.import_file(write(tmp_path, "take.wav", b"x"), kind="audio")
    with pytest.raises(ToolError) as exc:
        session.undo()
    assert code_of(exc) == "nothing_to_undo"
    assert "'take.wav' (version 1) is the original upload" in exc.value.message
    assert "nothing earlier to go back to" in exc.value.message
    assert session.current() == up


def test_new_add_clears_redo(session: SessionWorkspace, tmp_path: Path) -> None:
    v1, _v2 = chain(session, tmp_path, 2)
    session.undo()
    v3 = session.add(write(tmp_path, "n.wav", b"new"), kind="audio", label="other edit", parent=v1.id)
    assert session.redo_stack() == []
    with pytest.raises(ToolError) as exc:
        session.redo()
    assert code_of(exc) == "nothing_to_redo"
    assert session.current() == v3


def test_set_current_jumps_and_clears_redo(session: SessionWorkspace, tmp_path: Path) -> None:
    v1, v2, v3 = chain(session, tmp_path, 3)
    session.undo()
    assert session.set_current("v2") == v2  # already current: nothing changes
    assert session.redo_stack() == [v3]
    assert session.set_current("version:1") == v1
    assert session.redo_stack() == []
    assert session.current() == v1
    assert session.moves()[-1].action == "set_current"
    assert session.set_current(v3.id) == v3
    assert len(session.history()) == 3


def test_undo_never_deletes_files(session: SessionWorkspace, tmp_path: Path) -> None:
    arts = chain(session, tmp_path, 4)
    session.undo()
    session.undo()
    session.redo()
    session.set_current("1")
    assert all(Path(a.path).is_file() for a in arts)
    assert session.history() == arts


# ---------------------------------------------------------------------------- references


def test_refs_previous_original_and_versions(session: SessionWorkspace, tmp_path: Path) -> None:
    with pytest.raises(ToolError) as exc:
        session.resolve("current")
    assert code_of(exc) == "no_current"
    assert exc.value.message == "There is nothing in this session yet: attach a file first."
    assert session.current() is None

    v1, v2, v3 = chain(session, tmp_path, 3)
    assert session.resolve("previous") == v2
    assert session.resolve("original") == v1
    assert session.resolve("latest") == v3
    for ref in ("version:2", "Version: 2", "v2", "V2", "2", " 2 "):
        assert session.resolve(ref) == v2, ref

    session.set_current("1")
    with pytest.raises(ToolError) as exc:
        session.resolve("previous")
    assert code_of(exc) == "no_previous"
    with pytest.raises(ToolError) as exc:
        session.resolve("version:9")
    assert code_of(exc) == "not_an_artifact" and "versions 1 to 3" in exc.value.message

    side = session.import_file(write(tmp_path, "other.wav", b"other"), kind="audio")
    session.add(write(tmp_path, "o2.wav", b"o2"), kind="audio", label="o2", parent=side.id)
    assert session.resolve("original") == side  # original of the current thread
    # "the first track", "the second upload": files attached, in upload order (edits don't count)
    assert session.resolve("upload:1") == v1 and session.resolve("Upload: 2") == side
    with pytest.raises(ToolError) as exc:
        session.resolve("upload:3")
    assert code_of(exc) == "not_an_artifact" and "only 2 files were attached" in exc.value.message


@pytest.mark.parametrize(
    "ref", ["/etc/passwd", "../x.wav", "objects/ab/x.wav", "", "   ", "version:0", "v-1", "a-000000000000"]
)
def test_paths_and_unknown_refs_are_not_artifacts(
    session: SessionWorkspace, tmp_path: Path, ref: str
) -> None:
    session.import_file(write(tmp_path, "a.wav", b"a"), kind="audio")
    with pytest.raises(ToolError) as exc:
        session.resolve(ref)
    assert code_of(exc) == "not_an_artifact"
    assert "is not an artifact of this session" in exc.value.message


def test_stored_path_and_non_strings_are_refused(session: SessionWorkspace, tmp_path: Path) -> None:
    up = session.import_file(write(tmp_path, "a.wav", b"a"), kind="audio")
    for ref in (up.path, None, 3):
        with pytest.raises(ToolError) as exc:
            session.resolve(ref)  # type: ignore[arg-type]
        assert code_of(exc) == "not_an_artifact"


def test_foreign_ids_are_refused(ws: Workspace, tmp_path: Path) -> None:
    a = ws.create_session()
    b = ws.create_session()
    theirs = b.import_file(write(tmp_path, "b.wav", b"b"), kind="audio")
    a.import_file(write(tmp_path, "a.wav", b"a"), kind="audio")
    for call in (a.resolve, a.get, a.set_current, a.children):
        with pytest.raises(ToolError) as exc:
            call(theirs.id)
        assert code_of(exc) == "not_an_artifact"
    with pytest.raises(ToolError) as exc:
        a.add(write(tmp_path, "c.wav", b"c"), kind="audio", label="c", parent=theirs.id)
    assert code_of(exc) == "not_an_artifact"


# ---------------------------------------------------------------------------- failures leave no trace


@pytest.mark.parametrize(
    "case", ["missing_source", "bad_kind", "foreign_parent", "path_parent", "bad_arguments"]
)
def test_failed_add_leaves_session_unchanged(ws: Workspace, tmp_path: Path, case: str) -> None:
    session = ws.create_session()
    _v1, v2 = chain(session, tmp_path, 2)
    session.undo()
    before = state(session)
    src = write(tmp_path, "new.wav", b"new content")
    kwargs: dict[str, Any] = {"kind": "audio", "label": "new", "parent": v2.id}
    if case == "missing_source":
        src = tmp_path / "does-not-exist.wav"
    elif case == "bad_kind":
        kwargs["kind"] = "banana"
    elif case == "foreign_parent":
        other = ws.create_session()
        kwargs["parent"] = other.import_file(write(tmp_path, "o.wav", b"o"), kind="audio").id
    elif case == "path_parent":
        kwargs["parent"] = str(src)
    elif case == "bad_arguments":
        kwargs["arguments"] = ["not", "a", "dict"]
    with pytest.raises(ToolError):
        session.add(src, **kwargs)
    assert state(session) == before


def test_failure_while_storing_leaves_no_partial_files(
    session: SessionWorkspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain(session, tmp_path, 2)
    before = state(session)

    def broken_replace(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("agent.workspace.files.os.replace", broken_replace)
    with pytest.raises(OSError):
        session.add(write(tmp_path, "n.wav", b"fresh"), kind="audio", label="n", parent="current")
    assert state(session) == before


def test_failure_in_database_step_rolls_back(
    session: SessionWorkspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain(session, tmp_path, 2)
    history, current, redo, moves, _ = state(session)

    def boom(conn: sqlite3.Connection) -> str:
        raise RuntimeError("crash mid-add")

    monkeypatch.setattr(SessionWorkspace, "_fresh_artifact_id", staticmethod(boom))
    with pytest.raises(RuntimeError):
        session.add(write(tmp_path, "n.wav", b"fresh"), kind="audio", label="n", parent="current")
    assert state(session)[:4] == (history, current, redo, moves)  # an unreferenced object may remain
    monkeypatch.undo()
    assert session.add(write(tmp_path, "m.wav", b"m"), kind="audio", label="m", parent=None).version == 3


# ---------------------------------------------------------------------------- sessions


def test_session_ids(ws: Workspace) -> None:
    s = ws.create_session()
    assert s.id.startswith("s-") and len(s.id) == 12 and s.session_id == s.id
    named = ws.create_session("my-song_2.take", title="  My   song ")
    assert named.title == "My song"
    for bad in ("", "-x", "../etc", "a/b", "x" * 65, "has space"):
        with pytest.raises(ToolError) as exc:
            ws.create_session(bad)
        assert code_of(exc) == "bad_session_id"
    with pytest.raises(ToolError) as exc:
        ws.create_session("my-song_2.take")
    assert code_of(exc) == "session_exists"
    assert ws.open_or_create("my-song_2.take").id == named.id
    assert ws.open_or_create("fresh").summary().n_artifacts == 0
    assert ws.session_exists("fresh") and not ws.session_exists("../fresh")


def test_unknown_session(ws: Workspace) -> None:
    for call in (ws.open_session, ws.delete_session):
        with pytest.raises(ToolError) as exc:
            call("s-nope")
        assert code_of(exc) == "unknown_session"
        assert "s-nope" in exc.value.message and "bandleader sessions list" in exc.value.message


def test_list_sessions_and_summary(ws: Workspace, tmp_path: Path) -> None:
    a = ws.create_session(title="first")
    b = ws.create_session(title="second")
    up = b.import_file(write(tmp_path, "x.wav", b"x"), kind="audio")
    listed = ws.list_sessions()
    assert all(isinstance(s, SessionSummary) for s in listed)
    assert [s.id for s in listed] == [b.id, a.id]  # most recently changed first
    assert listed[0].n_artifacts == 1 and listed[0].current == up and listed[0].title == "second"
    assert listed[1].current is None and listed[1].n_artifacts == 0
    assert b.summary() == listed[0]


def test_delete_session(ws: Workspace, tmp_path: Path) -> None:
    keep = ws.create_session()
    kept = keep.import_file(write(tmp_path, "k.wav", b"k"), kind="audio")
    gone = ws.create_session()
    chain(gone, tmp_path, 3)
    gone.undo()
    gone.scratch_dir()
    folder = gone.dir
    ws.delete_session(gone.id)
    assert not folder.exists()
    assert not ws.session_exists(gone.id)
    with pytest.raises(ToolError) as exc:
        gone.history()
    assert code_of(exc) == "unknown_session"
    db = sqlite3.connect(ws.root / "workspace.db")
    for table in ("artifacts", "redo_stack", "moves"):
        n = db.execute(f"SELECT COUNT(*) FROM {table} WHERE session_id = ?", (gone.id,)).fetchone()[0]
        assert n == 0, table
    db.close()
    assert keep.current() == kept and Path(kept.path).exists()


def test_moves_and_artifacts_cannot_be_rewritten(
    session: SessionWorkspace, tmp_path: Path, ws: Workspace
) -> None:
    chain(session, tmp_path, 2)
    db = sqlite3.connect(ws.root / "workspace.db")
    for sql in ("UPDATE moves SET action = 'undo'", "DELETE FROM moves", "UPDATE artifacts SET label = 'x'"):
        with pytest.raises(sqlite3.DatabaseError):
            db.execute(sql)
    db.close()


def test_default_root_and_pragmas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_HOME", str(tmp_path / "bl"))
    assert default_root() == tmp_path / "bl"
    with Workspace() as ws:
        assert ws.root == tmp_path / "bl"
        assert (tmp_path / "bl" / "workspace.db").exists()
        assert ws._db._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws._db._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    monkeypatch.delenv("BANDLEADER_HOME")
    assert default_root() == Path.home() / ".local/share/bandleader"


def test_scratch_and_exports_dirs(session: SessionWorkspace) -> None:
    a, b = session.scratch_dir(), session.scratch_dir()
    assert a != b and a.is_dir() and b.is_dir() and not any(a.iterdir())
    assert a.parent == session.dir / "tmp"
    assert session.exports_dir() == session.dir / "exports" and session.exports_dir().is_dir()


# ---------------------------------------------------------------------------- export


def test_export_zip(session: SessionWorkspace, tmp_path: Path) -> None:
    v1, v2, v3 = chain(session, tmp_path, 3)
    session.undo()
    out = session.export_zip(tmp_path / "out" / "demo.zip")
    assert out == tmp_path / "out" / "demo.zip" and out.is_file()
    assert [p.name for p in out.parent.iterdir()] == ["demo.zip"]  # no temp files left
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        assert names == {"manifest.json", "v001-song-wav.wav", "v002-edit-2.wav", "v003-edit-3.wav"}
        assert zf.read("v002-edit-2.wav") == b"v2"
    assert manifest["session"]["id"] == session.id and manifest["session"]["title"] == "Demo"
    assert manifest["current"] == v2.id
    assert manifest["redo_stack"] == [v3.id]
    assert [a["id"] for a in manifest["artifacts"]] == [v1.id, v2.id, v3.id]
    record = manifest["artifacts"][1]
    assert record["parent"] == v1.id and record["version"] == 2 and record["file"] == "v002-edit-2.wav"
    assert record["sha256"] == v2.sha256 and "path" not in record
    assert [m["action"] for m in manifest["moves"]] == ["import", "add", "add", "undo"]

    into_folder = session.export_zip(session.exports_dir())
    assert into_folder == session.exports_dir() / f"{session.id}.zip"


# ---------------------------------------------------------------------------- persistence and concurrency


def test_state_survives_a_new_workspace_object(tmp_path: Path) -> None:
    root = tmp_path / "home"
    with Workspace(root) as ws:
        s = ws.create_session("keep", title="kept")
        _v1, v2, v3 = chain(s, tmp_path, 3)
        s.undo()
    with Workspace(root) as again:
        s2 = again.open_session("keep")
        assert s2.current() == v2
        assert s2.redo_stack() == [v3]
        assert s2.redo() == v3
        assert s2.title == "kept"


def _run_python(code: str, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_state_survives_a_new_process(ws: Workspace, tmp_path: Path) -> None:
    s = ws.create_session("proc")
    _v1, v2, v3 = chain(s, tmp_path, 3)
    s.undo()
    code = (
        "import sys\n"
        "from agent.workspace import Workspace\n"
        "s = Workspace(sys.argv[1]).open_session('proc')\n"
        "print(s.current().id, [a.id for a in s.redo_stack()][0])\n"
        "print(s.redo().id)\n"
    )
    out = _run_python(code, str(ws.root)).splitlines()
    assert out == [f"{v2.id} {v3.id}", v3.id]
    assert s.current() == v3  # the other process's redo is visible here
    assert s.redo_stack() == []


def test_parallel_adds_from_threads_get_consecutive_versions(
    session: SessionWorkspace, tmp_path: Path
) -> None:
    up = session.import_file(write(tmp_path, "base.wav", b"base"), kind="audio")
    results: list[ArtifactInfo] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def worker(i: int) -> None:
        try:
            barrier.wait()
            for j in range(3):
                src = write(tmp_path, f"t{i}-{j}.wav", f"{i}-{j}".encode())
                results.append(session.add(src, kind="audio", label=f"t{i}", parent=up.id, call_id=f"c{i}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.version for r in results) == list(range(2, 26))
    assert len({r.id for r in results}) == 24
    assert [a.version for a in session.history()] == list(range(1, 26))
    assert all(len(session.artifacts_for_call(f"c{i}")) == 3 for i in range(8))


def test_parallel_adds_from_processes(ws: Workspace, tmp_path: Path) -> None:
    session = ws.create_session("shared")
    up = session.import_file(write(tmp_path, "base.wav", b"base"), kind="audio")
    code = (
        "import sys, pathlib\n"
        "from agent.workspace import Workspace\n"
        "root, tag, tmp = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])\n"
        "s = Workspace(root).open_session('shared')\n"
        "for j in range(10):\n"
        "    p = tmp / f'{tag}-{j}.wav'\n"
        "    p.write_bytes(f'{tag}{j}'.encode())\n"
        f"    s.add(p, kind='audio', label=tag, parent={up.id!r})\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(ws.root), tag, str(tmp_path)], cwd=REPO,
                         stderr=subprocess.PIPE, text=True)
        for tag in ("p1", "p2", "p3")
    ]  # fmt: skip
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert [a.version for a in session.history()] == list(range(1, 32))
    assert os.path.exists(session.current().path)  # type: ignore[union-attr]
