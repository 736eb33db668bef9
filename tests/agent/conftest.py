"""Real audio files for agent tests, made by the test (no downloads, nothing committed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf

SR = 44100


def write_song(path: Path, seconds: float = 4.0, level: float = 0.05) -> Path:
    """A stereo 'song': a chord with a pulsing envelope and decaying drum-like clicks."""
    t = np.arange(int(seconds * SR)) / SR
    chord = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 277.18, 329.63)) / 3
    pulse = 0.6 + 0.4 * np.sin(2 * np.pi * 2.0 * t) ** 2
    clicks = np.zeros_like(t)
    for start in np.arange(0, seconds, 0.5):
        i = int(start * SR)
        n = min(2000, len(t) - i)
        clicks[i : i + n] += np.exp(-np.arange(n) / 300.0) * np.sin(2 * np.pi * 80 * np.arange(n) / SR)
    mono = level * (chord * pulse + 0.8 * clicks)
    sf.write(path, np.stack([mono, 0.9 * mono], axis=1).astype(np.float32), SR)
    return path


def song_project(agent: Any, session: str, audio_id: str) -> dict:
    """The song project (parsed JSON) saved beside the song version ``audio_id`` of ``session``."""
    history = agent.open_session(session).history()
    proj = next(a for a in history if a.kind == "project" and a.parent == audio_id)
    return json.loads(Path(proj.path).read_text())


@pytest.fixture
def song(tmp_path: Path) -> Path:
    return write_song(tmp_path / "song.wav")


@pytest.fixture
def agent(tmp_path: Path):
    from agent.agent import Agent

    return Agent(home=tmp_path / "home")
