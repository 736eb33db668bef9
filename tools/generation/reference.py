"""'Make it like this': what a reference track's feature sheet says about its tempo, key, meter,
energy curve, instrumentation and chord vocabulary, carried into a song project (style transfer in
the spirit of JEN-1 DreamStyler, on the symbolic project).

The song keeps its own style (groove, patterns), motif and form; it takes the reference's tempo,
key, meter, per-section energy (the reference's loudness over the same stretch of the song), chord
progression (its most frequent four-chord cycle, in the reference key) and, where the tags are
sure, whether there are drums and a bass. Tempo in BPM, loudness in LUFS, energy 0..1.
"""

from __future__ import annotations

import random
from collections import Counter

from pydantic import BaseModel, Field

from tools.base import ToolError
from tools.generation.compose.arrange import arrange, stable_seed
from tools.generation.compose.harmony import tonic_chord
from tools.generation.compose.melody import make_motif
from tools.generation.compose.request import MAX_TEMPO_BPM, METERS, MIN_TEMPO_BPM
from tools.generation.edits import add_instrument, realign_lyrics, remove_instrument
from tools.generation.project import SongProject
from tools.generation.styles import STYLES
from tools.generation.theory import QUALITIES, parse_key, pitch_class, tonic_name
from tools.understanding.sheet import FeatureSheet

SURE_PRESENT, SURE_ABSENT = 0.6, 0.15
"""Tag scores above which an instrument family counts as heard, and below which as absent."""
FAMILY_INSTRUMENT: dict[str, str] = {
    "piano": "piano", "guitar": "acoustic guitar", "strings": "strings", "brass": "brass",
    "woodwind": "flute", "organ": "organ", "synth": "synth lead",
}  # fmt: skip
"""The instrument-tagger family heard in a reference -> the instrument that carries it into a song."""
MAX_ADDED_FAMILIES = 2
"""At most this many heard instrument families are added to the band (the surest first)."""
BASS_LINE_MAX_PITCH = 48
"""Transcribed notes below this MIDI pitch (C3) are a bass line's register."""
NO_BASS_LINE_SHARE = 0.05
"""A reference whose transcribed notes lie below :data:`BASS_LINE_MAX_PITCH` less often than this has
no bass line. The tagger's "bass" alone is not trusted to remove one: held out it is right half the
time (model card), and it scores our own rendered slap and upright basses near 0 (0.04, 0.25) while
a third of their transcribed notes lie below C3."""
MIN_ENERGY, MAX_ENERGY = 0.25, 0.95
FLAT_LU = 1.5
"""A reference whose sections differ by less loudness than this (LU) has a flat energy curve."""


class ReferenceTraits(BaseModel):
    """What is carried over from a reference track."""

    source: str = Field(description="Name of the reference.")
    tempo_bpm: float | None = Field(description="Its tempo, in BPM (None when no beat was heard).")
    key: str | None = Field(description="Its key, e.g. 'E minor' (None when none was heard).")
    meter: str | None = Field(description="Its time signature, e.g. '3/4'.")
    loudness_curve: list[float] = Field(description="Short-term loudness, in LUFS, one value per hop.")
    progression: list[str] = Field(
        description="Its most frequent chord cycle, as (semitones above the tonic):quality, e.g. '7:maj'."
    )
    qualities: list[str] = Field(description="Chord qualities it uses, most frequent first.")
    instruments: dict[str, float] = Field(description="Instrument family tag -> score 0..1.")
    low_note_share: float | None = Field(
        None, description="Share 0..1 of its transcribed notes below C3 (None: no notes were transcribed)."
    )


def _relative(label: str, tonic_pc: int) -> str | None:
    root, _, quality = label.partition(":")
    try:
        pc = pitch_class(root)
    except ValueError:
        return None
    base = quality.split("/")[0] or "maj"
    if base not in QUALITIES:
        base = "min" if base.startswith("min") else "maj"
    return f"{(pc - tonic_pc) % 12}:{base}"


