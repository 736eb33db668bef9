"""The versions panel's text: the history table, version choices and the compare report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tools.base import ArtifactInfo
from ui.app.format import clock, format_arguments, tool_title, when

HISTORY_HEADERS = ["Version", "What", "Made by", "Time"]
"""Columns of the versions table."""

CURRENT_MARK = "▶"
"""Shown before the current version's number (``▶ v2``)."""


def version_name(a: ArtifactInfo) -> str:
    """``v2 · normalised to -14 LUFS``."""
    return f"v{a.version} · {a.label}"


def made_by(a: ArtifactInfo) -> str:
    """How a version was made: ``Upload`` or ``Normalise loudness (target -14 LUFS, ...)``."""
    if not a.tool:
        return "Upload"
    settings = format_arguments(a.arguments)
    return f"{tool_title(a.tool)} ({settings})" if settings else tool_title(a.tool)


def history_rows(
    history: Sequence[ArtifactInfo], current_id: str | None, now: float | None = None
) -> list[list[str]]:
    """One row per version, newest first: [``▶ v2`` (current) or ``v1``, label, tool, time made]."""
    return [
        [
            f"{CURRENT_MARK} v{a.version}" if a.id == current_id else f"v{a.version}",
            a.label,
            tool_title(a.tool),
            when(a.created, now),
        ]
        for a in sorted(history, key=lambda a: a.version, reverse=True)
        if a.companion_of is None  # a song's project JSON is part of its mix's version
    ]


def row_version(cell: object) -> int | None:
    """The version number in a table row's first cell (``"▶ v2"`` -> 2); None if there is none."""
    text = str(cell).replace(CURRENT_MARK, "").strip().lstrip("v")
    return int(text) if text.isdigit() else None


def version_choices(history: Sequence[ArtifactInfo]) -> list[tuple[str, str]]:
    """(shown name, artifact id) for each version, newest first, for dropdowns."""
    return [
        (version_name(a), a.id)
        for a in sorted(history, key=lambda a: a.version, reverse=True)
        if a.companion_of is None
    ]


def lineage(
    history: Sequence[ArtifactInfo], ancestor_id: str, descendant_id: str
) -> list[ArtifactInfo] | None:
    """The versions made on the way from ``ancestor_id`` to ``descendant_id`` (oldest first,
    the descendant included, the ancestor not); None when one is not made from the other."""
    by_id = {a.id: a for a in history}
    chain: list[ArtifactInfo] = []
    node = by_id.get(descendant_id)
    while node is not None and node.id != ancestor_id:
        chain.append(node)
        node = by_id.get(node.parent) if node.parent else None
    if node is None:
        return None
    return list(reversed(chain))


def _fmt(value: Any, unit: str, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f} {unit}"


def _delta(a: Any, b: Any, unit: str, digits: int = 1) -> str:
    if a is None or b is None:
        return ""
    diff = b - a
    if abs(diff) < 0.5 * 10**-digits:
        return "same"
    return f"{diff:+.{digits}f} {unit}"


def compare_text(
    a: ArtifactInfo,
    b: ArtifactInfo,
    facts_a: Mapping[str, Any] | None,
    facts_b: Mapping[str, Any] | None,
    history: Sequence[ArtifactInfo] = (),
) -> str:
    """Markdown comparing two versions: how each was made, the steps between them, and the
    differences in length (s), loudness (LUFS/LU) and peak level (dBFS) from ``describe_audio``."""
    fa, fb = facts_a or {}, facts_b or {}
    if a.id == b.id:
        return f"**{version_name(a)}** is the same version on both sides: pick two different ones."
    lines = [
        f"**{version_name(a)}** → **{version_name(b)}**",
        "",
        f"| | v{a.version} | v{b.version} | Change |",
        "|---|---|---|---|",
        f"| Made by | {made_by(a)} | {made_by(b)} | |",
    ]
    da, db = fa.get("duration_s"), fb.get("duration_s")
    length_a = f"{clock(da, 1)} ({da:.2f} s)" if da is not None else "—"
    length_b = f"{clock(db, 1)} ({db:.2f} s)" if db is not None else "—"
    lines.append(f"| Length | {length_a} | {length_b} | {_delta(da, db, 's', 2)} |")
    la, lb = fa.get("integrated_lufs"), fb.get("integrated_lufs")
    lines.append(f"| Loudness | {_fmt(la, 'LUFS')} | {_fmt(lb, 'LUFS')} | {_delta(la, lb, 'LU')} |")
    pa, pb = fa.get("peak_dbfs"), fb.get("peak_dbfs")
    lines.append(f"| Peak | {_fmt(pa, 'dBFS')} | {_fmt(pb, 'dBFS')} | {_delta(pa, pb, 'dB')} |")
    for key, name, unit in (("sample_rate", "Sample rate", " Hz"), ("channels", "Channels", ""),
                            ("format", "Format", ""), ("codec", "Codec", "")):  # fmt: skip
        va, vb = fa.get(key), fb.get(key)
        if va != vb and (va or vb):  # shown only when they differ
            lines.append(f"| {name} | {va or '—'}{unit} | {vb or '—'}{unit} | changed |")
    steps = lineage(history, a.id, b.id)
    backwards = False
    if steps is None:
        steps = lineage(history, b.id, a.id)
        backwards = steps is not None
    lines.append("")
    if steps:
        start, end = (b, a) if backwards else (a, b)
        lines.append(f"Steps from v{start.version} to v{end.version}:")
        lines.extend(f"{i}. {made_by(s)} → v{s.version}" for i, s in enumerate(steps, 1))
    elif history:
        lines.append("These two versions were not made one from the other (separate uploads or branches).")
    if not fa or not fb:
        lines.append("")
        lines.append("_Some facts are missing: only audio can be measured._")
    return "\n".join(lines)
