"""Instrument names people use, mapped to General MIDI programs (0-based) and default roles."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Instrument:
    """A playable instrument: its canonical name, GM program, drum flag, and the role it suits."""

    name: str
    program: int
    is_drums: bool = False
    role: str = "chords"
    """Default role: 'melody', 'chords', 'bass', 'drums', 'pad' or 'lead_vocal'."""
    low: int = 48
    """Lowest comfortable MIDI pitch for chords/melody on it."""


INSTRUMENTS: dict[str, Instrument] = {
    i.name: i
    for i in (
        Instrument("piano", 0, low=48),
        Instrument("bright piano", 1, low=48),
        Instrument("electric piano", 4, low=48),
        Instrument("harpsichord", 6, low=48),
        Instrument("celesta", 8, role="melody", low=60),
        Instrument("glockenspiel", 9, role="melody", low=72),
        Instrument("vibraphone", 11, low=53),
        Instrument("marimba", 12, low=53),
        Instrument("organ", 16, low=48),
        Instrument("accordion", 21, low=53),
        Instrument("harmonica", 22, role="melody", low=60),
        Instrument("nylon guitar", 24, low=48),
        Instrument("acoustic guitar", 25, low=48),
        Instrument("electric guitar", 27, low=48),
        Instrument("muted guitar", 28, low=48),
        Instrument("overdrive guitar", 29, low=45),
        Instrument("distortion guitar", 30, low=45),
        Instrument("upright bass", 32, role="bass", low=28),
        Instrument("bass", 33, role="bass", low=28),
        Instrument("slap bass", 36, role="bass", low=28),
        Instrument("synth bass", 38, role="bass", low=28),
        Instrument("violin", 40, role="melody", low=60),
        Instrument("viola", 41, low=53),
        Instrument("cello", 42, low=41),
        Instrument("harp", 46, low=48),
        Instrument("strings", 48, low=48),
        Instrument("choir", 52, role="pad", low=53),
        Instrument("voice", 53, role="lead_vocal", low=57),
        Instrument("trumpet", 56, role="melody", low=58),
        Instrument("trombone", 57, low=45),
        Instrument("french horn", 60, low=50),
        Instrument("brass", 61, low=50),
        Instrument("saxophone", 65, role="melody", low=53),
        Instrument("tenor saxophone", 66, role="melody", low=50),
        Instrument("oboe", 68, role="melody", low=60),
        Instrument("clarinet", 71, role="melody", low=55),
        Instrument("flute", 73, role="melody", low=64),
        Instrument("synth lead", 81, role="melody", low=60),
        Instrument("synth pad", 89, role="pad", low=48),
        Instrument("warm pad", 88, role="pad", low=48),
        Instrument("banjo", 105, low=55),
        Instrument("steel drums", 114, role="melody", low=60),
        Instrument("drums", 0, is_drums=True, role="drums"),
    )
}
"""Canonical instruments by name."""

ALIASES: dict[str, str] = {
    "pianos": "piano", "grand piano": "piano", "keys": "electric piano", "rhodes": "electric piano",
    "e-piano": "electric piano", "ep": "electric piano", "wurlitzer": "electric piano",
    "guitar": "acoustic guitar", "guitars": "acoustic guitar", "steel guitar": "acoustic guitar",
    "classical guitar": "nylon guitar", "spanish guitar": "nylon guitar", "ukulele": "nylon guitar",
    "clean guitar": "electric guitar", "electric guitars": "electric guitar",
    "distorted guitar": "distortion guitar", "rock guitar": "distortion guitar",
    "bass guitar": "bass", "electric bass": "bass", "basses": "bass", "bassline": "bass",
    "double bass": "upright bass", "acoustic bass": "upright bass", "contrabass": "upright bass",
    "string": "strings", "string section": "strings", "orchestra": "strings", "violins": "violin",
    "cellos": "cello", "fiddle": "violin", "sax": "saxophone", "alto sax": "saxophone",
    "tenor sax": "tenor saxophone", "horn": "french horn", "horns": "french horn",
    "trumpets": "trumpet", "brass section": "brass", "flutes": "flute", "synth": "synth lead",
    "synths": "synth lead", "lead synth": "synth lead", "pad": "synth pad", "pads": "synth pad",
    "synthesizer": "synth lead", "vocals": "voice", "vocal": "voice", "singer": "voice",
    "singing": "voice", "voices": "voice", "drum": "drums", "drum kit": "drums", "percussion": "drums",
    "kit": "drums", "vibes": "vibraphone", "bells": "glockenspiel",
    "hammond": "organ", "church organ": "organ", "steelpan": "steel drums", "choirs": "choir",
}  # fmt: skip
"""Other names people use, mapped to canonical names."""

_ALL_NAMES = sorted({*INSTRUMENTS, *ALIASES}, key=len, reverse=True)
_NAME_RE = re.compile(r"\b(" + "|".join(re.escape(n) for n in _ALL_NAMES) + r")(?:s|es)?\b")


def lookup(name: str) -> Instrument | None:
    """The instrument called ``name`` (canonical or alias, any case), or None."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    return INSTRUMENTS.get(key)


def find_instruments(text: str) -> list[Instrument]:
    """Instruments named in ``text``, in order of first mention, without duplicates."""
    out: list[Instrument] = []
    for m in _NAME_RE.finditer(text.lower()):
        inst = lookup(m.group(1))
        if inst is not None and inst not in out:
            out.append(inst)
    return out


def instrument_spans(text: str) -> list[tuple[int, int]]:
    """Where instruments are named in ``text``: (start, end) character offsets, in order."""
    return [m.span(1) for m in _NAME_RE.finditer(text.lower()) if lookup(m.group(1)) is not None]


def instrument_names() -> list[str]:
    """Canonical instrument names (for error messages and schemas)."""
    return list(INSTRUMENTS)
