"""Test signals with known truth: click tracks, rendered MIDI chord progressions, sine melodies."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import soundfile as sf

SOUNDFONT = Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
DATA = Path(__file__).resolve().parents[2] / "data" / "understanding"

PROGRESSION = (
    ("C:maj", (60, 64, 67)),
    ("A:min", (57, 60, 64)),
    ("F:maj", (53, 57, 60)),
    ("G:maj", (55, 59, 62)),
)
"""I-vi-IV-V in C major: Harte label and MIDI pitches."""


def click_track(path: Path, bpm: float = 120.0, seconds: float = 20.0, sr: int = 44100) -> Path:
    """A click (5 ms, 1 kHz burst, accented on every 4th beat) at ``bpm``, written as a WAV file."""
    x = np.zeros(int(seconds * sr), dtype=np.float32)
    n = int(0.005 * sr)
    burst = np.sin(2 * np.pi * 1000 * np.arange(n) / sr) * np.hanning(n)
    for i, t in enumerate(np.arange(0.5, seconds - 0.1, 60.0 / bpm)):
        s = int(t * sr)
        x[s : s + n] += (0.8 if i % 4 == 0 else 0.4) * burst[: len(x) - s]
    sf.write(path, x, sr)
    return path


def progression_midi(
    path: Path, bars: int = 8, bpm: float = 120.0
) -> tuple[Path, list[tuple[float, float, str]]]:
    """A piano I-vi-IV-V progression (one chord per 4/4 bar, on quarter notes, bass note below) plus a
    drum-free kick-like low note per beat; returns the MIDI path and the (start, end, label) truth."""
    import pretty_midi

    pm = pretty_midi.PrettyMIDI(initial_tempo=bpm)
    piano = pretty_midi.Instrument(program=0)
    beat = 60.0 / bpm
    truth = []
    for b in range(bars):
        label, pitches = PROGRESSION[b % len(PROGRESSION)]
        t0 = b * 4 * beat
        truth.append((t0, t0 + 4 * beat, label))
        for q in range(4):
            start = t0 + q * beat
            vel = 100 if q == 0 else 75
            for p in pitches:
                piano.notes.append(
                    pretty_midi.Note(velocity=vel, pitch=p, start=start, end=start + 0.9 * beat)
                )
            piano.notes.append(
                pretty_midi.Note(velocity=vel, pitch=pitches[0] - 12, start=start, end=start + 0.9 * beat)
            )
    pm.instruments.append(piano)
    pm.write(str(path))
    return path, truth


def render(midi: Path, wav: Path, sr: int = 44100) -> Path:
    """Render a MIDI file to WAV with FluidSynth and the General MIDI SoundFont."""
    subprocess.run(
        ["fluidsynth", "-ni", "-q", "-g", "0.8", "-r", str(sr), "-F", str(wav), str(SOUNDFONT), str(midi)],
        check=True,
        capture_output=True,
    )
    return wav


def sine_melody(path: Path, pitches: tuple[int, ...], note_s: float = 0.5, sr: int = 22050) -> Path:
    """Sine tones (with short fades) at the MIDI ``pitches``, one after another, ``note_s`` seconds each."""
    n = int(note_s * sr)
    env = np.ones(n)
    fade = int(0.01 * sr)
    env[:fade] = np.linspace(0, 1, fade)
    env[-fade:] = np.linspace(1, 0, fade)
    parts = [0.3 * np.sin(2 * np.pi * 440 * 2 ** ((p - 69) / 12) * np.arange(n) / sr) * env for p in pitches]
    sf.write(path, np.concatenate([np.zeros(sr // 4), *parts, np.zeros(sr // 4)]).astype(np.float32), sr)
    return path
