"""Shot cuts: HSV colour-histogram distance between frames with an adaptive threshold.

For each decoded frame an HSV histogram (16 hue x 4 saturation x 4 value bins, on a 3x-subsampled
frame) is taken; the distance between two frames is ``1 - histogram intersection`` (0 = same colours,
1 = no colour in common). A **hard cut** is a frame whose distance to the previous frame is a local
maximum above ``max(HARD_MIN, median + HARD_K * MAD)`` of the distances in a ``WINDOW_S`` window
around it. A **gradual transition** (fade, dissolve) is found on the distance between frames
``GRADUAL_SPAN_S`` apart (centred on the frame) where no hard cut is near: its peak above
``GRADUAL_MIN`` marks the middle of the transition. A cut's time is the presentation time of the first
frame of the new shot; its strength (0..1) is the distance scaled so 0.6 or more counts as 1.
"""

from __future__ import annotations

import numpy as np

from tools.video.decode import Frames
from tools.video.deps import missing
from tools.video.models import Cut

H_BINS, S_BINS, V_BINS = 16, 4, 4
HIST_STEP: int = 3
"""Frames are subsampled by this factor in each direction for the histograms (~85 px wide)."""
HARD_MIN: float = 0.25
"""Smallest frame-to-frame histogram distance (0..1) that can be a hard cut."""
HARD_K: float = 6.0
"""A hard cut stands this many median absolute deviations above the local median distance."""
WINDOW_S: float = 2.0
"""Length of the window, in seconds, of the adaptive threshold."""
GRADUAL_SPAN_S: float = 0.6
"""Frames this far apart (seconds) are compared to find fades and dissolves."""
GRADUAL_MIN: float = 0.45
"""Smallest distance across ``GRADUAL_SPAN_S`` that counts as a gradual transition."""
WIDE_FRAMES: int = 3
HARD_SHARE: float = 0.7
"""A hard cut's one-frame change is at least this share of the change across ``WIDE_FRAMES`` frames
either side (a fade's single step is a small part of its whole change)."""
MIN_SHOT_S: float = 0.3
"""Cuts closer than this, in seconds, are merged (flashes, flicker); the stronger one stays."""
FULL_STRENGTH_DISTANCE: float = 0.6
"""A histogram distance of this size or more is a cut of strength 1."""


def _hsv(rgb: np.ndarray) -> np.ndarray:
    """HSV of uint8 RGB frames (n, h, w, 3): hue 0..180, saturation and value 0..255 (OpenCV scale)."""
    if missing("cv2") is None:
        import cv2

        return np.stack([cv2.cvtColor(np.ascontiguousarray(f), cv2.COLOR_RGB2HSV) for f in rgb])
    x = rgb.astype(np.float32)
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    v = x.max(axis=-1)
    c = v - x.min(axis=-1)
    s = np.where(v > 0, c / np.maximum(v, 1e-6) * 255.0, 0.0)
    safe = np.maximum(c, 1e-6)
    h = np.where(v == r, ((g - b) / safe) % 6.0, np.where(v == g, (b - r) / safe + 2.0, (r - g) / safe + 4.0))
    h = np.where(c > 0, h * 30.0, 0.0)
    return np.stack([h, s, v], axis=-1)