def chord_cycle(labels: list[str], tonic_pc: int, length: int = 4) -> list[str]:
    """The most frequent run of ``length`` chord changes in ``labels`` (Harte; 'N' skipped), each as
    'semitones above the tonic:quality'; the whole sequence when it is shorter."""
    seq: list[str] = []
    for label in labels:
        rel = _relative(label, tonic_pc) if label not in ("N", "X", "") else None
        if rel and (not seq or seq[-1] != rel):
            seq.append(rel)
    if len(seq) <= length:
        return seq
    grams = Counter(tuple(seq[i : i + length]) for i in range(len(seq) - length + 1))
    best = max(grams.items(), key=lambda kv: (kv[1], -seq.index(kv[0][0])))[0]
    return list(best)


def traits_from_sheet(sheet: FeatureSheet) -> ReferenceTraits:
    """The traits of a reference from its feature sheet; ToolError when it holds no music."""
    if sheet.content not in ("music", "symbolic"):
        raise ToolError(
            f"'{sheet.source}' has no music I can follow ({sheet.content.replace('_', ' ')}). Attach a "
            "song or a loop as the reference.",
            code="not_music",
        )
    parsed = parse_key(sheet.key) if sheet.key else None
    tonic_pc = pitch_class(parsed[0]) if parsed else 0
    labels = [c.label for c in sheet.chords]
    counts = Counter(q for q in (_relative(x, tonic_pc) for x in labels if x not in ("N", "X")) if q)
    qualities = [q for q, _ in Counter(k.split(":")[1] for k in counts.elements()).most_common()]
    return ReferenceTraits(
        source=sheet.source,
        tempo_bpm=sheet.tempo_bpm,
        key=f"{parsed[0]} {parsed[1]}" if parsed else None,
        meter=sheet.meter,
        loudness_curve=list(sheet.short_term_lufs),
        progression=chord_cycle(labels, tonic_pc) if parsed else [],
        qualities=qualities,
        instruments={s.label: round(s.score, 3) for s in sheet.tags.instruments},
        low_note_share=(
            round(sum(n.pitch < BASS_LINE_MAX_PITCH for n in sheet.notes) / len(sheet.notes), 3)
            if sheet.notes
            else None
        ),
    )


def section_energy(project: SongProject, curve: list[float]) -> list[float] | None:
    """Energy 0..1 of each section from the loudness ``curve`` over the same share of the song
    (louder stretch, more energy); None when the curve is missing or flat."""
    values = [x for x in curve if x == x and x > -70]
    if len(values) < 2:
        return None
    total = project.music_s
    starts = project.section_starts()
    loud = []
    for s in project.sections:
        a = project.seconds_at(starts[s.name]) / total
        b = project.seconds_at(starts[s.name] + s.bars * project.beats_per_bar) / total
        lo, hi = int(a * len(curve)), max(int(a * len(curve)) + 1, round(b * len(curve)))
        window = [x for x in curve[lo:hi] if x == x and x > -70] or values
        loud.append(sum(window) / len(window))
    spread = max(loud) - min(loud)
    if spread < FLAT_LU:
        return None
    return [round(MIN_ENERGY + (MAX_ENERGY - MIN_ENERGY) * (x - min(loud)) / spread, 3) for x in loud]


def progression_chords(cycle: list[str], key: str) -> list[str]:
    """Harte chords of a :func:`chord_cycle` in ``key`` ('Bb major'), roots spelled in that key (Bb, Eb,
    F in Bb major; F#, C# in A major)."""
    from tools.understanding.spelling import spell_chord

    tonic_pc = pitch_class(key.split()[0])
    out = []
    for rel in cycle:
        step, _, quality = rel.partition(":")
        out.append(spell_chord(f"{tonic_name((tonic_pc + int(step)) % 12)}:{quality}", key))
    return out


