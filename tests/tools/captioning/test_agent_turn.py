"""End to end: the agent answers a music question about an attached track with the right values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.understanding.signals import progression_midi, render


@pytest.mark.slow
def test_agent_answers_key_and_tempo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agent.agent import Agent

    monkeypatch.setenv("BANDLEADER_FEATURE_CACHE", str(tmp_path / "feature-cache"))
    midi, _ = progression_midi(tmp_path / "prog.mid")
    wav = render(midi, tmp_path / "prog.wav")
    agent = Agent(home=tmp_path / "home")
    result = agent.turn("what key is this in and how fast is it?", None, [wav])
    assert result.ok, result.reply
    assert [c.name for c in result.tool_calls] == ["answer_question"]
    assert "C major" in result.reply and "120 BPM" in result.reply
