"""Is someone singing? Evidence from the fine pitch contour that the note transcriber computes anyway.

basic-pitch's contour output gives pitch salience at a third of a semitone per bin, ~86 frames a second.
Along each continuous voiced run (at least :data:`MIN_RUN_S`) the strongest pitch is followed with
sub-bin precision, and two things are measured: **jitter**, the spread of the pitch around its own
0.2-second moving average (vibrato, scoops and drift: a sung line moves 12-20 cents, a piano, organ or
trumpet note under 5), and **range**, the pitch spread inside a run (glides and vibrato depth: sung runs
span 60-150 cents, a held instrumental note under 35). Real flute vibrato sits in between.
The two map to a 0-1 score by logistic curves whose centres (:data:`JITTER_CENTRE_CENTS`,
:data:`RANGE_CENTRE_CENTS`) were set by hand on the development clips (vocadito a-cappella singing
against TinySOL/Medley-solos flute, contrabass, trumpet, piano and rendered scores): few clips, so read
the score as a hint. In a dense mix the strongest pitch is often an instrument, so singing over a band
is easily missed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CONTOUR_FPS: float = 22050 / 256
"""Frames per second of basic-pitch's contour output."""

CONTOUR_BASE_MIDI: float = 21.0
"""MIDI pitch of the contour's first bin (A0, 27.5 Hz); bins are a third of a semitone apart."""

SALIENCE_MIN: float = 0.3
"""Contour salience (0-1) a frame needs to count as pitched."""

MIN_RUN_S: float = 0.3
"""Shortest continuous pitched run that is measured, in seconds."""

MIN_VOICED_S: float = 1.0
"""Pitched runs must add up to at least this many seconds before any judgement is made."""

JITTER_CENTRE_CENTS: float = 10.0
"""Jitter (cents) at which the jitter evidence reads 0.5."""

RANGE_CENTRE_CENTS: float = 50.0
"""In-run pitch range (cents) at which the range evidence reads 0.5."""


def contour_pitch(contour: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pitch as fractional MIDI numbers, salience 0-1) of the strongest bin of each contour frame,
    refined between bins by parabolic interpolation."""
    c = np.asarray(contour, dtype=np.float64)
    if c.ndim != 2 or c.shape[1] < 3 or len(c) == 0:
        return np.zeros(0), np.zeros(0)
    rows = np.arange(len(c))
    b = np.clip(c.argmax(axis=1), 1, c.shape[1] - 2)
    y0, y1, y2 = c[rows, b - 1], c[rows, b], c[rows, b + 1]
    den = y0 - 2 * y1 + y2
    safe = np.where(den < 0, den, -1.0)
    off = np.where(den < 0, np.clip(0.5 * (y0 - y2) / safe, -0.5, 0.5), 0.0)
    return CONTOUR_BASE_MIDI + (b + off) / 3.0, c.max(axis=1)


def _runs(pitch: np.ndarray, salience: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) frames of continuous pitched runs of at least :data:`MIN_RUN_S`."""
    voiced = salience > SALIENCE_MIN
    min_len = int(MIN_RUN_S * CONTOUR_FPS)
    runs, i, n = [], 0, len(pitch)
    while i < n:
        if not voiced[i]:
            i += 1
            continue
        j = i + 1
        while j < n and voiced[j] and abs(pitch[j] - pitch[j - 1]) < 0.75:
            j += 1
        if j - i >= min_len:
            runs.append((i, j))
        i = j
    return runs


def _sigmoid(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))


@dataclass
class VocalEvidence:
    """Accumulates pitch-run statistics over a track's contour chunks; :meth:`score` reads them."""

    voiced_frames: int = 0
    jitter_sum: float = 0.0
    range_sum: float = 0.0

    def add(self, contour: np.ndarray) -> None:
        """Measure the pitched runs of one chunk of basic-pitch contour (frames x 264 bins)."""
        from scipy.ndimage import uniform_filter1d

        pitch, salience = contour_pitch(contour)
        for a, b in _runs(pitch, salience):
            q = pitch[a:b]
            smooth = uniform_filter1d(q, max(2, int(0.2 * CONTOUR_FPS)), mode="nearest")
            w = b - a
            self.voiced_frames += w
            self.jitter_sum += w * 100.0 * float(np.std(q - smooth))
            self.range_sum += w * 100.0 * float(np.percentile(q, 95) - np.percentile(q, 5))

    @property
    def voiced_s(self) -> float:
        """Seconds of measured pitched runs."""
        return self.voiced_frames / CONTOUR_FPS

    def measures(self) -> tuple[float, float] | None:
        """(jitter, range) in cents, weighted by run length; None with under :data:`MIN_VOICED_S`."""
        if self.voiced_s < MIN_VOICED_S:
            return None
        return self.jitter_sum / self.voiced_frames, self.range_sum / self.voiced_frames

    def score(self) -> float | None:
        """0-1 likelihood that the pitched line is sung; None when there is too little pitched audio."""
        m = self.measures()
        if m is None:
            return None
        jitter, spread = m
        return 0.5 * _sigmoid((jitter - JITTER_CENTRE_CENTS) / 2.5) + 0.5 * _sigmoid(
            (spread - RANGE_CENTRE_CENTS) / 12.0
        )
