"""Style change keeping the melody ('make it jazz', 'as a bossa nova').

The lead melody keeps its notes (only its off-beats move to the new style's swing or straight
feel); every other part is written again in the new style: its band (instruments per role), bass
line, drum pattern and accompaniment. Chords are re-harmonised bar by bar with the new style's
progressions where they carry the melody unchanged, else with the old chord's root in the new
style's colour (sevenths in jazz, bossa, lo-fi...), else the old chord. The tempo moves into the
style's range unless one was given. Tempo in BPM.
"""

from __future__ import annotations

from tools.base import ToolError
from tools.generation.compose.arrange import arrange, make_track, write_track
from tools.generation.compose.harmony import section_chords
from tools.generation.compose.request import MAX_TEMPO_BPM, MIN_TEMPO_BPM
from tools.generation.edits import realign_lyrics
from tools.generation.instruments import lookup
from tools.generation.project import Section, SongProject, Track
from tools.generation.styles import STYLES, Style, find_style, style_names
from tools.generation.theory import parse_chord, pitch_class, tonic_name

SEVENTH_STYLES = frozenset({"jazz", "bossa", "lofi", "house", "funk"})
"""Styles whose chords are coloured with sevenths."""


def find_target_style(word: str) -> Style:
    """The style ``word`` names ('jazz', 'a bossa nova', 'lo-fi hip hop'); ToolError listing the
    styles when none."""
    style = STYLES.get(word.strip().lower()) or find_style(word)
    if style is None:
        raise ToolError(
            f"I don't know the style '{word}'. I can write: {', '.join(style_names())}.", code="unknown_style"
        )
    return style


def colour(label: str, style: Style, tonic_pc: int) -> str:
    """``label``'s root with ``style``'s chord colour: maj7 / min7 / dominant 7 (on the fifth degree)
    in seventh styles, plain triads in the others."""
    if label in ("N", "X", ""):
        return label
    root, intervals = parse_chord(label)
    minor = len(intervals) > 1 and intervals[1] == 3
    name = label.partition(":")[0]
    if style.name in SEVENTH_STYLES:
        if minor:
            return f"{name}:min7"
        return f"{name}:7" if (root - tonic_pc) % 12 == 7 or style.name == "funk" else f"{name}:maj7"
    if len(intervals) > 1 and intervals[:3] in ((0, 3, 6), (0, 4, 8)):
        return label
    return f"{name}:{'min' if minor else 'maj'}"


