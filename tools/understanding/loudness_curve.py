"""Loudness over time: integrated LUFS, a short-term (3 s) curve, and the loudness range (LRA, in LU)."""

from __future__ import annotations

import math

import numpy as np

from tools.audio import limits
from tools.audio.loudness import integrated_loudness_lufs, peak_dbfs
from tools.audio.types import Audio
from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.models import Loudness

_ABSOLUTE_GATE_LUFS = -70.0
_LRA_RELATIVE_GATE_LU = -20.0


_BLOCK_S = 10.0
"""Audio is K-weighted in blocks of this many seconds (filter state carried over), to bound memory."""

_SUB_S = 0.1
"""Resolution of the accumulated power, in seconds: the BS.1770 gating blocks (0.4 s, 75% overlap) and
the short-term windows (3 s every 1 s) start on multiples of it."""

_CHANNEL_WEIGHTS = (1.0, 1.0, 1.0, 1.41, 1.41)
"""BS.1770 channel weights (L, R, C, Ls, Rs)."""


def _power_sums(audio: Audio) -> tuple[np.ndarray, int]:
    """Cumulative K-weighted, channel-weighted power at every :data:`_SUB_S` boundary (last: the end)
    and the samples per step. The K-weighting filters are pyloudnorm's, run block by block with their
    state carried over, so memory stays at one block whatever the length."""
    import pyloudnorm
    from scipy.signal import lfilter, lfilter_zi

    sr = audio.sample_rate
    sub = max(1, round(_SUB_S * sr))
    block = sub * max(1, round(_BLOCK_S / _SUB_S))
    stages = [(f.b, f.a) for f in pyloudnorm.Meter(sr)._filters.values()]  # the meter's own K-weighting
    channels = audio.samples[: len(_CHANNEL_WEIGHTS)]
    states = [[lfilter_zi(b_, a_) * 0.0 for b_, a_ in stages] for _ in channels]
    sums: list[np.ndarray] = []
    for start in range(0, audio.n_samples, block):
        power = np.zeros(min(block, audio.n_samples - start))
        for ch, (x, zs) in enumerate(zip(channels, states, strict=True)):
            y = x[start : start + block].astype(np.float64)
            for k, (b_, a_) in enumerate(stages):
                y, zs[k] = lfilter(b_, a_, y, zi=zs[k])
            power += _CHANNEL_WEIGHTS[ch] * y * y
        sums.append(np.add.reduceat(power, np.arange(0, len(power), sub)))
    total = np.concatenate(sums) if sums else np.zeros(0)
    return np.concatenate([[0.0], np.cumsum(total)]), sub


def _integrated_from_sums(csum: np.ndarray, sub: int, n_samples: int, sr: int) -> float:
    """BS.1770-4 gated integrated loudness (LUFS) from :func:`_power_sums`: 0.4 s blocks every 0.1 s,
    absolute gate -70 LUFS, relative gate -10 LU (pyloudnorm's block arithmetic)."""
    per_block = round(0.4 / _SUB_S)
    n_blocks = int(np.round((n_samples / sr - 0.4) / 0.1)) + 1
    last = len(csum) - 1
    lo = np.minimum(np.arange(n_blocks) * round(0.1 / _SUB_S), last)
    hi = np.minimum(lo + per_block, last)
    z = (csum[hi] - csum[lo]) / (0.4 * sr)
    with np.errstate(divide="ignore"):
        level = -0.691 + 10 * np.log10(z)
    gated = level >= _ABSOLUTE_GATE_LUFS
    if not gated.any():
        return -math.inf
    relative = -0.691 + 10 * np.log10(z[gated].mean()) - 10.0
    keep = gated & (level > relative)
    return float(-0.691 + 10 * np.log10(z[keep].mean())) if keep.any() else -math.inf


def short_term_curve(audio: Audio) -> list[float]:
    """Short-term loudness in LUFS (3 s windows), one value every ``SHORT_TERM_LOUDNESS_HOP_S`` seconds;
    windows below -70 LUFS read -70."""
    csum, sub = _power_sums(audio)
    return _short_term_from_sums(csum, sub, audio.n_samples)


def _short_term_from_sums(csum: np.ndarray, sub: int, n_samples: int) -> list[float]:
    win = round(C.SHORT_TERM_LOUDNESS_WINDOW_S / _SUB_S)
    hop = round(C.SHORT_TERM_LOUDNESS_HOP_S / _SUB_S)
    last = len(csum) - 1
    values = []
    for k in range(0, max(1, last - win + hop), hop):
        end_sample = min(n_samples, (k + win) * sub)
        if end_sample <= k * sub:
            break
        ms = (csum[min(k + win, last)] - csum[k]) / (end_sample - k * sub)
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
    """Integrated loudness (LUFS), short-term curve (LUFS, one a second) and loudness range (LU).

    One block-wise K-weighting pass feeds both the integrated (gated BS.1770-4) figure and the curve,
    so a 10-minute track costs no more memory than a 10-second block. Audio shorter than 3 s, silent
    or with more than 5 channels goes to :func:`tools.audio.loudness.integrated_loudness_lufs` for
    the integrated figure (its edge rules: looping, silence, channel layout).
    """
    csum, sub = _power_sums(audio)
    curve = _short_term_from_sums(csum, sub, audio.n_samples)
    if (
        audio.n_samples < C.SHORT_TERM_LOUDNESS_WINDOW_S * audio.sample_rate
        or audio.channels > len(_CHANNEL_WEIGHTS)
        or peak_dbfs(audio) < limits.SILENCE_THRESHOLD_DBFS
    ):
        integrated = integrated_loudness_lufs(audio)
    else:
        integrated = _integrated_from_sums(csum, sub, audio.n_samples, audio.sample_rate)
        if not math.isfinite(integrated) or integrated < limits.LOUDNESS_FLOOR_LUFS:
            integrated = -math.inf
    return Loudness(
        integrated_lufs=round(integrated, 2) if math.isfinite(integrated) else None,
        short_term_lufs=curve,
        short_term_hop_s=C.SHORT_TERM_LOUDNESS_HOP_S,
        loudness_range_lu=loudness_range_lu(curve),
        backend="pyloudnorm",
    )
