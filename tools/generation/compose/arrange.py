"""Arrangement: a resolved request becomes a complete :class:`SongProject`, and any section's parts
can be (re)written from the project alone, which is what the edit tools use.

Times in beats; a part's notes are a deterministic function of the project's style, key, motif,
sections (with their seeds) and the track's role and instrument.
"""

from __future__ import annotations

import random
import zlib

from tools.generation.compose.bass import write_bass
from tools.generation.compose.comp import write_comp
from tools.generation.compose.drums import write_drums
from tools.generation.compose.form import KIND_ENERGY, bars_for_duration, fit_form, name_sections
from tools.generation.compose.groove import SectionContext, note
from tools.generation.compose.harmony import section_chords, tonic_chord
from tools.generation.compose.melody import make_motif, write_melody
from tools.generation.compose.request import ComposeRequest, Resolved, resolve
from tools.generation.instruments import Instrument, lookup
from tools.generation.project import MixSettings, NoteEvent, Section, SongProject, Track
from tools.generation.styles import STYLES
from tools.generation.theory import parse_chord, pitch_class

DEFAULT_MIX: dict[str, MixSettings] = {
    "melody": MixSettings(gain_db=0.0, pan=0.1, reverb=0.25),
    "lead_vocal": MixSettings(gain_db=0.0, pan=0.0, reverb=0.3),
    "chords": MixSettings(gain_db=-3.0, pan=-0.2, reverb=0.25),
    "pad": MixSettings(gain_db=-7.0, pan=0.25, reverb=0.45),
    "bass": MixSettings(gain_db=-1.0, pan=0.0, reverb=0.05),
    "drums": MixSettings(gain_db=-1.0, pan=0.0, reverb=0.1),
}
"""Starting mix of each role (gain dB, pan, reverb send)."""


def stable_seed(*parts: object) -> int:
    """A seed derived from ``parts`` that is the same in every process (unlike ``hash``)."""
    return zlib.crc32(":".join(str(p) for p in parts).encode()) & 0x7FFFFFFF


def make_track(role: str, inst: Instrument, existing: list[Track]) -> Track:
    """A new, empty track for ``inst`` in ``role`` with a unique name and the role's starting mix."""
    names = {t.name for t in existing}
    name = inst.name if inst.name not in names else f"{inst.name} {role.replace('_', ' ')}"
    n = 2
    while name in names:
        name, n = f"{inst.name} {n}", n + 1
    return Track(
        name=name,
        instrument=inst.name,
        program=inst.program,
        is_drums=inst.is_drums,
        role="drums" if inst.is_drums else role,  # type: ignore[arg-type]
        mix=DEFAULT_MIX.get(role, MixSettings()).model_copy(),
    )


def build_sections(res: Resolved) -> tuple[list[Section], float]:
    """The sections for the requested duration and the tail (seconds) after the last bar."""
    beats_per_bar = res.meter[0] * 4.0 / res.meter[1]
    total_bars, tail_s = bars_for_duration(res.duration_s, res.tempo_bpm, beats_per_bar)
    template = (
        [(k, 8 if k not in ("intro", "outro") else 4) for k in res.structure]
        if res.structure
        else list(res.style.form)
    )
    form = fit_form(template, total_bars)
    names = name_sections([k for k, _ in form])
    tonic_pc = pitch_class(res.tonic)
    sections = []
    for i, ((kind, bars), name) in enumerate(zip(form, names, strict=True)):
        chords = section_chords(
            res.style, tonic_pc, res.mode, kind, bars, res.seed, is_last=i == len(form) - 1
        )
        energy = KIND_ENERGY.get(kind, 0.5)
        sections.append(
            Section(
                name=name,
                kind=kind,
                bars=bars,
                chords=chords,
                energy=energy,
                seed=stable_seed(res.seed, name),
            )
        )
    return sections, tail_s


def section_context(project: SongProject, index: int) -> SectionContext:
    """The part writers' view of section ``index``."""
    sec = project.sections[index]
    starts = project.section_starts()
    tonic_pc = pitch_class(project.key)
    nxt = (
        project.sections[index + 1].chords[0]
        if index + 1 < len(project.sections)
        else tonic_chord(tonic_pc, project.mode)
    )
    chords = tuple(sec.chords[i % len(sec.chords)] for i in range(sec.bars))
    return SectionContext(
        kind=sec.kind,
        start=starts[sec.name],
        bars=sec.bars,
        beats_per_bar=project.beats_per_bar,
        chords=chords,
        energy=sec.energy,
        tonic_pc=tonic_pc,
        mode=project.mode,
        swing=STYLES[project.style].swing,
        is_first=index == 0,
        is_last=index == len(project.sections) - 1,
        next_chord=nxt,
    )


