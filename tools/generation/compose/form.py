"""The form: how many bars the song needs for a duration, and how they split into sections."""

from __future__ import annotations

import math

KIND_ENERGY: dict[str, float] = {
    "intro": 0.3, "verse": 0.5, "prechorus": 0.62, "build": 0.65, "chorus": 0.88, "drop": 0.95,
    "bridge": 0.5, "break": 0.35, "solo": 0.75, "outro": 0.3,
}  # fmt: skip
"""Default energy (0-1) of each section kind."""

KNOWN_KINDS = tuple(KIND_ENERGY)


def bars_for_duration(duration_s: float, bpm: float, beats_per_bar: float) -> tuple[int, float]:
    """(bars, tail in seconds) so that bars at ``bpm`` plus the tail last exactly ``duration_s``.

    The tail (the last chord ringing on) is under one bar; the final bar holds the closing chord."""
    bar_s = beats_per_bar * 60.0 / bpm
    bars = max(1, math.floor(duration_s / bar_s + 1e-6))
    return bars, max(0.0, duration_s - bars * bar_s)


_OPTIONAL = ("bridge", "break", "build", "prechorus", "solo")


def _drop_one(form: list[tuple[str, int]]) -> None:
    """Remove the section a shorter song can best do without (in place)."""
    kinds = [k for k, _ in form]
    for k in _OPTIONAL:
        if k in kinds:
            form.pop(len(kinds) - 1 - kinds[::-1].index(k))
            return
    for i in range(len(kinds) - 1, 0, -1):  # two of a kind in a row: keep one
        if kinds[i] == kinds[i - 1]:
            form.pop(i)
            return
    body = [i for i, k in enumerate(kinds) if k not in ("intro", "outro")]
    if len(body) > 2:
        later = [i for i in body[1:] if kinds[i] == kinds[body[0]]]  # a later verse: drop it and what follows
        if later:
            i = later[-1]
            nxt = i + 1 if i + 1 < len(kinds) and kinds[i + 1] not in ("intro", "outro") else None
            for j in sorted([i] + ([nxt] if nxt is not None else []), reverse=True):
                form.pop(j)
        else:
            form.pop(body[-1])
        return
    for k in ("intro", "outro"):
        if k in kinds and len(form) > 1:
            form.pop(kinds.index(k))
            return
    form.pop()


def fit_form(template: list[tuple[str, int]], total_bars: int) -> list[tuple[str, int]]:
    """Scale a form template (kind, nominal bars) to exactly ``total_bars`` bars.

    Sections are dropped (bridges first, then repeats, then verse/chorus pairs, intro and outro last)
    while the template is far longer than the song; the rest are scaled and rounded (even bar counts
    where they are long enough) so that the sum is exact.
    """
    form = list(template)
    while len(form) > 1 and (
        (sum(b for _, b in form) > total_bars * 1.5 and len(form) > 2) or len(form) > total_bars
    ):
        _drop_one(form)
    nominal = sum(b for _, b in form)
    scale = total_bars / nominal

    def rounded(kind: str, b: float) -> int:
        x = b * scale
        if x >= 6 and kind not in ("intro", "outro"):
            return round(x / 4) * 4  # whole four-bar phrases
        return max(1, round(x / 2) * 2 if x >= 3 else round(x))

    bars = [rounded(k, b) for k, b in form]
    # intro and outro absorb the remainder first, then the longest sections
    order = sorted(range(len(form)), key=lambda i: (form[i][0] not in ("intro", "outro"), -form[i][1], -i))
    i = 0
    while sum(bars) != total_bars and i < 10_000:
        j = order[i % len(order)]
        if sum(bars) < total_bars:
            bars[j] += 1
        elif bars[j] > 1:
            bars[j] -= 1
        i += 1
    return [(k, b) for (k, _), b in zip(form, bars, strict=True)]


def name_sections(kinds: list[str]) -> list[str]:
    """Unique names: 'verse 1', 'verse 2', 'chorus 1'...; kinds that occur once keep their plain name."""
    counts = {k: kinds.count(k) for k in kinds}
    seen: dict[str, int] = {}
    names = []
    for k in kinds:
        seen[k] = seen.get(k, 0) + 1
        names.append(f"{k} {seen[k]}" if counts[k] > 1 else k)
    return names
