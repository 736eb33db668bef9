"""What the side panels draw for a generated song: its own beats, bars, sections, chords and notes.

A song version is an audio mix with its project (JSON, kind ``project``) saved as a child. The
project knows exactly what was written, so the plots use it rather than guessing from the audio:
times follow the project's tempo map, in seconds from the start of the mix.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tools.base import ArtifactInfo
from ui.app.overlays import Overlays
from ui.app.plots import ChordSpan, Note, Section


def project_of(history: Sequence[ArtifactInfo], audio: ArtifactInfo) -> ArtifactInfo | None:
    """The song project saved with ``audio`` (its newest ``project`` child), or None."""
    children = [a for a in history if a.kind == "project" and a.parent == audio.id]
    return children[-1] if children else None


def overlays_from_project(path: Path | str) -> Overlays:
    """Beats, downbeats (bars), sections, chord spans and pitched notes of the song project stored
    at ``path`` (times in seconds); empty Overlays when the file is not a readable project."""
    from tools.generation.project import SongProject

    try:
        song = SongProject.model_validate_json(Path(path).read_text())
    except (OSError, ValueError):
        return Overlays()
    per_bar = song.beats_per_bar
    total = song.total_beats
    beats = [song.seconds_at(b) for b in range(int(total) + 1)]
    downbeats = [song.seconds_at(i * per_bar) for i in range(song.total_bars + 1)]
    sections: list[Section] = []
    chords: list[ChordSpan] = []
    for sec in song.sections:
        start, end = song.section_range(sec.name)
        sections.append(Section(song.seconds_at(start), song.seconds_at(end), sec.name))
        slot = per_bar / sec.chords_per_bar
        for i in range(sec.bars * sec.chords_per_bar):
            if not sec.chords:
                break
            label = sec.chords[i % len(sec.chords)]
            a, b = start + i * slot, start + (i + 1) * slot
            if chords and chords[-1].label == label and abs(chords[-1].end_s - song.seconds_at(a)) < 1e-6:
                chords[-1] = ChordSpan(chords[-1].start_s, song.seconds_at(b), label)  # a held chord
            else:
                chords.append(ChordSpan(song.seconds_at(a), song.seconds_at(b), label))
    notes = [
        Note(song.seconds_at(n.start), song.seconds_at(n.start + n.duration), n.pitch, n.velocity)
        for track in song.tracks
        if not track.is_drums
        for n in track.notes
    ]
    return Overlays(beats=beats, downbeats=downbeats, sections=sections, chords=chords, notes=notes)
