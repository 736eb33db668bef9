"""``bandleader serve`` on a real local Ray (127.0.0.1, 2 CPUs): sessions over HTTP, the UI's HTTP
backend, and faults (a tool replica killed mid-request, the agent replica killed mid-session, the
whole server restarted, the artifact store's quota full). After each, every saved version opens."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from serving.ray.local import ServeProcess, free_port, start_server, write_config
from tests.agent.conftest import write_song

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

AGENT = {"replicas": 2, "num_cpus": 0.1, "max_ongoing_requests": 8}
"""Two agent replicas sharing the store's state (SQLite) and files, as a scaled-out server runs."""


@pytest.fixture(scope="module")
def song(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 4 s stereo chord-and-clicks WAV."""
    return write_song(tmp_path_factory.mktemp("media") / "song.wav")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    """One ``bandleader serve`` for the module (deployed once; the restart test replaces it)."""
    root = tmp_path_factory.mktemp("serve")
    store = root / "store"
    config = write_config(root / "serve.yaml", store, free_port(), tool_timeout_s=240, agent=AGENT)
    holder = start_server(config, store, root / "serve.log")
    box = {"server": holder}
    yield _Proxy(box)  # type: ignore[misc]
    box["server"].stop()
    assert not (store / "serve.json").exists()


class _Proxy:
    """The module's current server (tests that restart it swap what this points at)."""

    def __init__(self, box: dict[str, ServeProcess]) -> None:
        self.__dict__["_box"] = box

    def __getattr__(self, name: str) -> Any:
        return getattr(self._box["server"], name)

    def replace(self, new: ServeProcess) -> None:
        self._box["server"] = new


def client(server: ServeProcess) -> httpx.Client:
    return httpx.Client(base_url=server.url, timeout=600)


def send(c: httpx.Client, sid: str, text: str, files: list[Path] = ()) -> httpx.Response:  # type: ignore[assignment]
    upload = [("files", (f.name, f.read_bytes(), "audio/wav")) for f in files]
    return c.post(f"/v1/sessions/{sid}/messages", data={"text": text}, files=upload or None)


def assert_versions_open(c: httpx.Client, sid: str) -> list[dict[str, Any]]:
    """Every saved version of ``sid`` downloads with the bytes its record's sha256 names."""
    versions = c.get(f"/v1/sessions/{sid}/versions").json()["versions"]
    assert versions
    for v in versions:
        r = c.get(f"/v1/artifacts/{v['id']}")
        assert r.status_code == 200, r.text
        assert hashlib.sha256(r.content).hexdigest() == v["sha256"]
    return versions


def test_five_turn_session_over_http(server: ServeProcess, song: Path) -> None:
    with client(server) as c:
        assert c.get("/readyz").json()["status"] == "ok"
        sid = c.post("/v1/sessions", json={}).json()["id"]

        first = send(c, sid, "how long is this and how loud?", [song])
        assert first.status_code == 200, first.text
        turn = first.json()
        upload = turn["artifacts"][0]
        assert upload["label"] == "song.wav" and turn["tool_calls"][0]["name"] == "describe_audio"
        assert "(4.00 s)" in turn["reply"]
        facts = c.get(f"/v1/sessions/{sid}/artifacts/{upload['id']}/facts").json()
        assert facts["duration_s"] == pytest.approx(4.0, abs=0.01)
        request_id = first.headers["x-request-id"]

        key = send(c, sid, "what key is it in?").json()
        assert key["tool_calls"][0]["name"] == "answer_question"
        assert "A major" in key["reply"]  # the test chord is A, C#, E

        events: list[dict[str, Any]] = []  # streamed: the tool's progress arrives while it runs
        _stream_turn(server.url, sid, "compose a short upbeat pop song in C major at 120 bpm", events)
        song_turn = events[-1]["result"]
        assert song_turn["ok"] and song_turn["tool_calls"][0]["name"] == "compose"
        progress = [e for e in events if e.get("tool") == "compose" and e.get("event") == "progress"]
        finished = [e for e in events if e.get("tool") == "compose" and e.get("event") == "finished"]
        assert progress and len(finished) == 1
        assert progress[0]["received"] < finished[0]["time"]  # reached us before the tool had finished
        assert "C major at 120 BPM" in song_turn["reply"]

        faster = send(c, sid, "make it faster").json()
        assert faster["ok"] and faster["tool_calls"][0]["name"] == "song_tempo"
        assert "tempo 120 →" in faster["reply"].lower()

        undone = send(c, sid, "undo").json()
        assert undone["ok"] and undone["current"]["id"] == song_turn["current"]["id"]
        versions = assert_versions_open(c, sid)
        assert {"compose", "song_tempo"} <= {v["tool"] for v in versions}

    # one request id through ingress, agent and the tool deployment, in Serve's JSON logs
    logs = _serve_logs(server)
    tool_lines = [json.loads(line) for line in logs.get("tools-editing", []) if request_id in line]
    assert any(entry.get("message") == "tool call" for entry in tool_lines)
    assert any(request_id in line for line in logs.get("agent", []))


def _serve_logs(server: ServeProcess) -> dict[str, list[str]]:
    """Serve's per-replica JSON log lines of this server's Ray session, by deployment name."""
    folder = server.session_dir() / "logs" / "serve"
    out: dict[str, list[str]] = {}
    for path in folder.glob("replica_bandleader_*.log"):
        deployment = path.name[len("replica_bandleader_") :].rsplit("_", 1)[0]
        out.setdefault(deployment, []).extend(path.read_text(errors="replace").splitlines())
    return out


def test_status_lists_every_family_and_metrics_are_exposed(server: ServeProcess) -> None:
    import subprocess
    import sys

    shown = subprocess.run(
        [sys.executable, "-m", "ui.cli", "serve", "--config", str(server.config), "--status", "--json"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    status = json.loads(shown.stdout.strip().splitlines()[-1])
    assert status["status"] == "RUNNING" and status["url"] == server.url
    from serving.ray.config import load_config

    families = load_config(server.config).deployed_families()
    assert set(status["deployments"]) == {"ingress", "agent", *(f"tools-{f}" for f in families)}
    running = {name: d["replicas"].get("RUNNING") for name, d in status["deployments"].items()}
    assert running.pop("agent") == AGENT["replicas"] and set(running.values()) == {1}
    metrics = httpx.get(f"http://127.0.0.1:{status['metrics_port']}/metrics", timeout=60)
    assert metrics.status_code == 200 and "ray_" in metrics.text


def test_ui_http_backend_works_against_serve(server: ServeProcess, song: Path, tmp_path: Path) -> None:
    from agent.agent import TurnResult
    from ui.app.http_backend import HttpBackend

    backend = HttpBackend(server.url, cache_dir=tmp_path / "cache")
    result = list(backend.stream_turn("make it 6 dB louder", None, [str(song)]))[-1]
    assert isinstance(result, TurnResult) and result.ok
    assert [c.name for c in result.tool_calls] == ["gain"]
    louder = result.current
    assert louder is not None
    assert hashlib.sha256(Path(louder.path).read_bytes()).hexdigest() == louder.sha256
    facts = backend.describe(result.session, louder.id)
    assert facts and facts["duration_s"] == pytest.approx(4.0, abs=0.01)
    assert backend.undo(result.session).id == louder.parent
    assert [a.version for a in backend.history(result.session)] == [1, 2]


def _stream_turn(url: str, sid: str, text: str, out: list[dict[str, Any]]) -> None:
    with httpx.Client(base_url=url, timeout=600) as c:
        with c.stream(
            "POST", f"/v1/sessions/{sid}/messages", data={"text": text},
            headers={"Accept": "text/event-stream"},
        ) as r:  # fmt: skip
            event = ""
            for line in r.iter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    out.append({"sse": event, **json.loads(line[6:]), "received": time.time()})


def test_tool_replica_killed_mid_request_is_retried(server: ServeProcess) -> None:
    with client(server) as c:
        sid = c.post("/v1/sessions", json={}).json()["id"]
        events: list[dict[str, Any]] = []
        worker = threading.Thread(
            target=_stream_turn, args=(server.url, sid, "compose a calm folk song in G major", events)
        )
        worker.start()
        deadline = time.monotonic() + 300
        while not any(e.get("sse") == "tool" and e.get("tool") == "compose" for e in events):
            assert worker.is_alive() and time.monotonic() < deadline, events
            time.sleep(0.05)
        killed = server.kill_replica("tools-generation")
        worker.join(timeout=600)
        assert not worker.is_alive(), "the turn hung after its tool replica was killed"
        last = events[-1]
        assert last["sse"] == "result", last  # retried on the replacement replica
        turn = last["result"]
        assert turn["ok"] and turn["tool_calls"][0]["name"] == "compose"
        assert "G major" in turn["reply"]
        assert killed not in server.replica_names("tools-generation")
        assert_versions_open(c, sid)


def test_agent_replica_killed_mid_session_resumes_from_checkpoint(server: ServeProcess, song: Path) -> None:
    with client(server) as c:
        sid = c.post("/v1/sessions", json={}).json()["id"]
        assert send(c, sid, "make it 6 dB louder", [song]).json()["ok"]
        server.kill_replica("agent")
        again = send(c, sid, "make it 3 dB quieter")
        assert again.status_code == 200, again.text
        turn = again.json()
        assert turn["ok"] and turn["tool_calls"][0]["arguments"]["gain_db"] == -3.0
        users = [m["content"] for m in c.get(f"/v1/sessions/{sid}/conversation").json()["messages"]
                 if m.get("role") == "user"]  # fmt: skip
        assert users == ["make it 6 dB louder", "make it 3 dB quieter"]
        assert len(assert_versions_open(c, sid)) == 3


def test_two_agent_replicas_keep_one_sessions_concurrent_turns(server: ServeProcess, song: Path) -> None:
    with client(server) as c:
        sid = c.post("/v1/sessions", json={}).json()["id"]
        assert send(c, sid, "make it 1 dB louder", [song]).json()["ok"]
        texts = [f"make it {n} dB louder" for n in (2, 3, 4)]
        with httpx.Client(base_url=server.url, timeout=600) as other:
            threads = [threading.Thread(target=send, args=(other, sid, t)) for t in texts]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=600)
        users = [m["content"] for m in c.get(f"/v1/sessions/{sid}/conversation").json()["messages"]
                 if m.get("role") == "user"]  # fmt: skip
        assert users[0] == "make it 1 dB louder" and sorted(users[1:]) == texts  # no turn lost
        versions = assert_versions_open(c, sid)
        assert [v["version"] for v in versions] == [1, 2, 3, 4, 5]
        assert sorted(v["arguments"]["gain_db"] for v in versions if v["tool"] == "gain") == [1, 2, 3, 4]


def test_restart_keeps_sessions_and_a_full_store_refuses_cleanly(
    server: _Proxy, song: Path, tmp_path: Path
) -> None:
    with client(server) as c:  # type: ignore[arg-type]
        own = c.post("/v1/sessions", json={}).json()["id"]  # at least one session of its own
        assert send(c, own, "make it 6 dB louder", [song]).json()["ok"]
        before = {s["id"] for s in c.get("/v1/sessions").json()["sessions"]}
        saved = {sid: assert_versions_open(c, sid) for sid in before}
    assert before
    old: ServeProcess = server._box["server"]
    import subprocess
    import sys

    stopped = subprocess.run(
        [sys.executable, "-m", "ui.cli", "serve", "--config", str(old.config), "--stop"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert stopped.returncode == 0 and "stopped" in stopped.stderr, stopped.stderr
    assert old.stop() == 0 and not (old.store / "serve.json").exists()
    # the same store again, now with a quota already used up
    from serving.ray.quota import store_usage_bytes

    used_mb = store_usage_bytes(old.store, max_age_s=0) / 1e6
    write_config(old.config, old.store, free_port(), tool_timeout_s=240, artifact_quota_mb=used_mb * 0.99)
    server.replace(start_server(old.config, old.store, old.log))
    with client(server) as c:  # type: ignore[arg-type]
        assert {s["id"] for s in c.get("/v1/sessions").json()["sessions"]} == before
        for sid, versions in saved.items():
            assert assert_versions_open(c, sid) == versions
            assert c.get(f"/v1/sessions/{sid}/conversation").json()["messages"]
        sid = own
        refused = send(c, sid, "make it 6 dB louder", [song])
        assert refused.status_code == 507
        assert "storage is full" in refused.json()["error"]["message"]
        blocked = send(c, sid, "compose a short rock song").json()
        assert not blocked["ok"] and "storage is full" in blocked["tool_calls"][0]["error"]
        assert assert_versions_open(c, sid) == saved[sid]
