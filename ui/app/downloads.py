"""Files to download, with names a person recognises (``v002-normalised-to-14-lufs.wav``).

Stored versions have content-addressed names (a sha256); downloads get a hard link (or a copy
where links are impossible) with a readable name in the session's ``exports/downloads`` folder.
The list is generic over artifacts: the current version first, then every other kind of file the
session holds (MIDI, video, stems, projects, reports), newest first.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from tools.base import ArtifactInfo
from ui.app.format import slug


def friendly_name(a: ArtifactInfo) -> str:
    """``v002-<label slug><suffix of the stored file>``; an upload keeps its own name's stem."""
    suffix = Path(a.path).suffix
    label = Path(a.label).stem if not a.tool and a.label.lower().endswith(suffix.lower()) else a.label
    return f"v{a.version:03d}-{slug(label)}{suffix}"


def friendly_path(a: ArtifactInfo, folder: Path) -> Path:
    """A readable-named link to ``a``'s stored file inside ``folder`` (created once, then reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / friendly_name(a)
    if target.exists() and target.stat().st_size == a.size_bytes:
        return target
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    try:
        os.link(a.path, tmp)
    except OSError:
        shutil.copyfile(a.path, tmp)
    os.replace(tmp, target)
    return target


def download_artifacts(history: Sequence[ArtifactInfo], current: ArtifactInfo | None) -> list[ArtifactInfo]:
    """The versions offered for download: ``current`` first with its companion files (a scored video's
    music and project), then every non-audio version (MIDI, video, stems, project, report), newest
    first, without duplicate files."""
    chosen: list[ArtifactInfo] = [current] if current else []
    seen = {current.sha256} if current else set()
    mine = [a for a in history if current is not None and a.companion_of == current.id]
    for a in mine:
        if a.sha256 not in seen:
            chosen.append(a)
            seen.add(a.sha256)
    for a in sorted(history, key=lambda a: a.version, reverse=True):
        if a.kind == "audio" or a.sha256 in seen:
            continue
        chosen.append(a)
        seen.add(a.sha256)
    return chosen
