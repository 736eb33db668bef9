"""Chord progressions per section: the style's idiomatic progressions in the song's key and mode."""

from __future__ import annotations

import random

from tools.generation.styles import Style
from tools.generation.theory import roman_to_chord

KIND_PROGRESSION: dict[str, str] = {
    "intro": "intro", "verse": "verse", "prechorus": "bridge", "build": "bridge", "chorus": "chorus",
    "drop": "chorus", "bridge": "bridge", "break": "verse", "solo": "verse", "outro": "intro",
}  # fmt: skip
"""Which progression family each section kind uses."""


def tonic_chord(tonic_pc: int, mode: str) -> str:
    """The tonic triad's label ('D:min')."""
    return roman_to_chord("I" if mode == "major" else "i", tonic_pc, mode)


def progression_numerals(style: Style, mode: str, kind: str, song_seed: int, variant: int = 0) -> list[str]:
    """The roman numerals of a section kind: the same for every section of that kind in one song
    (a regenerated section, ``variant`` > 0, takes another of the style's progressions, in turn)."""
    table = style.major if mode == "major" else style.minor
    family = KIND_PROGRESSION.get(kind, "verse")
    own = table.get(family) or table["verse"]
    first = own.index(random.Random(f"{song_seed}:{family}:").choice(own))
    if not variant:
        return list(own[first])
    pool = own + [o for fam in ("verse", "chorus", "bridge") for o in table.get(fam, []) if o not in own]
    pool = list(dict.fromkeys(tuple(o) for o in pool))  # type: ignore[arg-type]
    return list(pool[(first + variant) % len(pool)])


def section_chords(
    style: Style,
    tonic_pc: int,
    mode: str,
    kind: str,
    bars: int,
    song_seed: int,
    is_last: bool,
    variant: int = 0,
) -> list[str]:
    """One chord label per bar of a section: its progression cycled over the bars.

    The song's last section ends on the tonic; an intro of one or two bars starts on it."""
    numerals = progression_numerals(style, mode, kind, song_seed, variant)
    cycle = [numerals[i % len(numerals)] for i in range(bars)]
    if mode == "minor":
        cycle = _minor_cadences(cycle, is_last)
    chords = [roman_to_chord(n, tonic_pc, mode) for n in cycle]
    if is_last:
        chords[-1] = tonic_chord(tonic_pc, mode)
    return chords


def _minor_cadences(cycle: list[str], is_last: bool) -> list[str]:
    """Harmonic-minor cadences: phrase ends on bVII or bIII, and the end of the section, become the
    major dominant (V, V7 in seventh-chord styles). Its leading tone is what tells a minor key from
    its relative major (Am-F-G-Am reads as C major; Am-F-E-Am does not)."""
    dominant = "V7" if any("7" in n for n in cycle) else "V"
    out = list(cycle)
    for i, n in enumerate(out):
        if i % 4 == 3 and n.lstrip("b").rstrip("7").rstrip("maj") in ("VII", "III"):
            out[i] = dominant
    end = len(out) - (2 if is_last else 1)
    if end >= 1 and not out[end].startswith("V"):
        out[end] = dominant
    return out
