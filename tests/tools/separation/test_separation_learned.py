"""The learned vocal-mask separator: the shipped model on a real voice over a band the test makes, the
loader's round trip, and the fall-back when its weights are missing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tools.base import ToolError
from tools.separation import learned
from tools.separation.api import separate_samples
from tools.separation.resample import resample

DATA = Path(__file__).resolve().parents[2] / "data"
SR = 22050


def _band(n: int, sr: int) -> np.ndarray:
    """Two bars of a made-up band at 120 BPM, looped: kick, hi-hat noise, a bass line and a plucked
    chord, (n,) float32."""
    rng = np.random.default_rng(1)
    out = np.zeros(n, dtype=np.float32)
    beat = int(0.5 * sr)
    env = np.exp(-np.arange(beat) / (0.08 * sr))
    for i, s in enumerate(range(0, n - beat, beat)):
        tt = np.arange(beat) / sr
        out[s : s + beat] += 0.6 * np.sin(2 * np.pi * 55 * tt * (1 + env)) * env  # kick
        hat = rng.standard_normal(beat // 4) * np.exp(-np.arange(beat // 4) / (0.01 * sr))
        h0 = s + beat // 2
        out[h0 : h0 + beat // 4] += 0.15 * np.diff(hat, prepend=0)[: n - h0]
        root = (110.0, 98.0, 87.3, 98.0)[(i // 4) % 4]
        out[s : s + beat] += 0.3 * np.sin(2 * np.pi * root * tt) * np.exp(-tt / 0.4)  # bass
        for ratio in (2.0, 2.52, 3.0):  # a plucked triad an octave up
            for k in (1, 2, 3):
                out[s : s + beat] += 0.06 / k * np.sin(2 * np.pi * root * ratio * k * tt) * np.exp(-tt / 0.3)
    return out


def _mixture() -> tuple[np.ndarray, np.ndarray]:
    voice, vsr = sf.read(DATA / "understanding" / "vocadito_10_excerpt.flac", dtype="float32", always_2d=True)
    v = resample(voice.T, vsr, SR)[:1]
    band = _band(v.shape[1], SR)[None]
    v = v * np.sqrt(np.sum(band**2) / np.sum(v**2))  # 0 dB voice-to-band ratio
    return v.astype(np.float32), band.astype(np.float32)


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def _sdr_db(est: np.ndarray, ref: np.ndarray) -> float:
    return float(10 * np.log10(np.sum(ref**2) / (np.sum((ref - est) ** 2) + 1e-12)))


def test_the_shipped_model_pulls_a_real_voice_out_of_a_band(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BANDLEADER_SEPARATOR_MODEL", raising=False)
    assert learned.check_learned() is None, "the shipped weights are part of the repository"
    voice, band = _mixture()
    mix = voice + band
    sep = separate_samples(mix, SR, backend="learned", layout="two")
    assert sep.backend == "learned-masknet"
    est_v, est_a = sep.stems["vocals"], sep.stems["accompaniment"]
    assert est_v.shape == mix.shape and np.abs(est_v + est_a - mix).max() < 1e-4
    # the vocal estimate is closer to the singer than the mixture is, and the rest closer to the band
    assert _corr(est_v, voice) > _corr(mix, voice) + 0.05
    assert _sdr_db(est_v, voice) > _sdr_db(mix, voice) + 2.0
    assert _sdr_db(est_a, band) > _sdr_db(mix, band) + 2.0


def test_four_stems_from_the_learned_vocals_add_up_to_the_mixture(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BANDLEADER_SEPARATOR_MODEL", raising=False)
    voice, band = _mixture()
    mix = np.repeat(voice + band, 2, axis=0)
    sep = separate_samples(mix, SR, backend="learned")
    assert set(sep.stems) == {"vocals", "drums", "bass", "other"}
    assert np.abs(sum(sep.stems.values()) - mix).max() < 1e-3


def test_a_saved_model_loads_back_and_missing_weights_fall_back_to_dsp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    torch.manual_seed(0)
    tiny = learned.build_model(hidden=16, blocks=2)
    path = tmp_path / "tiny.pt"
    learned.save_model(tiny, path, {"note": "random"})
    back = learned.load_model(path)
    x = torch.rand(1, learned.N_BINS, 20)
    with torch.no_grad():
        assert torch.allclose(tiny(x), back(x), atol=2e-3)  # float16 storage
    monkeypatch.setenv("BANDLEADER_SEPARATOR_MODEL", str(tmp_path / "missing.pt"))
    assert "missing" in (learned.check_learned() or "")
    voice, band = _mixture()
    with pytest.raises(ToolError) as err:
        separate_samples(voice + band, SR, backend="learned")
    assert err.value.code == "backend_unavailable"
    assert separate_samples(voice + band, SR, backend="auto", models_dir=tmp_path).backend == "dsp-hpss-repet"
