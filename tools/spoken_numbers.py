"""Numbers said in words before a unit, as digits ('under four minutes' -> 'under 4 minutes', 'about a
hundred and twenty bpm' -> 'about 120 bpm'), for the tools that read a request's own words."""

from __future__ import annotations

import re

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_UNITS = r"(?:minutes?|mins?|seconds?|secs?|bpm|beats per minute|hours?)"
_ONE = "|".join(_ONES)
_TEN = "|".join(_TENS)
_SAID = re.compile(
    rf"\b(?:(?P<hundred>a|one) hundred(?: and)?\s*)?"
    rf"(?:(?P<tens>{_TEN})(?:[- ](?P<tens_one>{_ONE}))?|(?P<ones>{_ONE}))?(?P<unit>[- ]{_UNITS})\b"
)


def _value(m: re.Match[str]) -> str:
    hundred = 100 if m.group("hundred") else 0
    tens = _TENS.get(m.group("tens") or "", 0) + _ONES.get(m.group("tens_one") or "", 0)
    ones = _ONES.get(m.group("ones") or "", 0)
    value = hundred + tens + ones
    if not value:
        return m.group(0)
    return f"{value} {m.group('unit')[1:]}"


def spoken_numbers(text: str) -> str:
    """``text`` (lower-cased) with the numbers said in words before a unit of time or tempo as digits."""
    return _SAID.sub(_value, text)
