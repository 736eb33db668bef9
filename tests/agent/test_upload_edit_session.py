"""A six-turn editing session on a real recording (Vibe Ace, CC BY 3.0) through the Agent and
``bandleader ask``: separate, slow down, transpose, remix, undo, export; every result a new version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from agent.agent import Agent
from tools.audio.decode import decode_audio
from tools.separation.stems_store import stem_companions
from ui.cli import main

CLIP = Path(__file__).resolve().parents[1] / "data" / "editing" / "vibe_ace_excerpt.flac"

pytest.importorskip("python_stretch")


@pytest.mark.slow
def test_six_turn_upload_editing_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BANDLEADER_MODELS", str(tmp_path / "models"))  # no Demucs: the learned separator
    monkeypatch.delenv("BANDLEADER_DEMUCS_MODEL", raising=False)
    upload = tmp_path / "vibe_ace.flac"
    shutil.copyfile(CLIP, upload)
    agent = Agent(home=tmp_path / "home")

    t1 = agent.turn("separate the stems", "edit", [upload])
    assert t1.ok, t1.reply
    assert [c.name for c in t1.tool_calls] == ["separate"]
    assert "4 stems" in t1.reply and "vocals" in t1.reply
    separated = t1.current
    ws = agent.open_session("edit")
    assert set(stem_companions(ws, separated)) == {"vocals", "drums", "bass", "other"}

    t2 = agent.turn("slow it down to 110 bpm", "edit")
    assert t2.ok, t2.reply
    assert [c.name for c in t2.tool_calls] == ["time_stretch"]
    assert "110.0 BPM" in t2.reply and "pitch kept" in t2.reply
    slow = t2.current
    assert slow.parent == separated.id and slow.version == separated.version + 1
    ratio = decode_audio(Path(separated.path)).duration_s / decode_audio(Path(slow.path)).duration_s
    assert ratio == pytest.approx(110.0 / 130.08, rel=0.02)
    assert set(stem_companions(ws, slow)) == {"vocals", "drums", "bass", "other"}

    t3 = agent.turn("transpose it up 2 semitones", "edit")
    assert t3.ok, t3.reply
    assert [(c.name, c.arguments.get("semitones")) for c in t3.tool_calls] == [("pitch_shift", 2.0)]
    assert "up 2 semitones" in t3.reply
    transposed = t3.current

    t4 = agent.turn("vocals up 3 dB", "edit")
    assert t4.ok, t4.reply
    assert [c.name for c in t4.tool_calls] == ["remix_stems"]
    assert "vocals +3 dB" in t4.reply and "separated the stems first" not in t4.reply  # carried stems used
    mix = decode_audio(Path(transposed.path)).samples
    remix = decode_audio(Path(t4.current.path)).samples
    vocals = decode_audio(Path(stem_companions(ws, transposed)["vocals"].path)).samples
    assert np.abs(remix - (mix + (10 ** (3 / 20) - 1) * vocals)).max() < 2e-3

    t5 = agent.turn("undo", "edit")
    assert t5.ok and t5.current.id == transposed.id

    # the last turn through the command line, in the same session
    assert (
        main(["--home", str(tmp_path / "home"), "ask", "export as wav", "--session", "edit", "--json"]) == 0
    )
    turn = json.loads(capsys.readouterr().out)
    assert [c["name"] for c in turn["tool_calls"]] == ["export"] and turn["ok"]
    assert "WAV" in turn["reply"]
    exported = Path(turn["reply"].rsplit(": ", 1)[1])
    assert exported.suffix == ".wav"
    out = decode_audio(exported)
    assert out.duration_s == pytest.approx(decode_audio(Path(transposed.path)).duration_s, abs=0.01)
    versions = [a for a in agent.open_session("edit").history() if a.companion_of is None]
    assert [v.tool for v in versions] == [None, "separate", "time_stretch", "pitch_shift", "remix_stems"]
