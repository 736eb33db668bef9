"""Pure text helpers shared by the app's panels: clocks, tool names, argument summaries, dates."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from typing import Any

from tools.session.export import slugify

TOOL_TITLES: dict[str, str] = {
    "describe_audio": "Describe",
    "normalize_loudness": "Normalise loudness",
    "gain": "Change level",
    "trim": "Trim",
    "fade": "Fade",
    "convert": "Convert",
    "export": "Export",
    "undo": "Undo",
    "redo": "Redo",
    "select_version": "Pick version",
    "list_versions": "List versions",
}
"""Friendly names for tools (anything else: the tool name with spaces, capitalised)."""

_UNITS: tuple[tuple[str, str], ...] = (
    ("_dbfs", " dBFS"),
    ("_lufs", " LUFS"),
    ("_db", " dB"),
    ("_hz", " Hz"),
    ("_kbps", " kbit/s"),
    ("_ms", " ms"),
    ("_s", " s"),
)
"""Argument-name suffixes and the unit their values are in."""

_ARTIFACT_ID = re.compile(r"^a-[0-9a-f]{6,}$")
_REFS = {"current", "previous", "original", "latest"}


def clock(seconds: float, decimals: int = 0) -> str:
    """A time in seconds as ``m:ss`` (``h:mm:ss`` from an hour; ``decimals`` digits of seconds)."""
    seconds = max(0.0, float(seconds))
    scale = 10**decimals
    total = round(seconds * scale) / scale
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    width = 2 + (decimals + 1 if decimals else 0)
    secs_text = f"{secs:0{width}.{decimals}f}"
    if hours >= 1:
        return f"{int(hours)}:{int(minutes):02d}:{secs_text}"
    return f"{int(minutes)}:{secs_text}"


def tool_title(tool: str | None) -> str:
    """A person's name for a tool (``None`` means an upload)."""
    if not tool:
        return "Upload"
    return TOOL_TITLES.get(tool, tool.replace("_", " ").capitalize())


def is_reference(value: Any) -> bool:
    """True for values that name an artifact ('current', an artifact id, 'version:N', '@c1')."""
    if not isinstance(value, str):
        return False
    return value in _REFS or bool(_ARTIFACT_ID.match(value)) or value.startswith(("version:", "@"))


def _value_text(name: str, value: Any) -> str:
    if isinstance(value, float):
        text = f"{value:g}"
    elif isinstance(value, (list, tuple)):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, str) and len(value) > _TEXT_LIMIT:
        return f"“{value[: _TEXT_LIMIT - 1].rstrip()}…”"  # a prompt or a question: its start is enough
    else:
        text = str(value)
    for suffix, unit in _UNITS:
        if name.endswith(suffix) and isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{text}{unit}"
    return text


def _arg_name(name: str) -> str:
    for suffix, _ in _UNITS:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.replace("_", " ")


_TEXT_LIMIT = 32
"""Longest text setting shown whole, in characters."""

_SWITCHES = frozenset({"check"})
"""Settings that steer how a tool works, not what it makes (not shown to people)."""


def format_arguments(arguments: Mapping[str, Any] | None, limit: int = 4) -> str:
    """The settings of a call in words, e.g. ``target -14 LUFS, true peak ceiling -1 dBFS``.

    Artifact references (which version it worked on) and internal switches are left out; long texts
    are cut; at most ``limit`` settings.
    """
    parts = [
        f"{_arg_name(k)} {_value_text(k, v)}"
        for k, v in (arguments or {}).items()
        if v is not None and not is_reference(v) and k not in _SWITCHES
    ]
    if len(parts) > limit:
        parts = [*parts[:limit], "…"]
    return ", ".join(parts)


def when(timestamp: float, now: float | None = None) -> str:
    """A creation time for a table: ``14:03`` today, ``3 Mar 14:03`` another day (local time)."""
    now = time.time() if now is None else now
    stamp = time.localtime(timestamp)
    if time.strftime("%Y-%m-%d", stamp) == time.strftime("%Y-%m-%d", time.localtime(now)):
        return time.strftime("%H:%M", stamp)
    return f"{stamp.tm_mday} {time.strftime('%b %H:%M', stamp)}"


def file_size(n_bytes: int) -> str:
    """A size in bytes as ``812 kB`` / ``4.2 MB`` (decimal units, like file browsers)."""
    if n_bytes < 1000:
        return f"{n_bytes} B"
    if n_bytes < 1_000_000:
        return f"{n_bytes / 1000:.0f} kB"
    return f"{n_bytes / 1_000_000:.1f} MB"


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe, lower-case version of ``text`` (``'normalised-to-14-lufs'``; ``'version'``
    when nothing is left), as the export tool names files."""
    return slugify(text, limit, fallback="version")
