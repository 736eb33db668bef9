"""The music library in the app: choose or index a catalogue, and show "find ..." results as players.

- :func:`use_catalogue` checks a catalogue folder and makes it the one the chat's ``recommend`` tools
  search (``BANDLEADER_CATALOGUE`` of this app's process; the agent runs in it).
- :func:`index_library` indexes a music folder into a catalogue, reporting ``progress(fraction, words)``
  as files finish, then uses it.
- :func:`recommendation_messages` turns a turn's track suggestions into chat messages: one per track
  with its rank, name, the reason it was chosen, and a player (a copy of the track in the session's
  downloads folder, because the app only serves files from the session folders).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tools.base import ToolError

Message = dict[str, Any]
RECOMMEND_TOOLS: frozenset[str] = frozenset({"recommend", "recommend_more", "recommend_refine"})
"""Tools whose output is a list of suggested tracks (``results``)."""
PLAYABLE_SUFFIXES: frozenset[str] = frozenset({".wav", ".mp3", ".ogg", ".oga", ".flac", ".m4a", ".aac",
                                                ".opus", ".webm", ".mp4"})  # fmt: skip
"""Track files a browser plays as they are (others, such as MIDI, are offered as a download)."""


def default_catalogue() -> str:
    """The catalogue the app starts with: ``BANDLEADER_CATALOGUE``, else ``$BANDLEADER_HOME/catalogue``
    (empty when neither is set)."""
    env = os.environ.get("BANDLEADER_CATALOGUE", "")
    if env:
        return env
    home = os.environ.get("BANDLEADER_HOME", "")
    return str(Path(home) / "catalogue") if home else ""


def use_catalogue(path: str) -> str:
    """Makes the catalogue at ``path`` the chat's library; returns one sentence saying how many tracks
    it holds. Raises ToolError (a message for the person) when ``path`` is not a usable catalogue."""
    from tools.recommend import Catalogue

    if not path.strip():
        raise ToolError("Give the folder of a catalogue first.", code="no_catalogue")
    cat = Catalogue(path.strip())  # refuses a file or a folder that is not a catalogue
    if not cat.path.is_dir():
        raise ToolError(
            f"There is no catalogue at {cat.path} yet: index a music folder into it first.",
            code="no_catalogue",
        )
    os.environ["BANDLEADER_CATALOGUE"] = str(cat.path)
    n = len(cat)
    tail = "ask me to find something." if n else "it is empty: index a music folder into it."
    return f"Using the library at {cat.path}: {n} track{'s' if n != 1 else ''}; {tail}"


def index_library(folder: str, catalogue: str, progress: Callable[[float, str], None] | None = None) -> str:
    """Indexes the music ``folder`` into ``catalogue`` (made if new; only changed files are analysed),
    uses it for the chat, and returns a summary in words (counts, and each skipped file with why).
    Raises ToolError when the folder or catalogue cannot be used."""
    from tools.recommend import Catalogue

    if not folder.strip():
        raise ToolError("Give the folder that holds your music.", code="not_folder")
    if not catalogue.strip():
        raise ToolError(
            "Give a folder for the catalogue (a new or empty one to make it).", code="no_catalogue"
        )
    report = Catalogue(catalogue.strip()).index(folder.strip(), progress=progress)
    lines = [
        f"Indexed {report.indexed} new or changed track{'s' if report.indexed != 1 else ''}, "
        f"{report.unchanged} unchanged, {len(report.removed)} removed; the library holds {report.total} "
        f"in {report.seconds:.0f} s."
    ]
    if report.skipped:
        lines.append(f"Skipped {len(report.skipped)} file{'s' if len(report.skipped) != 1 else ''}:")
        lines += [f"- {Path(s.path).name}: {s.reason}" for s in report.skipped]
    lines.append(use_catalogue(catalogue))
    return "\n".join(lines)


def suggested_tracks(tool_calls: Sequence[Any]) -> list[Mapping[str, Any]]:
    """The tracks the turn's last track search suggested (``TrackResult`` dicts, best first)."""
    for call in reversed(list(tool_calls)):
        output = getattr(call, "output", None)
        if getattr(call, "name", "") in RECOMMEND_TOOLS and getattr(call, "ok", False) and output:
            return list(output.get("results") or [])
    return []


def preview_file(track: str | Path, folder: Path) -> Path:
    """A copy of the library ``track`` inside ``folder`` (hard-linked when the disk allows) for the app to
    serve; reused when it is already there."""
    src = Path(track)
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / src.name
    if dest.exists() and dest.stat().st_size == src.stat().st_size:
        return dest
    dest.unlink(missing_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)
    return dest


def recommendation_messages(tracks: Sequence[Mapping[str, Any]], folder: Path) -> list[Message]:
    """One chat message per suggested track: "**2. name**", the reason, and a player (or a download link
    for MIDI); a track whose file is gone says so instead."""
    out: list[Message] = []
    for t in tracks:
        head = f"**{t['rank']}. {t['name']}** — {t['reason']}"
        src = Path(str(t["path"]))
        if not src.is_file():
            out.append({"role": "assistant", "content": f"{head}\n\n(the file is no longer in the library)"})
            continue
        media = {"path": str(preview_file(src, folder)), "alt_text": t["name"]}
        if src.suffix.lower() not in PLAYABLE_SUFFIXES:
            head += " (download it to play it)"
        out.append({"role": "assistant", "content": [head, media]})
    return out


def reply_without_list(reply: str, tracks: Sequence[Mapping[str, Any]]) -> str:
    """The reply without its numbered "N. name — reason" lines (the players below carry them)."""
    listed = {f"{t['rank']}. {t['name']} — " for t in tracks}
    kept = [line for line in reply.splitlines() if not any(line.startswith(p) for p in listed)]
    return "\n".join(kept).strip()
