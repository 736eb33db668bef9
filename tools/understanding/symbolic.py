"""MIDI uploads analysed symbolically: exact notes, the tempo map's beats, key and chords (pretty_midi)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from tools.base import ToolError
from tools.understanding.harmony import HARTE_ROOTS, merge_short
from tools.understanding.models import Note, Rhythm, Scored, Segment, Tags, Tonality
from tools.understanding.notes import melody_line
from tools.understanding.tonality import key_label, profile_scores

_CHORD_SHAPES: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("maj", (0, 4, 7)),
    ("min", (0, 3, 7)),
    ("7", (0, 4, 7, 10)),
    ("maj7", (0, 4, 7, 11)),
    ("min7", (0, 3, 7, 10)),
    ("dim", (0, 3, 6)),
    ("aug", (0, 4, 8)),
)


def load_midi(path: str | Path, display_name: str | None = None):
    """The parsed MIDI file; raises ToolError("corrupt") when it cannot be read or holds no notes."""
    import pretty_midi

    name = display_name or Path(path).name
    try:
        pm = pretty_midi.PrettyMIDI(str(path))
    except Exception as exc:  # pretty_midi raises many kinds of errors for broken files
        raise ToolError(
            f"{name} is not a readable MIDI file ({exc}): export it again.", code="corrupt"
        ) from exc
    if not any(inst.notes for inst in pm.instruments):
        raise ToolError(f"{name} has no notes in it: nothing to analyse.", code="empty_file")
    return pm


def midi_notes(pm) -> list[Note]:
    """All pitched (non-drum) notes, sorted by onset: seconds, MIDI pitch, velocity."""
    notes = [
        Note(start=round(n.start, 4), end=round(n.end, 4), pitch=n.pitch, velocity=n.velocity)
        for inst in pm.instruments
        if not inst.is_drum
        for n in inst.notes
    ]
    return sorted(notes, key=lambda n: (n.start, n.pitch))


def pitch_class_profile(notes: list[Note], start: float = 0.0, end: float = float("inf")) -> np.ndarray:
    """Duration-weighted pitch-class histogram (12 bins, C = 0) of the notes sounding in [start, end)."""
    prof = np.zeros(12)
    for n in notes:
        overlap = min(n.end, end) - max(n.start, start)
        if overlap > 0:
            prof[n.pitch % 12] += overlap
    return prof


def chord_label(profile: np.ndarray, bass_pc: int | None) -> str:
    """Harte label of the chord template that best explains a pitch-class profile ('N' when empty)."""
    if profile.sum() <= 0:
        return "N"
    p = profile / profile.sum()
    best, best_score = "N", -1.0
    for root in range(12):
        for quality, shape in _CHORD_SHAPES:
            pcs = [(root + i) % 12 for i in shape]
            score = p[pcs].sum() - 0.1 * (len(shape) - 3) + (0.05 if bass_pc == root else 0.0)
            if score > best_score:
                best, best_score = f"{HARTE_ROOTS[root]}:{quality}", score
    return best


def analyze_midi(pm) -> tuple[float, Rhythm, Tonality, list[Segment], list[Note], list[Note], Tags]:
    """Duration (s), rhythm from the tempo map, key (from the notes), beat-wise chords, notes, melody and
    tags."""
    notes = midi_notes(pm)
    duration = float(pm.get_end_time())
    beats = np.asarray(pm.get_beats())
    downbeats = np.asarray(pm.get_downbeats())
    tempi = pm.get_tempo_changes()[1]
    ts = pm.time_signature_changes
    meter = f"{ts[0].numerator}/{ts[0].denominator}" if ts else "4/4"
    tempo = float(tempi[0]) if len(tempi) else 120.0
    rhythm = Rhythm(
        tempo_bpm=round(tempo, 2),
        tempo_confidence=1.0,
        tempo_alternatives=[round(tempo / 2, 2), round(tempo * 2, 2)],
        beats=[round(float(b), 4) for b in beats],
        downbeats=[round(float(b), 4) for b in downbeats],
        meter=meter,
        backend="pretty_midi",
    )
    probs = profile_scores(pitch_class_profile(notes))
    k = int(np.argmax(probs))
    key = key_label(k % 12, k >= 12) if probs.sum() > 0 else None
    tonality = Tonality(
        key=key,
        key_confidence=round(float(probs[k]), 3) if key else 0.0,
        changes=[Segment(start=0.0, end=round(duration, 3), label=key, confidence=round(float(probs[k]), 3))]
        if key
        else [],
        backend="pretty_midi",
    )
    grid = [*list(beats), duration]
    chords: list[Segment] = []
    for a, b in itertools.pairwise(grid):
        sounding = [n for n in notes if n.start < b and n.end > a]
        bass = min(sounding, key=lambda n: n.pitch).pitch % 12 if sounding else None
        chords.append(
            Segment(
                start=round(float(a), 4),
                end=round(float(b), 4),
                label=chord_label(pitch_class_profile(sounding, a, b), bass),
            )
        )
    import pretty_midi

    programs = sorted(
        {
            ("drums" if inst.is_drum else pretty_midi.program_to_instrument_name(inst.program))
            for inst in pm.instruments
            if inst.notes
        }
    )
    tags = Tags(
        instruments=[Scored(label=p, score=1.0) for p in programs],
        vocals=None,
        genre=[],
        mood=[],
        backend="pretty_midi",
    )
    return duration, rhythm, tonality, merge_short(chords, 0.0), notes, melody_line(notes), tags
