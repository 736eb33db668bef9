"""Music theory helpers: pitch names, keys, scales, roman-numeral chords and Harte-like labels.

Pitches are MIDI numbers, pitch classes 0-11 (C = 0), intervals in semitones.
"""

from __future__ import annotations

import re

SHARP_NAMES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
FLAT_NAMES = ("C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B")
KEY_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
"""The spelling used for tonics (the analysers' spelling)."""

SCALES: dict[str, tuple[int, ...]] = {
    "major": (0, 2, 4, 5, 7, 9, 11),
    "minor": (0, 2, 3, 5, 7, 8, 10),
}
"""Scale steps of each mode, in semitones above the tonic."""

QUALITIES: dict[str, tuple[int, ...]] = {
    "maj": (0, 4, 7),
    "min": (0, 3, 7),
    "dim": (0, 3, 6),
    "aug": (0, 4, 8),
    "7": (0, 4, 7, 10),
    "maj7": (0, 4, 7, 11),
    "min7": (0, 3, 7, 10),
    "hdim7": (0, 3, 6, 10),
    "sus4": (0, 5, 7),
    "sus2": (0, 2, 7),
    "maj6": (0, 4, 7, 9),
    "min6": (0, 3, 7, 9),
    "9": (0, 4, 7, 10, 14),
    "maj9": (0, 4, 7, 11, 14),
    "min9": (0, 3, 7, 10, 14),
    "add9": (0, 4, 7, 14),
}
"""Chord qualities (Harte shorthands) and their intervals above the root."""

_FLAT_TONICS = {"major": frozenset({1, 3, 5, 8, 10}), "minor": frozenset({0, 2, 3, 5, 7, 10})}
"""Tonic pitch classes whose keys are spelled with flats (Db, Eb, F, Ab, Bb major; C, D, Eb, F, G,
Bb minor)."""
_NUMERALS = {"i": 0, "ii": 2, "iii": 4, "iv": 5, "v": 7, "vi": 9, "vii": 11}
_ROMAN = re.compile(r"^(b|#)?(iii|ii|iv|vii|vi|v|i|III|II|IV|VII|VI|V|I)(.*)$")


def spelled_with_flats(tonic_pc: int, mode: str) -> bool:
    """True when chords in the key on ``tonic_pc`` in ``mode`` are spelled with flats (F, Bb major;
    D minor)."""
    return tonic_pc % 12 in _FLAT_TONICS.get(mode, frozenset())


def pitch_class(name: str) -> int:
    """Pitch class of a note name ('C#', 'Bb', 'f'); ValueError when it is not one."""
    name = name.strip()
    if not name or name[0].upper() not in "CDEFGAB":
        raise ValueError(f"not a pitch name: {name!r}")
    pc = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}[name[0].upper()]
    for acc in name[1:]:
        pc += {"#": 1, "♯": 1, "b": -1, "♭": -1}.get(acc, 0)
    return pc % 12


def tonic_name(pc: int) -> str:
    """The spelling of a tonic pitch class ('Eb', 'F#')."""
    return KEY_NAMES[pc % 12]


def parse_key(text: str) -> tuple[str, str] | None:
    """('D', 'minor') from 'D minor', 'd min', 'F# major', 'Bbm'; None when no key is named."""
    m = re.search(r"\b([A-Ga-g])\s*(#|♯|b|♭|-?sharp|-?flat)?\s*(major|minor|maj|min|m)\b", text.strip())
    if not m:
        return None
    acc = m.group(2) or ""
    acc = "#" if "sharp" in acc or (acc in "#♯" and acc) else ("b" if acc else "")
    pc = pitch_class(m.group(1).upper() + acc)
    mode = "major" if m.group(3) in ("major", "maj") else "minor"
    return tonic_name(pc), mode


_BARE_TONIC = re.compile(
    r"(?:^|\b(?:in|into|to|key of|over to)\s+)([a-g])(?:\s*(#|♯|b|♭|-?sharp|-?flat))?"
    r"(?:\s+(?:please|instead|now))?\s*[.!?]*$",
    flags=re.IGNORECASE,
)


