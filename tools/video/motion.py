"""Motion energy, motion peaks and the tempo of periodic motion (visual beats).

All curves are sampled at a constant analysis rate (``analysis_fps`` Hz, frames picked from the
decoded frames by time, so variable-rate video works the same).

- **Motion energy** (per analysed frame): with OpenCV, the mean Farneback optical-flow speed over the
  frame (on a ~85-px-wide grey frame), in frame widths per second; without it, the mean absolute grey
  difference between successive decoded frames (0..1 of full scale) per second. Frames at a shot cut are
  replaced by their neighbours (a cut is not motion). The raw value is mapped to 0..1 with
  ``1 - exp(-raw / scale)``, so values are comparable across clips (0.5 = brisk motion).
- **Motion onsets** (the signal visual beats come from): with optical flow, the change of the mean
  flow vector in each cell of a 4x4 grid between frames (an acceleration: a bounce, a stop or a
  change of direction gives a spike); without flow, the motion energy itself (its peaks).
- **Motion peaks** ("visual beats", D2M-GAN style): local maxima of the onset curve standing out by
  at least ``PEAK_PROMINENCE`` of its range, at least ``PEAK_MIN_GAP_S`` apart.
- **Visual tempo**: a Fourier tempogram of the onset curve over 60..200 BPM (weighted by a log-normal
  prior around 110 BPM, as in beat trackers); its phase at the best tempo places the beat grid on the
  onset peaks. The tempo is reported only when the normalised autocorrelation at that period is at
  least ``PERIODIC_MIN`` (the motion really repeats); otherwise None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tools.video.decode import Frames
from tools.video.deps import missing

FLOW_STEP: int = 3
"""Analysis frames are subsampled by this factor in each direction for optical flow."""
FLOW_SPEED_SCALE: float = 0.15
"""Flow speed (frame widths per second) that maps to motion 1 - 1/e (about 0.63)."""
DIFF_SCALE: float = 0.6
"""Grey-level change per second (0..1 full scale) that maps to motion 1 - 1/e."""
GRID: int = 4
"""Cells per side of the grid whose mean flow vectors give motion onsets."""
PEAK_PROMINENCE: float = 0.15
PEAK_MIN_GAP_S: float = 0.25
MIN_BPM, MAX_BPM, PRIOR_BPM = 60.0, 200.0, 110.0
PRIOR_OCTAVE_WIDTH: float = 1.0
"""Standard deviation of the tempo prior, in octaves."""
PERIODIC_MIN: float = 0.4
"""Smallest normalised autocorrelation at the beat period for motion to count as periodic."""


@dataclass
class MotionResult:
    """Curves at ``rate_hz``: ``energy`` 0..1 and ``onsets`` 0..1 per analysed frame; ``peaks_s``
    times (s) of motion peaks; tempo (BPM) and beat grid (s) when the motion is periodic."""

    rate_hz: float
    energy: np.ndarray
    onsets: np.ndarray
    peaks_s: list[float]
    tempo_bpm: float | None
    beats_s: list[float]
    periodicity: float
    backend: str
    raw_speed: np.ndarray = field(default_factory=lambda: np.zeros(0))


def analysis_rate(fps: float) -> float:
    """Analysis rate in Hz for a video at ``fps``: every k-th frame, k = round(fps / 15), so the rate
    is about 11-22 Hz (25 fps -> 12.5 Hz, 30 -> 15, 60 -> 15, 20 -> 20)."""
    step = max(1, round(fps / 15.0))
    return fps / step


def _fill_cuts(values: np.ndarray, cut_frames: np.ndarray) -> np.ndarray:
    out = values.copy()
    bad = np.zeros(values.size, dtype=bool)
    bad[cut_frames[(cut_frames >= 0) & (cut_frames < values.size)]] = True
    if bad.all() or not bad.any():
        return out
    good = np.flatnonzero(~bad)
    out[bad] = np.interp(np.flatnonzero(bad), good, values[good])
    return out


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.clip(x - np.percentile(x, 5) if x.size else x, 0.0, None)
    top = float(np.percentile(x, 99)) if x.size else 0.0
    return np.clip(x / top, 0.0, 1.0) if top > 1e-9 else np.zeros_like(x)


def _flow_curves(grey: np.ndarray, rate: float) -> tuple[np.ndarray, np.ndarray]:
    import cv2

    n, _, w = grey.shape
    speed = np.zeros(n)
    cells = np.zeros((n, GRID, GRID, 2))
    img = [np.ascontiguousarray(g.astype(np.uint8)) for g in grey]
    for i in range(1, n):
        flow = cv2.calcOpticalFlowFarneback(img[i - 1], img[i], None, 0.5, 2, 9, 2, 5, 1.1, 0)
        mag = np.sqrt(flow[..., 0] ** 2 + flow[..., 1] ** 2)
        speed[i] = float(mag.mean()) * rate / w  # frame widths per second
        hh, ww = flow.shape[0] // GRID, flow.shape[1] // GRID
        block = flow[: hh * GRID, : ww * GRID].reshape(GRID, hh, GRID, ww, 2).mean(axis=(1, 3))
        cells[i] = block * rate / w
    # the flow between frames i-1 and i is the velocity at (i - 0.5) / rate; two of them differ
    # around frame i - 1: centre both curves on the frame times
    accel = np.zeros(n)
    accel[1:-1] = np.sqrt(((cells[2:] - cells[1:-1]) ** 2).sum(axis=-1)).sum(axis=(1, 2))
    return _centre(speed), accel


def _centre(between: np.ndarray) -> np.ndarray:
    """Values measured between frames i-1 and i (index i, index 0 unused) moved onto frame times."""
    out = between.copy()
    if between.size > 2:
        out[1:-1] = 0.5 * (between[1:-1] + between[2:])
        out[0], out[-1] = between[1], between[-1]
    return out


def _difference_speed(frames: Frames, n: int, rate: float) -> np.ndarray:
    """Mean absolute grey change per second (0..1 of full scale) between *successive decoded* frames
    (a fast object moves less between them than between analysed frames), on the analysis grid."""
    if len(frames) < 2:
        return np.zeros(n)
    grey = frames.grey(FLOW_STEP)
    dt = np.maximum(np.diff(frames.times_s), 1e-3)
    change = np.abs(np.diff(grey, axis=0)).mean(axis=(1, 2)) / 255.0 / dt
    mid = 0.5 * (frames.times_s[1:] + frames.times_s[:-1])
    return np.interp(np.arange(n) / rate, mid, change)


def tempo_and_beats(
    onsets: np.ndarray, rate_hz: float, duration_s: float, max_bpm: float = MAX_BPM
) -> tuple[float | None, list[float], float]:
    """Tempo (BPM, None when not periodic), beat times (s) in phase with the onset peaks, and the
    periodicity 0..1 (normalised autocorrelation at the beat period) of an onset curve at ``rate_hz``,
    searched from MIN_BPM to ``max_bpm`` (below the curve's Nyquist rate)."""
    x = np.asarray(onsets, dtype=np.float64)
    if x.size < rate_hz * 2 or not np.any(x > 0):
        return None, [], 0.0
    x = x - x.mean()
    t = np.arange(x.size) / rate_hz
    bpms = np.arange(MIN_BPM, min(max_bpm, 30.0 * rate_hz) + 0.25, 0.25)
    freqs = bpms / 60.0
    basis = np.exp(-2j * np.pi * np.outer(freqs, t))
    spectrum = basis @ x
    prior = np.exp(-0.5 * (np.log2(bpms / PRIOR_BPM) / PRIOR_OCTAVE_WIDTH) ** 2)
    best = int(np.argmax(np.abs(spectrum) * prior))
    bpm = float(bpms[best])
    period = 60.0 / bpm
    # periodicity: normalised autocorrelation at the period (linear interpolation between lags)
    ac = np.correlate(x, x, mode="full")[x.size - 1 :]
    ac = ac / max(ac[0], 1e-12)
    lag = period * rate_hz
    lo = int(np.floor(lag))
    periodicity = 0.0
    if lo + 1 < ac.size:
        frac = lag - lo
        periodicity = float(max(0.0, (1 - frac) * ac[lo] + frac * ac[lo + 1]))
    # phase: the sinusoid at the tempo peaks where exp(-i*2*pi*f*t) * spectrum is real and positive
    phase = float(np.angle(spectrum[best]))
    first = (-phase / (2 * np.pi * freqs[best])) % period
    beats = np.arange(first, duration_s, period)
    if periodicity < PERIODIC_MIN:
        return None, [], periodicity
    return round(bpm, 2), [round(float(b), 4) for b in beats], periodicity


def analyse_motion(
    frames: Frames, duration_s: float, fps: float, cut_times_s: list[float] | None = None
) -> MotionResult:
    """Motion energy, onsets, peaks and visual tempo of ``frames`` (see the module docstring)."""
    from scipy.signal import find_peaks  # lazy: scipy.signal takes ~1 s to import

    rate = analysis_rate(fps)
    idx = frames.at_rate(rate, duration_s)
    grey = frames.grey(FLOW_STEP, indices=idx)
    n = grey.shape[0]
    cut_frames = np.array([], dtype=int)
    if cut_times_s:
        # c: the first analysed frame of the new shot; the flow into it and the values centred
        # around it measure the cut, not motion
        c = np.unique(np.ceil(np.asarray(cut_times_s) * rate - 1e-6).astype(int))
        cut_frames = np.concatenate([c - 1, c, c + 1])
    if missing("cv2") is None and n >= 3:
        speed, accel = _flow_curves(grey, rate)
        backend = "opencv farneback optical flow"
        speed = _fill_cuts(speed, cut_frames)
        accel = _fill_cuts(accel, np.concatenate([cut_frames, cut_frames - 1]))
        energy = 1.0 - np.exp(-speed / FLOW_SPEED_SCALE)
        onsets = _normalise(accel)
    else:
        speed = _fill_cuts(_difference_speed(frames, n, rate), cut_frames)
        backend = "numpy frame difference"
        energy = 1.0 - np.exp(-speed / DIFF_SCALE)
        onsets = _normalise(speed)
    peaks_s: list[float] = []
    if n >= 3 and onsets.max() > 0:
        peaks, _ = find_peaks(
            onsets, prominence=PEAK_PROMINENCE, distance=max(1, round(PEAK_MIN_GAP_S * rate))
        )
        peaks_s = [round(float(p) / rate, 4) for p in peaks]
    tempo, beats, periodicity = tempo_and_beats(onsets, rate, duration_s)
    return MotionResult(
        rate_hz=rate,
        energy=energy,
        onsets=onsets,
        peaks_s=peaks_s,
        tempo_bpm=tempo,
        beats_s=beats,
        periodicity=periodicity,
        backend=backend,
        raw_speed=speed,
    )
