"""Saving a message's uploads: cleaned names, allowed types, the per-file size limit, a private folder.

Nothing a client sends becomes a path as is: the name keeps only its last component, loses control
characters and leading dots, and is shortened; files land in a fresh ``mkdtemp`` folder that the
caller removes when the turn is over.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Protocol

from serving.api.backend import Upload
from serving.api.settings import UPLOAD_SUFFIXES
from tools.base import ToolError

CHUNK_BYTES = 1 << 20
"""How much of an upload is copied at a time, in bytes."""

MAX_NAME_CHARS = 120
"""Longest kept file name, in characters."""

_UNSAFE = re.compile(r"[^\w .()\[\]+,=@-]", re.UNICODE)


class AsyncReadable(Protocol):
    """An uploaded file as FastAPI hands it over (``UploadFile``)."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


def safe_name(raw: str | None) -> str:
    """A file name safe to create in a private folder: the last path component of ``raw`` (``/``
    and ``\\`` both count), without control or odd characters or leading dots, at most
    ``MAX_NAME_CHARS`` long; ``"upload"`` when nothing is left."""
    text = unicodedata.normalize("NFC", str(raw or ""))
    text = text.replace("\\", "/").split("/")[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _UNSAFE.sub("_", text).strip().lstrip(".").strip()
    if len(text) > MAX_NAME_CHARS:
        stem, dot, suffix = text.rpartition(".")
        if dot and len(suffix) < 10:
            text = stem[: MAX_NAME_CHARS - len(suffix) - 1] + dot + suffix
        else:
            text = text[:MAX_NAME_CHARS]
    return text or "upload"


def check_type(name: str) -> None:
    """ToolError("unsupported_type") unless ``name`` ends like an audio, MIDI or video file."""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        shown = f"'{suffix}' files" if suffix else "Files without an extension"
        raise ToolError(
            f"{shown} can't be attached ({name}): send audio (WAV, FLAC, MP3, OGG, M4A, AIFF), "
            "MIDI or a video (MP4, MOV, MKV, WEBM).",
            code="unsupported_type",
        )


async def save_uploads(
    files: list[AsyncReadable], dest_root: Path | None, max_bytes: int, max_files: int
) -> tuple[Path | None, list[Upload]]:
    """Copies uploads into a fresh folder under ``dest_root`` (default: the temp folder).

    Returns the folder (None when there were no files; the caller removes it) and one
    :class:`Upload` per file. Raises ToolError "too_many_files", "unsupported_type" or
    "too_large" (a file over ``max_bytes`` bytes is cut off as soon as it passes the limit); on
    error nothing is left behind.
    """
    files = [f for f in files if f is not None]
    if not files:
        return None, []
    if len(files) > max_files:
        raise ToolError(
            f"{len(files)} files were attached; send at most {max_files} in one message.",
            code="too_many_files",
        )
    names = [safe_name(f.filename) for f in files]
    for name in names:
        check_type(name)
    if dest_root is not None:
        dest_root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="upload-", dir=dest_root))
    try:
        uploads = []
        for i, (upload, name) in enumerate(zip(files, names, strict=True)):
            slot = folder / str(i)
            slot.mkdir()
            target = slot / name
            size = 0
            with open(target, "wb") as out:
                while chunk := await upload.read(CHUNK_BYTES):
                    size += len(chunk)
                    if size > max_bytes:
                        raise ToolError(
                            f"{name} is over the {max_bytes / 1e6:.0f} MB upload limit: "
                            "upload a shorter or compressed version.",
                            code="too_large",
                        )
                    out.write(chunk)
            uploads.append(Upload(path=str(target), name=name))
        return folder, uploads
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