def apply_reference(project: SongProject, traits: ReferenceTraits) -> tuple[SongProject, str, list[str]]:
    """``project`` with ``traits`` carried over (see the module docstring), what was carried, and
    notes on what could not be."""
    said: list[str] = []
    notes: list[str] = []
    update: dict[str, object] = {}
    if traits.tempo_bpm:
        bpm = round(max(MIN_TEMPO_BPM, min(MAX_TEMPO_BPM, traits.tempo_bpm)), 1)
        update["tempo_bpm"] = bpm
        update["tempo_changes"] = []
        said.append(f"tempo {bpm:g} BPM")
    else:
        notes.append("no steady beat was heard in the reference, so the tempo stays")
    if traits.meter in METERS and METERS[traits.meter] != tuple(project.meter):  # type: ignore[index]
        meter = METERS[traits.meter]  # type: ignore[index]
        update["meter"] = meter
        bpb = meter[0] * 4.0 / meter[1]
        rng = random.Random(stable_seed(project.seed, "motif"))
        update["motif"] = make_motif(
            rng, STYLES[project.style].melody_rhythm, bpb, float(update.get("tempo_bpm", project.tempo_bpm))
        )
    if traits.meter:
        said.append(f"meter {traits.meter}")
    key = parse_key(traits.key) if traits.key else None
    if key:
        update["key"], update["mode"] = key
        said.append(f"key {key[0]} {key[1]}")
    else:
        notes.append("no key was heard in the reference, so the key stays")
    new = project.model_copy(update=update)
    tonic_pc = pitch_class(new.key)
    if traits.progression and key:
        chords = progression_chords(traits.progression, f"{new.key} {new.mode}")
        sections = []
        for i, s in enumerate(new.sections):
            cyc = [chords[j % len(chords)] for j in range(s.bars)]
            if i == len(new.sections) - 1:
                cyc[-1] = tonic_chord(tonic_pc, new.mode)
            sections.append(s.model_copy(update={"chords": cyc, "chords_per_bar": 1}))
        new = new.model_copy(update={"sections": sections})
        said.append(f"chords {' '.join(chords)}")
    elif key:
        from tools.generation.edits import change_key

        new, _ = change_key(project.model_copy(update={**update, "key": project.key, "mode": project.mode}),
                            key[0], key[1])  # fmt: skip
        notes.append("no chord progression was heard, so the style's own chords are used")
    energy = section_energy(new, traits.loudness_curve)
    if energy:
        new = new.model_copy(
            update={"sections": [s.model_copy(update={"energy": e})
                                 for s, e in zip(new.sections, energy, strict=True)]}
        )  # fmt: skip
        said.append(
            "energy " + " / ".join(f"{s.name} {e:.2f}" for s, e in zip(new.sections, energy, strict=True))
        )
    new = arrange(new)
    drums = traits.instruments.get("drums")
    has_drums = any(t.is_drums for t in new.tracks)
    if drums is not None and drums >= SURE_PRESENT and not has_drums:
        new, _ = add_instrument(new, "drums")
        said.append(f"added drums (heard, {drums:.2f})")
    elif drums is not None and drums <= SURE_ABSENT and has_drums and len(new.tracks) > 1:
        new, _ = remove_instrument(new, "drums")
        said.append(f"removed the drums (none heard, {drums:.2f})")
    bass = traits.instruments.get("bass")
    has_bass = any(t.role == "bass" for t in new.tracks)
    if bass is not None and bass >= SURE_PRESENT and not has_bass:
        band = dict(STYLES[new.style].instruments)
        new, _ = add_instrument(new, band.get("bass", "bass"))
        said.append(f"added a bass (heard, {bass:.2f})")
    elif (
        bass is not None
        and bass <= SURE_ABSENT
        and (traits.low_note_share or 0.0) < NO_BASS_LINE_SHARE
        and has_bass
        and len(new.tracks) > 1
    ):
        new, _ = remove_instrument(new, "bass")
        said.append(f"removed the bass (none heard, {bass:.2f})")
    heard = sorted(
        ((score, fam) for fam, score in traits.instruments.items() if fam in FAMILY_INSTRUMENT),
        reverse=True,
    )
    have = {t.instrument for t in new.tracks}
    for score, fam in [h for h in heard if h[0] >= SURE_PRESENT][:MAX_ADDED_FAMILIES]:
        name = FAMILY_INSTRUMENT[fam]
        if name not in have:
            new, _ = add_instrument(new, name)
            said.append(f"added {name} ({fam} heard, {score:.2f})")
    if not traits.instruments:
        notes.append("the reference's instruments could not be told apart, so the band stays")
    new = realign_lyrics(new)
    return new, f"like {traits.source}: " + ", ".join(said), notes
