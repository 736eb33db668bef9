"""Affective visual features (as in Video2Music): brightness, saturation, warmth, motion, pace ->
valence and arousal.

Per analysed frame (HSV on a 4x-subsampled frame, OpenCV scale): brightness is the mean value V/255,
saturation the mean S/255, and warmth the share of *coloured* pixels (S > 0.2, V > 0.2) whose hue is
red/orange/yellow (0-60 degrees or 330-360 degrees); with fewer than 2 % coloured pixels warmth is 0.5
(no colour information). Over the clip each is the mean. Motion is the mean motion energy (0..1) and
pace is ``1 - exp(-cuts_per_minute / 20)`` (20 cuts a minute reads as fast editing).

The mapping follows the colour-emotion findings of Valdez & Mehrabian (1994: pleasure rises with
brightness and, less, saturation; arousal rises with saturation) and the affective video model of
Hanjalic & Xu (2005: arousal from motion activity and shot-cut rate)::

    valence = clip(0.10 + 0.55 * brightness + 0.20 * saturation + 0.15 * warmth, 0, 1)
    arousal = clip(0.50 * motion + 0.30 * pace + 0.20 * saturation, 0, 1)
"""

from __future__ import annotations

import math

import numpy as np

from tools.video.cuts import _hsv
from tools.video.decode import Frames
from tools.video.models import Cut, MoodFeatures

PACE_CUTS_PER_MINUTE: float = 20.0
"""Cuts per minute that map to pace 1 - 1/e."""


def colour_features(frames: Frames, indices: np.ndarray) -> tuple[float, float, float]:
    """Mean brightness, saturation and warmth (each 0..1) of the frames at ``indices``."""
    hsv = _hsv(frames.rgb[indices][:, ::4, ::4])
    h, s, v = hsv[..., 0], hsv[..., 1] / 255.0, hsv[..., 2] / 255.0
    brightness = float(v.mean())
    saturation = float(s.mean())
    coloured = (s > 0.2) & (v > 0.2)
    share = float(coloured.mean())
    if share < 0.02:
        warmth = 0.5
    else:
        warm = coloured & ((h < 30.0) | (h >= 165.0))
        warmth = float(warm.sum()) / float(coloured.sum())
    return brightness, saturation, warmth


def mood_features(
    frames: Frames, indices: np.ndarray, motion_energy: np.ndarray, cuts: list[Cut], duration_s: float
) -> MoodFeatures:
    """The clip's :class:`MoodFeatures` (see the module docstring for the formulas)."""
    brightness, saturation, warmth = colour_features(frames, indices)
    motion = float(np.mean(motion_energy)) if motion_energy.size else 0.0
    cpm = len(cuts) / max(duration_s, 1e-6) * 60.0
    pace = 1.0 - math.exp(-cpm / PACE_CUTS_PER_MINUTE)
    valence = min(1.0, max(0.0, 0.10 + 0.55 * brightness + 0.20 * saturation + 0.15 * warmth))
    arousal = min(1.0, max(0.0, 0.50 * motion + 0.30 * pace + 0.20 * saturation))
    return MoodFeatures(
        brightness=round(brightness, 4),
        saturation=round(saturation, 4),
        warmth=round(warmth, 4),
        motion=round(motion, 4),
        cuts_per_minute=round(cpm, 3),
        valence=round(valence, 4),
        arousal=round(arousal, 4),
    )
