"""Read the slots of a song request written in words: tempo, length, theme, title and lyrics.

Style, mood, key, meter and instruments are read by :mod:`tools.generation.compose.request`.
Units: tempo in BPM, length in seconds. Values are returned as written (even impossible ones), so
that the clamping in ``resolve`` can say what it changed.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

_NUM = r"[-+−]?\d+(?:[.,]\d+)?"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50,
          "sixty": 60, "ninety": 90, "a": 1, "half a": 0.5}  # fmt: skip


class PromptSlots(BaseModel):
    """Slots found in a request (None: not said)."""

    tempo_bpm: float | None = None
    duration_s: float | None = None
    theme: str | None = None
    title: str | None = None
    lyrics: str | None = None


def _num(text: str) -> float:
    return float(text.replace("−", "-").replace(",", "."))


def parse_duration_s(text: str) -> float | None:
    """A song length in ``text``: '40 seconds', '2-minute', '1:30', '2 min 30 s', 'three minutes', '-5 s'."""
    low = text.lower()
    for word, value in sorted(_WORDS.items(), key=lambda kv: -len(kv[0])):
        low = re.sub(rf"\b{word}[- ](minutes?|mins?|seconds?|secs?)\b", f"{value} \\1", low)
    m = re.search(
        rf"({_NUM})\s*[- ]?\s*(?:minutes?|mins?|m)\b(?:\s*(?:and\s*)?({_NUM})\s*(?:seconds?|secs?|s)\b)?", low
    )
    if m:
        return _num(m.group(1)) * 60 + (_num(m.group(2)) if m.group(2) else 0.0)
    m = re.search(rf"({_NUM})\s*[- ]?\s*(?:seconds?|secs?|s)\b", low)
    if m:
        return _num(m.group(1))
    m = re.search(r"\b(\d{1,2}):(\d{2})\b", low)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    return None


_AT_TEMPO = re.compile(
    r"(?:\bat|@)\s*(\d{2,3})\b(?![.,]?\d)"
    r"(?!\s*(?:%|percent|s\b|secs?\b|seconds?|mins?\b|minutes?|hz|khz|db|bars?|measures?|times|:))"
)


def parse_tempo_bpm(text: str) -> float | None:
    """A tempo in ``text``, in BPM: '120 BPM', '72 bpm', 'tempo 90', '-10 bpm' (returned as written), or
    a bare 40-240 after 'at' ('a rock song at 140')."""
    low = text.lower()
    m = re.search(rf"({_NUM})\s*(?:bpm|beats per minute|beats a minute)\b", low) or re.search(
        rf"\btempo (?:of )?({_NUM})\b", low
    )
    if m:
        return _num(m.group(1))
    m = _AT_TEMPO.search(low)
    if m and 40 <= int(m.group(1)) <= 240:  # 'a rock song at 140': a bare number after 'at' is the tempo
        return float(m.group(1))
    return None


def parse_prompt(text: str) -> PromptSlots:
    """The tempo, length, theme, title and lyrics said in a request."""
    slots = PromptSlots(tempo_bpm=parse_tempo_bpm(text), duration_s=parse_duration_s(text))
    m = re.search(r"\blyrics?\s*[:=]\s*(.+)$", text, flags=re.IGNORECASE | re.DOTALL)
    if m:
        slots.lyrics = m.group(1).strip().strip('"“”') or None
        text = text[: m.start()]
    m = re.search(r"\b(?:called|titled|named)\s+[\"“']?([^\"”',.]+)", text, flags=re.IGNORECASE)
    if m:
        slots.title = m.group(1).strip()[:80]
    theme_re = r"\b(?:about|on the theme of|inspired by)\s+(.+?)(?:[.,;!?]|\bwith\b|\bat\b|\bin [a-g]\b|$)"
    m = re.search(theme_re, text, flags=re.IGNORECASE)
    if m:
        slots.theme = m.group(1).strip()[:120] or None
    return slots
