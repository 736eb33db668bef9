"""Grounding check: the facts a reply states must come from what the tools measured.

A reply written by a model (or a template) may only state numbers, times, keys and chord names
that appear in the tool outputs of the turn (or in the user's own words, e.g. the tempo they asked
for). :func:`check_grounding` lists the facts of a reply that nothing supports; a planner that gets
a non-empty list back falls back to its template reply.

Numbers match when they agree to the precision the reply writes them with ('0:31.8' is supported
by 31.79 s, '120 BPM' by 119.6); keys match by pitch class and mode ('D# minor' == 'Eb minor');
chords by root pitch class and quality.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

_PC = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_ACC = r"(?:#|♯|b|♭|-?sharp|-?flat)"
_KEY = re.compile(rf"\b([A-Ga-g])\s*({_ACC})?\s*(major|minor|maj|min)\b", re.IGNORECASE)
_CHORD_QUALITY = r"(?:maj7|maj9|maj|min7|m7b5|m7|m9|m|7|9|dim7|dim|aug|sus2|sus4|6|add9|°|ø)"
_CHORD = re.compile(rf"(?<![\w#♯♭/])([A-G])([#♯b♭]?)({_CHORD_QUALITY})?(?:/([A-G][#♯b♭]?))?(?![\w#♯♭'’])")
_TIMECODE = re.compile(r"(?<![\d:.])(\d{1,2}):([0-5]\d(?:\.\d+)?)(?![\d:])")
_NUMBER = re.compile(r"(?<![\w.:])[-+−]?\d+(?:[.,]\d+)?(?![\w:]|\.\d)")
_UNIT_AFTER = re.compile(
    r"\s*(%|bpm|db|dbfs|dbtp|lufs|lu|hz|khz|s\b|sec|secs|seconds?|ms|min|mins|minutes?|bars?|semitones?|beats?)",
    re.IGNORECASE,
)
SMALL_INTEGER = 12
"""Bare integers up to this (no unit) are counts and ordinals ('2 takes', 'version 3'), not checked."""


@dataclass(frozen=True)
class Fact:
    """One checkable statement inside a reply: its kind, the text and the value compared."""

    kind: str  # "number", "time", "key", "chord"
    text: str
    value: Any


@dataclass
class Grounding:
    """The result of a grounding check."""

    facts: list[Fact] = field(default_factory=list)
    unsupported: list[Fact] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every fact of the reply is supported by a source."""
        return not self.unsupported


def _pitch_class(letter: str, accidental: str | None) -> int:
    pc = _PC[letter.lower()]
    acc = (accidental or "").lower()
    if acc in ("#", "♯", "sharp", "-sharp"):
        pc += 1
    elif acc in ("b", "♭", "flat", "-flat"):
        pc -= 1
    return pc % 12


def _decimals(text: str) -> int:
    text = text.replace(",", ".")
    return len(text.split(".", 1)[1]) if "." in text else 0


def facts_in(reply: str) -> list[Fact]:
    """The numbers (with or without units), times ('0:31.8', as seconds), keys ('D minor', as
    (pitch class, mode)) and chord names (as (root pitch class, quality)) stated in ``reply``."""
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return not any(a < span[1] and span[0] < b for a, b in taken)

    for m in _KEY.finditer(reply):
        mode = "minor" if m.group(3).lower().startswith("min") else "major"
        facts.append(Fact("key", m.group(0), (_pitch_class(m.group(1), m.group(2)), mode)))
        taken.append(m.span())
    for m in _TIMECODE.finditer(reply):
        seconds = int(m.group(1)) * 60 + float(m.group(2))
        facts.append(Fact("time", m.group(0), (seconds, _decimals(m.group(2)))))
        taken.append(m.span())
    chords = [m for m in _CHORD.finditer(reply) if free(m.span())]
    for i, m in enumerate(chords):
        bare = not m.group(2) and not m.group(3) and not m.group(4)
        if bare:  # 'A', 'I': a chord only inside a progression ('C - G - Am - F', 'C, F and G')
            near = [o for o in chords[max(0, i - 1) : i + 2] if o is not m]
            if not any(re.fullmatch(r"\s*(?:[-–|,/>→]|and|then)\s*", _between(reply, m, o)) for o in near):
                continue
        quality = m.group(3) or ""
        quality = {"min": "m", "maj": "", "°": "dim"}.get(quality, quality)
        facts.append(Fact("chord", m.group(0), (_pitch_class(m.group(1), m.group(2)), quality)))
        taken.append(m.span())
    for m in _NUMBER.finditer(reply):
        if not free(m.span()):
            continue
        text = m.group(0)
        value = float(text.replace("−", "-").replace(",", "."))
        has_unit = bool(_UNIT_AFTER.match(reply, m.end()))
        if not has_unit and _decimals(text) == 0 and abs(value) <= SMALL_INTEGER:
            continue
        facts.append(Fact("number", text, (value, _decimals(text))))
    return facts


