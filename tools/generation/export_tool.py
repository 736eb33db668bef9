"""The ``song_export`` tool: the files of a song version (stems, MIDI, MusicXML, LRC, project JSON,
mix) in a folder and one zip under the session's exports."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from tools.base import ArtifactRef, Resources, Tool, ToolContext
from tools.generation.render.musicxml import write_musicxml
from tools.generation.store import FLUIDSYNTH, project_for, render_cached, write_lrc
from tools.session.export import slugify

SongFormat = Literal["stems", "midi", "musicxml", "lrc", "project", "wav", "mp3"]
ALL_FORMATS: tuple[str, ...] = ("stems", "midi", "musicxml", "lrc", "project", "wav")


_FORMAT_WORDS = {
    "stems": r"\bstems?\b|\btracks separately\b|\bmultitracks?\b|\bseparate (?:\w+ )?(?:tracks|files?)\b"
    r"|\b(?:each|every|individual) (?:track|instrument|part)s?\b",
    "midi": r"\bmidi\b|\bmid\b",
    "musicxml": r"musicxml|\bxml\b|sheet music|\bscore\b|notation",
    "lrc": r"\blrc\b|\blyrics?\b|\bwords\b",
    "project": r"\bproject\b|\bjson\b",
    "wav": r"\bwav\b|\bmix\b|\baudio\b",
    "mp3": r"\bmp3\b",
}


def formats_named(text: str) -> list[str]:
    """The export formats a request names ('export the stems and midi' -> ['stems', 'midi']); all of
    them for 'everything'."""
    low = text.lower()
    if re.search(r"\b(everything|all( of it| the files)?|whole (song|project))\b", low):
        return list(ALL_FORMATS)
    return [fmt for fmt, pattern in _FORMAT_WORDS.items() if re.search(pattern, low)]


class SongExportInput(BaseModel):
    song: str = ArtifactRef("project", "The song version to export: 'current' (default) or a version.")
    formats: list[SongFormat] = Field(
        default_factory=lambda: list(ALL_FORMATS),
        description="What to export: stems, midi, musicxml, lrc, project, wav, mp3 (default: all but mp3).",
    )
    what: str | None = Field(
        None,
        description="The request in words ('the stems and the midi'); overrides formats when it names any.",
    )


class SongExportOutput(BaseModel):
    folder: str = Field(description="Folder holding the exported files.")
    zip: str = Field(description="A zip of that folder.")
    files: dict[str, str] = Field(description="What -> path (stems are 'stem:<track>').")
    missing: list[str] = Field(
        default_factory=list, description="Formats asked for that had nothing (e.g. no lyrics)."
    )
    size_bytes: int = Field(description="Size of the zip, in bytes.")


class SongExport(Tool):
    name = "song_export"
    description = (
        "Export the song I wrote: its stems (one WAV per instrument), MIDI (with lyrics), MusicXML score, "
        "LRC lyrics, project JSON and mix, as files and one zip. Changes nothing."
    )
    Input = SongExportInput
    Output = SongExportOutput
    resources = Resources(num_cpus=2, memory_mb=1024, seconds_per_audio_minute=2.0)
    backends = (FLUIDSYNTH,)

    def run(self, args: SongExportInput, ctx: ToolContext) -> SongExportOutput:
        ctx.progress(0.0, "collecting the song's files")
        project, audio, proj_info = project_for(ctx, args.song)
        version = audio.version if audio else proj_info.version
        folder = ctx.workspace.exports_dir() / f"v{version:03d}-{slugify(project.title)}"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        ctx.progress(0.1, "rendering")
        res = render_cached(ctx, project)
        files: dict[str, str] = {}
        missing: list[str] = []
        wanted = formats_named(args.what) if args.what else []
        wanted = wanted or list(dict.fromkeys(args.formats))
        if "stems" in wanted:
            (folder / "stems").mkdir()
            for name, path in res.stems.items():
                dest = folder / "stems" / Path(path).name
                shutil.copyfile(path, dest)
                files[f"stem:{name}"] = str(dest)
        if "midi" in wanted:
            files["midi"] = str(shutil.copyfile(res.midi, folder / "song.mid"))
        if "musicxml" in wanted:
            files["musicxml"] = str(write_musicxml(project, folder / "song.musicxml"))
        if "lrc" in wanted:
            lrc = write_lrc(project, folder)
            if lrc:
                files["lrc"] = lrc
            else:
                missing.append("lrc (this song has no lyrics)")
        if "project" in wanted:
            dest = folder / "project.json"
            dest.write_text(project.model_dump_json(indent=1), encoding="utf-8")
            files["project"] = str(dest)
        if "wav" in wanted:
            files["wav"] = str(shutil.copyfile(res.mix, folder / "mix.wav"))
        if "mp3" in wanted:
            from tools.audio.decode import decode_audio
            from tools.audio.write import write_audio

            files["mp3"] = str(write_audio(folder / "mix.mp3", decode_audio(Path(res.mix)), "mp3"))
        zip_path = folder.with_suffix(".zip")
        with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for f in sorted(folder.rglob("*")):
                if f.is_file():
                    zf.write(f, f.relative_to(folder))
        ctx.progress(1.0, "exported")
        return SongExportOutput(
            folder=str(folder),
            zip=str(zip_path),
            files=files,
            missing=missing,
            size_bytes=zip_path.stat().st_size,
        )
