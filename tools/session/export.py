"""The ``export`` tool: write the current version (or the whole session) as a file to download."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from tools.base import ArtifactRef, Backend, Resources, Tool, ToolContext, ToolError

ExportFormat = Literal["original", "wav", "flac", "mp3", "zip"]


def slugify(text: str, max_len: int = 48, fallback: str = "untitled") -> str:
    """A file-name-safe version of ``text`` (lowercase ascii, dashes), never empty (``fallback``)."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:max_len].strip("-")
    return slug or fallback


class ExportInput(BaseModel):
    artifact: str = ArtifactRef("audio", "What to export: an artifact id or 'current'.")
    format: ExportFormat = Field(
        "original",
        description="File format: 'wav', 'flac', 'mp3', 'original' (as stored) or 'zip' (the whole session).",
    )


class ExportOutput(BaseModel):
    path: str = Field(description="Absolute path of the exported file.")
    format: str
    size_bytes: int
    source_id: str | None = Field(None, description="Artifact exported (None for a session zip).")


class Export(Tool):
    name = "export"
    description = (
        "Export the current version as a downloadable file (WAV, FLAC or MP3), or the whole session "
        "(every version plus a manifest) as a zip. Does not change the current version."
    )
    Input = ExportInput
    Output = ExportOutput
    resources = Resources(num_cpus=1, memory_mb=256, seconds_per_audio_minute=0.3)
    backends = (Backend("ffmpeg+soundfile", "LGPL-2.1+ (library)"),)

    def run(self, args: ExportInput, ctx: ToolContext) -> ExportOutput:
        out_dir = ctx.workspace.exports_dir()
        if args.format == "zip":
            dest = ctx.workspace.export_zip(out_dir / "session.zip")
            return ExportOutput(path=str(dest), format="zip", size_bytes=dest.stat().st_size)
        src = ctx.workspace.resolve(args.artifact)
        source = Path(src.path)
        stem = f"v{src.version:03d}-{slugify(src.label)}"
        ctx.progress(0.0, f"exporting {src.label}")
        if args.format == "original" or source.suffix.lower() == f".{args.format}":
            dest = out_dir / f"{stem}{source.suffix.lower()}"
            tmp = dest.with_name(dest.name + ".part")
            shutil.copyfile(source, tmp)
            tmp.replace(dest)
        else:
            if src.kind not in ("audio", "video"):
                raise ToolError(
                    f"'{src.label}' is a {src.kind}, not audio, so it can't be exported as {args.format}; "
                    "export it as 'original' instead.",
                    code="wrong_kind",
                )
            from tools.audio.decode import decode_audio
            from tools.audio.write import write_audio

            audio = decode_audio(source, allow_silent=True)
            dest = write_audio(out_dir / f"{stem}.{args.format}", audio, format=args.format)
        ctx.progress(1.0, "exported")
        return ExportOutput(
            path=str(dest), format=dest.suffix.lstrip("."), size_bytes=dest.stat().st_size, source_id=src.id
        )
