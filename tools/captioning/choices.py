"""Multiple-choice questions (MuChoMusic style): find the options, pick the one the measurements support.

A question such as "What is the tempo? (A) 60 BPM (B) 100 BPM (C) 140 BPM (D) 180 BPM" is split into
its stem and lettered options. Each option is scored against the feature sheet: keys by name (same
key 1, same tonic or relative key partly), tempo by the nearest BPM (half/double time counts less),
the meter, chord names, and otherwise the words and numbers the measured answer to the stem shares
with the option. The best option is picked only when it clearly beats the others; else the answer
says it can't tell which option is right. Nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.understanding.sheet import FeatureSheet

OPTION = re.compile(r"(?:^|(?<=\s))\(?([A-Ha-h])\)\s*|(?:^|(?<=\s))([A-H])[.:]\s+")
"""An option letter: "(A) ", "A) ", "A. " or "A: " (upper case for the last two)."""

PICK_MARGIN: float = 0.15
"""The best option's score (0-1) must beat the runner-up by at least this much to be picked."""

PICK_MIN_SCORE: float = 0.3
"""Below this score (0-1) no option is supported by the measurements."""

TEMPO_SLOPE: float = 3.0
"""Score lost per unit of relative tempo error (0.1 = 10% off costs 0.3)."""

_NOTE = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_KEY_TEXT = re.compile(r"\b([a-g])\s*([#♯b♭]|sharp|flat)?\s*[- ]?(major|minor|maj|min|m)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[a-z][a-z0-9#]*")
_STOP = frozenset("a an the it is in of and or to this track song with its at by".split())


@dataclass(frozen=True)
class Choice:
    """One lettered option of a multiple-choice question."""

    letter: str
    text: str


def split_options(question: str) -> tuple[str, list[Choice]]:
    """The stem and the options of a multiple-choice question; ([], question) unless it has at least two
    options lettered in order from A ("(A) ... (B) ..." or "A. ... B. ...")."""
    marks = [(m.start(), m.end(), (m.group(1) or m.group(2)).upper()) for m in OPTION.finditer(question)]
    run: list[tuple[int, int, str]] = []
    for mark in marks:  # the options are the first run of letters A, B, C... in order
        if mark[2] == chr(ord("A") + len(run)):
            run.append(mark)
    if len(run) < 2:
        return question, []
    choices = []
    for i, (_start, end, letter) in enumerate(run):
        stop = run[i + 1][0] if i + 1 < len(run) else len(question)
        text = question[end:stop].strip().rstrip(",;").strip()
        choices.append(Choice(letter, text))
    stem = question[: run[0][0]].strip()
    stem = re.sub(r"\b(options?|choices?|answers?)\s*:?\s*$", "", stem, flags=re.IGNORECASE).strip()
    return stem, choices


def _pitch_class(note: str, accidental: str | None) -> int:
    shift = {"#": 1, "♯": 1, "sharp": 1, "b": -1, "♭": -1, "flat": -1}.get((accidental or "").lower(), 0)
    return (_NOTE[note.lower()] + shift) % 12


def parse_key(text: str) -> tuple[int, bool] | None:
    """(pitch class of the tonic, is minor) of the first key written in ``text``, e.g. "F# minor"."""
    m = _KEY_TEXT.search(text)
    if not m:
        return None
    note, accidental, mode = m.groups()
    return _pitch_class(note, accidental), mode.lower() in ("minor", "min", "m")


def _key_score(option: str, key: str | None) -> float | None:
    want, got = parse_key(option), parse_key(key or "")
    if want is None or got is None:
        return None
    if want == got:
        return 1.0
    relative = (got[0] + (3 if got[1] else -3)) % 12
    if want[1] != got[1] and want[0] == relative:
        return 0.4  # the relative key shares every note
    return 0.3 if want[0] == got[0] else 0.0


def _tempo_score(option: str, sheet: FeatureSheet) -> float | None:
    if sheet.tempo_bpm is None or "bpm" not in option.lower():
        return None
    values = [float(n) for n in _NUMBER.findall(option)]
    if not values:
        return None
    best = 0.0
    for v in values:  # 10% off the measured tempo scores 0.7; half or double time counts 0.6 as much
        main = 1.0 - TEMPO_SLOPE * abs(v - sheet.tempo_bpm) / sheet.tempo_bpm
        alts = [0.6 * (1.0 - TEMPO_SLOPE * abs(v - a) / a) for a in sheet.tempo_alternatives if a > 0]
        best = max(best, main, *alts)
    return max(0.0, best)


def _meter_score(option: str, sheet: FeatureSheet) -> float | None:
    m = re.search(r"\b(\d+)\s*/\s*(\d+)\b", option)
    if not m or sheet.meter is None:
        return None
    return 1.0 if f"{m.group(1)}/{m.group(2)}" == sheet.meter.replace(" ", "") else 0.0


_CHORD = re.compile(r"(?<![\w#])([A-G])([#b]?)(m(?!aj))?(?:maj7|7|6|9|sus[24])?(?![\w#])")


