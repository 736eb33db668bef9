"""Edits of a song project: pure functions, project in, new project (and a label) out.

Every edit keeps what it does not touch; parts whose notes depend on the change are rewritten
deterministically from the project (sections keep their seeds). Raises ToolError with the choices
when a track or section reference matches nothing. Units as in :mod:`tools.generation.project`.
"""

from __future__ import annotations

import re

from tools.base import ToolError
from tools.generation.compose.arrange import arrange, make_track, stable_seed, write_track
from tools.generation.compose.harmony import section_chords
from tools.generation.compose.request import MAX_TEMPO_BPM, MIN_TEMPO_BPM
from tools.generation.instruments import instrument_names, lookup
from tools.generation.lyrics import align
from tools.generation.project import MixSettings, SongProject, Track
from tools.generation.styles import STYLES
from tools.generation.theory import named_tonic, parse_key, pitch_class, tonic_name

MAX_SECTION_BARS = 64

ROLE_WORDS = {"vocal": "lead_vocal", "vocals": "lead_vocal", "voice": "lead_vocal", "lead": "melody",
              "melody": "melody", "tune": "melody", "chords": "chords", "harmony": "chords", "pad": "pad",
              "bass": "bass", "drums": "drums", "beat": "drums", "percussion": "drums", "kick": "drums",
              "kick drum": "drums", "snare": "drums", "hats": "drums", "hi-hat": "drums", "hi-hats": "drums",
              "hihat": "drums", "hihats": "drums", "cymbals": "drums", "toms": "drums", "groove": "drums",
              "low end": "bass", "singing": "lead_vocal", "singer": "lead_vocal"}  # fmt: skip
"""Words for a part rather than an instrument: a kick or a snare is the drum track's."""


def find_tracks(project: SongProject, ref: str) -> list[Track]:
    """Tracks that ``ref`` names: a track name, an instrument (any alias) or a role word."""
    key = ref.strip().lower().removeprefix("the ").strip()
    inst = lookup(key)
    if inst is not None:
        hits = [t for t in project.tracks if t.instrument == inst.name]
        if hits:
            return hits
    hits = [t for t in project.tracks if t.name.lower() == key]
    if hits:
        return hits
    if inst is not None and inst.role in ("bass", "drums"):
        hits = [t for t in project.tracks if t.role == inst.role]
        if hits:
            return hits
    role = ROLE_WORDS.get(key)
    if role:
        hits = [t for t in project.tracks if t.role == role or (role == "lead_vocal" and t.role == "melody")]
    if hits:
        return hits
    raise ToolError(
        f"There is no '{ref}' in this song. Its tracks are: {', '.join(t.name for t in project.tracks)}.",
        code="unknown_track",
    )


def find_sections(project: SongProject, ref: str) -> list[str]:
    """Names of the sections ``ref`` names: 'verse 2', 'chorus' (every chorus), 'the last chorus'."""
    key = ref.strip().lower().removeprefix("the ").strip()
    names = [s.name for s in project.sections]
    if key in names:
        return [key]
    m = re.match(r"(first|last|second|third|final)\s+(\w+)", key)
    if m:
        kind = m.group(2)
        same = [s.name for s in project.sections if s.kind == kind]
        if same:
            pick = {"first": 0, "second": 1, "third": 2, "last": -1, "final": -1}[m.group(1)]
            if -len(same) <= pick < len(same):
                return [same[pick]]
    m = re.match(r"(\w+)\s*(\d+)$", key)
    kinds = {s.kind for s in project.sections}
    kind = m.group(1) if m else key
    if kind not in kinds:  # plurals: 'choruses', 'verses', 'intros'
        kind = next(
            (kind[: -len(x)] for x in ("es", "s") if kind.endswith(x) and kind[: -len(x)] in kinds), kind
        )
    same = [s.name for s in project.sections if s.kind == kind]
    if same and m:
        idx = int(m.group(2)) - 1
        if 0 <= idx < len(same):
            return [same[idx]]
    if same:
        return same
    raise ToolError(
        f"This song has no '{ref}'. Its sections are: {', '.join(names)}.", code="unknown_section"
    )


def _lines_by_section(project: SongProject) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for syl in project.lyrics:
        if syl.line_start and syl.line:
            out.setdefault(syl.section, []).append(syl.line)
    return out


def realign_lyrics(project: SongProject) -> SongProject:
    """The same lyric lines set again on the (changed) melody."""
    if not project.lyrics:
        return project
    return project.model_copy(update={"lyrics": align(project, _lines_by_section(project))})