def _between(text: str, a: re.Match[str], b: re.Match[str]) -> str:
    first, second = (a, b) if a.start() < b.start() else (b, a)
    return text[first.end() : second.start()]


def _walk(value: Any, numbers: list[float], strings: list[str]) -> None:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (int, float)):
        if math.isfinite(float(value)):
            numbers.append(float(value))
        return
    if isinstance(value, str):
        strings.append(value)
        return
    if isinstance(value, dict):
        tonic, mode = value.get("key"), value.get("mode")
        if isinstance(tonic, str) and isinstance(mode, str):
            strings.append(f"{tonic} {mode}")
        for v in value.values():
            _walk(v, numbers, strings)
        return
    if isinstance(value, (list, tuple)):
        for v in value:
            _walk(v, numbers, strings)


def _number_supported(value: float, decimals: int, numbers: Iterable[float]) -> bool:
    tolerance = 0.5 * 10 ** (-decimals) + 1e-9
    for n in numbers:
        for candidate in (n, -n):
            if abs(candidate - value) <= tolerance:
                return True
            if decimals == 0 and abs(value) >= 20 and abs(candidate - value) <= 0.01 * abs(value):
                return True  # '120 BPM' for a measured 119.2
    return False


def check_grounding(reply: str, sources: Iterable[Any], user_text: str = "") -> Grounding:
    """Which facts of ``reply`` no source supports.

    ``sources``: tool outputs (dicts, pydantic models, lists, strings: walked recursively); numbers
    in their strings count too ('tempo 120 BPM'). ``user_text``: the user's words, whose numbers and
    keys a reply may repeat. Returns a :class:`Grounding` (``ok`` when nothing is unsupported).
    """
    numbers: list[float] = []
    strings: list[str] = []
    for source in sources:
        _walk(source, numbers, strings)
    if user_text:
        strings.append(user_text)
    source_facts = [f for s in strings for f in facts_in(s)]
    for f in source_facts:
        if f.kind == "number":
            numbers.append(f.value[0])
        elif f.kind == "time":
            numbers.append(f.value[0])
    for s in strings:  # bare numbers inside source strings ('3 takes', '-14.2')
        numbers.extend(float(x.replace(",", ".")) for x in re.findall(r"[-+]?\d+(?:[.,]\d+)?", s))
    keys = {f.value for f in source_facts if f.kind == "key"}
    chords = {f.value for f in source_facts if f.kind == "chord"}
    chord_words = [w for s in strings for w in re.findall(r"[A-G][#♯b♭]?[\w#♯♭°ø/]*", s)]
    for w in chord_words:
        m = _CHORD.fullmatch(w)
        if m:
            q = {"min": "m", "maj": "", "°": "dim"}.get(m.group(3) or "", m.group(3) or "")
            chords.add((_pitch_class(m.group(1), m.group(2)), q))
    result = Grounding(facts=facts_in(reply))
    for fact in result.facts:
        if fact.kind == "key":
            ok = fact.value in keys
        elif fact.kind == "chord":
            ok = fact.value in chords
        else:
            ok = _number_supported(fact.value[0], fact.value[1], numbers)
        if not ok:
            result.unsupported.append(fact)
    return result


def grounded_reply(reply: str | None, fallback: str, sources: Iterable[Any], user_text: str = "") -> str:
    """``reply`` when every fact in it is supported by ``sources``, otherwise ``fallback`` (the
    template reply built from the same outputs)."""
    if not reply or not reply.strip():
        return fallback
    return reply if check_grounding(reply, list(sources), user_text).ok else fallback
