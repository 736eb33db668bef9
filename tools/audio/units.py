"""Conversions between decibels and linear amplitude, and human-readable times."""

from __future__ import annotations

import math

import numpy as np


def db_to_amplitude(db: float) -> float:
    """Linear amplitude factor for a level change of ``db`` decibels (``-inf`` gives 0.0)."""
    return 0.0 if db == -math.inf else float(10.0 ** (db / 20.0))


def amplitude_to_db(amplitude: float) -> float:
    """Level in dB of a linear amplitude (relative to 1.0 = 0 dBFS); ``-inf`` for 0."""
    amplitude = abs(float(amplitude))
    return -math.inf if amplitude <= 0.0 else 20.0 * math.log10(amplitude)


def rms_dbfs(samples: np.ndarray) -> float:
    """RMS level in dBFS of all ``samples`` together (a sine at full scale reads -3.01); -inf when zero."""
    if samples.size == 0:
        return -math.inf
    mean_square = float(np.mean(np.square(samples, dtype=np.float64)))
    return -math.inf if mean_square <= 0.0 else 10.0 * math.log10(mean_square)


def format_time(seconds: float) -> str:
    """A time in seconds as ``m:ss`` (or ``h:mm:ss``), with up to 3 decimals when not whole.

    Examples: ``30 -> "0:30"``, ``62.5 -> "1:02.5"``, ``3723 -> "1:02:03"``.
    """
    if not math.isfinite(seconds):
        return "?"
    sign = "-" if seconds < 0 else ""
    millis = round(abs(seconds) * 1000)
    whole, frac = divmod(millis, 1000)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    if frac:
        text += f".{frac:03d}".rstrip("0")
    return sign + text


def format_seconds(seconds: float) -> str:
    """A short duration as ``"3 s"``, ``"2.5 s"`` or ``"0.005 s"`` (at most 3 decimals)."""
    text = f"{seconds:.3f}".rstrip("0").rstrip(".")
    return f"{text} s"
