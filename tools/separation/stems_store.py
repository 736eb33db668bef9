"""Stems in the workspace: each stem is a companion file of the version it belongs to.

A separated version (the mixture as the stems add up, or the stems a person kept) carries one
companion audio file per stem, labelled ``"<stem> stem of <source>"``. Edits that change timing or pitch
carry the stems along as companions of their new version, so "vocals up 3 dB" after "slow down" still
finds stems that match what is playing.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from tools.audio.types import Audio
from tools.audio.write import write_audio
from tools.base import ArtifactInfo, ArtifactStore, ToolContext

_STEM_LABEL = re.compile(r"^(?P<name>[a-z]+) stem\b")


def stem_label(name: str, source_label: str) -> str:
    """The label a stem companion gets, e.g. ``"vocals stem of song.wav"``."""
    return f"{name} stem of {source_label}"


def stem_name(info: ArtifactInfo) -> str | None:
    """The stem an artifact holds ('vocals', 'drums', ...) when it is a stem companion, else None."""
    if info.companion_of is None or info.kind != "audio":
        return None
    m = _STEM_LABEL.match(info.label)
    return m.group("name") if m else None


def stem_companions(store: ArtifactStore, artifact: ArtifactInfo) -> dict[str, ArtifactInfo]:
    """Stem name -> companion record of ``artifact`` (empty when it has no stems)."""
    out: dict[str, ArtifactInfo] = {}
    for a in store.history():
        if a.companion_of == artifact.id:
            name = stem_name(a)
            if name is not None:
                out[name] = a
    return out


def save_stem(
    ctx: ToolContext, name: str, audio: Audio, primary: ArtifactInfo, source_label: str
) -> ArtifactInfo:
    """Write one stem as a 24-bit WAV companion of ``primary``; returns its record."""
    scratch = ctx.workspace.scratch_dir() / f"stem-{name}-{uuid.uuid4().hex[:12]}.wav"
    write_audio(scratch, audio, "wav", bit_depth=24)
    try:
        saved = ctx.save(
            scratch,
            kind="audio",
            label=stem_label(name, source_label),
            parent=primary.id,
            make_current=False,
            companion_of=primary.id,
        )
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    if Path(saved.path).resolve() != scratch.resolve():
        scratch.unlink(missing_ok=True)
    return saved
