"""Typing slips in a request, put right before it is read: 'make it fasetr' -> 'make it faster',
'stick a brigde in' -> 'stick a bridge in', 'kraaoke it' -> 'karaoke it'.

A word is put right only when it is no English word (pyspellchecker's English frequency list, MIT), no
word of the planner's own (its training requests and intents file), no chat spelling it reads ('thats',
'pls'), none of those with a usual ending ('folky', 'drummy') and no contraction without its apostrophe
('shouldnt'), and when it is one slip away (a letter swapped with its neighbour, left out, doubled or
mistyped) from a word of the planner's own; among several, the one its requests use most wins. Known
words are never touched, and neither are names (capitalised inside a sentence),
quoted text, file names, lyrics or words joined to digits and symbols ('tempo=96', 'v2', 'track_4').
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from agent.planners.slots import CHAT_SPELLING, PATTERN_MACROS, QUOTED

_HERE = Path(__file__).resolve().parent
_CORPUS = _HERE / "phrasings" / "train.jsonl"
_INTENTS = _HERE / "intents.yaml"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"(?<![\w'=_./#@&+-])[A-Za-z]{5,}(?![\w'=_/@&+-]|\.\w)")
_PROTECTED = re.compile(
    rf"{QUOTED}"  # quoted: a title, lyrics
    r"|\b(?:lyrics?|words|lines?|sings?|singing|says?|saying)\s*(?::|-|=)[^\n]*"  # 'lyrics: ...' to the end
    r"|\b(?:called|named|titled|title it|name it|call it)\s+\S+(?:\s+(?-i:[A-Z])\S*)*",  # a name given
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|^\s*[-*\d]+[.)]?\s*)$")
MIN_CORPUS_COUNT = 2
"""How often a word must be used in the planner's corpus to be a word a slip is put right to."""
MIN_ENGLISH_COUNT = 5
"""How often a word must occur in the English frequency list to count as a real word (rarer entries
there are mostly slips themselves)."""


@lru_cache(maxsize=1)
def corpus_words() -> Counter[str]:
    """The planner's own words: how often each lower-case word (letters only) is used in its training
    requests, plus each word of its intents file (examples and patterns) counted as used twice."""
    counts: Counter[str] = Counter()
    if _CORPUS.exists():
        for line in _CORPUS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                counts.update(re.findall(r"[a-z]+", json.loads(line)["message"].lower()))
    if _INTENTS.exists():  # the intents file's patterns, and the macros they name ({section}, {cut})
        said = _INTENTS.read_text(encoding="utf-8") + " ".join(PATTERN_MACROS.values())
        for word in set(re.findall(r"[a-z]{3,}", said.lower())):
            counts[word] += MIN_CORPUS_COUNT
    return counts


@lru_cache(maxsize=1)
def _english() -> dict[str, int]:
    try:
        from spellchecker import SpellChecker
    except ImportError:  # without the list only the planner's own words say what a word is
        return {}
    frequency = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return {w: n for w, n in frequency.items() if n >= MIN_ENGLISH_COUNT}


def _one_slip(word: str) -> Iterable[str]:
    """Every string one typing slip away from ``word``: a deletion, a swap of neighbours, a
    replacement or an insertion."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
            for ch in _LETTERS:
                yield left + ch + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for ch in _LETTERS:
            yield left + ch + right


_SUFFIXES = ("iest", "ier", "ish", "ing", "ers", "est", "ey", "ie", "es", "ed", "er", "ly", "y", "s")


def _is_word(lower: str) -> bool:
    counts = corpus_words()
    return counts[lower] >= MIN_CORPUS_COUNT or lower in _english() or lower in CHAT_SPELLING


def is_known(word: str) -> bool:
    """True when ``word`` (any case) is a word of the planner's own, a chat spelling it reads, a word of
    English, one of those with a usual ending ('folky', 'boomy', 'drummy', 'synthy') or a contraction
    typed without its apostrophe ('shouldnt')."""
    lower = word.lower()
    if _is_word(lower):
        return True
    for suffix in _SUFFIXES:
        stem = lower.removesuffix(suffix)
        if stem != lower and len(stem) >= 3:
            if _is_word(stem) or _is_word(stem + "e") or (stem[-1] == stem[-2] and _is_word(stem[:-1])):
                return True
    return lower.endswith("t") and lower[:-1] + "'t" in _english()  # 'shouldnt' -> "shouldn't"


def corrected_word(word: str) -> str | None:
    """The word of the planner's own one typing slip away from ``word`` that people use most ('fasetr'
    -> 'faster'), or None when ``word`` is a known word (:func:`is_known`) or none is one slip away."""
    if is_known(word):
        return None
    counts = corpus_words()
    lower = word.lower()
    candidates = [
        w
        for w in set(_one_slip(lower))
        if counts[w] >= MIN_CORPUS_COUNT and len(w) >= (5 if len(w) < len(lower) else 4)
    ]  # a shorter word only from five letters: 'thats' is no slip of 'that'
    best = max(candidates, key=lambda w: (counts[w], w), default=None)
    if best is None:
        return None
    return best.upper() if word.isupper() else best


def correct_spelling(text: str) -> str:
    """``text`` with typing slips put right word by word (see the module's docstring); names, quoted text,
    file names and lyrics are left as typed."""
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    shouting = text.upper() == text

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if any(a <= m.start() < b for a, b in protected):
            return word
        if not shouting and any(ch.isupper() for ch in word[1:]):
            return word  # 'McCartney', 'DnB'
        if not shouting and word[0].isupper() and not _SENTENCE_START.search(text[: m.start()]):
            return word  # a name inside a sentence: 'something like Tycho'
        better = corrected_word(word)
        if better is None:
            return word
        return better.capitalize() if word[0].isupper() and not word.isupper() else better

    return _WORD.sub(fix, text)
