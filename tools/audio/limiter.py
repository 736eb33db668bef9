"""A look-ahead peak limiter: a smooth gain envelope that keeps peaks under a ceiling without clipping."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from tools.audio import limits
from tools.audio.types import Audio
from tools.audio.units import db_to_amplitude

ENVELOPE_BLOCK: int = 32
"""Samples per block of the peak envelope the limiter's gain is computed on (0.7 ms at 44.1 kHz)."""

_CHUNK_SAMPLES = 1 << 18  # multiple of ENVELOPE_BLOCK; bounds memory on long files
_TAPS_PER_PHASE = 12  # interpolation filter taps per oversampling phase (BS.1770-4 uses 12)


@lru_cache(maxsize=4)
def _interpolation_filter(factor: int) -> np.ndarray:
    """Oversampling filter with 12 taps per phase as in ITU-R BS.1770-4 Annex 2: a Kaiser-windowed
    sinc cut off at the original Nyquist frequency, scaled by ``factor`` for unity passband gain."""
    taps = _TAPS_PER_PHASE * factor
    from scipy.signal import firwin  # imported on use: scipy.signal is slow to import

    return (firwin(taps, 1.0 / factor, window=("kaiser", 6.0)) * factor).astype(np.float32)


def _oversampled_magnitude(x: np.ndarray, factor: int) -> np.ndarray:
    """Per input sample, the largest |value| over channels of the sample itself and the ``factor``
    interpolated sub-samples around it: a (n,) float32 array for a (channels, n) chunk ``x``."""
    h = _interpolation_filter(factor)
    n = x.shape[1]
    delay = len(h) // 2  # the filter's group delay, in output samples
    from scipy.signal import upfirdn

    up = upfirdn(h, x, factor, 1, axis=1)[:, delay : delay + n * factor]
    if up.shape[1] < n * factor:  # very short chunks: pad to whole groups
        up = np.pad(up, ((0, 0), (0, n * factor - up.shape[1])))
    out = np.abs(up).max(axis=0).reshape(n, factor).max(axis=1)
    return np.maximum(out, np.abs(x).max(axis=0))


def peak_envelope(audio: Audio, *, block: int = ENVELOPE_BLOCK, true_peak: bool = False) -> np.ndarray:
    """Peak amplitude (linear, 1.0 = 0 dBFS) of each ``block``-sample block, the maximum over channels.

    With ``true_peak`` the peak includes inter-sample peaks, estimated by ``TRUE_PEAK_OVERSAMPLING``×
    polyphase oversampling. Returns a float64 array of ``ceil(n_samples / block)`` values.
    """
    x = audio.samples
    n = audio.n_samples
    n_blocks = math.ceil(n / block)
    env = np.zeros(n_blocks, dtype=np.float64)
    if n == 0:
        return env
    chunk = max(block, (_CHUNK_SAMPLES // block) * block)
    pad = _TAPS_PER_PHASE
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        if true_peak:
            lo, hi = max(0, start - pad), min(n, stop + pad)
            mags = _oversampled_magnitude(x[:, lo:hi], limits.TRUE_PEAK_OVERSAMPLING)[start - lo : stop - lo]
        else:
            mags = np.max(np.abs(x[:, start:stop]), axis=0)
        full = (len(mags) // block) * block
        b0 = start // block
        if full:
            env[b0 : b0 + full // block] = mags[:full].reshape(-1, block).max(axis=1)
        if full < len(mags):
            env[b0 + full // block] = float(mags[full:].max())
    return env


def _limiter_gain(
    env: np.ndarray, ceiling: float, attack_blocks: int, release_db_per_block: float
) -> np.ndarray:
    """Per-block linear gain ≤ what every block needs (and its neighbours need) to stay under ``ceiling``.

    The required gain is released linearly in dB (recovering ``release_db_per_block`` per block) and
    the attack is a hold-minimum followed by a moving average over ``attack_blocks``, which reaches the
    required value at each peak without overshooting it.
    """
    with np.errstate(divide="ignore"):
        need = np.minimum(1.0, ceiling / np.maximum(env, 1e-30))
    from scipy.ndimage import minimum_filter1d

    need = minimum_filter1d(need, size=5, mode="nearest")  # safe for interpolation between block centres
    need_db = 20.0 * np.log10(np.maximum(need, 1e-30))
    steps = np.arange(len(need_db), dtype=np.float64) * release_db_per_block
    released_db = np.minimum(need_db, steps + np.minimum.accumulate(need_db - steps))
    gain = np.power(10.0, released_db / 20.0)
    a = max(1, attack_blocks)
    if a > 1:
        held = sliding_window_view(np.concatenate([np.full(a - 1, gain[0]), gain]), a).min(axis=1)
        padded = np.concatenate([held, np.full(a - 1, held[-1])])
        csum = np.concatenate([[0.0], np.cumsum(padded)])
        gain = (csum[a:] - csum[:-a]) / a
        gain = np.minimum(gain, held)  # guard against rounding in the running sum
    return gain


def limit_peaks(
    audio: Audio,
    ceiling_dbfs: float = limits.LIMITER_CEILING_DBFS,
    *,
    true_peak: bool = False,
    attack_s: float = limits.LIMITER_ATTACK_S,
    release_s: float = limits.LIMITER_RELEASE_S,
    envelope: np.ndarray | None = None,
) -> Audio:
    """Keep peaks at or below ``ceiling_dbfs`` (dBFS) with a smooth look-ahead gain, not by clipping.

    The gain falls over ``attack_s`` seconds *before* each peak and recovers by ``LIMITER_RELEASE_DB``
    dB every ``release_s`` seconds after it. With ``true_peak`` the ceiling applies to the 4× oversampled
    signal (inter-sample peaks). ``envelope`` may pass a precomputed ``peak_envelope`` of this audio
    (same ``true_peak`` setting) to save work. Returns new Audio; unchanged copy when nothing exceeds.
    """
    ceiling = db_to_amplitude(ceiling_dbfs)
    env = envelope if envelope is not None else peak_envelope(audio, true_peak=true_peak)
    if audio.n_samples == 0 or float(env.max(initial=0.0)) <= ceiling:
        return audio.with_samples(audio.samples.copy())
    block = ENVELOPE_BLOCK
    blocks_per_s = audio.sample_rate / block
    gain = _limiter_gain(
        env,
        ceiling,
        attack_blocks=round(attack_s * blocks_per_s),
        release_db_per_block=limits.LIMITER_RELEASE_DB / max(release_s * blocks_per_s, 1e-9),
    )
    centres = (np.arange(len(gain), dtype=np.float64) + 0.5) * block - 0.5
    out = np.empty_like(audio.samples)
    for start in range(0, audio.n_samples, _CHUNK_SAMPLES):
        stop = min(audio.n_samples, start + _CHUNK_SAMPLES)
        g = np.interp(np.arange(start, stop, dtype=np.float64), centres, gain).astype(np.float32)
        np.multiply(audio.samples[:, start:stop], g, out=out[:, start:stop])
    np.clip(out, -ceiling, ceiling, out=out)  # only trims float rounding: the gain already keeps peaks under
    return audio.with_samples(out)
