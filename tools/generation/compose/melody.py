"""The melody: a seeded motif (rhythm + scale degrees) developed across sections by repetition,
sequence, inversion and variation, with strong beats pulled onto chord tones.

Times in beats; degrees are scale steps above the tonic (7 = an octave up).
"""

from __future__ import annotations

import random

from tools.generation.compose.groove import SectionContext, note, swung, velocity
from tools.generation.project import Motif, NoteEvent
from tools.generation.theory import nearest_chord_tone, scale_pitch

RHYTHM_CELLS: dict[str, list[list[float]]] = {
    "straight": [[1.0], [0.5, 0.5], [1.5, 0.5], [0.5, 0.5, 1.0], [2.0]],
    "sparse": [[2.0], [1.5, 0.5], [1.0, 1.0], [3.0, 1.0]],
    "syncopated": [[0.75, 0.75, 0.5], [0.5, 1.0, 0.5], [1.5, 0.5], [0.5, 0.5]],
    "lyrical": [[1.0, 1.0], [2.0], [1.5, 0.5], [1.0]],
    "busy": [[0.5, 0.5], [0.5, 0.5, 0.5, 0.5], [1.0], [0.75, 0.25]],
    "slow": [[1.0], [2.0], [1.0, 1.0], [3.0]],
}
"""Rhythm cells (note lengths in beats) each melody family builds motifs from."""


SLOW_TEMPO_BPM = 90.0
"""Below this tempo melodies keep to whole beats, so the beat is heard at the written tempo
rather than twice as fast."""


def make_motif(rng: random.Random, rhythm: str, beats_per_bar: float, tempo_bpm: float = 120.0) -> Motif:
    """A two-bar motif: a first bar of rhythm cells, a second bar answering it and ending long."""
    if tempo_bpm < SLOW_TEMPO_BPM and rhythm != "busy":
        rhythm = "slow"
    cells = RHYTHM_CELLS.get(rhythm, RHYTHM_CELLS["straight"])
    length = 2 * beats_per_bar
    onsets: list[float] = []
    durations: list[float] = []
    t = 0.0
    while t < length - 1.0:
        cell = rng.choice(cells)
        for d in cell:
            if t + d > length - 1.0:
                break
            onsets.append(t)
            durations.append(d)
            t += d
        else:
            continue
        break
    remaining = length - t
    onsets.append(t)
    durations.append(max(0.5, remaining - 0.5))  # the long closing note, then a breath
    degrees = [rng.choice([0, 4, 0, 2])]
    for _ in range(len(onsets) - 1):
        step = rng.choice([-2, -1, -1, 1, 1, 2, 0, 3, -3])
        nxt = degrees[-1] + step
        if nxt > 7 or nxt < -3:
            nxt = degrees[-1] - step
        degrees.append(nxt)
    # the long closing note rests on the tonic or the fifth, which is what makes the key clear
    degrees[-1] = min((0, 4, 7, -3), key=lambda d: (abs(d - degrees[-2]), d))
    return Motif(onsets=onsets, durations=durations, degrees=degrees, length_beats=length)


def transform(motif: Motif, how: str, rng: random.Random) -> list[tuple[float, float, int]]:
    """(onset, duration, degree) of the motif developed one way: 'repeat', 'sequence_up',
    'sequence_down', 'invert', 'vary' (new ending), 'cadence' (ends on the tonic), 'lift' (a fifth up)."""
    notes = list(zip(motif.onsets, motif.durations, motif.degrees, strict=True))
    if how == "sequence_up":
        return [(o, d, g + 1) for o, d, g in notes]
    if how == "sequence_down":
        return [(o, d, g - 1) for o, d, g in notes]
    if how == "lift":  # a fifth higher: the chorus climbs without leaning on the relative key
        return [(o, d, g + 4) for o, d, g in notes]
    if how == "invert":
        first = notes[0][2]
        return [(o, d, first - (g - first)) for o, d, g in notes]
    if how == "vary":
        out = notes[: max(1, len(notes) // 2)]
        tail = notes[len(out) :]
        return out + [(o, d, g + rng.choice([-1, 1, 2])) for o, d, g in tail]
    if how == "cadence":
        return [*notes[:-1], (notes[-1][0], notes[-1][1], 0 if abs(notes[-1][2]) < 4 else 7)]
    return notes


PLANS: dict[str, list[str]] = {
    "verse": ["repeat", "sequence_up", "repeat", "cadence"],
    "chorus": ["lift", "lift", "sequence_up", "cadence"],
    "drop": ["lift", "lift", "sequence_up", "cadence"],
    "bridge": ["invert", "sequence_down", "invert", "vary"],
    "prechorus": ["sequence_up", "sequence_up", "vary", "vary"],
    "build": ["repeat", "sequence_up", "sequence_up", "lift"],
    "solo": ["vary", "invert", "vary", "cadence"],
    "break": ["invert", "repeat"],
    "outro": ["cadence"],
}
"""The development of the motif over a section's phrases, by section kind."""


def write_melody(motif: Motif, sec: SectionContext, seed: int, low: int, variant: int = 0) -> list[NoteEvent]:
    """The melody of one section: one developed motif per phrase, strong beats on chord tones.

    Intros are silent; outros play one closing phrase. ``low`` is the melody instrument's lowest
    comfortable pitch; the tonic sits in the octave above it. A regenerated section (``variant`` > 0)
    develops the motif differently."""
    if sec.kind == "intro":
        return []
    rng = random.Random(seed)
    plan = PLANS.get(sec.kind, PLANS["verse"])
    octave_base = ((low + 11 - sec.tonic_pc) // 12) * 12  # C of the octave whose tonic is >= low
    out: list[NoteEvent] = []
    phrase_len = motif.length_beats
    n_phrases = max(1, int(sec.bars * sec.beats_per_bar // phrase_len))
    if sec.kind == "outro":
        n_phrases = 1
    for p in range(n_phrases):
        how = plan[(p + variant) % len(plan)] if p < n_phrases - 1 else plan[-1]
        cadence = p == n_phrases - 1 and sec.kind in ("chorus", "drop", "verse", "outro")
        if cadence:
            how = "cadence"
        if variant:  # a new take: the motif developed another way in every phrase
            how = ["invert", "sequence_up", "vary", "sequence_down", "lift"][(p + variant) % 5]
        phrase = transform(motif, how, rng)
        if cadence and variant:  # still ends on the tonic
            o, d, g = phrase[-1]
            phrase[-1] = (o, d, 0 if abs(g) < 4 else 7)
        phrase_start = sec.start + p * phrase_len
        for onset, dur, degree in phrase:
            start = phrase_start + swung(onset, sec.swing)
            if start >= sec.end - 1e-6:
                break
            bar = int((start - sec.start) // sec.beats_per_bar)
            chord = sec.chords[min(bar, sec.bars - 1)]
            pitch = scale_pitch(degree, sec.tonic_pc, sec.mode, octave_base)
            if abs(onset % sec.beats_per_bar) < 1e-6 and sec.mode == "minor":
                pitch = nearest_chord_tone(pitch, chord, root_or_fifth=True)  # bar starts anchor the key
            elif abs(onset % 1.0) < 1e-6:  # strong beat: a chord tone
                pitch = nearest_chord_tone(pitch, chord)
            accent = 0.3 if abs(onset % sec.beats_per_bar) < 1e-6 else 0.0
            length = min(dur * 0.95, sec.end - start)
            out.append(note(start, length, pitch, velocity(sec.energy, accent, rng, lo=62)))
    return out
