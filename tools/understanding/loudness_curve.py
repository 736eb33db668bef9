"""Loudness over time: integrated LUFS, a short-term (3 s) curve, and the loudness range (LRA, in LU)."""

from __future__ import annotations

import math

import numpy as np

from tools.audio.loudness import integrated_loudness_lufs
from tools.audio.types import Audio
from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.models import Loudness

_ABSOLUTE_GATE_LUFS = -70.0
_LRA_RELATIVE_GATE_LU = -20.0


def _k_weighted_power(audio: Audio) -> np.ndarray:
    """Mean-square power summed over channels after BS.1770 K-weighting, per sample (float64)."""
    import pyloudnorm

    meter = pyloudnorm.Meter(audio.sample_rate)
    total = np.zeros(audio.n_samples)
    for ch in audio.samples[:5]:
        x = ch.astype(np.float64)
        for f in meter._filters.values():  # the meter's own K-weighting stages
            x = f.apply_filter(x)
        total += x * x
    return total


def short_term_curve(audio: Audio) -> list[float]:
    """Short-term loudness in LUFS (3 s windows), one value every ``SHORT_TERM_LOUDNESS_HOP_S`` seconds;
    windows below -70 LUFS read -70."""
    power = _k_weighted_power(audio)
    sr = audio.sample_rate
    win, hop = int(C.SHORT_TERM_LOUDNESS_WINDOW_S * sr), int(C.SHORT_TERM_LOUDNESS_HOP_S * sr)
    csum = np.concatenate([[0.0], np.cumsum(power)])
    values = []
    for start in range(0, max(1, len(power) - win + hop), hop):
        end = min(len(power), start + win)
        if end <= start:
            break
        ms = (csum[end] - csum[start]) / (end - start)
        values.append(round(max(_ABSOLUTE_GATE_LUFS, -0.691 + 10 * math.log10(ms)) if ms > 0 else -70.0, 2))
    return values


def loudness_range_lu(short_term: list[float]) -> float | None:
    """EBU Tech 3342 loudness range in LU: the 10th-95th percentile spread of gated short-term values."""
    st = np.array([v for v in short_term if v > _ABSOLUTE_GATE_LUFS])
    if len(st) < 2:
        return None
    mean_lufs = 10 * np.log10(np.mean(10 ** (st / 10)))
    gated = st[st >= mean_lufs + _LRA_RELATIVE_GATE_LU]
    if len(gated) < 2:
        return None
    return round(float(np.percentile(gated, 95) - np.percentile(gated, 10)), 2)


def analyze_loudness(audio: Audio) -> Loudness:
    """Integrated loudness (LUFS), short-term curve (LUFS, one a second) and loudness range (LU)."""
    integrated = integrated_loudness_lufs(audio)
    curve = short_term_curve(audio)
    return Loudness(
        integrated_lufs=round(integrated, 2) if math.isfinite(integrated) else None,
        short_term_lufs=curve,
        short_term_hop_s=C.SHORT_TERM_LOUDNESS_HOP_S,
        loudness_range_lu=loudness_range_lu(curve),
        backend="pyloudnorm",
    )
