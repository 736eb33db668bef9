"""Compose a song straight into a folder (no session): what ``bandleader compose`` runs."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from tools.base import ProgressFn
from tools.generation.compose.request import ComposeRequest
from tools.generation.compose_tool import compose_song
from tools.generation.measure import Measured, measure_file
from tools.generation.render.musicxml import write_musicxml
from tools.generation.render.pipeline import render_project
from tools.generation.store import write_lrc


class FolderSong(BaseModel):
    """The files of a song written to a folder, and its facts."""

    audio: str = Field(description="The mastered mix (WAV).")
    midi: str
    stems: dict[str, str] = Field(description="Track name -> stem WAV.")
    project: str = Field(description="The project JSON.")
    musicxml: str
    lyrics: str | None = Field(description="LRC lyrics, or None when the song has no words.")
    tempo_bpm: float
    key: str
    duration_s: float = Field(description="Length of the mix, in seconds.")
    backend: str = "fluidsynth"
    measured: Measured | None = None
    notes: list[str] = Field(default_factory=list, description="What was clamped or changed, and why.")
    seconds: dict[str, float] = Field(default_factory=dict, description="Render step -> wall time.")


def _no_progress(fraction: float, message: str) -> None:
    return None


def compose_to_folder(
    request: ComposeRequest, out: Path, *, check: bool = False, progress: ProgressFn = _no_progress
) -> FolderSong:
    """Compose ``request`` and write mix, stems, MIDI, MusicXML, LRC and project JSON into ``out``.

    ``progress(fraction, message)`` hears each step (composing, rendering, writing, measuring)."""
    progress(0.0, "composing")
    project = compose_song(request)
    progress(0.15, "rendering")
    res = render_project(project, out)
    progress(0.85, "writing MusicXML and lyrics")
    if check:
        progress(0.9, "measuring tempo and key")
    proj = out / "project.json"
    proj.write_text(project.model_dump_json(indent=1), encoding="utf-8")
    return FolderSong(
        audio=res.mix, midi=res.midi, stems=res.stems, project=str(proj),
        musicxml=str(write_musicxml(project, out / "song.musicxml")), lyrics=write_lrc(project, out),
        tempo_bpm=project.tempo_bpm, key=project.key_label, duration_s=res.duration_s,
        measured=measure_file(res.mix) if check else None, notes=project.notes, seconds=res.seconds,
    )  # fmt: skip