def _soft_bins(values: np.ndarray, bins: int, top: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Linear (soft) binning of ``values`` in 0..top: lower bin, upper bin and the upper bin's weight,
    so a gradual change of a value (a fade) moves histogram mass gradually, not at bin edges."""
    pos = np.clip(values / top * bins - 0.5, 0.0, bins - 1.0)
    lo = np.floor(pos).astype(np.int32)
    hi = np.minimum(lo + 1, bins - 1)
    return lo, hi, (pos - lo).astype(np.float32)


def histograms(frames: Frames) -> np.ndarray:
    """Normalised HSV histograms of every frame, shape (n, H_BINS * S_BINS * V_BINS), rows sum to 1.

    Hue bins are hard; saturation and value are binned softly (linear interpolation between bins)."""
    size = H_BINS * S_BINS * V_BINS
    out = np.empty((len(frames), size), dtype=np.float32)
    for start in range(0, len(frames), 256):
        hsv = _hsv(frames.rgb[start : start + 256, ::HIST_STEP, ::HIST_STEP])
        m = hsv.shape[0]
        hb = np.minimum((hsv[..., 0] / 180.0 * H_BINS).astype(np.int32), H_BINS - 1).reshape(m, -1)
        s_lo, s_hi, s_w = (a.reshape(m, -1) for a in _soft_bins(hsv[..., 1], S_BINS, 256.0))
        v_lo, v_hi, v_w = (a.reshape(m, -1) for a in _soft_bins(hsv[..., 2], V_BINS, 256.0))
        offset = (np.arange(m, dtype=np.int64) * size)[:, None]
        acc = np.zeros(m * size, dtype=np.float64)
        for sb, sw in ((s_lo, 1.0 - s_w), (s_hi, s_w)):
            for vb, vw in ((v_lo, 1.0 - v_w), (v_hi, v_w)):
                code = offset + (hb * S_BINS + sb) * V_BINS + vb
                acc += np.bincount(code.ravel(), weights=(sw * vw).ravel(), minlength=m * size)
        counts = acc.reshape(m, size)
        out[start : start + m] = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1e-9)
    return out


def _distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """1 - histogram intersection, row by row (0..1)."""
    return 1.0 - np.minimum(a, b).sum(axis=-1)


def _rolling(values: np.ndarray, half: int, fn: str) -> np.ndarray:
    out = np.empty_like(values)
    for i in range(values.size):
        window = values[max(0, i - half) : i + half + 1]
        out[i] = np.median(window) if fn == "median" else np.median(np.abs(window - np.median(window)))
    return out


def detect_cuts(frames: Frames, hist: np.ndarray | None = None) -> list[Cut]:
    """Shot cuts of ``frames``: time (s) of each new shot's first frame and strength 0..1, in order."""
    n = len(frames)
    if n < 2:
        return []
    hist = histograms(frames) if hist is None else hist
    times = frames.times_s
    rate = (n - 1) / max(1e-6, float(times[-1] - times[0]))
    d = np.concatenate([[0.0], _distance(hist[1:], hist[:-1])])
    half = max(2, round(WINDOW_S * rate / 2))
    med = _rolling(d, half, "median")
    mad = _rolling(d, half, "mad")
    thresh = np.maximum(HARD_MIN, med + HARD_K * np.maximum(mad, 0.01))
    found: list[tuple[float, float]] = []
    for i in range(1, n):
        left = d[max(1, i - 2) : i]
        right = d[i + 1 : i + 3]
        peak = (left.size == 0 or d[i] >= left.max()) and (right.size == 0 or d[i] > right.max())
        if not (d[i] > thresh[i] and peak):
            continue
        # a step of a fade or dissolve is part of a longer change: across a few frames either side
        # the picture changes much more than in this one step; at a hard cut it does not
        wide = float(_distance(hist[max(0, i - 1 - WIDE_FRAMES)], hist[min(n - 1, i + WIDE_FRAMES)]))
        if d[i] >= HARD_SHARE * wide:
            found.append((float(times[i]), float(d[i])))

    span = max(2, round(GRADUAL_SPAN_S * rate))
    if n > 2 * span + 2:
        lo = np.arange(n) - span // 2
        hi = lo + span
        ok = (lo >= 0) & (hi < n)
        g = np.zeros(n)
        g[ok] = _distance(hist[hi[ok]], hist[lo[ok]])
        hard_times = np.array([t for t, _ in found])
        for i in range(1, n - 1):
            if g[i] < GRADUAL_MIN or g[i] < g[i - 1] or g[i] < g[i + 1]:
                continue
            window = g[max(0, i - span) : i + span + 1]
            if g[i] < window.max():
                continue
            t = float(times[i])
            if hard_times.size and np.min(np.abs(hard_times - t)) < GRADUAL_SPAN_S:
                continue  # the change is the hard cut's
            # a gradual change is spread out: no single frame-to-frame step carries most of it
            if d[max(1, i - span) : i + span + 1].max() > 0.6 * g[i]:
                continue
            found.append((t, float(g[i]) * 0.8))

    found.sort()
    merged: list[tuple[float, float]] = []
    for t, s in found:
        if merged and t - merged[-1][0] < MIN_SHOT_S:
            if s > merged[-1][1]:
                merged[-1] = (t, s)
            continue
        merged.append((t, s))
    return [
        Cut(time_s=round(t, 4), strength=round(float(min(1.0, s / FULL_STRENGTH_DISTANCE)), 3))
        for t, s in merged
    ]
