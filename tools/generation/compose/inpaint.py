"""Inpainting: bars of a section written again for some parts, every other note kept bit for bit.

A :class:`~tools.generation.project.BarPatch` on a section names the bars and the parts (roles). The
new notes come from a fresh take of the part (a new motif for the melody, another pattern for bass,
accompaniment and drums), cut to the bars, and joined to the notes around them: the melody's first
new note moves within a fourth of the note before, its last within a fourth of the note after (both
onto chord tones), and the whole passage sits in the octave nearest to its neighbours.

Times in beats; pitches MIDI numbers.
"""

from __future__ import annotations

import dataclasses
import random

from tools.generation.compose.arrange import section_context, stable_seed
from tools.generation.compose.bass import write_bass
from tools.generation.compose.comp import write_comp
from tools.generation.compose.drums import write_drums
from tools.generation.compose.melody import write_melody
from tools.generation.instruments import lookup
from tools.generation.project import BarPatch, Motif, NoteEvent, SongProject, Track
from tools.generation.styles import STYLES
from tools.generation.theory import nearest_chord_tone

MAX_JOIN_SEMITONES = 5
"""Largest leap (semitones) allowed between an inpainted melody and the notes around it."""
MAX_ATTEMPTS = 8
"""Takes tried until the new notes differ from the old ones."""

_BASS_PATTERNS = ("root_fifth", "walking", "sparse", "root8")
_COMP_RHYTHMS = ("block", "strings", "lofi", "jazz", "strum", "bossa")
_DRUM_PATTERNS = ("pop", "rock", "folk", "funk", "boombap")


def _plays(track: Track, roles: list[str]) -> bool:
    role = "melody" if track.role == "lead_vocal" else track.role
    return role in roles or track.role in roles


def new_tune(motif: Motif, rng: random.Random) -> Motif:
    """A new tune on the rhythm of the song's ``motif`` (so it does not depend on the style or the
    tempo, which later edits may change): a fresh stepwise line ending on the tonic or the fifth."""
    degrees = [rng.choice([0, 2, 4, 7])]
    for _ in range(len(motif.onsets) - 1):
        step = rng.choice([-2, -1, -1, 1, 1, 2, 3, -3])
        nxt = degrees[-1] + step
        degrees.append(nxt if -3 <= nxt <= 9 else degrees[-1] - step)
    if len(degrees) > 1:
        degrees[-1] = min((0, 4, 7, -3), key=lambda d: (abs(d - degrees[-2]), d))
    if degrees == list(motif.degrees):
        degrees = [d + 2 for d in degrees]
    return motif.model_copy(update={"degrees": degrees})


def fresh_part(project: SongProject, track: Track, index: int, seed: int, attempt: int) -> list[NoteEvent]:
    """A new take of ``track``'s part over the whole of section ``index`` (cut to the bars later)."""
    sec = project.sections[index]
    ctx = section_context(project, index)
    style = STYLES[project.style]
    rng = random.Random(stable_seed(seed, attempt, track.role))
    part_seed = stable_seed(seed, attempt, track.role, track.instrument)
    inst = lookup(track.instrument)
    low = inst.low if inst is not None else 48
    if track.role in ("melody", "lead_vocal"):
        motif = new_tune(project.motif, rng)
        if ctx.kind == "intro":  # intros have no tune of their own: write one as for a verse
            ctx = dataclasses.replace(ctx, kind="verse")
        return write_melody(motif, ctx, part_seed, max(low, 57), sec.variant + 1 + attempt)
    if track.role == "bass":
        choices = [p for p in _BASS_PATTERNS if p != style.bass] or list(_BASS_PATTERNS)
        return write_bass(choices[(seed + attempt) % len(choices)], ctx, part_seed)
    if track.role == "drums":
        choices = [p for p in _DRUM_PATTERNS if p != style.drums] or list(_DRUM_PATTERNS)
        return write_drums(choices[(seed + attempt) % len(choices)], ctx, part_seed)
    choices = [p for p in _COMP_RHYTHMS if p != style.comp] or list(_COMP_RHYTHMS)
    return write_comp(choices[(seed + attempt) % len(choices)], ctx, part_seed, low, role=track.role)


