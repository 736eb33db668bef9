"""The melody of a solo performance (humming, whistling, singing, one instrument) as a pitch contour,
loudness curve and notes with their bends: what timbre transfer needs to play it again on another
instrument.

Pitch: YIN (de Cheveigné & Kawahara 2002) with parabolic interpolation, in numpy (no numba JIT on a
cold start), every ``HOP`` samples at ``SAMPLE_RATE_HZ``; a frame is voiced when it is periodic
(``APERIODIC_MAX``) and audible (``GATE_DB``), and single-frame octave slips are mended. Notes: each voiced
stretch is cut where the pitch, smoothed over a vibrato period, settles more than ``SPLIT_SEMITONES``
away from the note it was on, or where the loudness dips and rises again (a new syllable on the
same pitch). Each note keeps the exact contour as its bend relative to its rounded pitch, so
vibrato, slides and bends are kept.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from tools.base import ToolError

SAMPLE_RATE_HZ = 22_050
"""Rate the tracker works at, in Hz."""
HOP = 256
"""Analysis hop, in samples at ``SAMPLE_RATE_HZ`` (11.6 ms)."""
FMIN_HZ, FMAX_HZ = 60.0, 2000.0
"""Pitch range tracked, in Hz (a low hum to a high whistle)."""
FRAME = 2048
"""YIN frame, in samples at ``SAMPLE_RATE_HZ`` (93 ms; the lag window is half of it)."""
YIN_THRESHOLD = 0.15
"""YIN's absolute threshold on the normalised difference: the first dip under it is the period."""
APERIODIC_MAX = 0.3
"""Frames whose normalised difference at the period is above this are unvoiced (breath, noise)."""
BLOCK_FRAMES = 1024
"""Frames analysed at once (bounds memory on long recordings)."""
GATE_DB = 40.0
"""Frames quieter than the loudest frame by more than this, in dB, are silence."""
MIN_NOTE_S = 0.06
"""Voiced stretches shorter than this, in seconds, are dropped (clicks, breaths)."""
BRIDGE_S = 0.05
"""Unvoiced gaps shorter than this inside a phrase, in seconds, are bridged (a consonant)."""
SPLIT_SEMITONES = 0.6
"""A settled pitch this far from the current note's pitch, in semitones, starts a new note."""
SMOOTH_S = 0.18
"""Window of the moving average that removes vibrato before note splitting, in seconds."""
REATTACK_DB = 6.0
"""A loudness dip of this many dB followed by a rise starts a new note on the same pitch."""
MIN_VOICED_FRACTION = 0.25
"""Below this share of voiced frames among the audible ones the recording has no melody to follow."""


@dataclass
class TrackedNote:
    """One note: start and end in seconds, MIDI pitch, and its bend in semitones per frame from ``start``."""

    start_s: float
    end_s: float
    pitch: int
    bend: np.ndarray
    velocity: float
    """Loudness at the attack, 0..1 (relative to the loudest frame)."""


@dataclass
class Melody:
    """The tracked performance, every array one value per frame of ``hop_s`` seconds."""

    hop_s: float
    midi: np.ndarray
    """Fractional MIDI pitch per frame (NaN where unvoiced)."""
    voiced: np.ndarray
    level_db: np.ndarray
    """Frame RMS relative to the loudest frame, in dB (<= 0)."""
    notes: list[TrackedNote]
    duration_s: float

    @property
    def median_pitch(self) -> float:
        """Median MIDI pitch of the voiced frames."""
        return float(np.nanmedian(self.midi[self.voiced]))


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) index pairs of the True runs of ``mask``."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True))