def _melody_by_bar(project: SongProject, melody: Track) -> list[list[int]]:
    """Pitches of ``melody`` as ``project`` writes it (patches included), bar by bar of the song."""
    notes = write_track(project, melody).notes
    bpb = project.beats_per_bar
    out: list[list[int]] = [[] for _ in range(project.total_bars)]
    for n in notes:
        bar = int((n.start + 1e-6) // bpb)
        if 0 <= bar < len(out):
            out[bar].append(n.pitch)
    return out


def reharmonise(project: SongProject, new: SongProject, melody: Track | None) -> tuple[list[Section], int]:
    """``new``'s sections with chords in its style that keep ``melody``'s pitches (as ``project`` has
    them), and how many bars took a chord of the new style's own progressions. Bar by bar: the
    style's progression where the melody stays the same on it, else the old chord in the style's
    colour, else the old chord."""
    style = STYLES[new.style]
    tonic = pitch_class(new.key)
    old = [[s.chords[j % len(s.chords)] for j in range(s.bars)] for s in new.sections]
    idiomatic = [
        section_chords(
            style, tonic, new.mode, s.kind, s.bars, new.seed, is_last=i == len(new.sections) - 1,
            variant=s.variant,
        )
        for i, s in enumerate(new.sections)
    ]  # fmt: skip
    coloured = [[colour(c, style, tonic) for c in row] for row in old]

    def with_chords(rows: list[list[str]]) -> SongProject:
        secs = [
            s.model_copy(update={"chords": r, "chords_per_bar": 1})
            for s, r in zip(new.sections, rows, strict=True)
        ]
        return new.model_copy(update={"sections": secs})

    if melody is None:
        return with_chords(idiomatic).sections, sum(s.bars for s in new.sections)
    target = _melody_by_bar(project, next(t for t in project.tracks if t.name == melody.name))
    takes = [_melody_by_bar(with_chords(rows), melody) for rows in (idiomatic, coloured)]
    flat = [(i, j) for i, s in enumerate(new.sections) for j in range(s.bars)]
    choice = [
        0 if takes[0][b] == target[b] else 1 if takes[1][b] == target[b] else 2 for b in range(len(flat))
    ]
    tables = (idiomatic, coloured, old)
    for _ in range(3):  # a bar's chord can move a neighbouring inpainted note: fall back where it did
        rows = [[tables[choice[b]][i][j] for b, (i, j) in enumerate(flat) if i == k] for k in range(len(old))]
        heard = _melody_by_bar(with_chords(rows), melody)
        wrong = [b for b in range(len(flat)) if heard[b] != target[b] and choice[b] != 2]
        if not wrong:
            break
        for b in wrong:
            choice[b] = 2
    rows = [[tables[choice[b]][i][j] for b, (i, j) in enumerate(flat) if i == k] for k in range(len(old))]
    return with_chords(rows).sections, sum(1 for c in choice if c == 0)


def restyle_tracks(project: SongProject, style: Style) -> tuple[list[Track], list[str]]:
    """The tracks for ``style``: melody tracks kept, each other role played by the style's instrument
    for it (added when the song had none), drums removed in styles without drums."""
    tracks: list[Track] = []
    said: list[str] = []
    band = {role: inst for role, inst in style.instruments if role not in ("melody", "lead_vocal")}
    for t in project.tracks:
        if t.role in ("melody", "lead_vocal"):
            tracks.append(t)
            continue
        if t.role == "drums" and not style.drums:
            said.append(f"no drums in {style.name}")
            continue
        inst = lookup(band[t.role]) if t.role in band else None
        if (
            inst is not None
            and inst.name != t.instrument
            and not any(x.instrument == inst.name for x in tracks)
        ):
            said.append(f"{t.instrument} → {inst.name}")
            name = inst.name if not any(x.name == inst.name for x in project.tracks) else t.name
            t = t.model_copy(update={"instrument": inst.name, "program": inst.program, "name": name})
        tracks.append(t)
    have = {t.role for t in tracks}
    for role, inst_name in style.instruments:
        if role in have or role in ("melody", "lead_vocal") or (role == "drums" and not style.drums):
            continue
        inst = lookup(inst_name)
        if inst is not None:
            tracks.append(make_track(role, inst, tracks))
            said.append(f"added {inst.name}")
            have.add(role)
    return tracks, said


def restyle(
    project: SongProject, style_word: str, tempo_bpm: float | None = None
) -> tuple[SongProject, str, list[str]]:
    """The song in another style with its melody kept (see the module docstring)."""
    style = find_target_style(style_word)
    notes: list[str] = []
    if style.name == project.style and tempo_bpm is None:
        return project, f"already {style.name}", notes
    lo, hi = style.tempo_range
    bpm = project.tempo_bpm
    if tempo_bpm is not None:
        bpm = max(MIN_TEMPO_BPM, min(MAX_TEMPO_BPM, tempo_bpm))
        if bpm != tempo_bpm:
            notes.append(f"{tempo_bpm:g} BPM is out of range, so I used {bpm:g} BPM")
    elif not lo <= bpm <= hi:
        bpm = float(lo if bpm < lo else hi)
        notes.append(
            f"{project.tempo_bpm:g} BPM is outside {style.name}'s {lo:g}-{hi:g} BPM, so I used {bpm:g}"
        )
    ratio = bpm / project.tempo_bpm
    changes = [c.model_copy(update={"bpm": round(c.bpm * ratio, 2)}) for c in project.tempo_changes]
    tracks, said = restyle_tracks(project, style)
    melody = next((t for t in tracks if t.role in ("lead_vocal", "melody")), None)
    new = project.model_copy(
        update={"style": style.name, "tempo_bpm": round(bpm, 2), "tempo_changes": changes, "tracks": tracks}
    )
    sections, own = reharmonise(project, new, melody)
    new = realign_lyrics(arrange(new.model_copy(update={"sections": sections})))
    total = sum(s.bars for s in sections)
    parts = [f"style {project.style} → {style.name}"]
    parts.append("melody kept" + (" (swing feel)" if style.swing else ""))
    parts.append(f"{own} of {total} bars re-harmonised with {style.name} progressions")
    parts += said
    if round(bpm, 2) != project.tempo_bpm:
        parts.append(f"tempo {project.tempo_bpm:g} → {bpm:g} BPM")
    parts.append(f"key {tonic_name(pitch_class(new.key))} {new.mode}")
    return new, ", ".join(parts), notes
