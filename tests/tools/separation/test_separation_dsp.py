"""The DSP separator on a real mixture it never saw: a vocadito voice over a CC BY instrumental."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tools.base import ToolError
from tools.separation.api import separate_samples
from tools.separation.resample import resample

DATA = Path(__file__).resolve().parents[2] / "data"


def _sdr_db(est: np.ndarray, ref: np.ndarray) -> float:
    return float(10 * np.log10(np.sum(ref**2) / (np.sum((ref - est) ** 2) + 1e-12)))


def _mixture() -> tuple[np.ndarray, np.ndarray, int]:
    band, sr = sf.read(DATA / "editing" / "vibe_ace_excerpt.flac", dtype="float32", always_2d=True)
    voice, vsr = sf.read(DATA / "understanding" / "vocadito_10_excerpt.flac", dtype="float32", always_2d=True)
    voice = resample(voice.T, vsr, sr)
    n = min(band.shape[0], voice.shape[1])
    band = band.T[:, :n] * 0.5
    voice = np.repeat(voice[:, :n], 2, axis=0)
    voice *= np.sqrt(np.sum(band**2) / np.sum(voice**2))  # 0 dB voice-to-band ratio
    return voice, band, sr


def test_stems_sum_to_the_mixture_and_beat_it_for_voice_and_band() -> None:
    voice, band, sr = _mixture()
    mix = voice + band
    sep = separate_samples(mix, sr, backend="dsp", layout="two")
    assert set(sep.stems) == {"vocals", "accompaniment"}
    assert np.abs(sep.stems["vocals"] + sep.stems["accompaniment"] - mix).max() < 1e-3
    assert _sdr_db(sep.stems["vocals"], voice) > _sdr_db(mix, voice) + 1.0
    assert _sdr_db(sep.stems["accompaniment"], band) > _sdr_db(mix, band) + 1.0


def test_a_silent_track_has_nothing_to_separate() -> None:
    with pytest.raises(ToolError) as err:
        separate_samples(np.zeros((1, 8000), dtype=np.float32), 8000)
    assert err.value.code == "silent" and "silent" in err.value.message
