"""A scripted song session through the agent (LocalPlanner + real tools): compose, many edits, undo,
redo, going back to a version, exports; every version is playable and matches what was asked."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from agent.agent import Agent
from tools.audio.decode import decode_audio
from tools.generation.measure import measure_file, same_key
from tools.generation.render.fluid import check_fluidsynth

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(check_fluidsynth() is not None, reason=str(check_fluidsynth())),
]


def _project(agent: Agent, session: str, audio_id: str) -> dict:
    history = agent.open_session(session).history()
    proj = next(a for a in history if a.kind == "project" and a.parent == audio_id)
    return json.loads(Path(proj.path).read_text())


def _playable(agent: Agent, session: str, turn) -> dict:  # type: ignore[no-untyped-def]
    assert turn.ok, turn.reply
    assert turn.current.kind == "audio"
    project = _project(agent, session, turn.current.id)
    audio = decode_audio(Path(turn.current.path))
    bars = sum(s["bars"] for s in project["sections"])
    num, den = project["meter"]
    expected = bars * num * 4 / den * 60 / project["tempo_bpm"] + project["tail_s"]
    assert abs(audio.duration_s - expected) <= 1.0
    assert float(abs(audio.samples).max()) > 0.1  # not silent
    return project


def test_ten_turn_song_session(agent: Agent, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_SONG_CHECK", "0")  # measured below, where it matters
    s = "song"
    t1 = agent.turn("Write a 24 second piano ballad in D minor at 72 BPM", s)
    assert [c.name for c in t1.tool_calls] == ["compose"]
    p1 = _playable(agent, s, t1)
    assert p1["tempo_bpm"] == 72 and (p1["key"], p1["mode"]) == ("D", "minor")
    assert "72 BPM" in t1.reply and "D minor" in t1.reply
    m1 = measure_file(t1.current.path)
    assert abs(m1.tempo_bpm - 72) <= 0.02 * 72 and same_key(m1.key, "D minor"), m1

    t2 = agent.turn("faster", s)
    p2 = _playable(agent, s, t2)
    assert [c.name for c in t2.tool_calls] == ["song_tempo"] and p2["tempo_bpm"] == pytest.approx(79.2)
    assert t2.current.parent == t1.current.id
    m2 = measure_file(t2.current.path)
    assert abs(m2.tempo_bpm - 79.2) <= 0.02 * 79.2, m2

    t3 = agent.turn("put it in A major", s)
    p3 = _playable(agent, s, t3)
    assert (p3["key"], p3["mode"]) == ("A", "major") and "A major" in t3.reply
    assert same_key(measure_file(t3.current.path).key, "A major")

    t4 = agent.turn("swap the piano for strings", s)
    p4 = _playable(agent, s, t4)
    assert {t["instrument"] for t in p4["tracks"]} == {"strings"}

    t5 = agent.turn("add drums", s)
    p5 = _playable(agent, s, t5)
    assert "drums" in {t["instrument"] for t in p5["tracks"]}

    first = p5["sections"][0]["name"]
    t6 = agent.turn(f"no drums in the {first}", s)
    p6 = _playable(agent, s, t6)
    assert next(t for t in p6["tracks"] if t["instrument"] == "drums")["muted_sections"] == [first]

    t7 = agent.turn("make the chorus longer", s)
    p7 = _playable(agent, s, t7)
    bars = lambda p: {x["name"]: x["bars"] for x in p["sections"]}  # noqa: E731
    assert bars(p7)["chorus"] > bars(p6)["chorus"]

    t8 = agent.turn("louder drums", s)
    p8 = _playable(agent, s, t8)
    gain = lambda p: next(t for t in p["tracks"] if t["instrument"] == "drums")["mix"]["gain_db"]  # noqa: E731
    assert gain(p8) == pytest.approx(gain(p7) + 3)

    t9 = agent.turn("undo", s)
    assert t9.current.id == t7.current.id
    t10 = agent.turn("redo", s)
    assert t10.current.id == t8.current.id
    t11 = agent.turn(f"go back to version {t4.current.version}", s)
    assert t11.current.id == t4.current.id

    t12 = agent.turn("export stems, midi, musicxml and lrc", s)
    assert t12.ok and [c.name for c in t12.tool_calls] == ["song_export"], t12.reply
    out = t12.tool_calls[0].output
    assert out is not None
    files = out["files"]
    assert {"midi", "musicxml"} <= set(files) and any(k.startswith("stem:") for k in files)
    assert "stem:strings" in files  # the version we went back to: strings, no drums
    assert not any(k == "stem:drums" for k in files)
    with zipfile.ZipFile(out["zip"]) as zf:
        assert "song.mid" in zf.namelist() and "song.musicxml" in zf.namelist()
    assert t12.current.id == t4.current.id  # exporting changes nothing


def test_bad_song_requests_get_clear_replies(agent: Agent, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_SONG_CHECK", "0")
    r = agent.turn("undo", "bad")
    assert not r.ok and "nothing" in r.reply.lower()
    r = agent.turn("faster", "bad")
    assert not r.ok
    r = agent.turn("write a 6 second pop song at 3000 BPM", "bad")
    assert r.ok and "240" in r.reply and "3000" in r.reply
    r = agent.turn("swap the kazoo for strings", "bad")
    assert not r.ok and "kazoo" in r.reply
