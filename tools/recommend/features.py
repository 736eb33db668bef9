"""What the catalogue keeps about one track: a summary of its feature sheet, in plain numbers and words.

:func:`track_features` reads a :class:`~tools.understanding.sheet.FeatureSheet` (tempo, key, loudness,
tags...) and returns a :class:`TrackFeatures`: the columns the catalogue filters on, the words it
explains results with, the caption whose MiniLM embedding makes it searchable by meaning, and the
audio feature vector (:mod:`tools.recommend.vectors`) that "more like this" compares.
Units: tempo in BPM, durations in seconds, loudness in LUFS; energy and valence 0..1.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from tools.understanding.sheet import FeatureSheet

FAMILIES: tuple[str, ...] = (
    "piano", "guitar", "bass", "strings", "brass", "woodwind", "organ", "synth", "drums",
)  # fmt: skip
"""Instrument families the tagger scores (tools.understanding.instruments) and the catalogue filters on."""
MOODS: tuple[str, ...] = ("happy", "tense", "calm", "sad")
GENRES: tuple[str, ...] = ("classical/orchestral", "rock/pop", "electronic", "ambient")
INSTRUMENT_PRESENT: float = 0.5
"""An instrument family scored at or above this is said to be in the track."""
LOW_ENERGY, HIGH_ENERGY = 0.4, 0.6
"""Energy below the first is 'low energy', above the second 'high energy'."""

_MIDI_FAMILY_WORDS: tuple[tuple[str, str], ...] = (
    ("drum", "drums"), ("piano", "piano"), ("harpsichord", "piano"), ("clav", "piano"), ("celesta", "piano"),
    ("guitar", "guitar"), ("bass", "bass"), ("violin", "strings"), ("viola", "strings"), ("cello", "strings"),
    ("string", "strings"), ("orchestra", "strings"), ("harp", "strings"), ("trumpet", "brass"),
    ("trombone", "brass"), ("horn", "brass"), ("tuba", "brass"), ("brass", "brass"), ("flute", "woodwind"),
    ("clarinet", "woodwind"), ("oboe", "woodwind"), ("bassoon", "woodwind"), ("sax", "woodwind"),
    ("piccolo", "woodwind"), ("recorder", "woodwind"), ("organ", "organ"), ("synth", "synth"),
    ("lead", "synth"), ("pad", "synth"), ("choir", "vocals"), ("voice", "vocals"),
)  # fmt: skip
PITCH_CLASSES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
_PC_INDEX = {
    **{n: i for i, n in enumerate(PITCH_CLASSES)},
    "Db": 1, "D#": 3, "Gb": 6, "G#": 8, "A#": 10, "Cb": 11, "B#": 0, "E#": 5, "Fb": 4,
}  # fmt: skip


class TrackFeatures(BaseModel):
    """The catalogue's summary of one track (no vectors but the audio one; see vectors.py)."""

    kind: str = Field(description="'audio' or 'midi'.")
    duration_s: float
    tempo_bpm: float | None
    key: str | None = Field(description="e.g. 'D minor'; None when no key was heard.")
    mode: str | None = Field(description="'major', 'minor' or None.")
    key_signature: str | None = Field(
        description="Tonic of the major key with the same notes ('F' for D minor): a key filter matches it, "
        "so a track heard in its relative key still matches."
    )
    key_confidence: float
    loudness_lufs: float | None
    energy: float = Field(description="0..1: mean of tempo (bpm-60)/100, loudness (LUFS+30)/20, notes/s / 8.")
    valence: float = Field(description="0..1: 0.5 + 0.35 x mode x key confidence (major +1, minor -1).")
    instrument_scores: dict[str, float] = Field(description="Family -> score 0..1 (FAMILIES).")
    instruments: list[str] = Field(description="Families scored at or above INSTRUMENT_PRESENT, best first.")
    vocals: str = Field(description="'vocals', 'instrumental' or 'unknown'.")
    vocals_p: float = Field(description="Probability that someone sings, 0..1 (0.5 when unknown).")
    mood_scores: dict[str, float]
    genre_scores: dict[str, float]
    pitch_classes: list[float] = Field(description="Share of note time on each pitch class C..B (sum 1).")
    caption: str = Field(description="The track in words (the captioner's summary plus its descriptors).")


def key_parts(key: str | None) -> tuple[int, str] | None:
    """(tonic pitch class 0-11, 'major'|'minor') of a key label like 'F# minor'; None if unreadable."""
    if not key:
        return None
    bits = key.split()
    if len(bits) != 2 or bits[1] not in ("major", "minor") or bits[0] not in _PC_INDEX:
        return None
    return _PC_INDEX[bits[0]], bits[1]


def signature_of(key: str | None) -> str | None:
    """Tonic of the major key sharing ``key``'s notes ('D minor' -> 'F', 'A major' -> 'A')."""
    parts = key_parts(key)
    if parts is None:
        return None
    pc, mode = parts
    return PITCH_CLASSES[(pc + 3) % 12 if mode == "minor" else pc]


