"""Metrics of music against a video, checked against values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tools.video.metrics import beat_alignment_score, beat_cut_alignment, motion_loudness_correlation


def test_beat_cut_alignment_counts_cuts_within_80_ms() -> None:
    beats = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    # 0.52 (20 ms off) and 1.43 (70 ms off) count; 2.2 (200 ms off) and 3.0 (past the last beat, 500 ms)
    # do not: 2 of 4
    assert beat_cut_alignment([0.52, 1.43, 2.2, 3.0], beats) == pytest.approx(0.5)
    assert beat_cut_alignment([1.08], beats) == pytest.approx(1.0)  # exactly 80 ms counts
    assert beat_cut_alignment([1.09], beats) == pytest.approx(0.0)
    assert beat_cut_alignment([], beats) is None
    assert beat_cut_alignment([1.0], []) == 0.0


def test_beat_alignment_score_is_the_aist_formula() -> None:
    music = [0.0, 0.5, 1.0, 1.5]
    visual = [0.05, 1.0, 1.3]
    # over visual beats: distances 0.05, 0.0, 0.2 -> exp(-d^2 / (2 * 0.1^2))
    expected = (math.exp(-0.125) + 1.0 + math.exp(-2.0)) / 3
    assert beat_alignment_score(music, visual) == pytest.approx(expected, abs=1e-12)
    # over music beats (Bailando's code): distances 0.05, 0.45 (0.5 -> 0.05), 0.0, 0.2
    expected_music = (math.exp(-0.125) + math.exp(-10.125) + 1.0 + math.exp(-2.0)) / 4
    assert beat_alignment_score(music, visual, over="music") == pytest.approx(expected_music, abs=1e-12)
    assert beat_alignment_score(music, music) == pytest.approx(1.0)
    assert beat_alignment_score(music, []) is None
    assert beat_alignment_score([], visual) == 0.0
    # a visual grid half a beat off the music scores near zero
    assert beat_alignment_score(music, [0.25, 0.75, 1.25]) < 0.05


def test_motion_loudness_correlation_on_a_common_grid() -> None:
    # motion at 12.5 Hz and loudness at 43 Hz follow the same 0.25 Hz wave over 8 s
    t_m = np.arange(100) / 12.5
    t_l = np.arange(344) / 43.0
    motion = 0.5 + 0.4 * np.sin(2 * np.pi * 0.25 * t_m)
    loud_db = -20 + 6 * np.sin(2 * np.pi * 0.25 * t_l)
    assert motion_loudness_correlation(motion, 12.5, loud_db, 43.0) == pytest.approx(1.0, abs=1e-3)
    assert motion_loudness_correlation(motion, 12.5, -loud_db, 43.0) == pytest.approx(-1.0, abs=1e-3)
    # a quarter period out of step: sin against cos over two whole periods -> 0
    loud_cos = -20 + 6 * np.cos(2 * np.pi * 0.25 * t_l)
    r = motion_loudness_correlation(motion, 12.5, loud_cos, 43.0)
    assert r is not None and abs(r) < 0.05
    assert motion_loudness_correlation(np.ones(50), 10.0, loud_db, 43.0) is None
    assert motion_loudness_correlation([0.5], 10.0, loud_db, 43.0) is None


def test_correlation_uses_only_the_time_both_curves_cover() -> None:
    # a 4-s motion ramp against 10 s of loudness whose first 4 s rise as well, then fall
    motion = np.linspace(0, 1, 41)  # 10 Hz, 0..4 s
    t = np.arange(101) / 10.0
    loud = np.where(t <= 4.0, t, 8.0 - t)
    assert motion_loudness_correlation(motion, 10.0, loud, 10.0) == pytest.approx(1.0, abs=1e-9)