def _bass_support(ctx: SectionContext, seed: int) -> list[NoteEvent]:
    """Left-hand roots for a band with no bass: a low root at the start of every bar."""
    rng = random.Random(seed)
    out = []
    for bar in range(ctx.bars):
        root, _ = parse_chord(ctx.chords[bar])
        pitch = 36 + ((root - 36) % 12)
        out.append(
            note(
                ctx.bar_start(bar),
                ctx.beats_per_bar * 0.95,
                pitch,
                int(60 + 40 * ctx.energy + rng.uniform(-3, 3)),
            )
        )
    return out


def write_part(project: SongProject, track: Track, index: int) -> list[NoteEvent]:
    """The notes of ``track`` in section ``index`` (deterministic for the project and track)."""
    if track.role == "lead_vocal":  # the guide vocal sings the melody's notes, whatever rewrote the parts
        track = next((t for t in project.tracks if t.role == "melody"), track)
    ctx = section_context(project, index)
    style = STYLES[project.style]
    seed = stable_seed(project.sections[index].seed, track.role, track.instrument)
    inst = lookup(track.instrument)
    low = inst.low if inst is not None else 48
    if track.role in ("melody", "lead_vocal"):
        return write_melody(project.motif, ctx, seed, max(low, 57), project.sections[index].variant)
    if track.role == "bass":
        return write_bass(style.bass or "root_fifth", ctx, seed)
    if track.role == "drums":
        return write_drums(style.drums or "pop", ctx, seed)
    notes = write_comp(style.comp, ctx, seed, low, role=track.role)
    if track.role == "chords" and not any(t.role == "bass" for t in project.tracks):
        first_chords = next(t for t in project.tracks if t.role == "chords")
        if first_chords.name == track.name:
            notes += _bass_support(ctx, seed)
    return notes


def extend_final_notes(project: SongProject, notes: list[NoteEvent]) -> list[NoteEvent]:
    """Notes that reach the end of the form ring on through the tail."""
    end = project.total_beats
    tail_beats = project.tail_s * project.tempo_map()[-1].bpm / 60.0
    out = []
    for n in notes:
        if n.start + n.duration >= end - 0.3 and tail_beats > 0:
            n = n.model_copy(update={"duration": round(end + tail_beats - n.start, 4)})
        out.append(n)
    return out


def write_track(project: SongProject, track: Track) -> Track:
    """``track`` with every section's notes (re)written."""
    notes: list[NoteEvent] = []
    for i in range(len(project.sections)):
        notes.extend(write_part(project, track, i))
    if any(s.patches for s in project.sections):
        from tools.generation.compose.inpaint import apply_patches

        notes = apply_patches(project, track, notes)
    notes = extend_final_notes(project, notes)
    return track.model_copy(update={"notes": sorted(notes, key=lambda n: (n.start, n.pitch))})


def arrange(project: SongProject) -> SongProject:
    """The project with every track's notes written from its sections, style, key and motif."""
    tracks = [write_track(project, t) for t in project.tracks]
    return project.model_copy(update={"tracks": tracks})


def compose(request: ComposeRequest) -> SongProject:
    """A complete song project for ``request`` (seeded: the same request gives the same song)."""
    res = resolve(request)
    sections, tail_s = build_sections(res)
    beats_per_bar = res.meter[0] * 4.0 / res.meter[1]
    motif = make_motif(
        random.Random(stable_seed(res.seed, "motif")), res.style.melody_rhythm, beats_per_bar, res.tempo_bpm
    )
    tracks: list[Track] = []
    for role, inst in res.instruments:
        tracks.append(make_track(role, inst, tracks))
    project = SongProject(
        title=res.title,
        style=res.style.name,
        mood=res.mood,
        tempo_bpm=res.tempo_bpm,
        meter=res.meter,
        key=res.tonic,
        mode=res.mode,  # type: ignore[arg-type]
        sections=sections,
        tracks=tracks,
        motif=motif,
        theme=res.theme,
        tail_s=round(tail_s, 6),
        seed=res.seed,
        notes=res.notes,
    )
    project = arrange(project)
    if res.lyrics or res.theme:
        from tools.generation.lyrics import attach_lyrics

        project = attach_lyrics(project, res.lyrics)
    return project