def yin(x: np.ndarray, sample_rate: int = SAMPLE_RATE_HZ) -> tuple[np.ndarray, np.ndarray]:
    """YIN over ``x`` (mono float32), frames centred every ``HOP`` samples: f0 in Hz (parabolic
    interpolation of the lag) and the normalised difference at that lag (0 = perfectly periodic)."""
    from scipy import fft as sfft

    w = FRAME // 2
    # the difference function compares x[j] with x[j + tau] for j < w: it describes the signal around
    # w / 2 after the frame's start, so frames start w / 2 before their time
    padded = np.pad(x.astype(np.float32), (w // 2, FRAME))
    m = 1 + len(x) // HOP
    lo, hi = int(sample_rate / FMAX_HZ), min(w - 2, int(np.ceil(sample_rate / FMIN_HZ)))
    f0 = np.zeros(m, dtype=np.float32)
    ap = np.ones(m, dtype=np.float32)
    windows = np.lib.stride_tricks.sliding_window_view(padded, FRAME)[::HOP][:m]
    taus = np.arange(w)
    for b0 in range(0, m, BLOCK_FRAMES):
        frames = np.ascontiguousarray(windows[b0 : b0 + BLOCK_FRAMES])
        k = len(frames)
        # lags below w only: a circular correlation of length FRAME + w has no wrap-around there
        n_fft = FRAME + w
        spec = sfft.rfft(frames, n_fft) * np.conj(sfft.rfft(frames[:, :w], n_fft))
        r = sfft.irfft(spec, n_fft)[:, :w].astype(np.float64)
        sq = np.concatenate([np.zeros((k, 1)), np.cumsum(frames.astype(np.float64) ** 2, axis=1)], axis=1)
        d = sq[:, w : w + 1] + (sq[:, taus + w] - sq[:, taus]) - 2 * r
        d[:, 0] = 0.0
        cmnd = np.ones_like(d)
        cmnd[:, 1:] = d[:, 1:] * taus[1:] / np.maximum(np.cumsum(d[:, 1:], axis=1), 1e-12)
        band = cmnd[:, lo : hi + 1]
        below = band < YIN_THRESHOLD
        # the first dip under the threshold, walked down to its local minimum; else the lowest point
        start = np.where(below.any(axis=1), below.argmax(axis=1), band.argmin(axis=1))
        rising = np.concatenate([band[:, 1:] > band[:, :-1], np.ones((k, 1), dtype=bool)], axis=1)
        after = rising & (np.arange(band.shape[1])[None, :] >= start[:, None])
        best = after.argmax(axis=1)
        rows = np.arange(k)
        left = band[rows, np.maximum(best - 1, 0)]
        mid = band[rows, best]
        right = band[rows, np.minimum(best + 1, band.shape[1] - 1)]
        denom = left - 2 * mid + right
        shift = np.where(np.abs(denom) > 1e-12, 0.5 * (left - right) / np.where(denom == 0, 1, denom), 0.0)
        tau = lo + best + np.clip(shift, -0.5, 0.5)
        f0[b0 : b0 + k] = sample_rate / np.maximum(tau, 1.0)
        ap[b0 : b0 + k] = mid
    return f0, ap


def frame_levels(x: np.ndarray) -> np.ndarray:
    """RMS of each analysis frame of ``x`` (frames as in :func:`yin`), in dB below the loudest frame."""
    padded = np.pad(x.astype(np.float64) ** 2, (FRAME // 2, FRAME // 2))
    c = np.concatenate([[0.0], np.cumsum(padded)])
    m = 1 + len(x) // HOP
    starts = np.arange(m) * HOP
    rms = np.sqrt(np.maximum(c[starts + FRAME] - c[starts], 0) / FRAME)
    return 20 * np.log10(np.maximum(rms, 1e-9) / max(float(rms.max()), 1e-9))


def pitch_contour(mono: np.ndarray, sample_rate: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The contour of ``mono`` (float32 at ``sample_rate`` Hz): fractional MIDI pitch per frame (NaN
    unvoiced), the voiced flags after gating and cleaning, and each frame's level in dB below the
    loudest."""
    from tools.separation.resample import resample

    x = resample(mono[None, :], sample_rate, SAMPLE_RATE_HZ)[0]
    f0, ap = yin(x)
    level = frame_levels(x)
    voiced = (ap < APERIODIC_MAX) & (level > -GATE_DB) & (f0 >= FMIN_HZ) & (f0 <= FMAX_HZ)
    midi = np.where(voiced, 69 + 12 * np.log2(np.maximum(f0, 1.0) / 440.0), np.nan)
    # one-frame slips (an octave or a fifth off): replaced by the median of their neighbours
    med = np.copy(midi)
    for a, b in _runs(voiced):
        if b - a >= 5:
            seg = np.lib.stride_tricks.sliding_window_view(np.pad(midi[a:b], 2, mode="edge"), 5)
            med[a:b] = np.median(seg, axis=1)
    slip = voiced & (np.abs(midi - med) > 3)
    midi[slip] = med[slip]
    hop_s = HOP / SAMPLE_RATE_HZ
    for a, b in _runs(~voiced):  # bridge short gaps between voiced frames
        if a > 0 and b < len(voiced) and (b - a) * hop_s < BRIDGE_S:
            midi[a:b] = np.linspace(midi[a - 1], midi[b], b - a + 2)[1:-1]
            voiced[a:b] = True
    for a, b in _runs(voiced):
        if (b - a) * hop_s < MIN_NOTE_S:
            voiced[a:b] = False
            midi[a:b] = np.nan
    return midi, voiced, level


def _smooth(x: np.ndarray, width: int) -> np.ndarray:
    if width <= 1 or len(x) < 2:
        return x.copy()
    pad = np.pad(x, (width // 2, width - 1 - width // 2), mode="edge")
    return np.convolve(pad, np.ones(width) / width, mode="valid")


def _split_points(midi: np.ndarray, level: np.ndarray, hop_s: float) -> list[int]:
    """Frame offsets inside one voiced run where a new note starts (not including 0)."""
    smooth = _smooth(midi, max(1, round(SMOOTH_S / hop_s)))
    cuts: list[int] = []
    base = float(np.round(np.median(smooth[: max(1, int(0.06 / hop_s))])))
    start = 0
    settle = max(2, round(0.04 / hop_s))
    i = 0
    while i < len(midi):
        if abs(smooth[i] - base) > SPLIT_SEMITONES and np.all(
            np.abs(smooth[i : i + settle] - base) > SPLIT_SEMITONES
        ):
            new = float(np.round(np.median(smooth[i : i + max(settle, int(0.1 / hop_s))])))
            # the cut goes where the raw contour crosses half-way to the new pitch
            look = max(start + 1, i - int(SMOOTH_S / hop_s))
            seg = midi[look : i + settle]
            half = (base + new) / 2
            crossing = np.flatnonzero((seg - half) * np.sign(new - base) > 0)
            cut = look + int(crossing[0]) if len(crossing) else i
            if cut - start >= int(MIN_NOTE_S / hop_s) and new != base:
                cuts.append(cut)
                start = cut
            base = new
            i = max(i + 1, cut + 1)
            continue
        i += 1
    # re-attacks: a dip of REATTACK_DB followed by a rise, far from other cuts
    lv = _smooth(level, 3)
    gap = int(MIN_NOTE_S / hop_s) * 2
    for j in range(gap, len(lv) - gap):
        if lv[j] == lv[j - gap : j + gap].min() and (
            lv[j - gap : j].max() - lv[j] > REATTACK_DB and lv[j : j + gap].max() - lv[j] > REATTACK_DB
        ):
            if all(abs(j - c) > gap for c in cuts):
                cuts.append(j)
    return sorted(cuts)


def track_melody(mono: np.ndarray, sample_rate: int) -> Melody:
    """The melody of a solo performance ``mono`` (float32 at ``sample_rate`` Hz).

    Raises ToolError ``no_melody`` when the recording is unpitched (drums, speech, noise) or holds
    too little pitched sound to follow."""
    midi, voiced, level = pitch_contour(mono, sample_rate)
    hop_s = HOP / SAMPLE_RATE_HZ
    audible = int(np.sum(level > -GATE_DB))
    if audible == 0 or voiced.sum() < max(int(0.3 / hop_s), MIN_VOICED_FRACTION * audible):
        raise ToolError(
            "I couldn't hear a melody to follow: this recording has almost no steady pitch (it sounds "
            "like drums, speech or noise). Hum, whistle, sing or play a tune on one instrument, alone.",
            code="no_melody",
        )
    notes: list[TrackedNote] = []
    for a, b in _runs(voiced):
        run = midi[a:b]
        bounds = [0, *_split_points(run, level[a:b], hop_s), b - a]
        for s, e in itertools.pairwise(bounds):
            if e <= s:
                continue
            seg = run[s:e]
            pitch = int(np.round(np.median(seg)))
            attack = level[a + s : a + s + max(1, int(0.05 / hop_s))]
            notes.append(
                TrackedNote(
                    start_s=(a + s) * hop_s,
                    end_s=(a + e) * hop_s,
                    pitch=pitch,
                    bend=(seg - pitch).astype(np.float32),
                    velocity=float(10 ** (np.max(attack) / 20)),
                )
            )
    return Melody(hop_s=hop_s, midi=midi, voiced=voiced, level_db=level, notes=notes,
                  duration_s=len(mono) / sample_rate)  # fmt: skip
