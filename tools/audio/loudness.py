"""Loudness and level measurements (ITU-R BS.1770 LUFS, peaks, silence) and level changes."""

from __future__ import annotations

import math
import warnings

import numpy as np

from tools.audio import limits
from tools.audio.limiter import limit_peaks, peak_envelope
from tools.audio.types import Audio
from tools.audio.units import amplitude_to_db, db_to_amplitude
from tools.base import ToolError

__all__ = [
    "apply_gain_db",
    "integrated_loudness_lufs",
    "limit_peaks",
    "peak_dbfs",
    "silence_ranges",
    "true_peak_dbfs",
]

_LOUDNESS_CHANNELS_MAX = 5  # BS.1770 weights are defined for L, R, C, Ls, Rs


def peak_dbfs(audio: Audio) -> float:
    """Highest absolute sample value in dBFS (0 dBFS = 1.0); ``-inf`` for digital silence or no samples."""
    if audio.n_samples == 0:
        return -math.inf
    x = audio.samples
    return amplitude_to_db(max(float(x.max()), -float(x.min())))


def true_peak_dbfs(audio: Audio) -> float:
    """Estimated true (inter-sample) peak in dBTP, from the signal oversampled 4×; ``-inf`` for silence."""
    if audio.n_samples == 0:
        return -math.inf
    return amplitude_to_db(float(peak_envelope(audio, true_peak=True).max()))


def integrated_loudness_lufs(audio: Audio) -> float:
    """Integrated loudness in LUFS per ITU-R BS.1770-4 (K-weighted, gated), measured with pyloudnorm.

    Returns ``-inf`` for silence (peak below ``SILENCE_THRESHOLD_DBFS``) or audio entirely below the
    -70 LUFS absolute gate. Audio shorter than the 0.4 s gating block is looped to one block first.
    Raises ToolError("unsupported_layout") for more than 5 channels.
    """
    if audio.n_samples == 0 or peak_dbfs(audio) < limits.SILENCE_THRESHOLD_DBFS:
        return -math.inf
    if audio.channels > _LOUDNESS_CHANNELS_MAX:
        raise ToolError(
            f"Loudness can be measured for up to 5 channels; this audio has {audio.channels}. "
            "Convert it to stereo first.",
            code="unsupported_layout",
        )
    data = audio.samples.T.astype(np.float64)
    min_samples = math.ceil(limits.LUFS_BLOCK_S * audio.sample_rate) + 1
    if audio.n_samples < min_samples:
        data = np.tile(data, (math.ceil(min_samples / audio.n_samples), 1))
    import pyloudnorm  # scipy.signal underneath: ~2 s to import, paid on first measurement only

    meter = pyloudnorm.Meter(audio.sample_rate, block_size=limits.LUFS_BLOCK_S)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = float(meter.integrated_loudness(data))
    if not math.isfinite(value) or value < limits.LOUDNESS_FLOOR_LUFS:
        return -math.inf
    return value


def _window_peaks(audio: Audio) -> tuple[np.ndarray, int]:
    """(peaks, window): the largest absolute sample over all channels in each window of
    :data:`~tools.audio.limits.SILENCE_WINDOW_S` seconds (the last window zero-padded), and the window's
    length in samples."""
    n = audio.n_samples
    window = max(1, round(limits.SILENCE_WINDOW_S * audio.sample_rate))
    n_windows = math.ceil(n / window)
    padded = np.zeros(n_windows * window, dtype=np.float32)
    padded[:n] = np.max(np.abs(audio.samples), axis=0)
    return padded.reshape(n_windows, window).max(axis=1), window


def silence_ranges(
    audio: Audio,
    threshold_dbfs: float = limits.SILENCE_THRESHOLD_DBFS,
    min_duration_s: float = limits.SILENCE_MIN_DURATION_S,
) -> list[tuple[float, float]]:
    """Stretches where every channel stays below ``threshold_dbfs`` (dBFS) for ``min_duration_s`` seconds
    or longer, as ``(start_s, end_s)`` pairs in seconds (rounded to the millisecond), in order.

    Resolution is ``SILENCE_WINDOW_S`` (10 ms): a window counts as silent when its peak is below the
    threshold.
    """
    n = audio.n_samples
    if n == 0:
        return []
    peaks, window = _window_peaks(audio)
    quiet = peaks < db_to_amplitude(threshold_dbfs)
    edges = np.diff(np.concatenate([[0], quiet.astype(np.int8), [0]]))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    ranges: list[tuple[float, float]] = []
    for i0, i1 in zip(starts, stops, strict=True):
        start_s = i0 * window / audio.sample_rate
        end_s = min(i1 * window, n) / audio.sample_rate
        if end_s - start_s >= min_duration_s - 1e-9:
            ranges.append((round(float(start_s), 3), round(float(end_s), 3)))
    return ranges


def sound_bounds(audio: Audio) -> tuple[float, float] | None:
    """Where the sound starts and ends, in seconds: the first and last 10 ms window whose peak is above
    the edge-silence level (:data:`~tools.audio.limits.EDGE_SILENCE_BELOW_PEAK_DB` below the track's peak,
    at least :data:`~tools.audio.limits.SILENCE_THRESHOLD_DBFS`), widened by
    :data:`~tools.audio.limits.EDGE_SILENCE_PAD_S` on each side within the track. None when the track is
    silent throughout."""
    n = audio.n_samples
    if n == 0:
        return None
    peaks, window = _window_peaks(audio)
    top = float(peaks.max())
    floor = db_to_amplitude(limits.SILENCE_THRESHOLD_DBFS)
    if not top >= floor:
        return None
    level = max(top * db_to_amplitude(-limits.EDGE_SILENCE_BELOW_PEAK_DB), floor)
    loud = np.flatnonzero(peaks >= level)
    start_s = max(0.0, loud[0] * window / audio.sample_rate - limits.EDGE_SILENCE_PAD_S)
    end_s = min(n, (loud[-1] + 1) * window) / audio.sample_rate + limits.EDGE_SILENCE_PAD_S
    return round(float(start_s), 3), round(float(min(end_s, audio.duration_s)), 6)


def apply_gain_db(audio: Audio, gain_db: float) -> Audio:
    """``audio`` scaled by ``gain_db`` decibels (positive is louder); samples may exceed ±1.0 afterwards."""
    return audio.with_samples(audio.samples * np.float32(db_to_amplitude(gain_db)))
