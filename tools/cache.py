"""Content-addressed JSON caches (feature sheets, video analyses): a file's key, and reading and writing
a cached pydantic model, where a cache that cannot be read or written only costs a recomputation."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

Model = TypeVar("Model", bound=BaseModel)


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes (read in 1 MiB blocks)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_cached(path: Path, model: type[Model]) -> Model | None:
    """The ``model`` stored at ``path``; None when there is none or it cannot be read or parsed."""
    try:
        return model.model_validate_json(path.read_text()) if path.is_file() else None
    except (OSError, ValueError):
        return None


def store_cached(path: Path, value: BaseModel) -> None:
    """Writes ``value`` as JSON to ``path`` atomically (temp file + rename); a read-only or full cache
    folder is ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp") as fh:
            fh.write(value.model_dump_json())
        os.replace(fh.name, path)
    except OSError:
        pass
