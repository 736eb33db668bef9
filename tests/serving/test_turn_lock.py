"""One turn at a time per session: across threads, across processes (agent replicas on one store), and
through the HTTP API, where messages sent to one session at once must all end up in its conversation."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from serving.api.turn_lock import lock_path, remove_turn_lock, session_turn_lock
from tests.serving.conftest import Served
from tools.base import ToolError


def _hold(home: str, session_id: str, held: object, release: object) -> None:
    """In another process (another replica): holds the session's turn lock until told to let go."""
    with session_turn_lock(Path(home), session_id):
        held.set()  # type: ignore[attr-defined]
        release.wait(120)  # type: ignore[attr-defined]


def test_a_session_busy_in_another_process_waits_and_then_says_so(tmp_path: Path) -> None:
    spawn = multiprocessing.get_context("spawn")
    held, release = spawn.Event(), spawn.Event()
    other = spawn.Process(target=_hold, args=(str(tmp_path), "s-1", held, release))
    other.start()
    try:
        assert held.wait(120)
        with pytest.raises(ToolError) as err:
            with session_turn_lock(tmp_path, "s-1", wait_s=0.3):
                pass
        assert err.value.code == "session_busy" and "earlier message" in err.value.message
        with session_turn_lock(tmp_path, "s-2", wait_s=0.0):  # another session never waits
            pass
    finally:
        release.set()
        other.join(60)
    with session_turn_lock(tmp_path, "s-1", wait_s=30):  # free once the other process let go
        pass


def test_threads_take_one_sessions_turns_one_after_the_other(tmp_path: Path) -> None:
    inside: list[int] = []
    overlaps: list[int] = []
    gate = threading.Lock()

    def turn(n: int) -> None:
        with session_turn_lock(tmp_path, "shared", wait_s=60):
            with gate:
                if inside:
                    overlaps.append(n)
                inside.append(n)
            threading.Event().wait(0.05)
            with gate:
                inside.remove(n)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(turn, range(8)))
    assert overlaps == []
    assert lock_path(tmp_path, "../../etc/passwd").parent == tmp_path / "locks"  # ids never make paths
    remove_turn_lock(tmp_path, "shared")
    assert not lock_path(tmp_path, "shared").exists()


@pytest.mark.slow
@pytest.mark.timeout(900)  # four turns in one agent; minutes on a loaded machine
def test_messages_sent_to_one_session_at_once_all_reach_its_conversation(api: Served, song: Path) -> None:
    with httpx.Client(base_url=api.url, timeout=600) as http:
        sid = http.post("/v1/sessions").json()["id"]
        first = http.post(
            f"/v1/sessions/{sid}/messages", data={"text": "make it 1 dB louder"},
            files=[("files", ("song.wav", song.read_bytes(), "audio/wav"))],
        )  # fmt: skip
        assert first.status_code == 200, first.text
        texts = [f"make it {n} dB louder" for n in (2, 3, 4)]
        with ThreadPoolExecutor(len(texts)) as pool:
            replies = list(pool.map(
                lambda t: http.post(f"/v1/sessions/{sid}/messages", data={"text": t}), texts
            ))  # fmt: skip
        assert [r.status_code for r in replies] == [200, 200, 200], [r.text for r in replies]
        users = [m["content"] for m in http.get(f"/v1/sessions/{sid}/conversation").json()["messages"]
                 if m.get("role") == "user"]  # fmt: skip
        assert users[0] == "make it 1 dB louder" and sorted(users[1:]) == texts  # none lost
        versions = http.get(f"/v1/sessions/{sid}/versions").json()["versions"]
        assert [v["version"] for v in versions] == [1, 2, 3, 4, 5]
        gains = sorted(v["arguments"].get("gain_db") for v in versions if v["tool"] == "gain")
        assert gains == [1.0, 2.0, 3.0, 4.0]