def set_tempo(project: SongProject, bpm: float) -> tuple[SongProject, str, list[str]]:
    """A new tempo (BPM), clamped to the playable range; later tempo changes scale with it."""
    notes = []
    if not bpm == bpm or bpm < MIN_TEMPO_BPM or bpm > MAX_TEMPO_BPM:
        clamped = MIN_TEMPO_BPM if not bpm > MIN_TEMPO_BPM else MAX_TEMPO_BPM
        notes.append(f"{bpm:g} BPM is out of range, so I used {clamped:g} BPM")
        bpm = clamped
    bpm = round(bpm, 2)
    ratio = bpm / project.tempo_bpm
    changes = [
        c.model_copy(update={"bpm": round(min(MAX_TEMPO_BPM, c.bpm * ratio), 2)})
        for c in project.tempo_changes
    ]
    new = project.model_copy(update={"tempo_bpm": bpm, "tempo_changes": changes})
    return new, f"tempo {project.tempo_bpm:g} → {bpm:g} BPM", notes


def change_key(project: SongProject, tonic: str | None, mode: str | None) -> tuple[SongProject, str]:
    """Move the song to ``tonic`` (pitch name) and/or ``mode``: a transposition when the mode stays,
    a re-harmonisation with the style's progressions for the new mode when it changes."""
    new_tonic = tonic_name(pitch_class(tonic)) if tonic else project.key
    new_mode = mode or project.mode
    if new_tonic == project.key and new_mode == project.mode:
        return project, f"already in {project.key_label}"
    style = STYLES[project.style]
    pc = pitch_class(new_tonic)
    sections = []
    for i, s in enumerate(project.sections):
        chords = section_chords(
            style,
            pc,
            new_mode,
            s.kind,
            s.bars,
            project.seed,
            is_last=i == len(project.sections) - 1,
            variant=s.variant,
        )
        sections.append(s.model_copy(update={"chords": chords}))
    new = project.model_copy(update={"key": new_tonic, "mode": new_mode, "sections": sections})
    new = realign_lyrics(arrange(new))
    return new, f"key {project.key_label} → {new.key_label}"


def parse_key_request(text: str, project: SongProject) -> tuple[str | None, str | None]:
    """(tonic, mode) from 'A major', 'Bbm', 'minor', 'major', or 'up 2' semitone phrasing."""
    parsed = parse_key(text)
    if parsed:
        return parsed
    low = text.lower()
    m = re.search(r"([+-]?\d+)", low)
    if m and re.search(r"semitone|half|step|up|down|\+|-", low):
        shift = int(m.group(1)) * (-1 if "down" in low and not m.group(1).startswith("-") else 1)
        return tonic_name(pitch_class(project.key) + shift), None
    if "minor" in low:
        return None, "minor"
    if "major" in low:
        return None, "major"
    tonic = named_tonic(text)  # 'f', 'put it in f', 'in the key of g': that tonic, the mode kept
    if tonic:
        return tonic, None
    raise ToolError(
        f"I couldn't read a key in '{text}': say e.g. 'A major', 'D minor' or 'up 2 semitones'.",
        code="bad_key",
    )


def swap_instrument(project: SongProject, old: str, new: str) -> tuple[SongProject, str]:
    """Every track playing ``old`` plays ``new`` instead (parts rewritten for its register); a bass part
    moved to a family with a bass of its own takes that one ('the bassline on a synth': synth bass)."""
    inst = lookup(new)
    if inst is None:
        raise ToolError(
            f"I don't have a '{new}'. I can use: {', '.join(instrument_names())}.", code="unknown_instrument"
        )
    targets = find_tracks(project, old)
    own_bass = lookup("synth bass") if inst.name == "synth lead" else lookup(f"{new.strip().lower()} bass")
    if targets and all(t.role == "bass" for t in targets) and inst.role != "bass" and own_bass is not None:
        inst = own_bass
    if any(t.is_drums for t in targets) != inst.is_drums:
        raise ToolError(
            "Drums can only be swapped for drums, and pitched instruments for pitched ones.", code="bad_swap"
        )
    names = {t.name for t in targets}
    tracks: list[Track] = []
    for t in project.tracks:
        if t.name in names:
            name = t.name.replace(t.instrument, inst.name, 1) if t.name.startswith(t.instrument) else t.name
            taken = {x.name for x in tracks} | {x.name for x in project.tracks if x.name not in names}
            if name in taken:
                name = make_track(
                    t.role, inst, [*tracks, *(x for x in project.tracks if x.name not in names)]
                ).name
            t = t.model_copy(update={"name": name, "instrument": inst.name, "program": inst.program})
            t = write_track(project, t)
        tracks.append(t)
    new_project = project.model_copy(update={"tracks": tracks})
    return new_project, f"{targets[0].instrument} → {inst.name}"


