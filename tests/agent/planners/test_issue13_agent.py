"""Issue 13's everyday phrasings through the real Agent (LocalPlanner, real tools, real renders):
each turn makes the right calls, and its reply says the result from the tool outputs in words a
person reads (no field names, no "Done: tool", every number grounded in what the tools returned)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from agent.agent import Agent, TurnResult
from agent.planners.grounding import check_grounding
from tools.generation.render.fluid import check_fluidsynth
from tools.registry import tool_class, tool_names

from ..conftest import write_song

pytestmark = pytest.mark.slow

FIELD_NAMES = {
    n for t in tool_names() for n in (*tool_class(t).Input.model_fields, *tool_class(t).Output.model_fields)
    if "_" in n
}  # fmt: skip


def _readable(turn: TurnResult, message: str) -> None:
    """The reply is for a person and states only facts the tools measured (or the user said)."""
    reply = turn.reply
    assert reply.strip() and not reply.startswith("Done"), reply
    assert "Done:" not in reply and "Field required" not in reply and "Traceback" not in reply, reply
    assert not [n for n in FIELD_NAMES if re.search(rf"\b{n}\b", reply)], reply
    sources = [c.output for c in turn.tool_calls if c.output] + [
        {"label": a.label, "version": a.version} for a in turn.artifacts
    ]
    grounding = check_grounding(reply, sources, user_text=message)
    assert grounding.ok, (reply, grounding.unsupported)


def _project(agent: Agent, session: str, turn: TurnResult) -> dict:
    history = agent.open_session(session).history()
    proj = next(a for a in history if a.kind == "project" and a.parent == turn.current.id)
    return json.loads(Path(proj.path).read_text())


def _tracks(project: dict) -> dict[str, dict]:
    return {t["instrument"]: t for t in project["tracks"]}


@pytest.mark.skipif(check_fluidsynth() is not None, reason=str(check_fluidsynth()))
def test_issue_song_session(agent: Agent, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_SONG_CHECK", "0")
    s = "issue13"

    def say(message: str, tools: list[str]) -> TurnResult:
        turn = agent.turn(message, s)
        assert [c.name for c in turn.tool_calls] == tools, (message, turn.reply)
        assert turn.ok, turn.reply
        _readable(turn, message)
        return turn

    msg = "make a 12 second funky groove in E minor at 105 bpm with bass, drums and electric piano"
    t1 = say(msg, ["compose"])
    p1 = _project(agent, s, t1)
    assert p1["tempo_bpm"] == 105 and (p1["key"], p1["mode"]) == ("E", "minor")
    assert {"bass", "drums", "electric piano"} <= set(_tracks(p1))
    assert "105 BPM" in t1.reply and "E minor" in t1.reply

    t2 = say("the bass is too quiet, bring it up", ["song_mix"])
    p2 = _project(agent, s, t2)
    assert _tracks(p2)["bass"]["mix"]["gain_db"] == pytest.approx(_tracks(p1)["bass"]["mix"]["gain_db"] + 3)
    assert "bass" in t2.reply.lower()

    t3 = say("speed it up to 95", ["song_tempo"])
    assert _project(agent, s, t3)["tempo_bpm"] == 95 and "95 BPM" in t3.reply

    t4 = say("make it faster, 110 BPM", ["song_tempo"])
    assert _project(agent, s, t4)["tempo_bpm"] == 110

    t5 = say("transpose it up a whole step", ["song_key"])
    p5 = _project(agent, s, t5)
    assert (p5["key"], p5["mode"]) == ("F#", "minor") and "F# minor" in t5.reply

    t6 = say("take the drums out", ["song_instrument"])
    assert "drums" not in _tracks(_project(agent, s, t6))

    t7 = say("add a piano too", ["song_instrument"])
    assert "piano" in _tracks(_project(agent, s, t7))

    t8 = say("swap the electric piano for an organ", ["song_instrument"])
    tracks8 = _tracks(_project(agent, s, t8))
    assert "organ" in tracks8 and "electric piano" not in tracks8

    t9 = say("undo the last two changes", ["undo", "undo"])
    assert t9.current.id == t6.current.id

    t10 = say("actually go back to the first one", ["select_version"])
    assert t10.current.id == t1.current.id and t10.current.version == 1


def _clicks(path: Path, bpm: float, seconds: float, sr: int = 22050) -> Path:
    """A click track at ``bpm`` with an accented downbeat every 4 beats."""
    y = np.zeros(int(seconds * sr), dtype=np.float32)
    for i, t in enumerate(np.arange(0.0, seconds - 0.05, 60.0 / bpm)):
        n = np.arange(int(0.03 * sr))
        start = int(t * sr)
        click = np.sin(2 * np.pi * 1500 * n / sr) * np.exp(-n / 150)
        y[start : start + len(n)] += (0.8 if i % 4 == 0 else 0.4) * click
    sf.write(path, y, sr)
    return path


def test_issue_questions_about_a_track(agent: Agent, tmp_path: Path) -> None:
    track = write_song(tmp_path / "demo take.wav", seconds=31.8)
    first = agent.turn("", "ask", [track])
    assert [c.name for c in first.tool_calls] == ["describe_audio"]
    turn = agent.turn("how long is the track?", "ask")
    assert [c.name for c in turn.tool_calls] == ["describe_audio"]
    assert turn.reply.startswith("It's 0:31.8 long"), turn.reply
    _readable(turn, "how long is the track?")

    agent.turn("", "bpm", [_clicks(tmp_path / "clicks.wav", 120.0, 8.0)])
    turn = agent.turn("roughly how many beats per minute?", "bpm")
    assert [c.name for c in turn.tool_calls] == ["answer_question"]
    found = re.search(r"(\d+(?:\.\d+)?) BPM", turn.reply)
    assert found and abs(float(found.group(1)) - 120) <= 3, turn.reply
    _readable(turn, "roughly how many beats per minute?")


def test_what_can_you_do(agent: Agent) -> None:
    turn = agent.turn("what can you do?", "help")
    assert turn.tool_calls == []
    lines = [line.removeprefix("• ") for line in turn.reply.splitlines() if line.startswith("• ")]
    assert len(lines) == len(tool_names())
    assert all(line.endswith(".") and not line.endswith("e.g.") for line in lines), lines
    assert not [n for n in FIELD_NAMES if re.search(rf"\b{n}\b", turn.reply)]
    assert "Trim the audio to keep one stretch." in lines
