"""time_stretch and pitch_shift on a real recording (Vibe Ace, CC BY 3.0): the measured tempo lands on
the target, the pitch content moves by the interval, bad ratios and shifts get plain messages."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.tools.conftest import MemoryStore, ToolRun, read_back
from tools.base import ToolError
from tools.editing.pitch_shift import PitchShift
from tools.editing.time_stretch import TimeStretch
from tools.understanding.sheet import compute_sheet

pytest.importorskip("python_stretch")
CLIP = Path(__file__).resolve().parents[2] / "data" / "editing" / "vibe_ace_excerpt.flac"


@pytest.fixture
def vibe(store: MemoryStore, tmp_path: Path):  # type: ignore[no-untyped-def]
    copy = tmp_path / "vibe_ace.flac"
    shutil.copyfile(CLIP, copy)
    return store.import_file(copy, kind="audio", label="vibe_ace.flac")


def _mean_chroma(path: str) -> np.ndarray:
    import librosa

    audio = read_back(path)
    y = librosa.resample(audio.samples.mean(axis=0), orig_sr=audio.sample_rate, target_sr=22050)
    chroma = librosa.feature.chroma_cqt(y=y, sr=22050)
    return chroma.mean(axis=1)


def _chroma_shift(before: np.ndarray, after: np.ndarray) -> int:
    """The rotation (in semitones, -5..6) that best maps the 'before' pitch-class profile onto 'after'."""
    scores = [float(np.dot(np.roll(before, k), after)) for k in range(12)]
    k = int(np.argmax(scores))
    return k - 12 if k > 6 else k


@pytest.mark.slow
def test_stretch_to_a_target_bpm_measures_within_two_percent(call_tool: Callable[..., ToolRun], vibe) -> None:  # type: ignore[no-untyped-def]
    run = call_tool(TimeStretch, audio=vibe.id, bpm=112.0)
    out = run.output
    assert out.tempo_before_bpm == pytest.approx(130.0, abs=2.0)  # the clip's tempo, detected
    measured = compute_sheet(out.artifact.path).tempo_bpm
    assert measured == pytest.approx(112.0, rel=0.02)
    # the duration scales by the same ratio, and the pitch stays put
    assert out.duration_s == pytest.approx(8.0 / out.ratio, abs=0.01)
    assert _chroma_shift(_mean_chroma(vibe.path), _mean_chroma(out.artifact.path)) == 0


def test_a_ratio_beyond_four_is_refused_with_the_range(call_tool: Callable[..., ToolRun], vibe) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ToolError) as err:
        call_tool(TimeStretch, audio=vibe.id, ratio=5.0)
    assert err.value.code == "out_of_range" and "0.25-4x" in err.value.message
    with pytest.raises(ToolError) as err:
        call_tool(TimeStretch, audio=vibe.id)
    assert "90 BPM" in err.value.message


@pytest.mark.parametrize("semitones", [3.0, -2.0])
def test_pitch_shift_moves_the_pitch_content_by_the_interval_and_keeps_the_length(
    call_tool: Callable[..., ToolRun], vibe, semitones: float
) -> None:  # type: ignore[no-untyped-def]
    out = call_tool(PitchShift, audio=vibe.id, semitones=semitones).output
    assert out.semitones == semitones
    assert out.duration_s == pytest.approx(8.0, abs=0.001)
    assert _chroma_shift(_mean_chroma(vibe.path), _mean_chroma(out.artifact.path)) == semitones


def test_a_shift_beyond_two_octaves_is_clamped_and_said(call_tool: Callable[..., ToolRun], vibe) -> None:  # type: ignore[no-untyped-def]
    out = call_tool(PitchShift, audio=vibe.id, semitones=30.0).output
    assert out.semitones == 24.0
    assert "beyond two octaves" in out.notes[0] and "+24" in out.notes[0]


@pytest.mark.slow
def test_pitch_shift_to_a_named_key_uses_the_detected_key(call_tool: Callable[..., ToolRun], vibe) -> None:  # type: ignore[no-untyped-def]
    out = call_tool(PitchShift, audio=vibe.id, target_key="G minor").output
    # what the analysis hears in these 8 s of an E-chord vamp (the whole track reads E; the stock key CNN
    # alone said A minor here, the sheet's CNN x resolved-band profile with the bass's tonic says E minor)
    assert out.key_before == "E minor"
    assert out.semitones == 3.0 and out.key_after == "G minor"
    assert _chroma_shift(_mean_chroma(vibe.path), _mean_chroma(out.artifact.path)) == 3
