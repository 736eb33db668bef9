"""How well new parts follow a recording, measured on audio (tests and benchmarks/editing_accuracy.py):
drum hits against the recording's beats, bass notes against its chord roots, a re-played melody's pitch
and timing against the performance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tools.editing.melody_track import Melody


def onset_times_s(x: np.ndarray, sample_rate: int, hop: int = 256, rel_threshold: float = 0.2) -> np.ndarray:
    """Onset times, in seconds, of a percussive mono signal: peaks of the rise of its short-time
    energy above ``rel_threshold`` of the largest rise (resolution ``hop`` samples)."""
    e = np.sqrt(np.convolve(x.astype(np.float64) ** 2, np.ones(hop) / hop, mode="same"))[::hop]
    rise = np.maximum(np.diff(e, prepend=e[0]), 0)
    if len(rise) < 3 or rise.max() <= 0:
        return np.zeros(0)
    mid = rise[1:-1]
    peaks = np.flatnonzero((mid > rel_threshold * rise.max()) & (mid >= rise[:-2]) & (mid > rise[2:])) + 1
    return peaks * hop / sample_rate


def beat_miss_ms(hits_s: np.ndarray, beats_s: np.ndarray) -> np.ndarray:
    """For each beat, the distance to the nearest hit, in milliseconds (inf when there are no hits)."""
    if len(hits_s) == 0:
        return np.full(len(beats_s), np.inf)
    return np.array([np.min(np.abs(hits_s - b)) for b in beats_s]) * 1000


def bass_pitch_class(x: np.ndarray, sample_rate: int, lo_hz: float = 30.0, hi_hz: float = 250.0) -> int:
    """Pitch class (0 = C) of the strongest partial of mono ``x`` between ``lo_hz`` and ``hi_hz``: the
    bass note that sounds longest and loudest in it."""
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    f = np.fft.rfftfreq(len(x), 1 / sample_rate)
    band = (f > lo_hz) & (f < hi_hz)
    peak = f[band][np.argmax(spec[band])]
    return round(69 + 12 * np.log2(peak / 440)) % 12


def bass_root_agreement(
    bass: np.ndarray, sample_rate: int, beats_s: np.ndarray, beats_per_bar: int, chords: list[str]
) -> list[bool]:
    """Per bar (bars start every ``beats_per_bar`` beats of ``beats_s``, bar b has chord ``chords[b]``,
    a Harte label): whether the bass's pitch class in that bar is the chord's root."""
    from tools.generation.theory import parse_chord

    out = []
    for b, chord in enumerate(chords):
        if (b + 1) * beats_per_bar >= len(beats_s):
            break
        a, e = (int(beats_s[k * beats_per_bar] * sample_rate) for k in (b, b + 1))
        out.append(bass_pitch_class(bass[a:e], sample_rate) == parse_chord(chord)[0])
    return out


@dataclass
class MelodyAgreement:
    """A re-played melody against the performance: pitch per frame, where it sounds, and when notes start."""

    median_cents: float
    """Median |pitch difference| over frames voiced in both, in cents."""
    within_50_cents: float
    """Share of those frames within 50 cents (a quarter tone)."""
    voicing_recall: float
    """Share of the performance's voiced frames where the result sounds a pitch too."""
    onset_f: float
    """F-measure of note onsets within 50 ms (mir_eval), result against performance."""
    level_correlation: float
    """Correlation of the two loudness curves (dB) over the performance's audible frames."""


def melody_agreement(performance: Melody, result: Melody, shift: int) -> MelodyAgreement:
    """``result`` against ``performance`` moved by ``shift`` semitones, frame by frame."""
    import mir_eval

    n = min(len(performance.midi), len(result.midi))
    both = performance.voiced[:n] & result.voiced[:n]
    cents = np.abs(result.midi[:n][both] - performance.midi[:n][both] - shift) * 100
    ref_on = np.array([note.start_s for note in performance.notes])
    est_on = np.array([note.start_s for note in result.notes])
    f, _, _ = mir_eval.onset.f_measure(ref_on, est_on, window=0.05)
    audible = performance.level_db[:n] > -40
    corr = np.corrcoef(performance.level_db[:n][audible], result.level_db[:n][audible])[0, 1]
    return MelodyAgreement(
        median_cents=float(np.median(cents)) if len(cents) else float("nan"),
        within_50_cents=float(np.mean(cents < 50)) if len(cents) else 0.0,
        voicing_recall=float(both.sum() / max(1, performance.voiced[:n].sum())),
        onset_f=float(f),
        level_correlation=float(corr),
    )
