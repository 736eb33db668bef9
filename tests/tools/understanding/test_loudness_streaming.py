"""The block-wise loudness pass gives the same integrated LUFS as the shared BS.1770 meter."""

from __future__ import annotations

import numpy as np
import pytest

from tools.audio.loudness import integrated_loudness_lufs
from tools.audio.types import Audio
from tools.understanding.loudness_curve import analyze_loudness


def test_streamed_integrated_loudness_matches_the_shared_meter() -> None:
    sr = 44100
    rng = np.random.default_rng(0)
    t = np.arange(25 * sr) / sr
    left = 0.1 * np.sin(2 * np.pi * 220 * t) + 0.02 * rng.standard_normal(len(t))
    right = 0.05 * np.sin(2 * np.pi * 330 * t)
    left[10 * sr : 15 * sr] *= 0.01  # a quiet stretch the relative gate drops
    left[18 * sr :] *= 3.0
    audio = Audio(np.stack([left, right]).astype(np.float32), sr)
    ours = analyze_loudness(audio)
    assert ours.integrated_lufs == pytest.approx(integrated_loudness_lufs(audio), abs=0.05)
    assert len(ours.short_term_lufs) == 23  # 3 s windows every second over 25 s


def test_short_and_silent_audio_use_the_shared_rules() -> None:
    sr = 44100
    short = Audio((0.1 * np.sin(2 * np.pi * 440 * np.arange(sr) / sr))[None].astype(np.float32), sr)
    out = analyze_loudness(short)
    assert out.integrated_lufs == pytest.approx(integrated_loudness_lufs(short), abs=0.01)
    assert len(out.short_term_lufs) == 1
    silent = analyze_loudness(Audio(np.zeros((2, 5 * sr), np.float32), sr))
    assert silent.integrated_lufs is None
    assert all(v == -70.0 for v in silent.short_term_lufs)
