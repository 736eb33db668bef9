"""Shared rhythm helpers: swing, velocity by energy, and the per-section context passed to part writers.

Times in beats (quarter notes), velocities 1-127.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tools.generation.project import NoteEvent


@dataclass(frozen=True)
class SectionContext:
    """What a part writer needs to know about one section."""

    kind: str
    start: float
    """Start of the section, in beats from the start of the song."""
    bars: int
    beats_per_bar: float
    chords: tuple[str, ...]
    """One chord per bar (already cycled to the section's length)."""
    energy: float
    tonic_pc: int
    mode: str
    swing: float
    is_first: bool
    is_last: bool
    next_chord: str
    """First chord of the following section (the tonic after the last one)."""

    def bar_start(self, bar: int) -> float:
        """Start of bar ``bar`` (0-based, within the section), in beats from the song start."""
        return self.start + bar * self.beats_per_bar

    @property
    def end(self) -> float:
        """End of the section, in beats from the song start."""
        return self.start + self.bars * self.beats_per_bar

    def chord_after(self, bar: int) -> str:
        """The chord of the bar after ``bar`` (the next section's first chord at the end)."""
        return self.chords[bar + 1] if bar + 1 < self.bars else self.next_chord


def swung(beat_in_bar: float, swing: float) -> float:
    """Delay off-beat eighths (x.5) by ``swing`` of an eighth note; other positions unchanged."""
    frac = beat_in_bar % 1.0
    if swing and abs(frac - 0.5) < 1e-6:
        return beat_in_bar + swing * 0.5
    if swing and abs(frac - 0.25) < 1e-6:
        return beat_in_bar + swing * 0.25
    if swing and abs(frac - 0.75) < 1e-6:
        return beat_in_bar + swing * 0.25
    return beat_in_bar


def velocity(energy: float, accent: float = 0.0, rng: random.Random | None = None, lo: int = 45) -> int:
    """A velocity for a section of ``energy`` (0-1), plus ``accent`` (-1..1), with ±4 of randomness."""
    v = lo + (110 - lo) * energy + 18 * accent
    if rng is not None:
        v += rng.uniform(-4, 4)
    return int(max(1, min(127, round(v))))


def note(start: float, duration: float, pitch: int, vel: int) -> NoteEvent:
    """A NoteEvent with its values rounded and clamped to valid ranges."""
    return NoteEvent(
        start=round(max(0.0, start), 4),
        duration=round(max(0.02, duration), 4),
        pitch=int(max(0, min(127, pitch))),
        velocity=int(max(1, min(127, vel))),
    )
