"""What the chat box accepts, and the upload size check (``BANDLEADER_MAX_UPLOAD_MB``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tools.audio.limits import upload_too_large

UPLOAD_TYPES = ["audio", "video", ".mid", ".midi", ".wav", ".flac", ".mp3", ".ogg", ".m4a", ".aiff", ".mp4"]
"""File types the chat box offers to pick (Gradio type names and extensions); drops are not limited."""


def too_large(files: Sequence[str | Path], limit_bytes: int) -> list[str]:
    """One message per file over ``limit_bytes`` (1 MB = 1,000,000 bytes), saying what to do."""
    out = []
    for f in files:
        path = Path(f)
        refusal = upload_too_large(path.name, path.stat().st_size if path.is_file() else 0, limit_bytes)
        if refusal:
            out.append(refusal)
    return out


def gradio_max_file_size(limit_mb: float) -> str | int:
    """Gradio's ``max_file_size`` for a limit in decimal MB.

    A whole number of MB is given as ``"<n>mb"`` so Gradio's own refusal names the same number
    (Gradio counts 1 MB as 1,048,576 bytes; the few files between the two sizes reach
    :func:`too_large`, which refuses them with the same limit in words). Otherwise bytes.
    """
    if limit_mb == int(limit_mb):
        return f"{int(limit_mb)}mb"
    return int(limit_mb * 1_000_000)
