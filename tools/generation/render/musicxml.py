"""Song project -> MusicXML 3.1 (partwise): one part per track, notes quantised to sixteenths.

Notes that cross a bar line are split there and tied across it (and a length that needs two note
values, e.g. five sixteenths, is written as tied pieces). Simplifications (stated so nobody relies
on more): simultaneous notes with the same onset become a chord with the shortest of their lengths
(a note cut short that way loses its tie); drum notes are written at their MIDI pitch on a
percussion-named part. Lyrics are attached to the melody's notes.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from tools.generation.project import SongProject, Track
from tools.generation.render.midi import audible_notes, lyric_track_name
from tools.generation.theory import pitch_class

DIVISIONS = 4
"""Divisions per quarter note (sixteenth-note grid)."""
_STEPS = [("C", 0), ("C", 1), ("D", 0), ("E", -1), ("E", 0), ("F", 0), ("F", 1), ("G", 0), ("A", -1),
          ("A", 0), ("B", -1), ("B", 0)]  # fmt: skip
_TYPES = {16: "whole", 12: "half", 8: "half", 6: "quarter", 4: "quarter", 3: "eighth", 2: "eighth", 1: "16th"}
_DOTTED = {12, 6, 3}
_FIFTHS = {0: 0, 7: 1, 2: 2, 9: 3, 4: 4, 11: 5, 6: 6, 1: -5, 8: -4, 3: -3, 10: -2, 5: -1}


def _pitch_xml(midi: int) -> str:
    step, alter = _STEPS[midi % 12]
    octave = midi // 12 - 1
    alter_xml = f"<alter>{alter}</alter>" if alter else ""
    return f"<pitch><step>{step}</step>{alter_xml}<octave>{octave}</octave></pitch>"


def _split(d: int) -> list[int]:
    """A length in divisions as a sum of writable lengths (whole, dotted half, half, ...)."""
    out = []
    for v in (16, 12, 8, 6, 4, 3, 2, 1):
        while d >= v:
            out.append(v)
            d -= v
    return out


def _note_xml(
    pitch: int | None,
    d: int,
    chord: bool = False,
    lyric: str | None = None,
    tie_stop: bool = False,
    tie_start: bool = False,
) -> str:
    parts = ["<note>"]
    if chord:
        parts.append("<chord/>")
    parts.append("<rest/>" if pitch is None else _pitch_xml(pitch))
    parts.append(f"<duration>{d}</duration>")
    ties = [t for t, on in (("stop", tie_stop), ("start", tie_start)) if on]
    parts.extend(f'<tie type="{t}"/>' for t in ties)
    parts.append(f"<type>{_TYPES[d]}</type>")
    if d in _DOTTED:
        parts.append("<dot/>")
    if ties:
        parts.append("<notations>" + "".join(f'<tied type="{t}"/>' for t in ties) + "</notations>")
    if lyric:
        syl = "begin" if lyric.endswith("-") else "single"
        parts.append(f"<lyric><syllabic>{syl}</syllabic><text>{escape(lyric.rstrip('-'))}</text></lyric>")
    parts.append("</note>")
    return "".join(parts)


Piece = tuple[int, int, bool, bool]
"""(pitch, length in divisions, tied from the bar before, tied into the bar after)."""


def _pieces_by_bar(project: SongProject, track: Track) -> dict[int, dict[int, list[Piece]]]:
    """Each audible note split at the bar lines: bar -> onset within the bar -> pieces."""
    bar_div = round(project.beats_per_bar * DIVISIONS)
    n_bars = project.total_bars
    by_bar: dict[int, dict[int, list[Piece]]] = {}
    for n in audible_notes(project, track):
        start = round(n.start * DIVISIONS)
        end = min(n_bars * bar_div, max(start + 1, round((n.start + n.duration) * DIVISIONS)))
        pos = start
        while pos < end:
            bar, offset = divmod(pos, bar_div)
            if bar >= n_bars:
                break
            length = min(end - pos, bar_div - offset)
            by_bar.setdefault(bar, {}).setdefault(offset, []).append(
                (n.pitch, length, pos > start, pos + length < end)
            )
            pos += length
    return by_bar


def _measures(project: SongProject, track: Track, lyrics: dict[int, str]) -> list[str]:
    bar_div = round(project.beats_per_bar * DIVISIONS)
    by_bar = _pieces_by_bar(project, track)
    out = []
    for bar in range(project.total_bars):
        onsets = by_bar.get(bar, {})
        body, pos = [], 0
        positions = sorted(onsets)
        for i, onset in enumerate(positions):
            if onset < pos:
                continue
            for r in _split(onset - pos):
                body.append(_note_xml(None, r))
            nxt = positions[i + 1] if i + 1 < len(positions) else bar_div
            group = onsets[onset]
            length = min(min(p[1] for p in group), nxt - onset)
            ties: dict[int, tuple[bool, bool]] = {}
            for pitch, ln, tie_in, tie_out in group:
                was = ties.get(pitch, (True, True))
                ties[pitch] = (was[0] and tie_in, was[1] and tie_out and ln == length)
            pitches = sorted(ties)
            pieces = _split(length)
            for j, piece in enumerate(pieces):
                for k, p in enumerate(pitches):
                    lyric = lyrics.get(bar * bar_div + onset) if j == 0 and k == 0 else None
                    tie_in, tie_out = ties[p]
                    body.append(
                        _note_xml(
                            p,
                            piece,
                            chord=k > 0,
                            lyric=lyric,
                            tie_stop=j > 0 or tie_in,
                            tie_start=j < len(pieces) - 1 or tie_out,
                        )
                    )
            pos = onset + length
        for r in _split(bar_div - pos):
            body.append(_note_xml(None, r))
        attrs = ""
        if bar == 0:
            fifths = _FIFTHS[(pitch_class(project.key) + (3 if project.mode == "minor" else 0)) % 12]
            attrs = (
                f"<attributes><divisions>{DIVISIONS}</divisions><key><fifths>{fifths}</fifths>"
                f"<mode>{project.mode}</mode></key><time><beats>{project.meter[0]}</beats>"
                f"<beat-type>{project.meter[1]}</beat-type></time>"
                f"<clef><sign>{'F' if track.role == 'bass' else 'G'}"
                f"</sign><line>{4 if track.role == 'bass' else 2}</line></clef></attributes>"
                f'<direction placement="above"><direction-type><metronome><beat-unit>quarter</beat-unit>'
                f"<per-minute>{project.tempo_bpm:g}</per-minute></metronome></direction-type>"
                f'<sound tempo="{project.tempo_bpm:g}"/></direction>'
            )
        out.append(f'<measure number="{bar + 1}">{attrs}{"".join(body)}</measure>')
    return out


def to_musicxml(project: SongProject) -> str:
    """The project as a MusicXML 3.1 partwise document."""
    owner = lyric_track_name(project)
    lyric_at = {round(s.beat * DIVISIONS): s.text for s in project.lyrics}
    part_list, parts = [], []
    for i, track in enumerate(project.tracks, start=1):
        pid = f"P{i}"
        program = "" if track.is_drums else f"<midi-program>{track.program + 1}</midi-program>"
        channel = 10 if track.is_drums else min(16, i)
        part_list.append(
            f'<score-part id="{pid}"><part-name>{escape(track.name)}</part-name>'
            f'<midi-instrument id="{pid}-I1"><midi-channel>{channel}</midi-channel>'
            f"{program}</midi-instrument>"
            "</score-part>"
        )
        measures = _measures(project, track, lyric_at if track.name == owner else {})
        parts.append(f'<part id="{pid}">{"".join(measures)}</part>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 3.1 Partwise//EN" '
        '"http://www.musicxml.org/dtds/partwise.dtd">\n'
        f'<score-partwise version="3.1"><work><work-title>{escape(project.title)}</work-title></work>'
        f"<part-list>{''.join(part_list)}</part-list>{''.join(parts)}</score-partwise>\n"
    )


def write_musicxml(project: SongProject, path: Path) -> Path:
    """Write :func:`to_musicxml` to ``path``."""
    path.write_text(to_musicxml(project), encoding="utf-8")
    return path