def add_instrument(project: SongProject, name: str, role: str | None = None) -> tuple[SongProject, str]:
    """A new track for instrument ``name`` in ``role`` (default: the instrument's usual role); a track of
    that instrument muted somewhere (and no role asked for) is un-muted instead ('bring the guitar back')."""
    inst = lookup(name)
    if inst is None:
        raise ToolError(
            f"I don't have a '{name}'. I can use: {', '.join(instrument_names())}.", code="unknown_instrument"
        )
    use_role = "drums" if inst.is_drums else (role or inst.role)
    silenced = [t for t in project.tracks if t.instrument == inst.name and t.muted_sections and not role]
    if silenced:  # 'bring the guitar back' after it was muted: the same part plays again
        names = {t.name for t in silenced}
        tracks = [t.model_copy(update={"muted_sections": []}) if t.name in names else t
                  for t in project.tracks]  # fmt: skip
        return project.model_copy(update={"tracks": tracks}), f"brought back {', '.join(sorted(names))}"
    if inst.is_drums and any(t.is_drums for t in project.tracks):
        raise ToolError("This song already has drums.", code="already_there")
    track = write_track(project, make_track(use_role, inst, project.tracks))
    new = project.model_copy(update={"tracks": [*project.tracks, track]})
    if not inst.is_drums and use_role == "bass":
        new = arrange(new)  # chords drop their left-hand roots once there is a bass
    return new, f"added {inst.name} ({use_role.replace('_', ' ')})"


def remove_instrument(project: SongProject, name: str) -> tuple[SongProject, str]:
    """Remove every track ``name`` refers to (at least one track must stay)."""
    targets = {t.name for t in find_tracks(project, name)}
    kept = [t for t in project.tracks if t.name not in targets]
    if not kept:
        raise ToolError("That would leave the song with no instruments at all.", code="nothing_left")
    new = project.model_copy(update={"tracks": kept})
    if any(project.track(n).role == "bass" for n in targets):
        new = arrange(new)
    return new, f"removed {', '.join(sorted(targets))}"


def set_section_bars(
    project: SongProject,
    section: str,
    bars: int | None = None,
    change: int | None = None,
    factor: float | None = None,
) -> tuple[SongProject, str, list[str]]:
    """New length (bars) of the sections ``section`` names: absolute, +/- bars, or a factor."""
    names = find_sections(project, section)
    notes: list[str] = []
    style = STYLES[project.style]
    pc = pitch_class(project.key)
    sections = []
    for i, s in enumerate(project.sections):
        if s.name in names:
            n = (
                bars
                if bars is not None
                else (s.bars + change if change is not None else round(s.bars * (factor or 1.5)))
            )
            if n < 1 or n > MAX_SECTION_BARS:
                fixed = max(1, min(MAX_SECTION_BARS, n))
                notes.append(f"{n} bars is not possible for {s.name}, so I used {fixed}")
                n = fixed
            chords = section_chords(
                style,
                pc,
                project.mode,
                s.kind,
                n,
                project.seed,
                is_last=i == len(project.sections) - 1,
                variant=s.variant,
            )
            s = s.model_copy(update={"bars": n, "chords": chords})
        sections.append(s)
    new = realign_lyrics(arrange(project.model_copy(update={"sections": sections})))
    before = project.sections[[s.name for s in project.sections].index(names[0])].bars
    after = new.sections[[s.name for s in new.sections].index(names[0])].bars
    return new, f"{', '.join(names)}: {before} → {after} bars", notes


def set_muted(
    project: SongProject, track: str, section: str | None, muted: bool = True, solo: bool = False
) -> tuple[SongProject, str]:
    """Mute (or unmute) ``track`` in ``section`` (every section when None); with ``solo`` every other
    track is muted there instead."""
    targets = {t.name for t in find_tracks(project, track)}
    secs = find_sections(project, section) if section else [s.name for s in project.sections]
    tracks = []
    for t in project.tracks:
        hit = (t.name not in targets) if solo else (t.name in targets)
        if hit:
            current = set(t.muted_sections)
            current = current | set(secs) if (muted or solo) else current - set(secs)
            t = t.model_copy(
                update={"muted_sections": [s.name for s in project.sections if s.name in current]}
            )
        tracks.append(t)
    where = ", ".join(secs) if section else "the whole song"
    verb = "solo" if solo else ("muted" if muted else "unmuted")
    return project.model_copy(update={"tracks": tracks}), f"{verb} {', '.join(sorted(targets))} in {where}"


