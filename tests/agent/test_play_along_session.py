"""Timbre transfer and accompaniment through the Agent on real recordings: a sung phrase (vocadito 10,
CC BY 4.0) played on a flute, and drums and bass added to Sugar Plum Fairy (Kevin MacLeod, CC BY 3.0);
each reply tells what was done in words, each result is a new version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent.agent import Agent
from tools.editing.timbre_transfer import check_fluidsynth
from tools.separation.stems_store import stem_companions

DATA = Path(__file__).resolve().parents[1] / "data"

pytestmark = pytest.mark.skipif(check_fluidsynth() is not None, reason="FluidSynth or a GM SoundFont missing")


@pytest.mark.slow
def test_humming_to_flute_and_a_band_for_a_recording(tmp_path: Path) -> None:
    agent = Agent(home=tmp_path / "home")
    voice = tmp_path / "my humming.flac"
    shutil.copyfile(DATA / "understanding" / "vocadito_10_excerpt.flac", voice)
    t1 = agent.turn("turn my humming into a flute", "hum", [voice])
    assert t1.ok, t1.reply
    assert [(c.name, c.arguments.get("instrument")) for c in t1.tool_calls] == [("timbre_transfer", "flute")]
    assert t1.reply.startswith("Played your melody on the flute") and "cents" in t1.reply
    assert "timbre_transfer" not in t1.reply and t1.current.version == 2

    band = tmp_path / "sugar plum.flac"
    shutil.copyfile(DATA / "editing" / "sugar_plum_excerpt.flac", band)
    t2 = agent.turn("add a bass line and drums to my recording", "band", [band])
    assert t2.ok, t2.reply
    assert [c.name for c in t2.tool_calls] == ["accompany"]
    assert t2.reply.startswith("Added a bass line and drums") or t2.reply.startswith("Added drums and a bass")
    assert "BPM" in t2.reply and "unchanged" in t2.reply and "accompany" not in t2.reply
    stems = stem_companions(agent.open_session("band"), t2.current)
    assert set(stems) == {"recording", "drums", "bass"}
