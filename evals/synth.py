"""Tiny deterministic synthesisers for the eval media: drum loops with chords at an exact tempo and key.

Everything is numpy; times are seconds, frequencies Hz, amplitudes full scale 1.0. The pieces are
simple on purpose (additive tones, noise bursts) so that the ground truth is known by construction:
the tempo is the beat grid we place, the key and chords are the notes we play.
"""

from __future__ import annotations

import numpy as np

NOTE_INDEX = {"C": 0, "C#": 1, "Db": 1, "D": 2, "D#": 3, "Eb": 3, "E": 4, "F": 5, "F#": 6, "Gb": 6,
              "G": 7, "G#": 8, "Ab": 8, "A": 9, "A#": 10, "Bb": 10, "B": 11}  # fmt: skip
"""Pitch class of a note name."""

CHORD_SHAPES = {"": (0, 4, 7), "m": (0, 3, 7), "7": (0, 4, 7, 10)}
"""Chord quality suffix -> semitones above the root."""


def midi_hz(pitch: float) -> float:
    """Frequency in Hz of MIDI pitch ``pitch`` (A4 = 69 = 440 Hz)."""
    return 440.0 * 2.0 ** ((pitch - 69) / 12)


def chord_pitches(name: str, octave: int = 4) -> list[int]:
    """MIDI pitches of a chord symbol such as "Em", "C", "B7", rooted in ``octave`` (C4 = 60)."""
    root = name[:2] if len(name) > 1 and name[1] in "#b" else name[:1]
    shape = CHORD_SHAPES[name[len(root) :]]
    base = 12 * (octave + 1) + NOTE_INDEX[root]
    return [base + s for s in shape]


def _tone(freq: float, n: int, sr: int, decay_s: float) -> np.ndarray:
    """A plucked-ish tone: fundamental plus two soft harmonics with an exponential decay."""
    t = np.arange(n) / sr
    env = np.exp(-t / decay_s) * np.minimum(1.0, t / 0.005)
    wave = (
        np.sin(2 * np.pi * freq * t) + 0.3 * np.sin(4 * np.pi * freq * t) + 0.1 * np.sin(6 * np.pi * freq * t)
    )
    return env * wave


def _kick(sr: int) -> np.ndarray:
    n = int(0.25 * sr)
    t = np.arange(n) / sr
    freq = 50 + 90 * np.exp(-t / 0.03)
    return np.exp(-t / 0.08) * np.sin(2 * np.pi * np.cumsum(freq) / sr)


def _noise_hit(sr: int, seconds: float, decay_s: float, seed: int) -> np.ndarray:
    n = int(seconds * sr)
    t = np.arange(n) / sr
    noise = np.random.default_rng(seed).uniform(-1, 1, n)
    return np.exp(-t / decay_s) * noise


def _add(out: np.ndarray, sound: np.ndarray, start_s: float, sr: int, gain: float) -> None:
    i = round(start_s * sr)
    n = min(len(sound), len(out) - i)
    if n > 0:
        out[i : i + n] += gain * sound[:n]


def loop(
    bpm: float,
    chords: list[str],
    bars: int,
    sr: int = 22050,
    beats_per_bar: int = 4,
    drums: bool = True,
) -> np.ndarray:
    """A mono loop: one chord per bar (cycling through ``chords``), struck on every beat with its root
    an octave down as bass on the downbeat, over kick (beats 1 and 3), snare (2 and 4) and hi-hat
    eighths. Returns float32 samples peaking near 0.5."""
    beat_s = 60.0 / bpm
    seconds = bars * beats_per_bar * beat_s
    out = np.zeros(round(seconds * sr), dtype=np.float64)
    kick, snare, hat = _kick(sr), _noise_hit(sr, 0.2, 0.05, 1), _noise_hit(sr, 0.05, 0.01, 2)
    for bar in range(bars):
        name = chords[bar % len(chords)]
        pitches = chord_pitches(name, 4)
        bass = midi_hz(pitches[0] - 24)
        for beat in range(beats_per_bar):
            t0 = (bar * beats_per_bar + beat) * beat_s
            chord = sum(_tone(midi_hz(p), int(beat_s * sr), sr, 0.35) for p in pitches) / len(pitches)
            _add(out, chord, t0, sr, 0.5 if beat == 0 else 0.35)
            if beat == 0:
                _add(out, _tone(bass, int(beats_per_bar * beat_s * sr), sr, 0.8), t0, sr, 0.4)
            if drums:
                if beat % 2 == 0:
                    _add(out, kick, t0, sr, 0.8)
                else:
                    _add(out, snare, t0, sr, 0.25)
                _add(out, hat, t0, sr, 0.08)
                _add(out, hat, t0 + beat_s / 2, sr, 0.06)
    peak = float(np.max(np.abs(out))) or 1.0
    return (0.5 * out / peak).astype(np.float32)