def regenerate_section(
    project: SongProject, section: str, seed: int | None = None, step: int = 1
) -> tuple[SongProject, str]:
    """New notes (and possibly another of the style's progressions) for ``section``; the rest stays.
    Bars written again inside it (inpainting) are dropped: the whole section is new."""
    names = find_sections(project, section)
    style = STYLES[project.style]
    pc = pitch_class(project.key)
    sections = []
    for i, s in enumerate(project.sections):
        if s.name in names:
            variant = s.variant + max(1, step)
            new_seed = seed if seed is not None else stable_seed(s.seed, "regenerate", variant)
            chords = section_chords(
                style,
                pc,
                project.mode,
                s.kind,
                s.bars,
                project.seed,
                is_last=i == len(project.sections) - 1,
                variant=variant,
            )
            s = s.model_copy(update={"seed": new_seed, "variant": variant, "chords": chords, "patches": []})
        sections.append(s)
    new = realign_lyrics(arrange(project.model_copy(update={"sections": sections})))
    return new, f"new take of {', '.join(names)}"


def change_mix(
    project: SongProject,
    track: str,
    gain_db: float | None = None,
    reverb: float | None = None,
    reverb_change: float | None = None,
    pan: float | None = None,
) -> tuple[SongProject, str]:
    """Change ``track``'s gain (relative, dB), reverb send (absolute or relative, 0-1) or pan."""
    targets = {t.name for t in find_tracks(project, track)}
    tracks, said = [], []
    for t in project.tracks:
        if t.name in targets:
            mix = t.mix
            upd: dict[str, float] = {}
            if gain_db is not None:
                upd["gain_db"] = max(-60.0, min(12.0, mix.gain_db + gain_db))
            if reverb is not None:
                upd["reverb"] = max(0.0, min(1.0, reverb))
            elif reverb_change is not None:
                upd["reverb"] = max(0.0, min(1.0, mix.reverb + reverb_change))
            if pan is not None:
                upd["pan"] = max(-1.0, min(1.0, pan))
            t = t.model_copy(update={"mix": MixSettings(**{**mix.model_dump(), **upd})})
        tracks.append(t)
    if gain_db is not None:
        said.append(f"{gain_db:+g} dB")
    if reverb is not None or reverb_change is not None:
        said.append("reverb " + (f"{reverb:.2f}" if reverb is not None else f"{reverb_change:+.2f}"))
    if pan is not None:
        said.append(f"pan {pan:+.2f}")
    return project.model_copy(
        update={"tracks": tracks}
    ), f"{', '.join(sorted(targets))}: {', '.join(said) or 'no change'}"


def set_lyrics(project: SongProject, section: str | None, text: str | None) -> tuple[SongProject, str]:
    """New words for ``section`` (every sung section when None): ``text``, or new template lines."""
    from tools.generation.lyrics import attach_lyrics

    names = find_sections(project, section) if section else [None]
    new = project
    for name in names:
        new = attach_lyrics(new, text, section=name)
    return new, f"new lyrics for {', '.join(n for n in names if n) or 'the song'}"


def variation(project: SongProject, take: int, section: str | None = None) -> tuple[SongProject, str]:
    """Take number ``take`` (1, 2, ...) of the song, or of ``section`` only: new seeds (and, for the
    whole song, a new motif), the same style, key, tempo, form and instruments."""
    import random

    from tools.generation.compose.melody import make_motif

    names = find_sections(project, section) if section else [s.name for s in project.sections]
    new = project
    for name in names:
        new, _ = regenerate_section(new, name, seed=stable_seed(project.seed, "take", take, name), step=take)
    if section is None:
        style = STYLES[project.style]
        rng = random.Random(stable_seed(project.seed, "take-motif", take))
        motif = make_motif(rng, style.melody_rhythm, project.beats_per_bar, project.tempo_bpm)
        new = realign_lyrics(arrange(new.model_copy(update={"motif": motif})))
    return new, f"take {take} of {', '.join(names) if section else 'the song'}"
