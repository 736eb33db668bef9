"""FUTGA-style captions: a whole-track summary plus one caption per section with its time range.

Every phrase is composed from measured values of the feature sheet (deterministic: the same sheet
always gives the same words); nothing is said that the sheet does not hold.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from pydantic import BaseModel, Field

from tools.base import ArtifactRef, Resources, Tool, ToolContext
from tools.captioning.timefmt import chord_name, mmss
from tools.understanding.analyze import sheet_for
from tools.understanding.backends import ALL_BACKENDS
from tools.understanding.models import Segment
from tools.understanding.sheet import FeatureSheet, scored_top

TEMPO_FEELS: tuple[tuple[float, str], ...] = ((76.0, "slow"), (108.0, "moderate"), (140.0, "upbeat"))
"""Upper tempo bounds (BPM) of each tempo feel; faster than the last is 'fast'."""

LOUDNESS_CHANGE_LU: float = 2.0
"""A section this many LU louder/quieter than the previous one is said to rise/drop in energy."""

PITCH_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")


def note_name(pitch: int) -> str:
    """Scientific pitch name of a MIDI pitch (60 -> 'C4')."""
    return f"{PITCH_NAMES[pitch % 12]}{pitch // 12 - 1}"


def tempo_feel(bpm: float) -> str:
    """'slow', 'moderate', 'upbeat' or 'fast' for a tempo in BPM."""
    for bound, word in TEMPO_FEELS:
        if bpm < bound:
            return word
    return "fast"


class SectionCaption(BaseModel):
    start: float = Field(description="Start, in seconds.")
    end: float = Field(description="End, in seconds.")
    label: str = Field(description="Section label (intro/verse/chorus/... or A/B/C).")
    caption: str


class Captions(BaseModel):
    summary: str = Field(description="The whole track in a few sentences.")
    sections: list[SectionCaption]


def _top_chords(
    chords: list[Segment], start: float, end: float, n: int = 3, key: str | None = None
) -> list[str]:
    """Names of the ``n`` chords sounding longest between ``start`` and ``end`` (s), spelled in ``key``."""
    from tools.understanding.spelling import spell_chords

    dur: Counter[str] = Counter()
    for c in spell_chords(chords, key):
        overlap = min(c.end, end) - max(c.start, start)
        if overlap > 0 and c.label not in ("N", "X"):
            dur[c.label] += overlap
    return [chord_name(lab) for lab, _ in dur.most_common(n)]


def _section_loudness(sheet: FeatureSheet, start: float, end: float) -> float | None:
    hop = sheet.short_term_hop_s or 1.0
    vals = [v for i, v in enumerate(sheet.short_term_lufs) if start <= i * hop < end and v > -70]
    return float(10 * np.log10(np.mean(10 ** (np.array(vals) / 10)))) if vals else None


def summary(sheet: FeatureSheet) -> str:
    """A few sentences about the whole track, from the sheet's measured values."""
    if sheet.content == "silence":
        return f"{mmss(sheet.duration_s)} of silence: there is no music to describe."
    if sheet.content == "noise":
        return f"{mmss(sheet.duration_s)} of noise: no beat, key or chords can be heard."
    parts: list[str] = []
    what = "MIDI piece" if sheet.kind == "midi" else "track"
    head = f"A {mmss(sheet.duration_s)} {what}"
    if sheet.key:
        head += f" in {sheet.key}"
    if sheet.tempo_bpm:
        head += f" at about {sheet.tempo_bpm:.0f} BPM ({tempo_feel(sheet.tempo_bpm)}"
        head += f", {sheet.meter})" if sheet.meter else ")"
    parts.append(head + ".")
    chords = _top_chords(sheet.chords, 0.0, sheet.duration_s, 4, sheet.key)
    if chords:
        parts.append(f"The harmony centres on {', '.join(chords)}.")
    instruments = scored_top(sheet.tags.instruments)
    if instruments:
        parts.append(f"Instruments heard: {', '.join(s.label for s in instruments)}.")
    if sheet.loudness_lufs is not None:
        dyn = ""
        if sheet.loudness_range_lu is not None:
            lra = sheet.loudness_range_lu
            dyn = f", {'wide' if lra > 10 else 'moderate' if lra > 5 else 'narrow'} dynamics ({lra:.1f} LU)"
        parts.append(f"Loudness {sheet.loudness_lufs:.1f} LUFS{dyn}.")
    if len(sheet.sections) > 1:
        parts.append("Sections: " + ", ".join(f"{s.label} {mmss(s.start)}" for s in sheet.sections) + ".")
    vocals = sheet.tags.vocals
    if vocals is not None and vocals.score >= 0.65:
        parts.append("With singing." if vocals.label == "vocals" else "No singing.")
    elif sheet.kind == "audio":
        parts.append("Whether anyone sings is unclear.")
    mood = scored_top(sheet.tags.mood, 1)
    if mood:
        parts.append(f"Mood: {mood[0].label}.")
    return " ".join(parts)


def section_captions(sheet: FeatureSheet) -> list[SectionCaption]:
    """One caption per section, with its start and end (seconds), from the sheet."""
    out: list[SectionCaption] = []
    previous: float | None = None
    for s in sheet.sections:
        bits: list[str] = []
        chords = _top_chords(sheet.chords, s.start, s.end, key=sheet.key)
        if chords:
            bits.append(f"chords {', '.join(chords)}")
        level = _section_loudness(sheet, s.start, s.end)
        if level is not None:
            trend = ""
            if previous is not None:
                if level - previous >= LOUDNESS_CHANGE_LU:
                    trend = ", energy rises"
                elif previous - level >= LOUDNESS_CHANGE_LU:
                    trend = ", energy drops"
            bits.append(f"{level:.0f} LUFS{trend}")
            previous = level
        mel = [n for n in sheet.melody if s.start <= n.start < s.end]
        if mel:
            lo, hi = min(n.pitch for n in mel), max(n.pitch for n in mel)
            bits.append(f"melody {note_name(lo)}–{note_name(hi)}")
        dens = sum(1 for n in sheet.notes if s.start <= n.start < s.end) / max(s.end - s.start, 1e-9)
        if sheet.notes:
            bits.append(f"{dens:.1f} notes/s")
        text = f"{s.label.capitalize()} ({mmss(s.start)}–{mmss(s.end)})"
        text += ": " + "; ".join(bits) + "." if bits else "."
        out.append(SectionCaption(start=s.start, end=s.end, label=s.label, caption=text))
    return out


def compose_captions(sheet: FeatureSheet) -> Captions:
    """The summary and the per-section captions of a feature sheet."""
    return Captions(summary=summary(sheet), sections=section_captions(sheet))


class CaptionInput(BaseModel):
    audio: str = ArtifactRef("audio", "The track to describe musically: an artifact id or 'current'.")


class CaptionOutput(BaseModel):
    artifact_id: str = Field(description="Id of the version described.")
    captions: Captions


class Caption(Tool):
    name = "caption"
    description = (
        "Describe a track musically: a summary (key, tempo feel, harmony, instruments, loudness) and one "
        "caption per section with its start and end time. Changes nothing."
    )
    Input = CaptionInput
    Output = CaptionOutput
    resources = Resources(num_cpus=2, memory_mb=1500, seconds_per_audio_minute=8.0)
    backends = ALL_BACKENDS

    def run(self, args: CaptionInput, ctx: ToolContext) -> CaptionOutput:
        info, sheet = sheet_for(ctx, args.audio)
        return CaptionOutput(artifact_id=info.id, captions=compose_captions(sheet))
