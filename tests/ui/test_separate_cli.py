"""``bandleader separate FILE --out DIR --json`` writes four stem files that add up to the recording."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from ui.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"


def test_separate_json_prints_four_stem_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANDLEADER_MODELS", str(tmp_path / "no-models"))
    monkeypatch.delenv("BANDLEADER_DEMUCS_MODEL", raising=False)
    monkeypatch.setenv("BANDLEADER_SEPARATOR_MODEL", str(tmp_path / "no-models" / "none.pt"))
    src = DATA / "editing" / "vibe_ace_excerpt.flac"
    assert main(["separate", str(src), "--out", str(tmp_path / "stems"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["backend"] == "dsp-hpss-repet"
    assert set(report["stems"]) == {"vocals", "drums", "bass", "other"}
    mix, sr = sf.read(src, dtype="float32", always_2d=True)
    total = np.zeros_like(mix)
    for path in report["stems"].values():
        stem, stem_sr = sf.read(path, dtype="float32", always_2d=True)
        assert stem_sr == sr and stem.shape == mix.shape
        total += stem
    assert np.abs(total - mix).max() < 1e-3  # 24-bit stems of a mask split add back to the mixture
    # the bass stem lives below the crossover; the vocals stem has nothing in the bass register
    bass, _ = sf.read(report["stems"]["bass"], dtype="float32")
    vocals, _ = sf.read(report["stems"]["vocals"], dtype="float32")
    assert _share_below(bass.mean(axis=1), sr, 400.0) > 0.8
    assert _share_below(vocals.mean(axis=1), sr, 150.0) < 0.05


def _share_below(x: np.ndarray, sr: int, hz: float) -> float:
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / sr)
    return float(power[freqs < hz].sum() / power.sum())


def test_separate_a_missing_file_is_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["separate", str(tmp_path / "nope.wav"), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "can't find" in err and "Traceback" not in err
