"""How well music fits a video: beat-cut alignment, beat alignment score, motion-loudness correlation.

- :func:`beat_cut_alignment`: share of cuts within ``tolerance_s`` (80 ms) of a music beat.
- :func:`beat_alignment_score`: the AIST++ beat alignment score (Li et al., "AI Choreographer", 2021):
  ``mean over visual beats v of exp(-min_m (v - m)^2 / (2 sigma^2))`` with m the music beats and
  sigma = 0.1 s. Computed this way round by default (``over="visual"``, the paper's formula: every
  visual beat should find a music beat, the right question when the music is made to follow the
  picture). The Bailando evaluation code averages over *music* beats instead (with sigma = 3 frames at
  60 fps = 0.05 s); ``over="music"`` gives that direction.
- :func:`motion_loudness_correlation`: Pearson correlation between the motion-energy curve and the
  music's loudness curve, both resampled (linear interpolation) to a common ``grid_hz`` grid over the
  time both cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

CUT_TOLERANCE_S: float = 0.080
"""A cut counts as on the beat when a music beat is at most this many seconds away."""
BAS_SIGMA_S: float = 0.1
"""Width (seconds) of the Gaussian of the beat alignment score."""


def beat_cut_alignment(
    cuts_s: Sequence[float], beats_s: Sequence[float], tolerance_s: float = CUT_TOLERANCE_S
) -> float | None:
    """Share (0..1) of ``cuts_s`` with a beat of ``beats_s`` within ``tolerance_s`` seconds; None when
    there are no cuts (undefined); 0.0 when there are cuts but no beats."""
    cuts = np.asarray(list(cuts_s), dtype=np.float64)
    if cuts.size == 0:
        return None
    beats = np.sort(np.asarray(list(beats_s), dtype=np.float64))
    if beats.size == 0:
        return 0.0
    nearest = np.min(np.abs(cuts[:, None] - beats[None, :]), axis=1)
    return float(np.mean(nearest <= tolerance_s + 1e-9))


def beat_alignment_score(
    music_beats_s: Sequence[float],
    visual_beats_s: Sequence[float],
    sigma_s: float = BAS_SIGMA_S,
    over: Literal["visual", "music"] = "visual",
) -> float | None:
    """AIST++ beat alignment score 0..1 (1 = every beat has a partner at the same time); see the
    module docstring for ``over``. None when the beats averaged over are empty; 0.0 when the other
    list is empty."""
    music = np.asarray(list(music_beats_s), dtype=np.float64)
    visual = np.asarray(list(visual_beats_s), dtype=np.float64)
    ref, other = (visual, music) if over == "visual" else (music, visual)
    if ref.size == 0:
        return None
    if other.size == 0:
        return 0.0
    d = np.min(np.abs(ref[:, None] - other[None, :]), axis=1)
    return float(np.mean(np.exp(-(d**2) / (2.0 * sigma_s**2))))


def resample_curve(values: Sequence[float], rate_hz: float, grid_s: np.ndarray) -> np.ndarray:
    """``values`` sampled at ``rate_hz`` (first sample at 0 s), linearly interpolated at ``grid_s``."""
    v = np.asarray(list(values), dtype=np.float64)
    t = np.arange(v.size) / rate_hz
    return np.interp(grid_s, t, v)


def motion_loudness_correlation(
    motion: Sequence[float],
    motion_rate_hz: float,
    loudness: Sequence[float],
    loudness_rate_hz: float,
    grid_hz: float = 10.0,
) -> float | None:
    """Pearson correlation (-1..1) of a motion curve and a loudness curve (any units, e.g. dB or LUFS)
    on a common ``grid_hz`` grid over the time both cover; None when either is (nearly) constant or
    shorter than two grid steps."""
    m = list(motion)
    lo = list(loudness)
    if len(m) < 2 or len(lo) < 2:
        return None
    span = min((len(m) - 1) / motion_rate_hz, (len(lo) - 1) / loudness_rate_hz)
    grid = np.arange(0.0, span + 1e-9, 1.0 / grid_hz)
    if grid.size < 3:
        return None
    a = resample_curve(m, motion_rate_hz, grid)
    b = resample_curve(lo, loudness_rate_hz, grid)
    if np.std(a) < 1e-9 or np.std(b) < 1e-9:
        return None
    return float(np.corrcoef(a, b)[0, 1])
