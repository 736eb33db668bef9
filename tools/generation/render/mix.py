"""Mixing and mastering: per-track gain and constant-power pan, then gain and a look-ahead limiter
(true-peak ceiling) to the loudness target. EQ, compression and reverb: :mod:`.master`.

Audio arrays are float32 shaped (2, n_samples); gains in dB; loudness in LUFS.
"""

from __future__ import annotations

import math

import numpy as np

from tools.audio.limiter import limit_peaks
from tools.audio.types import Audio
from tools.audio.units import db_to_amplitude

CEILING_DBFS = -1.0
"""Highest true (inter-sample) peak of the master, in dBTP."""
TRUE_PEAK_MARGIN_DB = 1.5
"""Blocks whose sample peak comes within this many dB of the ceiling get a true-peak (4x) estimate."""
END_FADE_S = 0.4
"""Fade at the very end of the song, in seconds."""


def pan_gains(pan: float) -> tuple[float, float]:
    """Constant-power (left, right) gains for ``pan`` in -1..1, unity at the centre."""
    angle = (pan + 1.0) * math.pi / 4.0
    return math.cos(angle) * math.sqrt(2.0), math.sin(angle) * math.sqrt(2.0)


def place(stem: np.ndarray, gain_db: float, pan: float) -> np.ndarray:
    """A stereo stem with gain and pan applied (a new array)."""
    left, right = pan_gains(pan)
    g = db_to_amplitude(gain_db)
    out = np.empty_like(stem)
    out[0] = stem[0] * (g * left)
    out[1] = stem[1] * (g * right)
    return out


def fast_lufs(x: np.ndarray, sample_rate: int) -> float:
    """Integrated loudness (LUFS, ITU-R BS.1770-4: K-weighting, 400 ms blocks with 75% overlap, absolute
    and relative gates) of (channels, n) audio, vectorised: the same figure as pyloudnorm's meter (whose
    K-weighting filters it uses) in a fraction of the time. ``-inf`` when everything is gated out."""
    import pyloudnorm
    from scipy.signal import sosfilt

    meter = pyloudnorm.Meter(sample_rate)
    sos = np.vstack([np.concatenate([f.b * f.passband_gain, f.a]) for f in meter._filters.values()])
    y = sosfilt(sos.astype(np.float32), x.astype(np.float32), axis=1)  # the meter's own K-weighting
    hop = int(0.1 * sample_rate)  # 400 ms blocks = 4 hops of 100 ms (75% overlap)
    n_hops = y.shape[1] // hop
    if n_hops < 4:
        return -math.inf
    y = y[:, : n_hops * hop]
    hops = np.einsum("ij,ij->j", y, y).reshape(n_hops, hop).sum(axis=1, dtype=np.float64)
    z = np.convolve(hops, np.ones(4), mode="valid") / (4 * hop)
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(z)
    z = z[loud > -70.0]
    if not len(z):
        return -math.inf
    relative = -0.691 + 10 * np.log10(z.mean()) - 10.0
    z = z[-0.691 + 10 * np.log10(z) > relative]
    return float(-0.691 + 10 * np.log10(z.mean()))


def _limit(x: np.ndarray, sample_rate: int, gain_db: float) -> np.ndarray:
    """``x`` with ``gain_db`` applied and its true peaks held under :data:`CEILING_DBFS`."""
    from tools.generation.render.master import true_peak_envelope

    gained = x * np.float32(db_to_amplitude(gain_db))
    ceiling = db_to_amplitude(CEILING_DBFS)
    env = true_peak_envelope(gained, sample_rate, near=ceiling * db_to_amplitude(-TRUE_PEAK_MARGIN_DB))
    return limit_peaks(Audio(gained, sample_rate), CEILING_DBFS, envelope=env).samples


def master(mix: np.ndarray, sample_rate: int, target_lufs: float) -> tuple[np.ndarray, float, float]:
    """Gain to ``target_lufs`` and a limiter with a true-peak ceiling at :data:`CEILING_DBFS`
    (inter-sample peaks estimated where the signal comes within :data:`TRUE_PEAK_MARGIN_DB` of it),
    corrected once after limiting.

    Returns (audio, measured LUFS, gain applied in dB)."""
    before = fast_lufs(mix, sample_rate)
    if not math.isfinite(before):
        return mix, before, 0.0
    gain = target_lufs - before
    out = _limit(mix, sample_rate, gain)
    measured = fast_lufs(out, sample_rate)
    if math.isfinite(measured) and abs(measured - target_lufs) > 0.3:
        gain += min(6.0, target_lufs - measured)
        out = _limit(mix, sample_rate, gain)
        measured = fast_lufs(out, sample_rate)
    fade = min(out.shape[1], int(END_FADE_S * sample_rate))
    if fade > 0:
        out[:, -fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    return out, measured, gain