def chord_set(text: str) -> set[tuple[int, bool]]:
    """(root pitch class, is minor) of the chord symbols written in ``text`` ("Em, A minor, B7")."""
    text = re.sub(r"\s+(minor|min)\b", "m", text.replace("♯", "#").replace("♭", "b"))
    text = re.sub(r"\s+(major|maj)\b", "", text)
    return {(_pitch_class(n, a), bool(m)) for n, a, m in _CHORD.findall(text)}


def _measured_chords(sheet: FeatureSheet) -> set[tuple[int, bool]]:
    found = set()
    for c in sheet.chords:
        root, _, quality = c.label.partition(":")
        if root in ("N", "X") or not root:
            continue
        found.add((_pitch_class(root[0], root[1:] or None), quality.startswith("min")))
    return found


def _chord_score(option: str, sheet: FeatureSheet) -> float | None:
    """Jaccard overlap of the option's chords with the measured ones."""
    want, got = chord_set(option), _measured_chords(sheet)
    if not want or not got:
        return None
    return len(want & got) / len(want | got)


INSTRUMENT_FAMILY: dict[str, str] = {
    "piano": "piano", "keyboard": "piano", "keys": "piano", "harpsichord": "piano",
    "guitar": "guitar", "bass": "bass", "contrabass": "bass", "double bass": "bass",
    "violin": "strings", "viola": "strings", "cello": "strings", "strings": "strings", "string": "strings",
    "harp": "strings", "trumpet": "brass", "trombone": "brass", "horn": "brass", "tuba": "brass",
    "brass": "brass", "flute": "woodwind", "clarinet": "woodwind", "oboe": "woodwind",
    "bassoon": "woodwind", "saxophone": "woodwind", "sax": "woodwind", "woodwind": "woodwind",
    "piccolo": "woodwind", "recorder": "woodwind", "organ": "organ", "synth": "synth",
    "synthesizer": "synth", "drums": "drums", "drum": "drums", "percussion": "drums",
}  # fmt: skip
"""Instrument words of multiple-choice options -> the tagger's families."""


def _instrument_score(option: str, sheet: FeatureSheet) -> float | None:
    """The best tagger score among the instrument families the option names; None if it names none."""
    text = option.lower()
    families = {f for word, f in INSTRUMENT_FAMILY.items() if re.search(rf"\b{word}s?\b", text)}
    scores = {s.label: s.score for s in sheet.tags.instruments}
    if not families or not scores:
        return None
    return max(scores.get(f, 0.0) for f in families)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1}


def _overlap_score(option: str, answer_text: str) -> float:
    """Share of the option's words and numbers found in the measured answer (numbers within 3%)."""
    words = _words(option)
    numbers = [float(n) for n in _NUMBER.findall(option)]
    if not words and not numbers:
        return 0.0
    said_words = _words(answer_text)
    said_numbers = [float(n) for n in _NUMBER.findall(answer_text)]
    hits = len(words & said_words)
    hits += sum(any(abs(n - s) <= 0.03 * max(abs(n), 1e-9) for s in said_numbers) for n in numbers)
    return hits / (len(words) + len(numbers))


def score_option(option: str, topics: list[str], sheet: FeatureSheet, answer_text: str) -> tuple[float, bool]:
    """How well the measurements support ``option`` (0-1), and whether a measured value was compared
    (key, tempo, meter, chords, instrument family scores) rather than the words of the answer."""
    specific = []
    if "key" in topics:
        specific.append(_key_score(option, sheet.key))
    if "tempo" in topics:
        specific.append(_tempo_score(option, sheet))
    if "meter" in topics:
        specific.append(_meter_score(option, sheet))
    if "chords" in topics:
        specific.append(_chord_score(option, sheet))
    if "instruments" in topics:
        specific.append(_instrument_score(option, sheet))
    found = [s for s in specific if s is not None]
    return (max(found), True) if found else (_overlap_score(option, answer_text), False)


def pick(
    choices: list[Choice], topics: list[str], sheet: FeatureSheet, answer_text: str, confident: bool = True
) -> tuple[Choice | None, list[float]]:
    """The option the measurements support (None when none clearly does) and every option's score.

    When the measured answer is not confident ("I can't tell ..."), only options compared with a
    measured value can be picked: the words of a can't-tell answer support nothing."""
    scored = [score_option(c.text, topics, sheet, answer_text) for c in choices]
    scores = [s if (specific or confident) else 0.0 for s, specific in scored]
    order = sorted(range(len(choices)), key=lambda i: -scores[i])
    best = order[0]
    runner_up = scores[order[1]] if len(order) > 1 else 0.0
    if scores[best] < PICK_MIN_SCORE or scores[best] - runner_up < PICK_MARGIN:
        return None, scores
    return choices[best], scores


def choice_reply(choice: Choice | None, choices: list[Choice], answer_text: str, confident: bool) -> str:
    """The reply to a multiple-choice question: the chosen option first, then the measured evidence."""
    if choice is None:
        listed = " / ".join(c.text for c in choices)
        return f"I can't tell which option is right ({listed}): {answer_text}"
    hedge = "" if confident else " (not sure)"
    return f"Answer: ({choice.letter}) {choice.text}{hedge}. {answer_text}"
