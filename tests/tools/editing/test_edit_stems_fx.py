"""remix_stems, effects, loop_crop and restore on a real recording (Vibe Ace, CC BY 3.0), each judged by
what it measurably did to the audio."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.conftest import MemoryStore, ToolRun, read_back
from tools.base import ToolError
from tools.editing.effects import Effects
from tools.editing.loop_crop import JOIN_FADE_S, LoopCrop
from tools.editing.remix import RemixStems
from tools.editing.restore import Restore
from tools.separation.stems_store import stem_companions
from tools.separation.tool import Separate
from tools.understanding.sheet import compute_sheet

CLIP = Path(__file__).resolve().parents[2] / "data" / "editing" / "vibe_ace_excerpt.flac"


def _upload(store: MemoryStore, path: Path, name: str = "vibe_ace.flac"):  # type: ignore[no-untyped-def]
    copy = path.parent / name if path.parent != CLIP.parent else store.root / name
    if path != copy:
        shutil.copyfile(path, copy)
    return store.import_file(copy, kind="audio", label=name)


def _band_db(x: np.ndarray, sr: int, lo: float, hi: float) -> float:
    power = np.abs(np.fft.rfft(x.mean(axis=0))) ** 2
    f = np.fft.rfftfreq(x.shape[1], 1 / sr)
    return float(10 * np.log10(power[(f >= lo) & (f < hi)].sum() + 1e-20))


def test_remix_raises_only_the_vocals_by_the_asked_gain(
    call_tool: Callable[..., ToolRun], store: MemoryStore
) -> None:
    _upload(store, CLIP)
    sep = call_tool(Separate, backend="dsp").output
    mix = read_back(sep.artifact.path).samples
    vocals = read_back(sep.stems["vocals"].path).samples
    out = call_tool(RemixStems, stem="vocals", gain_db=6.0).output
    assert (
        out.gains_db == {"vocals": 6.0, "drums": 0.0, "bass": 0.0, "other": 0.0} and out.separated_now is None
    )
    remix = read_back(out.artifact.path).samples
    expected = mix + (10 ** (6 / 20) - 1) * vocals
    assert np.abs(remix - expected).max() < 2e-3
    # the new version carries its own (re-gained) stems for the next remix
    assert set(stem_companions(store, out.artifact)) == {"vocals", "drums", "bass", "other"}
    with pytest.raises(ToolError) as err:
        call_tool(RemixStems, stem="tuba", gain_db=3.0)
    assert err.value.code == "unknown_stem" and "vocals" in err.value.message


def test_eq_and_compression_and_delay_change_what_they_should(
    call_tool: Callable[..., ToolRun], store: MemoryStore
) -> None:
    src = _upload(store, CLIP)
    x = read_back(src.path)
    out = call_tool(Effects, effects=[{"name": "eq", "low_db": 6.0}]).output
    y = read_back(out.artifact.path)

    def change(lo: float, hi: float) -> float:
        return _band_db(y.samples, y.sample_rate, lo, hi) - _band_db(x.samples, x.sample_rate, lo, hi)

    # the bass rises 6 dB relative to the presence band (a limiter may lower both alike: it says so)
    assert change(20, 80) - change(2000, 4000) == pytest.approx(6.0, abs=1.0)
    assert out.limited or abs(change(2000, 4000)) < 0.5

    def crest(s: np.ndarray) -> float:
        return float(20 * np.log10(np.abs(s).max() / np.sqrt(np.mean(s**2))))

    comp = read_back(call_tool(Effects, audio=src.id, effect="compressor", amount=0.9).output.artifact.path)
    assert crest(comp.samples) < crest(x.samples) - 1.5

    echo = read_back(call_tool(Effects, audio=src.id, effect="delay", amount=0.8).output.artifact.path)
    lag = int(0.35 * x.sample_rate)

    def corr_at(s: np.ndarray) -> float:
        m = s.mean(axis=0)
        return float(np.dot(m[lag:], m[:-lag]) / np.dot(m, m))

    assert corr_at(echo.samples) > corr_at(x.samples) + 0.1


def test_reverb_on_the_vocals_changes_only_the_vocal_stem(
    call_tool: Callable[..., ToolRun], store: MemoryStore
) -> None:
    _upload(store, CLIP)
    sep = call_tool(Separate, backend="dsp").output
    out = call_tool(Effects, effect="reverb", amount=0.6, stem="vocals").output
    assert out.stem == "vocals" and out.applied[0].startswith("reverb")
    new = stem_companions(store, out.artifact)
    for name in ("drums", "bass", "other"):
        assert (
            np.abs(read_back(new[name].path).samples - read_back(sep.stems[name].path).samples).max() < 1e-4
        )
    before = read_back(sep.stems["vocals"].path).samples
    after = read_back(new["vocals"].path).samples
    assert np.abs(after - before).max() > 1e-2


@pytest.mark.slow
def test_loop_lands_on_downbeats_and_re_analysis_finds_bars_at_the_joins(
    call_tool: Callable[..., ToolRun], store: MemoryStore
) -> None:
    src = _upload(store, CLIP)
    downbeats = compute_sheet(src.path).downbeats
    out = call_tool(LoopCrop, action="loop", start_bar=1, end_bar=2, times=2).output
    assert min(abs(out.start_s - d) for d in downbeats) < 0.03
    assert min(abs(out.end_s - d) for d in downbeats) < 0.03
    assert out.bars == 2
    length = out.end_s - out.start_s
    # each join is a 10 ms cross-fade, so the new version is that much shorter per join
    assert out.duration_s == pytest.approx(8.0 + length - JOIN_FADE_S * len(out.joins_s), abs=0.005)
    # the repeat starts on a bar line of the new version too
    again = compute_sheet(out.artifact.path).downbeats
    assert min(abs(out.joins_s[1] - d) for d in again) < 0.03


def test_bars_past_the_end_and_removing_everything_are_refused(
    call_tool: Callable[..., ToolRun], store: MemoryStore
) -> None:
    _upload(store, CLIP)
    with pytest.raises(ToolError) as err:
        call_tool(LoopCrop, action="keep", start_bar=9, end_bar=12)
    assert err.value.code == "out_of_range" and "past its end" in err.value.message
    with pytest.raises(ToolError) as err:
        call_tool(LoopCrop, action="keep", section="bridge")
    assert err.value.code == "unknown_section"


def test_restore_removes_added_hum_and_repairs_clipping(
    call_tool: Callable[..., ToolRun], store: MemoryStore, tmp_path: Path
) -> None:
    clean, sr = sf.read(CLIP, dtype="float32", always_2d=True)
    t = np.arange(clean.shape[0]) / sr
    hum = 0.05 * np.sin(2 * np.pi * 60 * t) + 0.02 * np.sin(2 * np.pi * 180 * t)
    sf.write(tmp_path / "hummy.wav", (clean * 0.5 + hum[:, None]).astype(np.float32), sr, subtype="FLOAT")
    _upload(store, tmp_path / "hummy.wav", "hummy.wav")
    out = call_tool(Restore, fixes=["dehum"]).output
    assert out.hum_hz == 60.0
    y = read_back(out.artifact.path).samples
    before = _band_db((clean * 0.5 + hum[:, None]).T, sr, 59, 61)
    assert _band_db(y, sr, 59, 61) < before - 20

    clipped = np.clip(clean * 4, -0.6, 0.6)
    sf.write(tmp_path / "clipped.wav", clipped, sr, subtype="FLOAT")
    _upload(store, tmp_path / "clipped.wav", "clipped.wav")
    out = call_tool(Restore, fixes=["declip"]).output
    assert out.clipped_samples_fixed > 100
    fixed = read_back(out.artifact.path).samples.T
    ref = clean * 4

    def err_db(x: np.ndarray) -> float:
        return float(10 * np.log10(np.sum((x - ref) ** 2)))

    assert err_db(fixed) < err_db(clipped) - 1.0


def test_splice_joins_two_versions_with_an_equal_power_crossfade(
    call_tool: Callable[..., ToolRun], store: MemoryStore
) -> None:
    from tools.editing.splice import Splice

    first = _upload(store, CLIP)
    second = call_tool(Effects, effect="distortion", amount=0.5).output.artifact
    out = call_tool(Splice, first=first.id, second=second.id, crossfade_s=0.5).output
    assert out.duration_s == pytest.approx(8.0 + 8.0 - 0.5, abs=0.001) and out.join_s == pytest.approx(7.5)
    y = read_back(out.artifact.path).samples
    a, b = read_back(first.path).samples, read_back(second.path).samples
    sr = 44100
    assert np.abs(y[:, : 7 * sr] - a[:, : 7 * sr]).max() < 1e-4  # the first part untouched before the fade
    assert np.abs(y[:, 8 * sr :] - b[:, sr // 2 :]).max() < 1e-4  # the second part untouched after it
    with pytest.raises(ToolError) as err:
        call_tool(Splice, first=first.id, second=second.id, crossfade_s=9.0)
    assert err.value.code == "out_of_range"