def _clip01(x: float) -> float:
    return float(min(1.0, max(0.0, x)))


def energy_of(tempo_bpm: float | None, lufs: float | None, notes_per_s: float) -> float:
    """Energy 0..1 (the tagger's arousal): mean of tempo, loudness and note density, each clipped 0..1."""
    return float(
        np.mean(
            [
                _clip01((tempo_bpm - 60) / 100) if tempo_bpm else 0.3,
                _clip01((lufs + 30) / 20) if lufs is not None else 0.4,
                _clip01(notes_per_s / 8),
            ]
        )
    )


def _midi_families(labels: list[tuple[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for label, score in labels:
        low = label.lower()
        fam = low if low in FAMILIES else next((f for w, f in _MIDI_FAMILY_WORDS if w in low), None)
        if fam and fam in FAMILIES:
            out[fam] = max(out.get(fam, 0.0), score)
    return out


def _pitch_classes(sheet: FeatureSheet) -> list[float]:
    hist = np.zeros(12)
    for n in sheet.notes:
        hist[int(n.pitch) % 12] += max(float(n.end - n.start), 0.0)
    total = hist.sum()
    return [round(float(v), 4) for v in (hist / total if total > 0 else hist)]


def tempo_feel(bpm: float) -> str:
    """'slow' (< 76 BPM), 'moderate' (< 108), 'upbeat' (< 140) or 'fast'."""
    from tools.captioning.captions import tempo_feel as feel

    return feel(bpm)


def energy_word(energy: float) -> str:
    """'low energy', 'medium energy' or 'high energy' for an energy 0..1."""
    return "low energy" if energy < LOW_ENERGY else "high energy" if energy > HIGH_ENERGY else "medium energy"


def descriptors(f: TrackFeatures) -> list[str]:
    """Words that describe the track, from its measured values (used in captions and reasons)."""
    words = [energy_word(f.energy)]
    words.append("calm" if f.energy < LOW_ENERGY else "energetic" if f.energy > HIGH_ENERGY else "steady")
    if f.tempo_bpm:
        words.append(tempo_feel(f.tempo_bpm))
    if f.mode:
        words.append("bright" if f.mode == "major" else "dark")
    if f.vocals != "unknown":
        words.append(f.vocals)
    words += f.instruments
    if len(f.instruments) == 1:
        words.append(f"solo {f.instruments[0]}")
    words += [g for g, s in f.genre_scores.items() if s >= 0.5]
    return words


def track_features(sheet: FeatureSheet) -> TrackFeatures:
    """The catalogue summary of ``sheet`` (deterministic: the same sheet gives the same summary)."""
    from tools.captioning.captions import summary

    tags = sheet.tags
    if sheet.kind == "midi":
        inst = _midi_families([(s.label, s.score) for s in tags.instruments])
    else:
        inst = {s.label: float(s.score) for s in tags.instruments if s.label in FAMILIES}
    scores = {f: round(float(inst.get(f, 0.0)), 3) for f in FAMILIES}
    present = [f for f, s in sorted(scores.items(), key=lambda kv: -kv[1]) if s >= INSTRUMENT_PRESENT]
    if tags.vocals is None:
        vocals, vocals_p = "unknown", 0.5
    else:
        vocals = tags.vocals.label
        vocals_p = tags.vocals.score if tags.vocals.label == "vocals" else 1.0 - tags.vocals.score
    parts = key_parts(sheet.key)
    mode = parts[1] if parts else None
    notes_per_s = len(sheet.notes) / max(sheet.duration_s, 1e-6)
    energy = energy_of(sheet.tempo_bpm, sheet.loudness_lufs, notes_per_s)
    mode_sign = 0.0 if mode is None else (1.0 if mode == "major" else -1.0)
    valence = _clip01(0.5 + 0.35 * mode_sign * sheet.key_confidence)
    base = TrackFeatures(
        kind=sheet.kind,
        duration_s=round(float(sheet.duration_s), 3),
        tempo_bpm=round(float(sheet.tempo_bpm), 2) if sheet.tempo_bpm else None,
        key=sheet.key,
        mode=mode,
        key_signature=signature_of(sheet.key),
        key_confidence=round(float(sheet.key_confidence), 3),
        loudness_lufs=round(float(sheet.loudness_lufs), 2) if sheet.loudness_lufs is not None else None,
        energy=round(energy, 3),
        valence=round(valence, 3),
        instrument_scores=scores,
        instruments=present,
        vocals=vocals,
        vocals_p=round(float(vocals_p), 3),
        mood_scores={m.label: round(float(m.score), 3) for m in tags.mood if m.label in MOODS},
        genre_scores={g.label: round(float(g.score), 3) for g in tags.genre if g.label in GENRES},
        pitch_classes=_pitch_classes(sheet),
        caption="",
    )
    caption = f"{summary(sheet)} {', '.join(descriptors(base))}."
    return base.model_copy(update={"caption": caption})
