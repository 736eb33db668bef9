"""Musical data to draw over a version: beats, downbeats, sections, chords and notes.

The understanding tools (tempo/beats, chords, sections, audio-to-MIDI) put such lists in their
outputs. This module finds the most recent ones about a given artifact in a session's tool results,
tolerating the usual spellings (``time_s`` or ``time``, ``label`` or ``name``...), so the plots
show them as soon as those tools exist. Nothing is invented: no data means empty lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ui.app.plots import ChordSpan, Note, Section


@dataclass
class Overlays:
    """What is known about one version's musical structure (times in seconds)."""

    beats: list[float] = field(default_factory=list)
    downbeats: list[float] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    chords: list[ChordSpan] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing is known."""
        return not (self.beats or self.downbeats or self.sections or self.chords or self.notes)


def _num(item: Mapping[str, Any], *keys: str) -> float | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None


def _text(item: Mapping[str, Any], *keys: str) -> str:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def parse_times(values: Iterable[Any]) -> list[float]:
    """Times in seconds from numbers or dicts (``time_s``/``time``/``t``/``start_s``), sorted."""
    out: list[float] = []
    for value in values or ():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out.append(float(value))
        elif isinstance(value, Mapping):
            t = _num(value, "time_s", "time", "t", "start_s", "start")
            if t is not None:
                out.append(t)
    return sorted(out)


def parse_spans(values: Iterable[Any]) -> list[tuple[float, float, str]]:
    """(start s, end s, label) from dicts: ``start_s``/``start``, ``end_s``/``end`` and
    ``label``/``name``/``chord``/``section``; sorted by start."""
    out: list[tuple[float, float, str]] = []
    for value in values or ():
        if not isinstance(value, Mapping):
            continue
        start = _num(value, "start_s", "start")
        end = _num(value, "end_s", "end")
        if start is None or end is None or end <= start:
            continue
        out.append((start, end, _text(value, "label", "name", "chord", "section")))
    return sorted(out)


def parse_notes(values: Iterable[Any]) -> list[Note]:
    """Notes from dicts with ``pitch`` (MIDI) and ``start_s``/``end_s`` (or ``start``/``end``)."""
    out: list[Note] = []
    for value in values or ():
        if not isinstance(value, Mapping):
            continue
        start = _num(value, "start_s", "start")
        end = _num(value, "end_s", "end")
        pitch = _num(value, "pitch", "midi")
        if start is None or end is None or pitch is None or end <= start:
            continue
        velocity = _num(value, "velocity") or 100.0
        out.append(Note(start, end, int(pitch), int(max(1, min(127, velocity)))))
    return out


def _about(result: Mapping[str, Any], artifact_id: str) -> bool:
    output = result.get("output") or {}
    if output.get("artifact_id") == artifact_id:
        return True
    return artifact_id in (result.get("arguments") or {}).values()


def overlays_from_results(results: Sequence[Mapping[str, Any]], artifact_id: str) -> Overlays:
    """The newest beats/downbeats/sections/chords/notes about ``artifact_id`` in tool results.

    ``results`` are call results as dicts (``tool``, ``arguments``, ``ok``, ``output``), oldest
    first; a later result replaces an earlier one key by key.
    """
    found = Overlays()
    for result in results:
        output = result.get("output")
        if not result.get("ok", True) or not isinstance(output, Mapping) or not _about(result, artifact_id):
            continue
        if "beats" in output:
            found.beats = parse_times(output["beats"])
        if "downbeats" in output:
            found.downbeats = parse_times(output["downbeats"])
        if "sections" in output:
            found.sections = [Section(a, b, label) for a, b, label in parse_spans(output["sections"])]
        if "chords" in output:
            found.chords = [ChordSpan(a, b, label or "?") for a, b, label in parse_spans(output["chords"])]
        if "notes" in output:
            found.notes = parse_notes(output["notes"])
    return found


def results_in_conversation(conversation: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Every call result recorded in a checkpointed conversation, oldest first."""
    return [r for m in conversation if m.get("role") == "tool" for r in m.get("results") or ()]


def overlays_from_sheet(sheet: Mapping[str, Any]) -> Overlays:
    """Overlays from a cached feature sheet (its JSON data: ``beats``, ``downbeats``, ``sections``,
    ``chords`` and ``notes``, times in seconds)."""
    return overlays_from_results([{"ok": True, "output": {**sheet, "artifact_id": "sheet"}}], "sheet")


def merged(first: Overlays, fallback: Overlays) -> Overlays:
    """``first``, with each empty list taken from ``fallback``."""
    return Overlays(
        beats=first.beats or fallback.beats,
        downbeats=first.downbeats or fallback.downbeats,
        sections=first.sections or fallback.sections,
        chords=first.chords or fallback.chords,
        notes=first.notes or fallback.notes,
    )