def _with_pitch(n: NoteEvent, pitch: int) -> NoteEvent:
    return n.model_copy(update={"pitch": int(max(0, min(127, pitch)))})


def join_smoothly(
    new: list[NoteEvent],
    before: NoteEvent | None,
    after: NoteEvent | None,
    chord_at: dict[int, str],
    bar_of: dict[int, int],
    octave_shift: bool,
) -> list[NoteEvent]:
    """``new`` (sorted) moved so it continues ``before`` and leads into ``after``: the octave nearest
    to the neighbours (when ``octave_shift``), then the first and last notes onto the chord tone
    nearest to the neighbouring note when the leap is over :data:`MAX_JOIN_SEMITONES`."""
    if not new:
        return new
    anchors = [n.pitch for n in (before, after) if n is not None]
    if octave_shift and anchors:
        centre = sum(anchors) / len(anchors)
        mean = sum(n.pitch for n in new) / len(new)
        shift = 12 * round((centre - mean) / 12)
        new = [_with_pitch(n, n.pitch + shift) for n in new]
    out = list(new)
    if before is not None and abs(out[0].pitch - before.pitch) > MAX_JOIN_SEMITONES:
        chord = chord_at[bar_of[0]]
        out[0] = _with_pitch(out[0], nearest_chord_tone(before.pitch, chord))
    if after is not None and abs(out[-1].pitch - after.pitch) > MAX_JOIN_SEMITONES:
        chord = chord_at[bar_of[len(out) - 1]]
        out[-1] = _with_pitch(out[-1], nearest_chord_tone(after.pitch, chord))
    return out


def patch_range(project: SongProject, index: int, patch: BarPatch) -> tuple[float, float] | None:
    """(start, end) beats of ``patch`` in section ``index``; None when it lies past the section's end
    (the section was shortened since)."""
    sec = project.sections[index]
    if patch.first_bar >= sec.bars:
        return None
    bars = min(patch.bars, sec.bars - patch.first_bar)
    start = project.section_starts()[sec.name] + patch.first_bar * project.beats_per_bar
    return start, start + bars * project.beats_per_bar


def apply_patch(
    project: SongProject, track: Track, notes: list[NoteEvent], index: int, patch: BarPatch
) -> list[NoteEvent]:
    """``notes`` (the whole track) with ``patch``'s bars of section ``index`` written again when the
    track plays one of its roles; every note that starts outside the bars is returned unchanged."""
    span = patch_range(project, index, patch)
    if span is None or not _plays(track, list(patch.roles)):
        return notes
    start, end = span
    eps = 1e-6
    outside_before = [n for n in notes if n.start < start - eps]
    outside_after = [n for n in notes if n.start >= end - eps]
    old = [n for n in notes if start - eps <= n.start < end - eps]
    mono = track.role in ("melody", "lead_vocal", "bass")
    held_until = max((n.start + n.duration for n in outside_before), default=0.0) if mono else 0.0
    ctx = section_context(project, index)
    bpb = project.beats_per_bar
    new: list[NoteEvent] = []
    for attempt in range(MAX_ATTEMPTS):
        take = sorted(
            fresh_part(project, track, index, patch.seed, attempt), key=lambda n: (n.start, n.pitch)
        )
        new = [
            n.model_copy(update={"duration": round(min(n.duration, end - n.start), 4)})
            for n in take
            if start - eps <= n.start < end - eps and n.start >= held_until - eps
        ]
        if mono and not track.is_drums:
            bar_of = {i: int((n.start - ctx.start) // bpb) for i, n in enumerate(new)}
            chord_at = {b: ctx.chords[min(max(b, 0), ctx.bars - 1)] for b in bar_of.values()}
            before = max(outside_before, key=lambda n: n.start) if outside_before else None
            after = min(outside_after, key=lambda n: n.start) if outside_after else None
            new = join_smoothly(new, before, after, chord_at, bar_of, octave_shift=track.role != "bass")
        if new != old:
            break
    return outside_before + new + outside_after


def apply_patches(project: SongProject, track: Track, notes: list[NoteEvent]) -> list[NoteEvent]:
    """``notes`` with every section's patches applied, in order (sections first to last)."""
    for i, sec in enumerate(project.sections):
        for patch in sec.patches:
            notes = apply_patch(project, track, notes, i, patch)
    return notes
