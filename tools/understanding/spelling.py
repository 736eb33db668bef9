"""Names musicians use: keys with their conventional spelling and chord roots spelled in the key.

A chord's root is named by its scale degree in the key, so Bb major has Bb, Eb, F (not A#, D#, F) and
A major has F#, C# (not Gb, Db). Roots outside the scale take the spelling of the usual borrowed or
secondary chord (bII, bIII, #IV, bVI, bVII in major; bII, III, #IV, VI, VII in minor).
"""

from __future__ import annotations

import re

from tools.understanding.models import Segment

_LETTERS = "CDEFGAB"
_NATURAL_PC = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
_ACCIDENTAL = {-2: "bb", -1: "b", 0: "", 1: "#", 2: "##"}

MAJOR_KEY_NAMES: tuple[str, ...] = ("C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
"""Conventional tonic of each major key (index = pitch class): the spelling with fewer accidentals."""
MINOR_KEY_NAMES: tuple[str, ...] = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B")
"""Conventional tonic of each minor key (index = pitch class)."""

_DEGREE = (0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6)
"""Scale degree (0 = tonic) each interval above the tonic (semitones, index) is spelled as, in major and
minor alike: b2/2, b3/3, 4/#4, 5, b6/6, b7/7."""
_FALLBACK = ("C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")


def pitch_class(name: str) -> int:
    """Pitch class (0 = C) of a note name such as 'Bb', 'F#', 'A' or 'Cbb'; ValueError otherwise."""
    m = re.fullmatch(r"([A-G])(#{0,2}|b{0,2})", name.strip())
    if not m:
        raise ValueError(f"not a note name: {name!r}")
    acc = m.group(2)
    return (_NATURAL_PC[m.group(1)] + len(acc) * (1 if acc.startswith("#") else -1)) % 12


def key_name(tonic_pc: int, minor: bool) -> str:
    """'Eb major' / 'F# minor': the key of ``tonic_pc`` (0 = C) with its conventional spelling."""
    names = MINOR_KEY_NAMES if minor else MAJOR_KEY_NAMES
    return f"{names[tonic_pc % 12]} {'minor' if minor else 'major'}"


def parse_key_name(key: str | None) -> tuple[int, bool] | None:
    """(tonic pitch class, is minor) of a key label like 'D# minor' or 'Bb major'; None if it is not one."""
    if not key:
        return None
    parts = key.split()
    if len(parts) != 2 or parts[1] not in ("major", "minor"):
        return None
    try:
        return pitch_class(parts[0]), parts[1] == "minor"
    except ValueError:
        return None


def normalise_key(key: str | None) -> str | None:
    """The conventional spelling of a key label ('D# major' -> 'Eb major'); unchanged if not a key."""
    parsed = parse_key_name(key)
    return key_name(*parsed) if parsed else key


def note_in_key(pc: int, tonic_pc: int, minor: bool) -> str:
    """Spelling of pitch class ``pc`` as a scale degree of the key (tonic ``tonic_pc``, mode): e.g. 10 in
    F major is 'Bb', 1 in A major 'C#', 8 in C major 'Ab'; plain sharps/flats when that would need a
    double accidental."""
    tonic = (MINOR_KEY_NAMES if minor else MAJOR_KEY_NAMES)[tonic_pc % 12]
    interval = (pc - tonic_pc) % 12
    degree = _DEGREE[interval]
    letter = _LETTERS[(_LETTERS.index(tonic[0]) + degree) % 7]
    shift = (pc - _NATURAL_PC[letter]) % 12
    shift = shift - 12 if shift > 6 else shift
    if abs(shift) > 1:
        return _FALLBACK[pc % 12]
    return letter + _ACCIDENTAL[shift]


def spell_chord(label: str, key: str | None) -> str:
    """Harte chord ``label`` ('A#:maj') with its root (and bass, after '/', when it is a note) spelled in
    ``key`` ('Bb major' -> 'Bb:maj'); unchanged for 'N', 'X', or when there is no key."""
    parsed = parse_key_name(key)
    if parsed is None or label in ("N", "X") or not label:
        return label
    root, sep, rest = label.partition(":")
    try:
        spelled = note_in_key(pitch_class(root), *parsed)
    except ValueError:
        return label
    return spelled + sep + rest


def spell_chords(
    chords: list[Segment], key: str | None, key_changes: list[Segment] | None = None
) -> list[Segment]:
    """``chords`` with roots spelled in the key in force at each chord's midpoint (``key_changes``, with
    the global ``key`` where none covers it)."""
    out = []
    for c in chords:
        mid = (c.start + c.end) / 2
        local = next((k.label for k in key_changes or [] if k.start <= mid < k.end), key)
        out.append(c.model_copy(update={"label": spell_chord(c.label, local)}))
    return out
