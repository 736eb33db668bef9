"""The feature sheet on signals with known truth (click tracks, rendered MIDI, sines, a real flute)."""

from __future__ import annotations

from pathlib import Path

import mir_eval
import numpy as np
import pytest

from tests.tools.understanding.signals import DATA, click_track, sine_melody
from tools.understanding.sheet import compute_sheet


def _majmin(sheet_chords: list, truth: list[tuple[float, float, str]]) -> float:
    ref_iv = np.array([[s, e] for s, e, _ in truth])
    est = [c for c in sheet_chords if c.end > c.start]
    est_iv = np.array([[c.start, c.end] for c in est])
    est_iv, est_labels = mir_eval.util.adjust_intervals(
        est_iv,
        [c.label for c in est],
        ref_iv.min(),
        ref_iv.max(),
        mir_eval.chord.NO_CHORD,
        mir_eval.chord.NO_CHORD,
    )
    iv, ref_l, est_l = mir_eval.util.merge_labeled_intervals(
        ref_iv, [t for *_, t in truth], est_iv, est_labels
    )
    return float(
        mir_eval.chord.weighted_accuracy(
            mir_eval.chord.majmin(ref_l, est_l), mir_eval.util.intervals_to_durations(iv)
        )
    )


def test_click_track_at_120_bpm_reads_120(click_120: Path) -> None:
    sheet = compute_sheet(click_120)
    assert sheet.tempo_bpm == pytest.approx(120.0, abs=1.0)
    assert sheet.backends["rhythm"] == "madmom"
    ibi = np.diff(sheet.beats)
    assert np.median(ibi) == pytest.approx(0.5, abs=0.01)
    assert sheet.meter in ("4/4", "3/4")
    assert 60.0 in [round(a) for a in sheet.tempo_alternatives]


@pytest.mark.slow
def test_permissive_only_uses_librosa_and_still_reads_120(
    click_120: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANDLEADER_PERMISSIVE_ONLY", "1")
    sheet = compute_sheet(click_120)
    assert sheet.backends["rhythm"] == "librosa"
    assert "madmom" not in sheet.backends.values()
    assert sheet.tempo_bpm == pytest.approx(120.0, abs=1.5)


@pytest.mark.parametrize("sr", [8000, 96000])
def test_click_track_at_other_sample_rates(tmp_path: Path, sr: int) -> None:
    sheet = compute_sheet(click_track(tmp_path / f"click{sr}.wav", 100.0, seconds=15.0, sr=sr))
    assert sheet.tempo_bpm == pytest.approx(100.0, abs=1.0)


def test_rendered_progression_gives_key_chords_and_tempo(progression: tuple[Path, Path, list]) -> None:
    _, wav, truth = progression
    sheet = compute_sheet(wav)
    assert sheet.key == "C major"
    assert sheet.key_confidence > 0.3
    assert sheet.tempo_bpm == pytest.approx(120.0, abs=2.0)
    assert _majmin(sheet.chords, truth) >= 0.75
    pitches = {n.pitch for n in sheet.notes}
    assert {60, 64, 67, 57, 53, 55} <= pitches


@pytest.mark.slow
def test_permissive_chords_and_key_on_the_rendered_progression(
    progression: tuple[Path, Path, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANDLEADER_PERMISSIVE_ONLY", "1")
    _, wav, truth = progression
    sheet = compute_sheet(wav)
    assert sheet.backends["chords"] == "librosa" and sheet.backends["key"] == "librosa"
    assert sheet.key in ("C major", "A minor")  # relative keys share every pitch of I-vi-IV-V
    assert _majmin(sheet.chords, truth) >= 0.6


def test_sine_melody_gives_its_midi_pitches(tmp_path: Path) -> None:
    pitches = (60, 62, 64, 65, 67, 69, 71, 72)
    sheet = compute_sheet(sine_melody(tmp_path / "melody.wav", pitches))
    assert [n.pitch for n in sheet.melody] == list(pitches)
    onsets = [n.start for n in sheet.melody]
    assert np.allclose(np.diff(onsets), 0.5, atol=0.05)


def test_real_flute_c4_is_pitch_60() -> None:
    sheet = compute_sheet(DATA / "Fl-ord-C4-mf-N-T14d.wav")
    assert sheet.melody, "a sustained flute note must give a melody note"
    longest = max(sheet.melody, key=lambda n: n.end - n.start)
    assert longest.pitch == 60


def test_sheet_is_cached_by_content(click_120: Path, _private_feature_cache: Path) -> None:
    first = compute_sheet(click_120)
    assert len(list(_private_feature_cache.glob("*.json"))) == 1
    second = compute_sheet(click_120)
    assert second.timings_s == first.timings_s  # read back, not recomputed


@pytest.mark.slow
def test_a_cold_sheet_of_a_real_band_never_imports_torch_or_scikit_learn(tmp_path: Path) -> None:
    # a cold process pays ~1.2 s for torch's import and ~0.3 s for scikit-learn's (with pandas): the
    # sheet runs musicnn and the chord CNN in numpy and splits the drums' percussive part itself
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    code = (
        "import json, sys; from tools.understanding.sheet import compute_sheet; "
        f"s = compute_sheet({str(DATA / 'vibe_ace_excerpt.flac')!r}, use_cache=False); "
        "print(json.dumps([s.tempo_bpm, sorted(m for m in sys.modules if m.split('.')[0] in "
        "('torch', 'sklearn', 'pandas', 'tensorflow'))]))"
    )
    env = {**os.environ, "BANDLEADER_FEATURE_CACHE": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    tempo, imported = json.loads(out.stdout.strip().splitlines()[-1])
    assert tempo is not None and 60 <= tempo <= 200  # the band's beat was heard
    assert imported == []
