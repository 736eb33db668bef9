"""Accompaniment (chords and pads) per style: voicings and rhythms over each bar's chord.

Times in beats; ``low`` is the instrument's lowest comfortable pitch.
"""

from __future__ import annotations

import random

from tools.generation.compose.groove import SectionContext, note, swung, velocity
from tools.generation.project import NoteEvent
from tools.generation.theory import chord_pitches, parse_chord

# per 4/4 bar: (onset, length) hits of the whole voicing
RHYTHMS: dict[str, list[tuple[float, float]]] = {
    "block": [(0, 0.95), (1, 0.95), (2, 0.95), (3, 0.95)],
    "power": [(i * 0.5, 0.45) for i in range(8)],
    "lofi": [(0, 1.4), (1.5, 0.45), (2.5, 1.4)],
    "pad": [(0, 4.0)],
    "strings": [(0, 2.0), (2, 2.0)],
    "offbeat": [(0.5, 0.3), (1.5, 0.3), (2.5, 0.3), (3.5, 0.3)],
    "jazz": [(0, 0.7), (1.5, 0.4), (3, 0.7)],
    "bossa": [(0, 0.45), (1.5, 0.45), (3, 0.45), (3.5, 0.4)],
    "stab": [(0, 0.2), (0.75, 0.2), (1.5, 0.2), (2.5, 0.2), (3.25, 0.2)],
    "strum": [(0, 0.95), (1, 0.45), (1.5, 0.45), (2.5, 0.45), (3, 0.45), (3.5, 0.45)],
}


def _voicing(label: str, low: int, style: str) -> list[int]:
    if style == "power":
        root, _ = parse_chord(label)
        r = low + ((root - low) % 12)
        return [r, r + 7, r + 12]
    n = 4 if style in ("jazz", "lofi", "strings", "pad") else 3
    return chord_pitches(label, low + 7, n)


def _alberti(sec: SectionContext, bar: int, low: int, rng: random.Random) -> list[NoteEvent]:
    """Classical left hand: root on the beat, then fifth-third-fifth eighths; beats accented."""
    chord = sec.chords[bar]
    pitches = chord_pitches(chord, low, 3)
    order = [pitches[0], pitches[2], pitches[1], pitches[2]]
    out = []
    steps = int(sec.beats_per_bar * 2)
    for i in range(steps):
        onset = i * 0.5
        accent = 0.35 if i % 2 == 0 else -0.25
        if i % int(sec.beats_per_bar * 2) == 0:
            accent = 0.5
        out.append(
            note(sec.bar_start(bar) + onset, 0.48, order[i % 4], velocity(sec.energy, accent, rng, lo=50))
        )
    return out


def write_comp(style: str, sec: SectionContext, seed: int, low: int, role: str = "chords") -> list[NoteEvent]:
    """The accompaniment of one section. Pads hold whole bars; low energy halves the rhythm."""
    rng = random.Random(seed)
    out: list[NoteEvent] = []
    bpb = sec.beats_per_bar
    if role == "pad":
        style = "pad"
    for bar in range(sec.bars):
        last_bar = sec.is_last and bar == sec.bars - 1
        if style == "alberti" and not last_bar and sec.kind != "outro":
            out.extend(_alberti(sec, bar, low, rng))
            continue
        chord = sec.chords[bar]
        hits = RHYTHMS.get(style, RHYTHMS["block"])
        if last_bar:
            hits = [(0, bpb)]
        elif sec.energy < 0.35 and style not in ("pad", "strings"):
            hits = [(0, min(2.0, bpb)), (2, 2.0)] if bpb >= 4 else [(0, bpb)]
        voicing = _voicing(chord, low, "pad" if style == "alberti" else style)
        for onset, dur in hits:
            if onset >= bpb:
                continue
            dur = min(dur, bpb - onset) if not last_bar else dur
            start = sec.bar_start(bar) + swung(onset, sec.swing)
            accent = 0.3 if onset == 0 else (0.15 if onset % 1 == 0 else -0.1)
            for k, pitch in enumerate(voicing):
                strum = 0.012 * k if style == "strum" else 0.0
                out.append(note(start + strum, dur - strum, pitch, velocity(sec.energy, accent, rng, lo=50)))
    return out
