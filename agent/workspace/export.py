"""Writing a session to a self-contained zip: ``manifest.json`` plus every version's file."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from tools.base import ArtifactInfo

from .files import fsync_dir, slug

MANIFEST_FORMAT = "bandleader-session"
MANIFEST_VERSION = 1
_ALREADY_COMPRESSED = frozenset(
    {".mp3", ".mp4", ".m4a", ".aac", ".ogg", ".opus", ".flac", ".webm", ".mkv", ".mov", ".zip", ".gz"}
)


def archive_name(info: ArtifactInfo) -> str:
    """The file's name inside the zip: ``v003-<label slug><suffix>``."""
    return f"v{info.version:03d}-{slug(info.label)}{Path(info.path).suffix}"


def build_manifest(
    session: dict[str, Any], artifacts: list[ArtifactInfo], redo: list[str], moves: list[dict[str, Any]]
) -> dict[str, Any]:
    """The manifest as a JSON-ready dict (artifact records carry ``file`` instead of a local path)."""
    records = []
    for info in artifacts:
        record = info.model_dump(mode="json", exclude={"path"})
        record["file"] = archive_name(info)
        records.append(record)
    return {
        "format": MANIFEST_FORMAT,
        "format_version": MANIFEST_VERSION,
        "exported": time.time(),
        "session": {k: session[k] for k in ("id", "title", "created", "updated")},
        "current": session["current_id"],
        "redo_stack": redo,
        "artifacts": records,
        "moves": moves,
    }


def _zip_info(name: str, when: float, compress: bool) -> zipfile.ZipInfo:
    stamp = time.localtime(max(when, 315_532_800 + 86_400))  # zip dates start in 1980
    info = zipfile.ZipInfo(name, date_time=stamp[:6])
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info


def _write_zip(fileobj: Any, manifest: dict[str, Any], artifacts: list[ArtifactInfo]) -> None:
    with zipfile.ZipFile(fileobj, "w", allowZip64=True) as zf:
        text = json.dumps(manifest, indent=2, sort_keys=True)
        zf.writestr(_zip_info("manifest.json", manifest["exported"], True), text)
        for info in artifacts:
            compress = Path(info.path).suffix.lower() not in _ALREADY_COMPRESSED
            zinfo = _zip_info(archive_name(info), info.created, compress)
            with open(info.path, "rb") as src, zf.open(zinfo, "w", force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)


def write_session_zip(
    dest: Path,
    *,
    session: dict[str, Any],
    artifacts: list[ArtifactInfo],
    redo: list[str],
    moves: list[dict[str, Any]],
) -> Path:
    """Writes the zip to ``dest`` (or ``dest/<session id>.zip`` for a folder); returns its path.

    Written to a temporary file beside the destination, fsynced, then renamed into place.
    """
    dest = dest.expanduser().absolute()
    if dest.is_dir():
        dest = dest / f"{session['id']}.zip"
    dest.parent.mkdir(parents=True, exist_ok=True)
    manifest = build_manifest(session, artifacts, redo, moves)
    fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b") as out:
            _write_zip(out, manifest, artifacts)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(dest.parent)
    return dest