def named_tonic(text: str) -> str | None:
    """The tonic a request names without a mode ('put it in f', 'in the key of g', 'e flat'), as a
    pitch name ('F', 'G', 'Eb'); None when none is named that way (a mode-less key keeps the mode)."""
    m = _BARE_TONIC.search(text.strip())
    if not m:
        return None
    acc = (m.group(2) or "").lower()
    acc = "#" if ("sharp" in acc or acc in ("#", "♯")) and acc else ("b" if acc else "")
    return tonic_name(pitch_class(m.group(1).upper() + acc))


def roman_to_chord(numeral: str, tonic_pc: int, mode: str = "major") -> str:
    """Harte-like label of a roman numeral in a key: ('V7', D) -> 'A:7', ('bVII', A) -> 'G:maj'.

    Upper case = major triad, lower case = minor; suffixes: 7, maj7, m7 (lower case 7), dim, °, ø,
    sus2, sus4, 6, 9, add9. Intervals follow the major scale (bIII, bVI, bVII for borrowed chords).
    """
    m = _ROMAN.match(numeral)
    if not m:
        raise ValueError(f"not a roman numeral: {numeral!r}")
    acc, num, suffix = m.group(1) or "", m.group(2), m.group(3)
    root = (tonic_pc + _NUMERALS[num.lower()] + {"b": -1, "#": 1, "": 0}[acc]) % 12
    upper = num.isupper()
    if suffix in ("dim", "°", "o"):
        quality = "dim"
    elif suffix in ("ø", "ø7", "hdim7"):
        quality = "hdim7"
    elif suffix == "7":
        quality = "7" if upper else "min7"
    elif suffix == "maj7":
        quality = "maj7"
    elif suffix == "9":
        quality = "9" if upper else "min9"
    elif suffix == "maj9":
        quality = "maj9"
    elif suffix == "6":
        quality = "maj6" if upper else "min6"
    elif suffix in ("sus2", "sus4", "add9", "aug"):
        quality = suffix
    elif suffix == "":
        quality = "maj" if upper else "min"
    else:
        raise ValueError(f"unknown chord suffix in {numeral!r}")
    names = FLAT_NAMES if spelled_with_flats(tonic_pc, mode) else SHARP_NAMES
    return f"{names[root]}:{quality}"


def parse_chord(label: str) -> tuple[int, tuple[int, ...]]:
    """(root pitch class, intervals) of a Harte-like label ('A:7', 'D:min', 'C' = C:maj, 'N' = none)."""
    if label in ("N", "X", ""):
        return 0, ()
    root, _, quality = label.partition(":")
    return pitch_class(root), QUALITIES.get(quality or "maj", QUALITIES["maj"])


def chord_pitches(label: str, low: int, n: int | None = None) -> list[int]:
    """Pitches of a chord voiced upwards from the lowest root at or above ``low`` (``n`` notes)."""
    root, intervals = parse_chord(label)
    if not intervals:
        return []
    base = low + ((root - low) % 12)
    notes = [base + i for i in intervals]
    if n is not None:
        while len(notes) < n:
            notes.append(notes[len(notes) - len(intervals)] + 12)
        notes = notes[:n]
    return notes


def scale_pitch(degree: int, tonic_pc: int, mode: str, octave_base: int) -> int:
    """MIDI pitch of a scale degree (0 = tonic, 7 = tonic an octave up, negatives go down).

    ``octave_base`` is the MIDI pitch of C in the octave of degree 0 (e.g. 60)."""
    steps = SCALES[mode]
    octave, idx = divmod(degree, 7)
    return octave_base + tonic_pc + steps[idx] + 12 * octave


def nearest_chord_tone(pitch: int, label: str, root_or_fifth: bool = False) -> int:
    """The pitch of ``label``'s chord tones closest to ``pitch`` (ties go down); with
    ``root_or_fifth`` only the root and the fifth count."""
    root, intervals = parse_chord(label)
    if not intervals:
        return pitch
    chosen = [i for i in intervals if i in (0, 6, 7)] if root_or_fifth else intervals
    pcs = {(root + i) % 12 for i in chosen}
    for d in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
        if (pitch + d) % 12 in pcs:
            return pitch + d
    return pitch


def in_scale(pitch: int, tonic_pc: int, mode: str) -> bool:
    """True when ``pitch`` belongs to the key's scale."""
    return (pitch - tonic_pc) % 12 in SCALES[mode]
