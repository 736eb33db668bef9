"""The HTTP API end to end over real HTTP: sessions, a turn with an upload, streaming, versions,
undo/redo, artifacts and the OpenAI-compatible chat endpoint."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pyloudnorm
import soundfile as sf

from tests.serving.conftest import Served, client


def _lufs(data: bytes) -> float:
    audio, sr = sf.read(io.BytesIO(data))
    return float(pyloudnorm.Meter(sr).integrated_loudness(audio))


def test_turn_with_upload_returns_the_ask_json_and_the_file(api: Served, song: Path) -> None:
    with client(api.url) as http:
        sid = http.post("/v1/sessions", json={"title": "api test"}).json()["id"]
        r = http.post(
            f"/v1/sessions/{sid}/messages",
            data={"text": "normalise this to -14 LUFS"},
            files=[("files", ("song.wav", song.read_bytes(), "audio/wav"))],
        )
        assert r.status_code == 200, r.text
        turn = r.json()
        assert set(turn) == {"session", "reply", "ok", "tool_calls", "artifacts", "current", "seconds"}
        assert turn["ok"] and turn["session"] == sid
        assert [c["name"] for c in turn["tool_calls"]] == ["normalize_loudness"]
        assert turn["tool_calls"][0]["arguments"]["target_lufs"] == -14
        upload, made = turn["artifacts"]
        assert upload["label"] == "song.wav" and made["parent"] == upload["id"]

        got = http.get(f"/v1/artifacts/{made['id']}")
        assert got.status_code == 200 and got.headers["content-type"].startswith("audio/")
        assert abs(_lufs(got.content) - -14.0) <= 0.5  # the music, not just a file

        versions = http.get(f"/v1/sessions/{sid}/versions").json()
        assert [v["version"] for v in versions["versions"]] == [1, 2]
        assert versions["current"]["id"] == made["id"]
        undone = http.post(f"/v1/sessions/{sid}/undo")
        assert undone.status_code == 200 and undone.json()["id"] == upload["id"]
        assert http.post(f"/v1/sessions/{sid}/redo").json()["id"] == made["id"]
        again = http.post(f"/v1/sessions/{sid}/redo")
        assert again.status_code == 409 and again.json()["error"]["code"] == "nothing_to_redo"

        listed = http.get("/v1/sessions").json()["sessions"]
        assert [s["id"] for s in listed] == [sid] and listed[0]["n_artifacts"] == 2
        assert http.delete(f"/v1/sessions/{sid}").status_code == 204
        assert http.get(f"/v1/sessions/{sid}/versions").status_code == 404
        assert http.get(f"/v1/artifacts/{made['id']}").status_code == 404


def test_streamed_turn_sends_progress_then_the_result(api: Served, song: Path) -> None:
    with client(api.url) as http:
        sid = http.post("/v1/sessions").json()["id"]
        events = []
        with http.stream(
            "POST", f"/v1/sessions/{sid}/messages", data={"text": "make it 6 dB louder"},
            files=[("files", ("song.wav", song.read_bytes(), "audio/wav"))],
            headers={"Accept": "text/event-stream"},
        ) as r:  # fmt: skip
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
            name = None
            for line in r.iter_lines():
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    events.append((name, json.loads(line[6:])))
    kinds = [n for n, _ in events]
    assert kinds[0] == "turn_started" and kinds[-1] == "result"
    tool_events = [e for n, e in events if n == "tool"]
    assert tool_events[0]["event"] == "started" and tool_events[-1]["event"] == "finished"
    assert all(e["tool"] == "gain" for e in tool_events)
    result = events[-1][1]["result"]
    assert result["ok"] and result["tool_calls"][0]["arguments"]["gain_db"] == 6.0


def test_health_and_readiness(api: Served) -> None:
    with client(api.url) as http:
        assert http.get("/healthz").json() == {"status": "ok", "detail": ""}
        assert http.get("/readyz").status_code == 200


def test_openai_client_talks_to_bandleader(api: Served, song: Path) -> None:
    from openai import OpenAI

    # A session with a song in it (chat clients cannot upload; they continue a session).
    with client(api.url) as http:
        sid = http.post("/v1/sessions").json()["id"]
        http.post(
            f"/v1/sessions/{sid}/messages", data={"text": "keep this"},
            files=[("files", ("song.wav", song.read_bytes(), "audio/wav"))],
        )  # fmt: skip
    ai = OpenAI(base_url=f"{api.url}/v1", api_key="unused", max_retries=0)
    reply = ai.chat.completions.create(
        model="bandleader",
        messages=[{"role": "user", "content": "make it 3 dB quieter"}],
        extra_body={"session": sid},
    )
    assert reply.choices[0].message.content
    extra = reply.model_extra or {}
    assert extra["session"] == sid
    calls = extra["bandleader"]["tool_calls"]
    assert [c["name"] for c in calls] == ["gain"] and calls[0]["arguments"]["gain_db"] == -3.0

    stream = ai.chat.completions.create(
        model="bandleader", messages=[{"role": "user", "content": "undo"}], stream=True,
        extra_body={"session": sid},
    )  # fmt: skip
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.strip()
    assert chunks[-1].choices[0].finish_reason == "stop"
    with client(api.url) as http:
        versions = http.get(f"/v1/sessions/{sid}/versions").json()
    assert versions["current"]["version"] == 1  # undo went back to the upload
    assert np.isfinite(versions["versions"][-1]["size_bytes"])
