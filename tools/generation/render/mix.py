"""Mixing and mastering: per-track gain and constant-power pan, a shared convolution reverb fed by
each track's send, then gain and a look-ahead limiter to the loudness target.

Audio arrays are float32 shaped (2, n_samples); gains in dB; loudness in LUFS.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.signal import oaconvolve

from tools.audio.limiter import limit_peaks
from tools.audio.types import Audio
from tools.audio.units import db_to_amplitude

REVERB_SECONDS = 1.6
"""Length of the reverb's impulse response, in seconds (RT60 about this long)."""
REVERB_RATE_HZ = 11025
"""The reverb runs at this lower rate (its tail is dark anyway), which makes it ~16x cheaper."""
CEILING_DBFS = -1.0
"""Highest sample peak of the master, in dBFS."""
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


def _impulse_response(sample_rate: int, seconds: float, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(sample_rate * seconds)
    t = np.arange(n) / sample_rate
    decay = np.exp(-6.9 * t / seconds)  # -60 dB at the end
    ir = rng.standard_normal((2, n)) * decay
    ir[:, : int(0.012 * sample_rate)] = 0.0  # pre-delay
    return (ir / np.sqrt((ir**2).sum(axis=1, keepdims=True))).astype(np.float32)


def reverb(send: np.ndarray, sample_rate: int, seconds: float = REVERB_SECONDS) -> np.ndarray:
    """The wet signal of a stereo send bus (same length): convolution with a decaying noise IR,
    computed at :data:`REVERB_RATE_HZ` and brought back to ``sample_rate``."""
    factor = max(1, sample_rate // REVERB_RATE_HZ)
    n = send.shape[1]
    low = send[:, : n - n % factor].reshape(2, -1, factor).mean(axis=2) if factor > 1 else send
    ir = _impulse_response(sample_rate // factor, seconds)
    wet = np.stack([oaconvolve(low[c], ir[c], mode="full")[: low.shape[1]] for c in range(2)])
    if factor > 1:
        wet = np.repeat(wet, factor, axis=1)
        wet = np.pad(wet, ((0, 0), (0, n - wet.shape[1])))
        kernel = np.ones(factor, dtype=np.float32) / factor  # smooth the steps of the repeat
        wet = np.stack([np.convolve(wet[c], kernel, mode="same") for c in range(2)])
    return wet.astype(np.float32)


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


def master(mix: np.ndarray, sample_rate: int, target_lufs: float) -> tuple[np.ndarray, float, float]:
    """Gain to ``target_lufs`` and a limiter under :data:`CEILING_DBFS`, corrected once after limiting.

    Returns (audio, measured LUFS, gain applied in dB)."""
    before = fast_lufs(mix, sample_rate)
    if not math.isfinite(before):
        return mix, before, 0.0
    gain = target_lufs - before
    out = limit_peaks(Audio(mix * np.float32(db_to_amplitude(gain)), sample_rate), CEILING_DBFS)
    measured = fast_lufs(out.samples, sample_rate)
    if math.isfinite(measured) and abs(measured - target_lufs) > 0.3:
        gain += min(6.0, target_lufs - measured)
        out = limit_peaks(Audio(mix * np.float32(db_to_amplitude(gain)), sample_rate), CEILING_DBFS)
        measured = fast_lufs(out.samples, sample_rate)
    samples = out.samples
    fade = min(samples.shape[1], int(END_FADE_S * sample_rate))
    if fade > 0:
        samples[:, -fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    return samples, measured, gain
