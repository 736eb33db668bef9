"""How times and values are written in captions and answers."""

from __future__ import annotations


def mmss(seconds: float) -> str:
    """'m:ss' for a time in seconds (rounded to the second)."""
    total = max(0, round(float(seconds)))
    return f"{total // 60}:{total % 60:02d}"


def chord_name(label: str) -> str:
    """Readable name of a Harte chord label ('A:min' -> 'A minor', 'G:7' -> 'G7', 'N' -> 'no chord')."""
    if label in ("N", "X"):
        return "no chord"
    root, _, quality = label.partition(":")
    return {"maj": f"{root} major", "min": f"{root} minor", "": f"{root} major"}.get(
        quality, f"{root}{quality}"
    )
