"""Sample-rate conversion of (channels, n) arrays (soxr, high quality)."""

from __future__ import annotations

import numpy as np


def resample(x: np.ndarray, from_hz: int, to_hz: int, *, length: int | None = None) -> np.ndarray:
    """``x`` (channels, n) converted from ``from_hz`` to ``to_hz``; float32 (channels, m), padded or cut to
    ``length`` samples when given."""
    import soxr

    y = x.astype(np.float32) if from_hz == to_hz else soxr.resample(x.T, from_hz, to_hz).T.astype(np.float32)
    if length is not None:
        if y.shape[1] < length:
            y = np.pad(y, ((0, 0), (0, length - y.shape[1])))
        y = y[:, :length]
    return np.ascontiguousarray(y)
