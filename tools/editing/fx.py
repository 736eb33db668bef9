"""Audio effects in numpy/scipy (no GPL code): EQ, compression, reverb, delay, chorus, distortion, limiter.

Each takes samples (channels, n) float32 at ``sr`` Hz and returns the same shape.
"""

from __future__ import annotations

import numpy as np

from tools.audio.loudness import limit_peaks
from tools.audio.types import Audio


def _biquad_sos(kind: str, f0: float, gain_db: float, sr: int, q: float = 0.707) -> np.ndarray:
    """RBJ cookbook biquad ('low_shelf', 'high_shelf', 'peak') as one scipy SOS row."""
    a = 10 ** (gain_db / 40)
    w0 = 2 * np.pi * f0 / sr
    alpha = np.sin(w0) / (2 * q)
    cos = np.cos(w0)
    if kind == "peak":
        b = [1 + alpha * a, -2 * cos, 1 - alpha * a]
        den = [1 + alpha / a, -2 * cos, 1 - alpha / a]
    else:
        sq = 2 * np.sqrt(a) * alpha
        if kind == "low_shelf":
            b = [
                a * ((a + 1) - (a - 1) * cos + sq),
                2 * a * ((a - 1) - (a + 1) * cos),
                a * ((a + 1) - (a - 1) * cos - sq),
            ]
            den = [(a + 1) + (a - 1) * cos + sq, -2 * ((a - 1) + (a + 1) * cos), (a + 1) + (a - 1) * cos - sq]
        else:
            b = [
                a * ((a + 1) + (a - 1) * cos + sq),
                -2 * a * ((a - 1) + (a + 1) * cos),
                a * ((a + 1) + (a - 1) * cos - sq),
            ]
            den = [(a + 1) - (a - 1) * cos + sq, 2 * ((a - 1) - (a + 1) * cos), (a + 1) - (a - 1) * cos - sq]
    return np.array([[*(np.array(b) / den[0]), 1.0, den[1] / den[0], den[2] / den[0]]])


def eq(x: np.ndarray, sr: int, low_db: float = 0.0, mid_db: float = 0.0, high_db: float = 0.0) -> np.ndarray:
    """Three-band EQ: low shelf at 200 Hz, peak at 1 kHz (Q 0.9), high shelf at 5 kHz; gains in dB."""
    from scipy.signal import sosfilt

    rows = []
    if low_db:
        rows.append(_biquad_sos("low_shelf", 200.0, low_db, sr))
    if mid_db:
        rows.append(_biquad_sos("peak", 1000.0, mid_db, sr, q=0.9))
    if high_db:
        rows.append(_biquad_sos("high_shelf", min(5000.0, sr * 0.4), high_db, sr))
    if not rows:
        return x
    return sosfilt(np.vstack(rows), x, axis=-1).astype(np.float32)


def compress(x: np.ndarray, sr: int, threshold_db: float = -20.0, ratio: float = 4.0, attack_ms: float = 10.0,
             release_ms: float = 120.0, makeup_db: float | None = None) -> np.ndarray:  # fmt: skip
    """Feed-forward compressor on the stereo-linked level: gain reduction above ``threshold_db`` (dBFS)
    by ``ratio``, smoothed by attack/release (ms); makeup (dB) defaults to half the reduction at 0 dBFS."""
    from scipy.signal import lfilter

    level = np.max(np.abs(x), axis=0)
    env = lfilter(
        [1 - np.exp(-1 / (sr * attack_ms / 1000))], [1, -np.exp(-1 / (sr * attack_ms / 1000))], level
    )
    env = np.maximum(env, 1e-9)
    over = np.maximum(20 * np.log10(env) - threshold_db, 0.0)
    reduction_db = over * (1 - 1 / ratio)
    rel = np.exp(-1 / (sr * release_ms / 1000))
    smooth = lfilter([1 - rel], [1, -rel], reduction_db)
    makeup = (-threshold_db * (1 - 1 / ratio) / 2) if makeup_db is None else makeup_db
    return (x * 10 ** ((makeup - smooth) / 20)).astype(np.float32)


