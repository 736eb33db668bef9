"""What a search asks for: hard constraints (filters) read from the words or given as fields, and the
soft wishes (calm, energetic, bright...) that only rank.

``parse_query("an upbeat track around 120 BPM in a major key, under 3 minutes")`` returns a
:class:`ParsedQuery` with ``filters`` (tempo 114-126 BPM, mode major, at most 180 s) and ``wishes``
(``["energetic"]``); :func:`merge_filters` joins them with explicit filters and raises a ToolError when
they contradict. :func:`where_clause` writes the filters as the store's SQL filter.
Units: tempo in BPM, durations in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pydantic import BaseModel, Field

from tools.base import ToolError
from tools.recommend.features import FAMILIES, key_parts
from tools.spoken_numbers import spoken_numbers

AROUND_TOLERANCE: float = 0.05
"""'around 120 BPM' accepts 120 +- 5 %; a bare '120 BPM' accepts +- 4 %."""
BARE_TOLERANCE: float = 0.04
DURATION_AROUND: float = 0.2
"""'about 3 minutes' accepts 3 minutes +- 20 %."""


class SearchFilters(BaseModel):
    """Hard constraints: a track must meet every one that is set."""

    tempo_min_bpm: float | None = Field(None, ge=0, description="Slowest tempo accepted, BPM.")
    tempo_max_bpm: float | None = Field(None, ge=0, description="Fastest tempo accepted, BPM.")
    key: str | None = Field(None, description="Key such as 'D minor' (its relative key also matches).")
    mode: str | None = Field(None, description="'major' or 'minor'.")
    duration_min_s: float | None = Field(None, ge=0, description="Shortest length accepted, seconds.")
    duration_max_s: float | None = Field(None, ge=0, description="Longest length accepted, seconds.")
    instruments: list[str] = Field(
        default_factory=list, description="Instrument families that must be heard."
    )
    exclude_instruments: list[str] = Field(
        default_factory=list, description="Families that must not be heard."
    )
    vocals: bool | None = Field(None, description="True: with singing; False: instrumental.")

    def is_empty(self) -> bool:
        """True when no constraint is set."""
        return self == SearchFilters()

    def describe(self) -> str:
        """The constraints in words ('60-70 BPM, D minor, with piano')."""
        bits: list[str] = []
        lo, hi = self.tempo_min_bpm, self.tempo_max_bpm
        if lo is not None and hi is not None:
            bits.append(f"{lo:.0f}-{hi:.0f} BPM")
        elif lo is not None:
            bits.append(f"at least {lo:.0f} BPM")
        elif hi is not None:
            bits.append(f"at most {hi:.0f} BPM")
        if self.key:
            bits.append(self.key)
        elif self.mode:
            bits.append(f"a {self.mode} key")
        dlo, dhi = self.duration_min_s, self.duration_max_s
        if dlo is not None and dhi is not None:
            bits.append(f"{_mmss(dlo)}-{_mmss(dhi)} long")
        elif dhi is not None:
            bits.append(f"at most {_mmss(dhi)} long")
        elif dlo is not None:
            bits.append(f"at least {_mmss(dlo)} long")
        if self.instruments:
            bits.append("with " + ", ".join(self.instruments))
        if self.exclude_instruments:
            bits.append("without " + ", ".join(self.exclude_instruments))
        if self.vocals is not None:
            bits.append("with vocals" if self.vocals else "instrumental")
        return ", ".join(bits)


class ParsedQuery(BaseModel):
    """A text query split into hard constraints, soft wishes and the words left for semantic search."""

    text: str
    filters: SearchFilters
    wishes: list[str] = Field(description="Soft wishes: calm, energetic, slow, fast, bright, dark.")
    matched_words: list[str] = Field(description="Words of the query that a track can match (for reasons).")


def _mmss(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60}:{s % 60:02d}"


INSTRUMENT_WORDS: dict[str, str] = {
    **{f: f for f in FAMILIES},
    "pianos": "piano", "keys": "piano", "keyboard": "piano", "guitars": "guitar", "acoustic guitar": "guitar",
    "electric guitar": "guitar", "bassline": "bass", "bass line": "bass", "violin": "strings",
    "violins": "strings", "cello": "strings", "viola": "strings", "string": "strings", "orchestra": "strings",
    "trumpet": "brass", "trombone": "brass", "horns": "brass", "horn": "brass", "flute": "woodwind",
    "clarinet": "woodwind", "sax": "woodwind", "saxophone": "woodwind", "oboe": "woodwind",
    "organs": "organ", "synths": "synth", "synthesizer": "synth", "synthesiser": "synth", "drum": "drums",
    "percussion": "drums", "beat": "drums", "beats": "drums",
}  # fmt: skip
WISH_WORDS: dict[str, str] = {
    "calm": "calm", "relaxed": "calm", "relaxing": "calm", "chill": "calm", "gentle": "calm", "soft": "calm",
    "quiet": "calm", "peaceful": "calm", "mellow": "calm", "study": "calm", "sleep": "calm",
    "ambient": "calm",
    "soothing": "calm", "energetic": "energetic", "upbeat": "energetic", "driving": "energetic",
    "intense": "energetic", "party": "energetic", "workout": "energetic", "dance": "energetic",
    "powerful": "energetic", "hype": "energetic", "exciting": "energetic", "slow": "slow", "slower": "slow",
    "fast": "fast", "faster": "fast", "quick": "fast", "happy": "bright", "bright": "bright",
    "uplifting": "bright", "cheerful": "bright", "joyful": "bright", "sad": "dark", "dark": "dark",
    "melancholic": "dark", "melancholy": "dark", "moody": "dark", "gloomy": "dark",
}  # fmt: skip

_NUM = r"(\d+(?:\.\d+)?)"
_BPM = r"\s*(?:bpm|beats per minute)"
_UNIT = r"\s*(minutes?|mins?|m|seconds?|secs?|s)\b"
_NOTE = r"([A-Ga-g])(#|b|♯|♭|-sharp|-flat| sharp| flat)?"


def _seconds(value: str, unit: str) -> float:
    return float(value) * (60.0 if unit.startswith("m") else 1.0)


def _tonic(letter: str, accidental: str | None) -> str:
    name = letter.upper()
    acc = (accidental or "").strip().lstrip("-")
    if acc in ("#", "♯", "sharp"):
        name += "#"
    elif acc in ("b", "♭", "flat"):
        name += "b"
    return name


def _set(current: object, value: object, what: str) -> object:
    if current is not None and current != value:
        raise ToolError(
            f"The request asks for two different {what} ({current} and {value}); say which one you want.",
            code="contradictory_filters",
        )
    return value


def parse_query(text: str) -> ParsedQuery:
    """Hard constraints and soft wishes read from ``text`` (see the module docstring).

    Raises ToolError when the words contradict each other (e.g. 'with vocals' and 'instrumental')."""
    low = " " + spoken_numbers(text.lower().replace("–", "-")) + " "  # 'under four minutes': 4 minutes
    f: dict[str, object] = {}
    words: list[str] = []

    def tempo(lo: float | None, hi: float | None) -> None:
        if lo is not None:
            f["tempo_min_bpm"] = max(lo, f.get("tempo_min_bpm") or 0.0)  # type: ignore[type-var]
        if hi is not None:
            prev = f.get("tempo_max_bpm")
            f["tempo_max_bpm"] = hi if prev is None else min(hi, prev)  # type: ignore[type-var]

    consumed = low
    for m in re.finditer(rf"(?:between|from)?\s*{_NUM}\s*(?:-|to|and)\s*{_NUM}{_BPM}", low):
        tempo(float(m.group(1)), float(m.group(2)))
        consumed = consumed.replace(m.group(0), " ")
    for m in re.finditer(
        rf"\b(under|below|less than|slower than|at most|up to|max(?:imum)?)\s+{_NUM}{_BPM}", consumed
    ):
        tempo(None, float(m.group(2)))
        consumed = consumed.replace(m.group(0), " ")
    for m in re.finditer(
        rf"\b(over|above|more than|faster than|at least|min(?:imum)?)\s+{_NUM}{_BPM}", consumed
    ):
        tempo(float(m.group(2)), None)
        consumed = consumed.replace(m.group(0), " ")
    for m in re.finditer(rf"\b(around|about|roughly|approximately|near|~)?\s*{_NUM}{_BPM}", consumed):
        bpm = float(m.group(2))
        tol = AROUND_TOLERANCE if m.group(1) else BARE_TOLERANCE
        tempo(round(bpm * (1 - tol), 1), round(bpm * (1 + tol), 1))
    if f.get("tempo_min_bpm") is not None or f.get("tempo_max_bpm") is not None:
        words.append("tempo")

    def duration(lo: float | None, hi: float | None) -> None:
        if lo is not None:
            f["duration_min_s"] = max(lo, f.get("duration_min_s") or 0.0)  # type: ignore[type-var]
        if hi is not None:
            prev = f.get("duration_max_s")
            f["duration_max_s"] = hi if prev is None else min(hi, prev)  # type: ignore[type-var]

    rest = low
    for m in re.finditer(rf"\b(?:between|from)\s+{_NUM}\s*(?:-|to|and)\s*{_NUM}{_UNIT}", low):
        duration(_seconds(m.group(1), m.group(3)), _seconds(m.group(2), m.group(3)))
        rest = rest.replace(m.group(0), " ")
    for m in re.finditer(
        rf"\b(under|below|less than|shorter than|at most|up to|max(?:imum)?|within)\s+{_NUM}{_UNIT}", rest
    ):
        duration(None, _seconds(m.group(2), m.group(3)))
    for m in re.finditer(
        rf"\b(over|above|more than|longer than|at least|min(?:imum)?)\s+{_NUM}{_UNIT}", rest
    ):
        duration(_seconds(m.group(2), m.group(3)), None)
    for m in re.finditer(rf"\b(around|about|roughly|approximately)\s+{_NUM}{_UNIT}", rest):
        s = _seconds(m.group(2), m.group(3))
        duration(s * (1 - DURATION_AROUND), s * (1 + DURATION_AROUND))

    keyless = low
    mode_said = (
        r"\b(?:in\s+)?(?:an?\s+)?(major|minor)\s+(?:keys?|modes?|tonality)\b"
        r"|\b(?:in|is|are)\s+(major|minor)\b(?!\s+(?:thirds?|seconds?|sixths?|sevenths?|chords?|changes?|scales?))"
    )  # 'a minor key', 'minor keys', 'thats in minor' (no note named)
    for m in re.finditer(mode_said, low):
        f["mode"] = _set(f.get("mode"), m.group(1) or m.group(2), "modes")
        keyless = keyless.replace(m.group(0), " ")
    for m in re.finditer(rf"(?<![a-z]){_NOTE}\s*(major|minor|maj|min)\b", keyless):
        letter, acc, mode = m.group(1), m.group(2), m.group(3)
        if letter.islower() and letter == "a" and not re.search(rf"\bin\s+{re.escape(m.group(0))}", keyless):
            continue  # "a minor change": the article, not the note A
        key = f"{_tonic(letter, acc)} {'major' if mode.startswith('maj') else 'minor'}"
        if key_parts(key) is None:
            continue
        f["key"] = _set(f.get("key"), key, "keys")
    if f.get("key") and f.get("mode") and not str(f["key"]).endswith(str(f["mode"])):
        raise ToolError(
            f"The request asks for {f['key']} and for a {f['mode']} key at once; say which one you want.",
            code="contradictory_filters",
        )
    if f.get("key") or f.get("mode"):
        words.append("key")

    wants_vocals = re.search(
        r"\b(with (?:vocals?|singing|a singer|lyrics)|vocals?|sung|singing|singer)\b", low
    )
    wants_inst = re.search(r"\b(instrumental|no (?:vocals?|singing)|without (?:vocals?|singing))\b", low)
    if wants_inst:
        f["vocals"] = False
        words.append("instrumental")
        if wants_vocals and not re.search(r"\b(no|without) (vocals?|singing)\b", low):
            raise ToolError(
                "The request asks for vocals and for an instrumental at once; say which one you want.",
                code="contradictory_filters",
            )
    elif wants_vocals:
        f["vocals"] = True
        words.append("vocals")

    include: list[str] = []
    exclude: list[str] = []
    for phrase, family in sorted(INSTRUMENT_WORDS.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(
            rf"(?<![a-z])(no|without|minus|not)?\s*(?:any\s+)?{re.escape(phrase)}(?![a-z])", low
        ):
            if phrase in ("beat", "beats") and not m.group(1):
                continue  # "beats" alone is a rhythm, not an instrument wish
            target = exclude if m.group(1) else include
            if family not in target:
                target.append(family)
            low = low.replace(m.group(0), " ", 1)
    both = sorted(set(include) & set(exclude))
    if both:
        raise ToolError(
            f"The request asks both for and without {', '.join(both)}; say which one you want.",
            code="contradictory_filters",
        )
    f["instruments"], f["exclude_instruments"] = include, exclude
    words += include

    wishes: list[str] = []
    for w in re.findall(r"[a-z]+", low):
        wish = WISH_WORDS.get(w)
        if wish and wish not in wishes:
            wishes.append(wish)
    filters = SearchFilters.model_validate(f)
    check_filters(filters)
    return ParsedQuery(text=text, filters=filters, wishes=wishes, matched_words=words)


def check_filters(f: SearchFilters) -> None:
    """Raises ToolError when ``f`` can match nothing by construction (min above max, unknown names)."""
    if f.tempo_min_bpm is not None and f.tempo_max_bpm is not None and f.tempo_min_bpm > f.tempo_max_bpm:
        raise ToolError(
            f"The tempo limits contradict each other (at least {f.tempo_min_bpm:g} and at most "
            f"{f.tempo_max_bpm:g} BPM); give one range.",
            code="contradictory_filters",
        )
    if f.duration_min_s is not None and f.duration_max_s is not None and f.duration_min_s > f.duration_max_s:
        raise ToolError(
            f"The length limits contradict each other (at least {_mmss(f.duration_min_s)} and at most "
            f"{_mmss(f.duration_max_s)}); give one range.",
            code="contradictory_filters",
        )
    if f.mode is not None and f.mode not in ("major", "minor"):
        raise ToolError(f"'{f.mode}' is not a mode I can filter on: say major or minor.", code="bad_filter")
    if f.key is not None and key_parts(f.key) is None:
        raise ToolError(
            f"'{f.key}' is not a key I can read: write it like 'D minor' or 'F# major'.", code="bad_filter"
        )
    if f.key and f.mode and not f.key.endswith(f.mode):
        raise ToolError(
            f"The filters ask for {f.key} and for a {f.mode} key at once; say which one you want.",
            code="contradictory_filters",
        )
    unknown = [i for i in [*f.instruments, *f.exclude_instruments] if i not in FAMILIES]
    if unknown:
        raise ToolError(
            f"I can't filter on {', '.join(unknown)}: the instruments I hear are {', '.join(FAMILIES)}.",
            code="bad_filter",
        )
    both = sorted(set(f.instruments) & set(f.exclude_instruments))
    if both:
        raise ToolError(
            f"The filters ask both for and without {', '.join(both)}; say which one you want.",
            code="contradictory_filters",
        )


def merge_filters(a: SearchFilters, b: SearchFilters | None) -> SearchFilters:
    """Both sets of constraints at once (ranges intersected); raises ToolError where they contradict."""
    if b is None:
        check_filters(a)
        return a
    out: dict[str, object] = {}
    lo = [x for x in (a.tempo_min_bpm, b.tempo_min_bpm) if x is not None]
    hi = [x for x in (a.tempo_max_bpm, b.tempo_max_bpm) if x is not None]
    out["tempo_min_bpm"], out["tempo_max_bpm"] = (max(lo) if lo else None), (min(hi) if hi else None)
    dlo = [x for x in (a.duration_min_s, b.duration_min_s) if x is not None]
    dhi = [x for x in (a.duration_max_s, b.duration_max_s) if x is not None]
    out["duration_min_s"], out["duration_max_s"] = (max(dlo) if dlo else None), (min(dhi) if dhi else None)
    for name, what in (("key", "keys"), ("mode", "modes"), ("vocals", "vocal wishes")):
        va, vb = getattr(a, name), getattr(b, name)
        out[name] = va if vb is None else vb if va is None else _set(va, vb, what)
    out["instruments"] = sorted({*a.instruments, *b.instruments})
    out["exclude_instruments"] = sorted({*a.exclude_instruments, *b.exclude_instruments})
    merged = SearchFilters.model_validate(out)
    check_filters(merged)
    return merged


def _sql(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def where_clause(f: SearchFilters, instrument_values: Collection[str] | None = None) -> str | None:
    """The filters as a SQL predicate over the catalogue's columns (None when there are none).

    With ``instrument_values`` (every ``instruments`` value in the catalogue, e.g. ",drums,bass,"), an
    instrument filter is written as ``instruments IN (the values naming it)``, which the column's bitmap
    index answers, instead of a LIKE pattern, which reads the whole column."""
    from tools.recommend.features import signature_of

    parts: list[str] = []
    if f.tempo_min_bpm is not None:
        parts.append(f"tempo_bpm >= {float(f.tempo_min_bpm)}")
    if f.tempo_max_bpm is not None:
        parts.append(f"tempo_bpm <= {float(f.tempo_max_bpm)}")
    if f.duration_min_s is not None:
        parts.append(f"duration_s >= {float(f.duration_min_s)}")
    if f.duration_max_s is not None:
        parts.append(f"duration_s <= {float(f.duration_max_s)}")
    if f.key:
        parts.append(f"key_signature = {_sql(signature_of(f.key) or '')}")
    elif f.mode:
        parts.append(f"mode = {_sql(f.mode)}")
    for name, negate in [*((n, False) for n in f.instruments), *((n, True) for n in f.exclude_instruments)]:
        if instrument_values is None:
            parts.append(f"instruments {'NOT ' if negate else ''}LIKE {_sql('%,' + name + ',%')}")
            continue
        naming = sorted(v for v in instrument_values if f",{name}," in v)
        if naming:
            parts.append(f"instruments {'NOT ' if negate else ''}IN ({', '.join(map(_sql, naming))})")
        elif not negate:
            parts.append("FALSE")  # no track has it
    if f.vocals is not None:
        parts.append(f"vocals = {_sql('vocals' if f.vocals else 'instrumental')}")
    return " AND ".join(parts) if parts else None
