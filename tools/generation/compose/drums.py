"""Drum patterns per style on a 16-step (sixteenth-note) grid per 4/4 bar, fills at section ends,
crashes at section starts, and dynamics by section energy. Pitches are General MIDI drum keys.
"""

from __future__ import annotations

import random

from tools.generation.compose.groove import SectionContext, note, swung, velocity
from tools.generation.project import NoteEvent

KICK, RIM, SNARE, CLAP, CLOSED_HAT, PEDAL_HAT, OPEN_HAT = 36, 37, 38, 39, 42, 44, 46
LOW_TOM, MID_TOM, HIGH_TOM, CRASH, RIDE, TAMBOURINE, SHAKER = 45, 47, 50, 49, 51, 54, 70

# drum key -> 16 steps: 'x' hit, 'o' soft (ghost) hit, '.' rest
PATTERNS: dict[str, dict[int, str]] = {
    "pop": {KICK: "x.......x.x.....", SNARE: "....x.......x...", CLOSED_HAT: "x.x.x.x.x.x.x.x."},
    "rock": {KICK: "x.....x.x.......", SNARE: "....x.......x...", CLOSED_HAT: "x.x.x.x.x.x.x.x."},
    "boombap": {KICK: "x......x..x.....", SNARE: "....x.......x...", CLOSED_HAT: "x.x.x.x.x.x.x.xo"},
    "edm": {KICK: "x...x...x...x...", CLAP: "....x.......x...", OPEN_HAT: "..x...x...x...x.",
            CLOSED_HAT: "x.x.x.x.x.x.x.x."},
    "house": {KICK: "x...x...x...x...", CLAP: "....x.......x...", OPEN_HAT: "..x...x...x...x.",
              CLOSED_HAT: "ooxoooxoooxoooxo"},
    "swing": {RIDE: "x...x.x.x...x.x.", PEDAL_HAT: "....x.......x...", KICK: "o...o...o...o..."},
    "bossa": {KICK: "x..xx..xx..xx..x", RIM: "x..x..x...x..x..", CLOSED_HAT: "x.x.x.x.x.x.x.x."},
    "folk": {KICK: "x.......x.......", SNARE: "....x.......x...", TAMBOURINE: "x.x.x.x.x.x.x.x."},
    "funk": {KICK: "x..x..x...x..x..", SNARE: "....x..o.o..x..o", CLOSED_HAT: "xoxoxoxoxoxoxoxo"},
    "cinematic": {KICK: "x.......x.......", LOW_TOM: "x..x..x.x..x..x.", SNARE: "............x..."},
    "ambient": {SHAKER: "x.o.x.o.x.o.x.o.", KICK: "x.......x......."},
}  # fmt: skip

WALTZ: dict[int, str] = {KICK: "x...........", SNARE: "....x...x...", CLOSED_HAT: "x.x.x.x.x.x."}
"""Any style in 3/4: kick on one, backbeats on two and three (12 steps)."""
SIX_EIGHT: dict[int, str] = {KICK: "x...........", SNARE: "......x.....", CLOSED_HAT: "x.x.x.x.x.x."}
"""Any style in 6/8 (3 quarter beats): kick on one, snare on the second dotted beat."""


def _bar_pattern(style: str, beats_per_bar: float) -> dict[int, str]:
    if abs(beats_per_bar - 4) < 1e-6:
        return PATTERNS.get(style, PATTERNS["pop"])
    if abs(beats_per_bar - 3) < 1e-6:
        return WALTZ
    steps = round(beats_per_bar * 4)
    base = PATTERNS.get(style, PATTERNS["pop"])
    return {k: (v * 2)[:steps] for k, v in base.items()}


def _fill(t0: float, beats_per_bar: float, energy: float, rng: random.Random) -> list[NoteEvent]:
    """A fill over the last two beats of a bar: sixteenth notes down the toms, getting louder."""
    out = []
    start_step = int(beats_per_bar * 4) - 8
    toms = [SNARE, SNARE, HIGH_TOM, HIGH_TOM, MID_TOM, MID_TOM, LOW_TOM, LOW_TOM]
    for i in range(8):
        onset = (start_step + i) * 0.25
        out.append(note(t0 + onset, 0.2, toms[i], velocity(energy, -0.3 + i * 0.1, rng, lo=60)))
    out.append(note(t0 + (start_step * 0.25), 0.2, KICK, velocity(energy, 0.2, rng)))
    return out


def write_drums(style: str, sec: SectionContext, seed: int) -> list[NoteEvent]:
    """The drum part of one section.

    Energy below 0.35 plays kick on the downbeat and soft time only; sections of energy 0.5 or more
    open with a crash; every section but the last ends with a fill (the song ends on a crash)."""
    rng = random.Random(seed)
    pattern = _bar_pattern(style, sec.beats_per_bar)
    out: list[NoteEvent] = []
    steps = round(sec.beats_per_bar * 4)
    for bar in range(sec.bars):
        t0 = sec.bar_start(bar)
        last_bar = bar == sec.bars - 1
        if sec.is_last and last_bar:
            out.append(note(t0, 2.0, CRASH, velocity(sec.energy, 0.4, rng)))
            out.append(note(t0, 0.5, KICK, velocity(sec.energy, 0.4, rng)))
            break
        fill = last_bar and not sec.is_last and sec.bars >= 2 and style not in ("ambient",)
        for key, steps_str in pattern.items():
            if sec.energy < 0.35 and key not in (KICK, CLOSED_HAT, RIDE, SHAKER, TAMBOURINE, PEDAL_HAT):
                continue
            for i, ch in enumerate(steps_str[:steps]):
                if ch == "." or (fill and i >= steps - 8 and key != CLOSED_HAT):
                    continue
                if sec.energy < 0.35 and key == KICK and i % 8 != 0:
                    continue
                beat = i / 4
                accent = (0.25 if i % 4 == 0 else -0.1) - (0.55 if ch == "o" else 0.0)
                out.append(
                    note(t0 + swung(beat, sec.swing), 0.2, key, velocity(sec.energy, accent, rng, lo=55))
                )
        if bar == 0 and sec.energy >= 0.5 and not sec.is_first:
            out.append(note(t0, 1.5, CRASH, velocity(sec.energy, 0.2, rng)))
        if fill:
            out.extend(_fill(t0, sec.beats_per_bar, sec.energy, rng))
    return out