def reverb(x: np.ndarray, sr: int, mix: float = 0.25, decay_s: float = 1.8, seed: int = 0) -> np.ndarray:
    """Convolution reverb with a synthetic decaying-noise room (RT60 ``decay_s`` seconds, 10 ms pre-delay,
    darker tail), decorrelated per channel; ``mix`` is the wet share (0-1)."""
    from scipy.signal import lfilter, oaconvolve

    rng = np.random.default_rng(seed)
    n = int(decay_s * sr)
    t = np.arange(n) / sr
    env = np.exp(-6.91 * t / decay_s)
    pre = int(0.01 * sr)
    out = np.empty_like(x)
    for ch in range(x.shape[0]):
        ir = rng.standard_normal(n) * env
        ir = lfilter([0.35], [1, -0.65], ir)  # air absorbs the highs
        ir = np.concatenate([np.zeros(pre), ir])
        ir /= np.sqrt(np.sum(ir**2))
        # overlap-add in single precision: a long track against a 2 s room without one huge FFT
        wet = oaconvolve(x[ch].astype(np.float32), ir.astype(np.float32))[: x.shape[1]]
        out[ch] = (1 - mix) * x[ch] + mix * wet
    return out.astype(np.float32)


def delay(
    x: np.ndarray, sr: int, time_s: float = 0.35, feedback: float = 0.4, mix: float = 0.3
) -> np.ndarray:
    """Echoes every ``time_s`` seconds, each ``feedback`` times the last (up to 12), ``mix`` wet share."""
    d = max(1, int(time_s * sr))
    wet = np.zeros_like(x)
    gain = 1.0
    for k in range(1, 13):
        gain *= feedback
        if gain < 1e-3 or k * d >= x.shape[1]:
            break
        wet[:, k * d :] += gain * x[:, : x.shape[1] - k * d]
    return ((1 - mix) * x + mix * wet).astype(np.float32)


def chorus(
    x: np.ndarray, sr: int, depth_ms: float = 3.0, rate_hz: float = 0.8, mix: float = 0.5
) -> np.ndarray:
    """A copy delayed 15 ms ± ``depth_ms`` swept at ``rate_hz`` (opposite phase per channel), ``mix`` wet."""
    n = x.shape[1]
    idx = np.arange(n, dtype=np.float64)
    out = np.empty_like(x)
    for ch in range(x.shape[0]):
        phase = np.pi * ch
        lag = (0.015 + depth_ms / 1000 * np.sin(2 * np.pi * rate_hz * idx / sr + phase)) * sr
        wet = np.interp(idx - lag, idx, x[ch], left=0.0)
        out[ch] = (1 - mix) * x[ch] + mix * wet
    return out.astype(np.float32)


def distortion(x: np.ndarray, sr: int, drive_db: float = 12.0, mix: float = 1.0) -> np.ndarray:
    """Soft clipping (tanh) after ``drive_db`` of gain, level-matched to the input's peak, ``mix`` wet."""
    g = 10 ** (drive_db / 20)
    wet = np.tanh(g * x) / np.tanh(g)
    return ((1 - mix) * x + mix * wet).astype(np.float32)


def limiter(x: np.ndarray, sr: int, ceiling_db: float = -1.0) -> np.ndarray:
    """True-peak limiter holding peaks at ``ceiling_db`` dBFS (the project's mastering limiter)."""
    return limit_peaks(Audio(x, sr), ceiling_db, true_peak=True).samples


EFFECTS = {"eq": eq, "compressor": compress, "reverb": reverb, "delay": delay, "chorus": chorus,
           "distortion": distortion, "limiter": limiter}  # fmt: skip
"""Effect name -> function(samples, sr, **settings)."""
