"""A chord progression asked for in words ('I-V-vi-IV', 'Am F C G', 'ii–V–I', 'chords C G Am F'),
read into Harte-like labels in the song's key, and set on every section of a project.

Chords are one per bar, cycled over each section's bars. Roman numerals follow
:func:`tools.generation.theory.roman_to_chord` (upper case major, lower case minor); chord names
take the usual suffixes (m, min, 7, maj7, m7, dim, sus2, sus4, 6, 9).
"""

from __future__ import annotations

import re

from tools.generation.project import SongProject
from tools.generation.theory import FLAT_NAMES, SHARP_NAMES, pitch_class, roman_to_chord, spelled_with_flats

_NAME = re.compile(
    r"^([A-G])([#♯b♭]?)(maj7|maj9|maj|min7|min|m7b5|m7|m9|m6|m|dim7|dim|°|aug|\+|sus2|sus4|add9|7|9|6)?$"
)
_ROMAN = re.compile(
    r"^(b|#|♭|♯)?(iii|ii|iv|vii|vi|v|i|III|II|IV|VII|VI|V|I)(maj7|7|9|6|dim|°|o|ø|sus2|sus4|add9)?$"
)
_KEYWORDS = re.compile(r"\b(progression|chords?|changes)\b", re.IGNORECASE)
_SUFFIX_QUALITY = {
    None: "maj", "maj": "maj", "m": "min", "min": "min", "7": "7", "maj7": "maj7", "maj9": "maj9",
    "m7": "min7", "min7": "min7", "m9": "min9", "m6": "min6", "6": "maj6", "9": "9", "dim": "dim",
    "°": "dim", "dim7": "dim7", "m7b5": "hdim7", "aug": "aug", "+": "aug", "sus2": "sus2",
    "sus4": "sus4", "add9": "add9",
}  # fmt: skip


def _name_label(token: str, flats: bool) -> str | None:
    m = _NAME.match(token)
    if not m:
        return None
    root = pitch_class(m.group(1) + m.group(2).replace("♯", "#").replace("♭", "b"))
    names = FLAT_NAMES if flats or "b" in m.group(2) or "♭" in m.group(2) else SHARP_NAMES
    return f"{names[root]}:{_SUFFIX_QUALITY[m.group(3)]}"


def _roman_label(token: str, tonic_pc: int, mode: str) -> str | None:
    m = _ROMAN.match(token)
    if not m:
        return None
    acc = (m.group(1) or "").replace("♭", "b").replace("♯", "#")
    if not acc and mode == "minor" and m.group(2).lower() in ("iii", "vi", "vii"):
        acc = "b"  # in a minor key III, VI and VII are the natural-minor degrees (C, F, G in A minor)
    numeral = acc + m.group(2) + (m.group(3) or "")
    try:
        return roman_to_chord(
            numeral.replace("o", "dim") if numeral.endswith("o") else numeral, tonic_pc, mode
        )
    except ValueError:
        return None


def parse_progression(text: str, tonic: str, mode: str) -> list[str] | None:
    """The chord labels of a progression written in ``text`` (in the key ``tonic`` ``mode``), or None.

    A progression is the longest run of three or more chord tokens (all roman numerals or all chord
    names) joined by dashes, commas, bars or spaces; a run joined only by spaces needs four chords or
    a word such as 'progression' or 'chords' in the text (so 'in A major' is never a progression)."""
    tonic_pc = pitch_class(tonic)
    flats = spelled_with_flats(tonic_pc, mode)
    parts = re.split(
        r"(\s*(?:-|–|—|,|\||/)\s*|\s+)", text.strip()
    )  # tokens, each with the separator after it
    tokens = [
        (parts[i].strip(".;:!?()\"'“”"), parts[i + 1] if i + 1 < len(parts) else "")
        for i in range(0, len(parts), 2)
    ]
    best: list[tuple[str, str]] = []
    for kind in ("roman", "name"):
        run: list[tuple[str, str]] = []
        for token, sep in [*tokens, ("", "")]:
            label = _roman_label(token, tonic_pc, mode) if kind == "roman" else _name_label(token, flats)
            if label is not None:
                run.append((label, sep))
                continue
            if len(run) > len(best):
                best = run
            run = []
    if len(best) < 3:
        return None
    dashed = any(s.strip() for _, s in best[:-1])
    if not dashed and len(best) < 4 and not _KEYWORDS.search(text):
        return None
    return [label for label, _ in best]


def set_progression(project: SongProject, chords: list[str]) -> SongProject:
    """The project with ``chords`` (one per bar) cycled over every section and every part rewritten
    on them (lyrics set again on the new melody)."""
    from tools.generation.compose.arrange import arrange
    from tools.generation.edits import realign_lyrics

    sections = [
        s.model_copy(update={"chords": [chords[i % len(chords)] for i in range(s.bars)], "chords_per_bar": 1})
        for s in project.sections
    ]
    names = " - ".join(c.replace(":maj", "").replace(":min", "m").replace(":", "") for c in chords)
    note = f"every section follows the progression you asked for: {names}"
    tonic = final_tonic(project, chords)
    last = sections[-1]
    if last.chords[-1] != tonic and last.bars > 1:
        # a cycled progression stops wherever the bars run out; a song ends at home (on its tonic), which
        # is also what makes a minor key heard as minor when the loop has no dominant (Am F C G)
        sections[-1] = last.model_copy(update={"chords": [*last.chords[:-1], tonic]})
        note += f", ending on {tonic.replace(':maj', '').replace(':min', 'm')} in the last bar"
    new = project.model_copy(update={"sections": sections, "notes": [*project.notes, note]})
    return realign_lyrics(arrange(new))


def final_tonic(project: SongProject, chords: list[str]) -> str:
    """The tonic chord to end on: the progression's own chord on the key's tonic (keeps its colour,
    e.g. ``F:maj7``), else the plain tonic triad spelled as the key is."""
    tonic_pc = pitch_class(project.key)
    for label in chords:
        try:
            if pitch_class(label.split(":", 1)[0]) == tonic_pc:
                return label
        except ValueError:  # 'N' and other labels without a root
            continue
    return roman_to_chord("i" if project.mode == "minor" else "I", tonic_pc, project.mode)


def honour_progression(project: SongProject, prompt: str) -> SongProject:
    """The project set on the progression ``prompt`` asks for (see :func:`parse_progression`), or the
    project unchanged when it asks for none."""
    chords = parse_progression(prompt or "", project.key, project.mode)
    return set_progression(project, chords) if chords else project
