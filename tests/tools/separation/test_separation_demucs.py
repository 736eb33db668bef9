"""The Demucs backend, loaded by the real loader from a tiny random-initialised HTDemucs saved as a .th
package in a models folder made by the test (no weights are downloaded)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tools.base import ToolError
from tools.separation.api import separate_samples
from tools.separation.demucs_backend import check_demucs

pytest.importorskip("demucs_infer")
DATA = Path(__file__).resolve().parents[2] / "data"


def _save_tiny_htdemucs(folder: Path, sources: list[str]) -> Path:
    import torch
    from demucs_infer.htdemucs import HTDemucs

    kwargs = dict(sources=sources, audio_channels=2, channels=4, depth=2, nfft=1024, t_layers=1,
                  t_heads=2, dconv_comp=2, segment=2, samplerate=44100)  # fmt: skip
    torch.manual_seed(0)
    model = HTDemucs(**kwargs)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tiny.th"
    torch.save({"klass": HTDemucs, "args": (), "kwargs": kwargs, "state": model.state_dict()}, path)
    return path


@pytest.mark.slow
def test_auto_uses_local_demucs_weights_and_keeps_the_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BANDLEADER_DEMUCS_MODEL", raising=False)
    models = tmp_path / "models"
    assert check_demucs(models) is not None  # no weights yet: unavailable, by name
    _save_tiny_htdemucs(models / "demucs", ["drums", "bass", "other", "vocals"])
    assert check_demucs(models) is None
    band, sr = sf.read(DATA / "editing" / "vibe_ace_excerpt.flac", dtype="float32", always_2d=True)
    mix = band.T[:, : 3 * sr]
    sep = separate_samples(mix, sr, backend="auto", models_dir=models)
    assert sep.backend == "demucs:tiny"
    assert set(sep.stems) == {"vocals", "drums", "bass", "other"}
    for stem in sep.stems.values():
        assert stem.shape == mix.shape and np.isfinite(stem).all()
    # an untrained model still answers in the right layout: its outputs differ per source
    assert not np.allclose(sep.stems["vocals"], sep.stems["drums"])


@pytest.mark.slow
def test_a_model_without_a_bass_source_gives_a_silent_bass_stem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = _save_tiny_htdemucs(tmp_path / "m" / "demucs", ["drums", "other", "vocals"])
    monkeypatch.setenv("BANDLEADER_DEMUCS_MODEL", str(weights))
    mono = np.sin(2 * np.pi * 220 * np.arange(44100) / 44100).astype(np.float32)[None] * 0.3
    sep = separate_samples(mono, 44100, backend="demucs", layout="two")
    assert set(sep.stems) == {"vocals", "accompaniment"}
    assert sep.stems["vocals"].shape == (1, 44100)  # mono in, mono out
    four = separate_samples(mono, 44100, backend="demucs")
    assert np.abs(four.stems["bass"]).max() == 0.0


def test_asking_for_demucs_without_weights_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BANDLEADER_DEMUCS_MODEL", raising=False)
    tone = np.sin(np.arange(8000, dtype=np.float32))[None] * 0.5
    with pytest.raises(ToolError) as err:
        separate_samples(tone, 8000, backend="demucs", models_dir=tmp_path)
    assert err.value.code == "backend_unavailable" and "htdemucs.th" in err.value.message
