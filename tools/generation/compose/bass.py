"""Bass lines per style: patterns of (onset, length, chord-tone choice) per bar, over the chords.

Times in beats; the bass sits between A1 (33) and G#2 (44) for roots.
"""

from __future__ import annotations

import random

from tools.generation.compose.groove import SectionContext, note, swung, velocity
from tools.generation.project import NoteEvent
from tools.generation.theory import parse_chord

# (onset in beats, length in beats, tone): tone 'R' root, '5' fifth, '8' octave, '3' third, 'b7' seventh
PATTERNS: dict[str, list[tuple[float, float, str]]] = {
    "root8": [(i * 0.5, 0.45, "R") for i in range(8)],
    "root_fifth": [(0, 1.8, "R"), (2, 1.8, "5")],
    "offbeat": [(0, 0.3, "R"), (0.5, 0.4, "8"), (1.5, 0.4, "R"), (2.5, 0.4, "8"), (3.5, 0.4, "R")],
    "house": [(0, 0.4, "R"), (0.5, 0.4, "8"), (1.5, 0.4, "R"), (2.5, 0.4, "8"), (3.5, 0.4, "5")],
    "bossa": [(0, 1.4, "R"), (1.5, 0.45, "5"), (2, 1.4, "5"), (3.5, 0.45, "R")],
    "funk": [(0, 0.4, "R"), (0.75, 0.2, "8"), (1.5, 0.4, "R"), (2.5, 0.2, "b7"), (3, 0.4, "5"),
             (3.5, 0.2, "8")],
    "pedal": [(0, 3.9, "R")],
    "sparse": [(0, 1.4, "R"), (2.5, 1.0, "5")],
}  # fmt: skip


def _tone(label: str, tone: str, base: int) -> int:
    root, intervals = parse_chord(label)
    r = base + ((root - base) % 12)
    if tone == "5":
        return r + 7 if r + 7 <= base + 14 else r - 5
    if tone == "8":
        return r + 12
    if tone == "3":
        return r + (intervals[1] if len(intervals) > 1 else 4)
    if tone == "b7":
        return r + 10
    return r


def _walking(sec: SectionContext, bar: int, base: int, rng: random.Random) -> list[tuple[float, float, int]]:
    """Four quarter notes: root, two chord tones, a chromatic approach to the next root."""
    chord, nxt = sec.chords[bar], sec.chord_after(bar)
    root = _tone(chord, "R", base)
    _, intervals = parse_chord(chord)
    mids = [root + i for i in intervals[1:3]] or [root + 7]
    target = _tone(nxt, "R", base)
    approach = target + rng.choice([-1, 1])
    beats = int(sec.beats_per_bar)
    line = [root] + [rng.choice(mids) for _ in range(max(0, beats - 2))] + [approach]
    return [(float(i), 0.9, p) for i, p in enumerate(line[:beats])]


def write_bass(pattern: str, sec: SectionContext, seed: int, low: int = 33) -> list[NoteEvent]:
    """The bass part of one section. Low energy thins the pattern to the notes on the beat."""
    rng = random.Random(seed)
    out: list[NoteEvent] = []
    bpb = sec.beats_per_bar
    for bar in range(sec.bars):
        t0 = sec.bar_start(bar)
        chord = sec.chords[bar]
        last_bar = sec.is_last and bar == sec.bars - 1
        if pattern == "walking" and not last_bar:
            events = _walking(sec, bar, low, rng)
        else:
            spec = PATTERNS.get(pattern, PATTERNS["root_fifth"])
            if last_bar or (sec.energy < 0.35 and pattern not in ("pedal", "sparse")):
                spec = [(0, bpb - 0.1, "R")]
            events = [(o, d, _tone(chord, tone, low)) for o, d, tone in spec if o < bpb]
        for onset, dur, pitch in events:
            dur = min(dur, bpb - onset)
            start = t0 + swung(onset, sec.swing)
            accent = 0.3 if onset == 0 else 0.0
            out.append(note(start, dur, pitch, velocity(sec.energy, accent, rng, lo=70)))
    return out
