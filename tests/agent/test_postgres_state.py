"""The workspace index and LangGraph checkpoints in a real PostgreSQL server (BANDLEADER_DATABASE_URL).

The server is Debian's ``postgresql``, started on 127.0.0.1 by the ``postgres_server`` fixture;
each test gets a database of its own.
"""

from __future__ import annotations

import multiprocessing
import threading
import uuid
from pathlib import Path

import psycopg
import pytest

from agent.agent import Agent
from agent.state import CHECKPOINT_SCHEMA
from agent.workspace import Workspace
from agent.workspace import pg as pg_index
from tests.agent.conftest import write_song
from tests.postgres_server import PostgresServer
from tools.audio.decode import decode_audio
from tools.audio.loudness import integrated_loudness_lufs
from tools.base import ToolError

pytestmark = pytest.mark.slow


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty database on the test server."""
    return postgres_server.create_database(f"t_{uuid.uuid4().hex[:12]}")


def _lufs(path: str) -> float:
    return integrated_loudness_lufs(decode_audio(Path(path)))


def test_sessions_versions_undo_redo_round_trip(pg_url: str, tmp_path: Path) -> None:
    song, other = write_song(tmp_path / "song.wav"), write_song(tmp_path / "b.wav", seconds=2.0, level=0.1)
    root = tmp_path / "home"
    with Workspace(root, database_url=pg_url) as ws:
        s = ws.create_session("pg-1", title="  first   song ")
        v1 = s.import_file(song, kind="audio")
        v2 = s.add(other, kind="audio", label="louder", parent="current", tool="gain",
                   arguments={"gain_db": 6})  # fmt: skip
        json_file = tmp_path / "p.json"
        json_file.write_text('{"tempo": 120}')
        companion = s.add(json_file, kind="project", label="project", parent=v2.id, make_current=False,
                          companion_of=v2.id)  # fmt: skip
        assert (v1.version, v2.version, companion.version) == (1, 2, 2)
        assert s.undo().id == v1.id
        assert [a.id for a in s.redo_stack()] == [v2.id]
        assert s.redo().id == v2.id
        with pytest.raises(ToolError) as err:
            s.redo()
        assert err.value.code == "nothing_to_redo"
        assert s.resolve("previous").id == v1.id and s.resolve("version:2").id == v2.id
        with pytest.raises(ToolError):
            ws.create_session("pg-1")
        ws.set_owner("pg-1", "owner-hash")
    assert not (root / "workspace.db").exists()  # the index is in PostgreSQL; the files stay in root

    with Workspace(root, database_url=pg_url) as again:  # another "replica" sees the same state
        s = again.open_session("pg-1")
        assert [(a.version, a.label) for a in s.history()] == [(1, "song.wav"), (2, "louder"), (2, "project")]
        assert s.current().id == v2.id and s.current().arguments == {"gain_db": 6}
        assert [m.action for m in s.moves()] == ["import", "add", "undo", "redo"]
        summary = again.list_sessions(owner="owner-hash")[0]
        assert (summary.id, summary.title, summary.n_artifacts) == ("pg-1", "first song", 2)
        assert again.artifact_session(v1.id) == "pg-1"
        assert Path(s.current().path).read_bytes() == other.read_bytes()
        again.delete_session("pg-1")
        assert not again.session_exists("pg-1") and again.list_sessions() == []
    with psycopg.connect(pg_url) as conn:  # saved versions are immutable in PostgreSQL too
        assert conn.execute("SELECT COUNT(*) FROM artifacts").fetchone()[0] == 0


def test_saved_versions_cannot_be_rewritten(pg_url: str, tmp_path: Path) -> None:
    with Workspace(tmp_path / "home", database_url=pg_url) as ws:
        ws.create_session("pg-imm").import_file(write_song(tmp_path / "s.wav", seconds=1.0), kind="audio")
    with psycopg.connect(pg_url) as conn, pytest.raises(psycopg.errors.RaiseException, match="immutable"):
        conn.execute("UPDATE artifacts SET label = 'changed'")
    with psycopg.connect(pg_url) as conn, pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        conn.execute("DELETE FROM moves")


def test_conversation_resumes_from_its_checkpoint_in_a_new_agent(
    pg_url: str, tmp_path: Path, song: Path
) -> None:
    home = tmp_path / "home"
    first = Agent(home=home, database_url=pg_url)
    r1 = first.turn("trim it", "pg-chat", [song])
    assert r1.tool_calls == [] and "how long" in r1.reply.lower()  # a question is pending
    first.close()

    second = Agent(home=home, database_url=pg_url)  # a different replica picks the session up
    assert [m["role"] for m in second.conversation("pg-chat")] == ["user", "assistant"]
    r2 = second.turn("3 seconds", "pg-chat")
    assert [c.name for c in r2.tool_calls] == ["trim"]
    assert decode_audio(Path(r2.current.path)).duration_s == pytest.approx(3.0, abs=0.01)
    assert not (home / "checkpoints.db").exists() and not (home / "workspace.db").exists()
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM checkpoints WHERE thread_id = 'pg-chat'").fetchone()[0] >= 1
    second.delete_session("pg-chat")
    assert second.conversation("pg-chat") == []
    second.close()


def _replica(url: str, home: str, source: str, replica: int, n_versions: int, n_turns: int) -> None:
    """One agent replica in its own process: versions straight into the workspace, then chat turns."""
    agent = Agent(home=Path(home), database_url=url)
    try:
        ws = agent.open_session("shared")
        for n in range(n_versions):
            ws.add(Path(source), kind="audio", label=f"r{replica}-{n}", parent="current", tool="gain")
        for _ in range(n_turns):
            result = agent.turn("make it 1 dB louder", "shared")
            assert result.ok, result.reply
    finally:
        agent.close()


@pytest.mark.timeout(900)  # two fresh interpreters load the agent; slow on a loaded machine
def test_two_agent_replicas_write_one_sessions_versions_concurrently(
    pg_url: str, tmp_path: Path, song: Path
) -> None:
    home = tmp_path / "home"
    with Workspace(home, database_url=pg_url) as ws:
        ws.create_session("shared").import_file(song, kind="audio")
    n_versions, n_turns = 20, 1
    spawn = multiprocessing.get_context("spawn")
    procs = [
        spawn.Process(target=_replica, args=(pg_url, str(home), str(song), i, n_versions, n_turns))
        for i in range(2)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=800)
    assert [p.exitcode for p in procs] == [0, 0]

    with Workspace(home, database_url=pg_url) as ws:
        history = ws.open_session("shared").history()
    total = 1 + 2 * n_versions + 2 * n_turns
    assert sorted(a.version for a in history) == list(range(1, total + 1))  # none lost, none twice
    labels = [a.label for a in history]
    assert {f"r{i}-{n}" for i in range(2) for n in range(n_versions)} <= set(labels)
    assert sum(label.startswith("gain") for label in labels) == 2 * n_turns
    assert all(Path(a.path).is_file() for a in history)
    louder = [a for a in history if a.tool == "gain" and a.label.startswith("gain")]
    assert all(_lufs(a.path) > _lufs(str(song)) for a in louder)


def test_a_url_that_is_not_postgresql_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ToolError) as err:
        Workspace(tmp_path / "home", database_url="mysql://localhost/x")
    assert err.value.code == "bad_database_url" and "postgresql://" in err.value.message


def test_a_replica_survives_a_database_restart(pg_url: str, postgres_server: PostgresServer,
                                               tmp_path: Path, song: Path) -> None:  # fmt: skip
    home = tmp_path / "home"
    agent = Agent(home=home, database_url=pg_url)
    try:
        first = agent.turn("make it 6 dB louder", "pg-restart", [song])
        assert first.ok, first.reply
        postgres_server.restart()  # every connection the agent held is dropped
        again = agent.turn("make it 3 dB quieter", "pg-restart")
        assert again.ok, again.reply
        assert [m["role"] for m in agent.conversation("pg-restart")].count("user") == 2
        history = agent.open_session("pg-restart").history()
        assert [a.version for a in history] == [1, 2, 3] and all(Path(a.path).is_file() for a in history)
        assert _lufs(history[2].path) - _lufs(history[1].path) == pytest.approx(-3.0, abs=0.3)
    finally:
        agent.close()


def test_a_replica_waiting_for_the_schema_set_up_does_not_block_it(pg_url: str) -> None:
    """The old hang: a replica queued on the set-up lock held a snapshot, so the holder's
    ``CREATE INDEX CONCURRENTLY`` (LangGraph's migrations) waited for it, and it for the holder."""
    holder = psycopg.connect(pg_url, autocommit=True, options="-c statement_timeout=60000")
    try:
        holder.execute("SELECT pg_advisory_lock(%s)", (pg_index.SETUP_LOCK_KEY,))  # "replica A" sets up
        errors: list[BaseException] = []

        def replica_b() -> None:
            try:
                pg_index.ensure_schema(pg_url, (pg_index.INDEX_SCHEMA, CHECKPOINT_SCHEMA))
            except BaseException as exc:
                errors.append(exc)

        waiter = threading.Thread(target=replica_b)
        waiter.start()
        with psycopg.connect(pg_url) as probe:  # replica B is waiting for the lock by now
            for _ in range(200):
                if probe.execute(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                    "AND query LIKE '%pg_try_advisory_lock%'"
                ).fetchone()[0]:
                    break
                threading.Event().wait(0.05)
        CHECKPOINT_SCHEMA.create(holder)  # runs CREATE INDEX CONCURRENTLY; fails at 60 s if blocked
        pg_index.INDEX_SCHEMA.create(holder)
        holder.execute("SELECT pg_advisory_unlock(%s)", (pg_index.SETUP_LOCK_KEY,))
        waiter.join(timeout=120)
        assert not waiter.is_alive() and errors == []
    finally:
        holder.close()
    with psycopg.connect(pg_url) as conn:
        assert CHECKPOINT_SCHEMA.is_current(conn) and pg_index.INDEX_SCHEMA.is_current(conn)
        indexes = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
        assert {"checkpoints_thread_id_idx", "artifacts_version"} <= indexes


def test_a_write_that_waits_too_long_for_the_lock_fails_clearly(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pg_index, "SESSION_OPTIONS", "-c lock_timeout=300 -c statement_timeout=5000")
    with Workspace(tmp_path / "home", database_url=pg_url) as ws:
        session = ws.create_session("pg-busy")
        with psycopg.connect(pg_url) as stuck:  # another replica holds the write lock and hangs
            stuck.execute("SELECT pg_advisory_xact_lock(%s)", (pg_index.WRITE_LOCK_KEY,))
            with pytest.raises(ToolError) as err:
                session.import_file(write_song(tmp_path / "s.wav", seconds=1.0), kind="audio")
            assert err.value.code == "workspace_busy" and "busy" in err.value.message
            assert "Traceback" not in err.value.message
        assert session.import_file(tmp_path / "s.wav", kind="audio").version == 1  # the lock is free again
