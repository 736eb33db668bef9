"""Time-stretch and pitch-shift of sample arrays with Signalsmith Stretch (``python-stretch``, MIT)."""

from __future__ import annotations

import importlib.util

import numpy as np

from tools.base import Backend, ToolError

MIN_SPEED = 0.25
"""Slowest tempo ratio accepted (a quarter of the speed)."""

MAX_SPEED = 4.0
"""Fastest tempo ratio accepted (four times the speed)."""

MAX_SEMITONES = 24.0
"""Largest pitch shift accepted either way, in semitones (two octaves)."""


def _check_stretch() -> str | None:
    if importlib.util.find_spec("python_stretch") is None:
        return "python-stretch is not installed: run `pip install python-stretch`"
    return None


SIGNALSMITH = Backend(
    "signalsmith-stretch",
    "MIT",
    "Signalsmith Stretch (python-stretch): time-stretch keeping pitch, pitch-shift keeping time.",
    check=_check_stretch,
)


def _processor(channels: int, sample_rate: int):  # type: ignore[no-untyped-def]
    reason = _check_stretch()
    if reason is not None:
        raise ToolError(f"Tempo and pitch changes can't run here: {reason}.", code="backend_unavailable")
    from python_stretch import Signalsmith

    st = Signalsmith.Stretch()
    st.preset(channels, float(sample_rate))
    return st


def stretch_samples(samples: np.ndarray, sample_rate: int, speed: float) -> np.ndarray:
    """``samples`` (channels, n) played ``speed`` times as fast with the pitch kept: returns
    (channels, round(n / speed)) float32. ``speed`` must lie within [MIN_SPEED, MAX_SPEED]."""
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise ValueError(f"speed {speed} outside [{MIN_SPEED}, {MAX_SPEED}]")
    x = np.ascontiguousarray(samples, dtype=np.float32)
    st = _processor(x.shape[0], sample_rate)
    st.setTimeFactor(float(speed))
    y = np.asarray(st.process(x), dtype=np.float32)
    want = round(x.shape[1] / speed)
    if y.shape[1] >= want:
        return y[:, :want]
    return np.pad(y, ((0, 0), (0, want - y.shape[1])))


def shift_samples(samples: np.ndarray, sample_rate: int, semitones: float) -> np.ndarray:
    """``samples`` (channels, n) transposed by ``semitones`` with the length kept: (channels, n) float32."""
    if abs(semitones) > MAX_SEMITONES:
        raise ValueError(f"shift {semitones} beyond ±{MAX_SEMITONES} semitones")
    x = np.ascontiguousarray(samples, dtype=np.float32)
    st = _processor(x.shape[0], sample_rate)
    st.setTransposeSemitones(float(semitones))
    y = np.asarray(st.process(x), dtype=np.float32)
    n = x.shape[1]
    return y[:, :n] if y.shape[1] >= n else np.pad(y, ((0, 0), (0, n - y.shape[1])))
