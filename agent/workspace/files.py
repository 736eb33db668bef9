"""File handling for the workspace: content-addressed objects, atomic writes, names, removal."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20
_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,12}$")


@dataclass(frozen=True)
class StoredObject:
    """Where a stored file lives (relative to the session folder) and what it holds."""

    relpath: str
    sha256: str
    size_bytes: int


def safe_suffix(path: Path) -> str:
    """The lower-cased suffix of ``path`` (".wav"), or "" when it is missing or odd."""
    suffix = path.suffix
    return suffix.lower() if _SUFFIX.match(suffix) else ""


def slug(text: str, max_len: int = 48) -> str:
    """A lower-case ASCII file-name fragment for ``text`` ("My Song!" -> "my-song")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_len].strip("-")
    return out or "artifact"


def fsync_dir(path: Path) -> None:
    """Flushes a directory entry to disk (best effort; a no-op where unsupported)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _copy_hashing(source: Path, fd: int) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with os.fdopen(fd, "wb") as out, source.open("rb") as inp:
        while chunk := inp.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def store_object(source: Path, session_dir: Path) -> StoredObject:
    """Copies ``source`` into ``session_dir/objects/<sha[:2]>/<sha><suffix>``; returns its record.

    The copy goes to a temporary file in the objects folder, is fsynced, then renamed into place,
    so a reader never sees a partial file. Content already stored under that name is reused.
    Stored objects are made read-only: every version sharing the content shares the file.
    """
    objects = session_dir / "objects"
    objects.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=objects, prefix=".incoming-", suffix=".part")
    tmp: Path | None = Path(tmp_name)
    try:
        sha, size = _copy_hashing(source, fd)
        relpath = f"objects/{sha[:2]}/{sha}{safe_suffix(source)}"
        final = session_dir / relpath
        if not (final.is_file() and final.stat().st_size == size):
            final.parent.mkdir(exist_ok=True)
            os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            os.replace(tmp, final)
            tmp = None
            fsync_dir(final.parent)
        return StoredObject(relpath=relpath, sha256=sha, size_bytes=size)
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _make_writable_and_retry(func, path, _exc_info) -> None:  # type: ignore[no-untyped-def]
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IRWXU)
        func(path)


def remove_tree(path: Path) -> None:
    """Deletes ``path`` and everything under it, read-only files included (best effort)."""
    if path.exists():
        shutil.rmtree(path, onerror=_make_writable_and_retry)
