"""Slot extraction: the numbers, units, keys and version references inside a request.

Pure functions over text; the LocalPlanner maps slots to tool arguments with the patterns in
``intents.yaml``. Units: seconds, dB, LUFS, BPM, semitones, Hz.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from agent.planners.typed_forms import corrected_numbers, plain_typed_forms

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
    "half a": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a pair of": 2,
}  # fmt: skip

_NUM = r"[-+−]?\d+(?:[.,]\d+)?"
TIMECODE = r"\d{1,2}:\d{2}(?:\.\d+)?(?::\d{2})?"
_TIME_UNIT = r"(?:ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b"
TIME = rf"(?:{TIMECODE}|{_NUM}\s*{_TIME_UNIT}(?:\s*(?:and\s*)?{_NUM}\s*{_TIME_UNIT})?)"
"""A time expression: '0:30', '1:02:03', '30 s', '2 minutes', '1 min 30 s', '500 ms'."""
VERSION_REF = (
    r"(?:the |my )?(?:version ?\d+|v\d+|original(?: version| one| recording| track)?"
    r"|previous (?:version|one)|current (?:version|one)|this (?:version|one)|(?:very )?first version"
    r"|very first one)"
)
"""A version named in a request: 'version 2', 'v4', 'the original', 'the previous one', 'this one'."""
_VERSION_NUMBER = re.compile(r"^(?:version ?|v)?(\d+)$")


def version_ref(text: str) -> str:
    """The workspace reference a :data:`VERSION_REF` phrase means: 'version 2' / 'v2' / '2' ->
    'version:2', 'the original recording' -> 'original', 'the previous one' -> 'previous',
    'this one' -> 'current'; anything else unchanged."""
    t = re.sub(r"^(?:the|my) ", "", text.strip().lower())
    m = _VERSION_NUMBER.match(t)
    if m:
        return f"version:{int(m.group(1))}"
    for word, ref in (("original", "original"), ("previous", "previous"), ("current", "current"),
                      ("this", "current"), ("first version", "original"),
                      ("very first", "original")):  # fmt: skip
        if t.startswith(word):
            return ref
    return text.strip()


def _instrument_words() -> str:
    """Every instrument name and alias the song tools know, plus track roles, as a regex alternation."""
    from tools.generation.instruments import ALIASES, INSTRUMENTS

    roles = ["melody", "lead", "kick", "snare", "hats", "hi-hats?", "hihats?", "cymbals", "beat", "chords",
             "backing vocals", "singer"]  # fmt: skip
    words = sorted({*INSTRUMENTS, *ALIASES, *roles} - {"ep", "kit", "string"}, key=len, reverse=True)
    return r"\b(?:" + "|".join(w if w in roles else re.escape(w) for w in words) + r")\b"


GENRE = (
    r"\b(?:bossa nova|lo-?fi(?: hip[- ]hop)?|hip[- ]hop|jazzy|jazz|bossa|rock|pop|edm|house|funky|funk|folk"
    r"|classical|cinematic|orchestral|ambient|country|swing|disco|electronic|acoustic|punk|reggae|metal|blues"
    r"|bluesy|techno|samba|latin|epic|waltz|gospel|soul|r&b|rnb|trap|drum and bass|dnb|dubstep|grunge|ska"
    r"|salsa|tango|polka|bluegrass|afrobeats?|k-?pop|synthwave|trance|garage|motown|emo|indie)\b"
)
"""Genre words people name, whether or not the composer's style table knows them (the tool says so)."""

CUT_VERB = (
    r"(?:cut|remove|drop|skip|trim|lose|chop|lop|snip|shave|clip|knock|get rid of|ditch|delete|kill|strip"
    r"|scrap|bin|take off|take away|take out|toss)"
)
"""Verbs that take a stretch away ('get rid of the last 5 secs', 'ditch the first 3 seconds')."""

SECTION = (
    r"(?:first |last |second |third |final )?"
    r"(?:intro|verse|prechorus|pre-chorus|chorus|bridge|outro|drop|build|break|solo)"
    r"(?: \d+\b(?! ?(?:more |extra |fewer |less )?(?:bars?|measures?|times)\b))?"
)
"""A section of a song as the planner reads it ('the second verse' is normalised to 'verse 2' first)."""

IN_SECTIONS = (
    r"\b(?:from|in|during|out of) (?:the |all (?:the )?|every |each |both )?(?:first |second |last |final )?"
    r"(?:intro|verse|chorus|bridge|outro|solo)(?:e?s)?\b"
)
"""Where in the song a change is asked ('from all the choruses', 'in the first verse'): an instrument taken
away there is muted there (song_mute takes it over exactly where song_instrument gives it up)."""

OWN_SOUND_DROPPED = (
    r"\b(?:lose|kill|drop|remove|cut|get rid of|ditch|mute|nuke|bin|take away|take out) (?:all )?(?:the )?"
    r"(?:wind|background|camera|mic|ambient|street|crowd|traffic) noise\b"
    r"|\b(?:kill|drop|mute|remove|lose|cut|ditch|scrap|silence|nuke|bin|get rid of|take out|take away"
    r"|no|without|don't want|do not want|turn off) (?:all )?(?:the |its |it's |their |my )?"
    r"(?:original|video's|clip's|camera|source|existing|background|own|old|natural|real|production|location"
    r"|on-?set|field|video) (?:audio|sound|soundtrack|noise|track)s?\b"
    r"|\b(?:kill|drop|mute|remove|lose|ditch|silence|turn off) the original"
    r"(?=\s*(?:$|[,.;!?]|and\b|please\b|pls\b))"
    r"|\b(?:original|video's|camera) (?:audio|sound)s? (?:off|out|gone)\b"
    r"|\b(?:kill|drop|mute|remove|lose|cut|ditch|get rid of|take out|turn off) (?:the |all the |any )?"
    r"(?:sound|audio|noise) (?:from|of|in|on) (?:the |this |my )?(?:video|clip|footage|camera)\b"
    r"|\bonly (?:the |my )?(?:new )?music\b|\bjust (?:the )?music,? no (?:other )?(?:sound|audio)\b"
)
"""A request to drop a video's own sound under the new music ('mute the original', 'lose the wind noise')."""

LEVEL_CUT = r"\b(?:drop|cut|knock|take|pull|shave)\b(?: \w+){0,3} (?:by |of )?\d+(?:\.\d+)? ?db\b"
"""A level taken down by a number of dB ('drop the vocals 3 dB', 'knock the bass down by 2 db')."""

QUOTED = r"\"[^\"]+\"|“[^”]+”|‘[^’]+’|«[^»]+»|(?<![\w])'[^']{3,}'(?![\w])"
"""Text in quotes of any kind (a title, lyrics): data, never read as a request or spelled again."""
PATTERN_MACROS = {
    "instrument": _instrument_words(),
    "genre": GENRE,
    "time": TIME,
    "number": _NUM,
    "db": rf"{_NUM}\s*(?:db|decibels?)\b",
    "lufs": rf"{_NUM}\s*(?:lufs|lkfs|lu)\b",
    "vref": VERSION_REF,
    "cut": CUT_VERB,
    "section": SECTION,
    "in_sections": IN_SECTIONS,
    "level_cut": LEVEL_CUT,
    "own_sound_dropped": OWN_SOUND_DROPPED,
}
"""Names usable as ``{name}`` inside intents.yaml patterns."""

_PITCH_CLASS = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_SHARP_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]


class Slots(BaseModel):
    """Everything measurable found in one request (units in the field names)."""

    seconds: list[float] = Field(default_factory=list, description="Time expressions, in seconds.")
    db: list[float] = Field(default_factory=list, description="Levels in dB (signed).")
    lufs: list[float] = Field(default_factory=list, description="Loudness targets in LUFS.")
    bpm: list[float] = Field(default_factory=list, description="Tempi in beats per minute.")
    semitones: list[float] = Field(default_factory=list, description="Pitch shifts in semitones.")
    hz: list[float] = Field(default_factory=list, description="Frequencies / sample rates in Hz.")
    percent: list[float] = Field(default_factory=list, description="Percentages (20% -> 20.0).")
    key: str | None = Field(None, description="A musical key such as 'D minor' or 'F# major'.")
    ref: str | None = Field(
        None,
        description="A version reference: 'previous', 'original', 'current', 'version:N' or 'upload:N'.",
    )
    audio_format: str | None = Field(None, description="A file format named in the request (mp3, wav, ...).")
    plain_numbers: list[float] = Field(default_factory=list, description="Numbers with no unit.")


def _to_float(text: str) -> float:
    return float(text.replace("−", "-").replace(",", "."))


def parse_time_s(text: str) -> float:
    """Seconds in a time expression ('1:30' -> 90.0, '2 min 5 s' -> 125.0, '500 ms' -> 0.5)."""
    text = text.strip().lower()
    if re.fullmatch(TIMECODE, text):
        parts = [float(p) for p in text.split(":")]
        total = 0.0
        for p in parts:
            total = total * 60 + p
        return total
    total = 0.0
    for num, unit in re.findall(rf"({_NUM})\s*({_TIME_UNIT[:-2]})", text):
        value = _to_float(num)
        if unit.startswith("ms") or unit.startswith("milli"):
            value /= 1000
        elif unit.startswith("h"):
            value *= 3600
        elif unit.startswith("m"):
            value *= 60
        total += value
    return total


_NOT_ORDINAL = (
    r"(?!\s+(?:intro|verse|chorus|bridge|outro|solo|section|part|break|drop|version|take|mix|one|time|go"
    r"|try|thought|opinion|layer|track|guitar|voice|melody|instrument)s?\b)"
)
"""'a second bridge' is an ordinal, not one second: a unit word followed by one of these is not a time."""


def _words_to_digits(text: str) -> str:
    """Replace number words followed by a unit ('three seconds') with digits ('3 seconds')."""
    units = (
        r"(?:seconds?|secs?|minutes?|mins?|db|decibels?|semitones?|half[- ]steps?|bpm|percent|%|bars?"
        r"|measures?|times|variations?|versions|takes|alternatives|options|changes|edits|steps|lufs|khz|pages"
        r"|tracks|songs|tunes|results|suggestions|picks)"
    )

    words = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    more = r"(?:more|extra|other|additional|different|fewer|less)"
    text = re.sub(rf"\b({words})\s+({more}\s+)?({units})\b{_NOT_ORDINAL}",
                  lambda m: f"{NUMBER_WORDS[m.group(1)]:g} {m.group(2) or ''}{m.group(3)}", text)  # fmt: skip
    text = re.sub(  # 'a four-second fade': a length said with a hyphen
        rf"\b(?!a\b|an\b)({words})-(seconds?|secs?|minutes?|mins?|bars?|beats?)\b",
        lambda m: f"{NUMBER_WORDS[m.group(1)]:g} {m.group(2)}",
        text,
    )
    text = re.sub(  # 'a two bar break': a length in bars before a section (no ordinal there)
        rf"\b(?!a\b|an\b)({words})[- ](bars?|measures?)\b",
        lambda m: f"{NUMBER_WORDS[m.group(1)]:g} {m.group(2)}",
        text,
    )
    text = re.sub(  # 'ten more like the first one': how many more
        rf"\b({words})\s+(more|others)\b(?=\s+(?:like|similar|in the same|in that|of that|with|from|that"
        r"|in the vein|along the lines))",
        lambda m: f"{NUMBER_WORDS[m.group(1)]:g} {m.group(2)}",
        text,
    )
    ordinal = "|".join(w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an"))
    text = re.sub(  # 'fade out four': a fade's length said bare is a number of seconds
        rf"\b(fade(?:[- ]| it | this )?(?:in|out)(?: over| for)?|and out)\s+({ordinal})\b(?!\s*[a-z])",
        lambda m: f"{m.group(1)} {NUMBER_WORDS[m.group(2)]:g}",
        text,
    )
    text = re.sub(  # 'version five', 'verse two', 'bar three': the number of a version, section or bar
        rf"\b(version|v|take|verse|chorus|bars?|measures?|number|no\.?)\s+({ordinal})\b",
        lambda m: f"{m.group(1)} {NUMBER_WORDS[m.group(2)]:g}",
        text,
    )
    return re.sub(  # 'bars 9 to twelve': the end of a range of bars
        rf"\b((?:bars?|measures?) \d+\s*(?:to|thru|through|till|until|and|-)\s*)({ordinal})\b",
        lambda m: f"{m.group(1)}{NUMBER_WORDS[m.group(2)]:g}",
        text,
    )


_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90}  # fmt: skip
_ONES_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_SPOKEN_NOT_HUNDREDS = r"seconds?|secs?|minutes?|mins?|[-]?second|[-]?minute|times|bars?|of\b"
"""What 'one twenty' is not a tempo before ('one twenty-second sting' is 1 x 20 s)."""
_TEENS = ("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split()


def compound_numbers(text: str) -> str:
    """Spelled-out numbers from 20 to 199 as digits: 'ninety five' -> '95', 'a hundred and twenty'
    -> '120', 'one hundred ten' -> '110', 'at ninety' -> 'at 90' (lowercase input; other single words
    like 'three' stay)."""
    tens = "|".join(_TENS_WORDS)
    ones = "|".join(_ONES_WORDS)
    small = rf"(?:{tens})(?:[- ](?:{ones}))?|{'|'.join(_TEENS)}|{ones}"

    def small_value(words: str) -> int:
        parts = re.split(r"[- ]", words)
        if parts[0] in _TENS_WORDS:
            return _TENS_WORDS[parts[0]] + (_ONES_WORDS[parts[1]] if len(parts) > 1 else 0)
        if parts[0] in _TEENS:
            return 10 + _TEENS.index(parts[0])
        return _ONES_WORDS[parts[0]]

    def hundred(m: re.Match[str]) -> str:
        rest = m.group(1)
        return str(100 + (small_value(rest) if rest else 0))

    text = re.sub(rf"\b(?:a|one) hundred(?:(?: and)? ({small}))?\b", hundred, text)
    # 'hundred and twenty eight beats' (no 'a'): only where no number word says how many hundreds
    text = re.sub(
        rf"(?<![\w-])hundred(?:(?: and)? ({small}))?\b",
        lambda m: m.group(0) if re.search(rf"\b(?:{ones}|\d+) $", text[: m.start()]) else hundred(m),
        text,
    )
    text = re.sub(  # 'one forty', 'one twenty five', 'one ten', 'one oh five': tempi said aloud
        rf"\bone[- ]((?:{tens})(?:[- ](?:{ones}))?|{'|'.join(_TEENS)}|oh[- ](?:{ones}))\b"
        rf"(?!\s*(?:{_SPOKEN_NOT_HUNDREDS}))",
        lambda m: str(
            100 + (_ONES_WORDS[m.group(1)[3:]] if m.group(1).startswith("oh") else small_value(m.group(1)))
        ),
        text,
    )
    text = re.sub(rf"\b({tens})[- ]({ones})\b", lambda m: str(small_value(m.group(0))), text)
    return re.sub(  # 'i need it at ninety': a tens word alone after 'at' / 'to' is a number too
        rf"\b(at|to|around|about|like|down to|up to) ({tens})\b(?![- ](?:{ones})\b|\s*(?:percent|%))",
        lambda m: f"{m.group(1)} {_TENS_WORDS[m.group(2)]}",
        text,
    )


_BARE_SHIFT = re.compile(
    rf"\b(?:up|down|higher|lower)\s+(?:by\s+)?(1[0-2]|[1-9]|{'|'.join(_ONES_WORDS)})\b"
    r"(?!\s*(?:bpm|beats|db|decibels?|%|percent|x\b|times|bars?|measures?|seconds?|secs?|minutes?|mins?|octaves?"
    r"|steps?|tones?|notches?|levels?))"
)
"""A key shift said with a bare number ('down three', 'up by 2'): semitones, when a key change is asked."""


_INTERVALS = {
    "minor second": 1, "major second": 2, "minor third": 3, "major third": 4, "perfect fourth": 5,
    "fourth": 5, "4th": 5, "tritone": 6, "augmented fourth": 6, "diminished fifth": 6, "perfect fifth": 7,
    "fifth": 7, "5th": 7, "minor sixth": 8, "major sixth": 9, "sixth": 9, "6th": 9, "minor seventh": 10,
    "major seventh": 11, "octave": 12, "third": 4, "3rd": 4, "minor 3rd": 3, "major 3rd": 4,
    "second": 2, "2nd": 2, "minor 2nd": 1, "major 2nd": 2,
}  # fmt: skip
"""Interval names -> semitones ('a third' alone is a major third)."""
_INTERVAL = re.compile(
    r"\b(?:by |a |an |one )(?P<name>"
    + "|".join(sorted(map(re.escape, _INTERVALS), key=len, reverse=True))
    + r")\b(?!\s*(?:verse|chorus|bridge|section|time|take|version|one|bar|beat|note))"
)


def interval_semitones(text: str) -> int | None:
    """The transposition named as an interval in ``text`` ('down a minor third' -> -3, 'up a fifth'
    -> 7, 'an octave lower' -> -12), in semitones; None when no interval is named."""
    low = text.lower()
    m = _INTERVAL.search(low)
    if m is None:
        return None
    n = _INTERVALS[m.group("name")]
    return -n if re.search(r"\b(down|lower|drop|deeper|below|flatter)\b", low) else n


_RELATIVE = re.compile(r"\b(?:its |the |a )?relative (minor|major)\b")
"""The relative minor or major of the key the song is in (said, or named in the message)."""
_MODE_WANTED = re.compile(
    r"\b(?:be|to|into|make it|go|turn it|become|in a|as a|switch to|change to|want it|want)"
    r"\s+(?:a\s+)?(major|minor)\b"
)
"""The mode asked for when a message names both ('a minor key feels too sad, could it be major')."""


def key_request(text: str) -> str | None:
    """A song_key request in the form the tool reads: 'D minor', 'up 2 semitones', 'down 1
    semitones', 'minor' or 'major'; None when ``text`` names no key, shift or mode."""
    relative = _RELATIVE.search(text.lower())
    if relative is not None:  # 'it's in F major, put it in the relative minor': D minor
        said = parse_key(text[: relative.start()] + text[relative.end() :])
        if said is None or said.endswith(relative.group(1)):
            return relative.group(1)
        tonic = _SHARP_NAMES.index(said.split()[0]) if said.split()[0] in _SHARP_NAMES else None
        if tonic is None:
            return relative.group(1)
        shift = -3 if relative.group(1) == "minor" else 3
        return f"{_SHARP_NAMES[(tonic + shift) % 12]} {relative.group(1)}"
    interval = interval_semitones(text)  # before the key: 'a minor third lower' is no A minor
    if interval is not None:
        return f"{'down' if interval < 0 else 'up'} {abs(interval)} semitones"
    key = parse_key(text)
    if key:
        return key
    low = _words_to_digits(compound_numbers(text.lower()))  # 'a couple semitones' -> '2 semitones'
    n: int | None = None
    m = (
        re.search(r"(\d+)\s*(?:semitones?|half[- ]?(?:steps?|tones?)|st\b)", low)
        or re.search(rf"\b({'|'.join(_ONES_WORDS)})\s+(?:semitones?|half[- ]?(?:steps?|tones?))", low)
        or _BARE_SHIFT.search(low)  # 'take the key down three': a key moves in semitones
    )
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _ONES_WORDS[m.group(1)]
    elif re.search(r"\b(?:a |one )?whole (?:step|tone)\b|\b(?:a|one) tone\b", low):
        n = 2
    elif re.search(r"\b(?:a |one )?(?:semitone|half[- ]?step|half a step)\b", low):
        n = 1
    if n is not None:
        down = re.search(r"\b(down|lower|drop|deeper)\b", low)
        return f"{'down' if down else 'up'} {n} semitones"
    wanted = _MODE_WANTED.search(low)  # 'a minor key feels too mournful, could it be major?': major
    if wanted is not None:
        return wanted.group(1)
    for mode in ("minor", "major"):
        if re.search(rf"\b{mode}\b", low):
            return mode
    return None


CHAT_SPELLING = {
    "teh": "the", "wat": "what", "wut": "what", "u": "you", "ya": "you", "ur": "your", "pls": "please",
    "plz": "please", "vox": "vocals", "uke": "ukulele", "somethings": "something's",
    "pleease": "please", "thx": "thanks", "ty": "thanks", "maek": "make", "mak": "make", "lil": "little",
    "littel": "little", "rly": "really", "realy": "really", "cud": "could", "coud": "could",
    "verison": "version", "vesrion": "version", "versoin": "version", "insted": "instead",
    "instaed": "instead", "fastr": "faster", "fater": "faster", "slowr": "slower", "sloer": "slower",
    "lowder": "louder", "loudr": "louder", "quiter": "quieter", "smth": "something", "sth": "something",
    "somethin": "something", "cuz": "because", "bc": "because", "coz": "because", "tho": "though",
    "gonna": "going to", "wanna": "want to", "abt": "about", "w/": "with", "w/o": "without",
    "b4": "before", "n": "and", "im": "i'm", "dont": "don't", "cant": "can't", "doesnt": "doesn't",
    "isnt": "isn't", "thats": "that's", "its": "it's", "whats": "what's", "lets": "let's",
    "secs": "seconds", "sec": "seconds", "mins": "minutes", "min": "minutes", "temp": "tempo",
    "temop": "tempo", "tmepo": "tempo", "whens": "when's", "wheres": "where's", "hows": "how's",
    "whos": "who's", "theres": "there's", "wont": "won't", "didnt": "didn't", "arent": "aren't",
    "wasnt": "wasn't", "youre": "you're", "ive": "i've", "em": "them", "r": "are", "rn": "right now",
    "seperate": "separate",
    "gimme": "give me", "diffrent": "different", "differnt": "different", "yeet": "ditch", "lemme": "let me",
    "gotta": "got to", "tempi": "tempo", "coral": "chorus", "fiddle": "violin", "fiddles": "violins",
    "corus": "chorus", "chrous": "chorus", "choruss": "chorus",
    "longr": "longer", "shortr": "shorter", "kilohertz": "khz", "kilo-hertz": "khz",
    "seperately": "separately", "instramental": "instrumental", "instrumentle": "instrumental",
    "brige": "bridge", "bridg": "bridge", "agian": "again", "agin": "again", "chelo": "cello",
    "hummd": "hummed", "vocels": "vocals", "vocles": "vocals", "vocal performance": "vocals",
    "guiter": "guitar", "gutiar": "guitar", "drumms": "drums", "pianno": "piano", "giz": "give me",
    "gie": "give", "ye": "you", "per cent": "percent", "please to": "please",
    "nylon string guitar": "nylon guitar", "nylon-string guitar": "nylon guitar",
    "steel string guitar": "acoustic guitar", "steel-string guitar": "acoustic guitar",
    "refrainpart": "chorus", "refrain part": "chorus", "strophe": "verse", "strophes": "verses",
    "gtr": "guitar", "gtrs": "guitars", "dehum": "remove the hum",
    "de-hum": "remove the hum",
    "rapid": "fast", "rapidly": "fast", "get shot of": "get rid of", "upfront": "loud", "up-front": "loud",
    "808": "808 bass", "808s": "808 bass", "oot": "out", "aboot": "about", "cannae": "can't",
    "dinnae": "don't", "batteria": "drums", "chitarra": "guitar", "bass frequencies": "low frequencies",
    "bass frequency": "low frequency", "lacks of": "lacks",
}  # fmt: skip
"""Chat spellings and common typos, as the words they stand for ('teh' -> 'the', 'u' -> 'you')."""
_CHAT_WORD = re.compile(
    r"(?<![\w/])(" + "|".join(sorted(map(re.escape, CHAT_SPELLING), key=len, reverse=True)) + r")(?![\w/'])"
)
_MINUS = re.compile(r"\bminus\s+(?=\d)|\bnegative\s+(?=\d)")
_TOO_MUCH_ADJECTIVE = re.compile(
    r"\b(too|so|very) much (?=(?:long|short|loud|quiet|soft|fast|slow|quick|high|low|bright|dark|dry|wet|busy"
    r"|happy|sad|big|small|heavy|light|harsh|thin|boring|empty|late|early)\b)"
)
"""'too much long' (a second-language intensifier): 'too long'; 'too much reverb' (a noun) stays."""


def _chat_spelling(text: str) -> str:
    """``text`` with chat spellings replaced; 'min' stays when it names a mode ('e min', 'Am')."""

    def repl(m: re.Match[str]) -> str:
        word = m.group(1)
        if word == "min" and re.search(r"\b[a-g](?:#|b| sharp| flat)?\s*$", text[: m.start()]):
            return word  # 'd min' is D minor
        if word == "em" and re.search(r"\b(?:in|to|into|of)\s*$", text[: m.start()]):
            return word  # 'put it in em' is E minor
        if word == "its" and re.match(r"\s+(?:place|own|tempo|key|pitch)\b", text[m.end() :]):
            return word  # 'in its place'
        drum_machine = r"\s+(?:bass|sub|drums?|kit|claps?|cowbell|hats?)"
        if word in ("808", "808s") and re.match(drum_machine, text[m.end() :]):
            return word  # '808 drums': the drum machine; an 808 alone is the sub bass
        if word == "r" and re.match(r"\s*(?:&|n\b|and b\b)", text[m.end() :]):
            return word  # 'r&b', 'r n b'
        if word == "r" and re.search(r"(?:%|percent|\d)\s*$", text[: m.start()]):
            return word  # 'pan keys 20% R': right
        return CHAT_SPELLING[word]

    return _CHAT_WORD.sub(repl, text)


_HALF_MINUTES = re.compile(
    r"\b(?:(a|an|one|\d+) minutes? and a half|(a|one|\d+) and a half minutes?|half a minute)\b"
)


def _half_minutes(m: re.Match[str]) -> str:
    """'a minute and a half' -> '90 seconds', '2 and a half minutes' -> '150 seconds'."""
    count = m.group(1) or m.group(2)
    if count is None:
        return "30 seconds"
    n = int(count) if count.isdigit() else 1
    return f"{n * 60 + 30} seconds"


_SPEED_FRACTION = re.compile(
    r"\b(three[- ]quarters?|3/4|two[- ]thirds|2/3|a third|one[- ]third|1/3|a quarter|one[- ]quarter|1/4"
    r"|one and a half times|1\.5 times)(?: of)?(?: the| its)? (speed|tempo|pace)\b"
)
_FRACTION_VALUE = {
    "three": 0.75, "3/4": 0.75, "two": 0.667, "2/3": 0.667, "a third": 0.333, "one third": 0.333,
    "1/3": 0.333, "a quarter": 0.25, "one quarter": 0.25, "1/4": 0.25, "one and": 1.5, "1.5": 1.5,
}  # fmt: skip


def _speed_fraction(m: re.Match[str]) -> str:
    """'three quarter speed' -> '0.75x speed' (a tempo factor; 'half speed' has its own patterns)."""
    said = m.group(1).replace("-", " ")
    value = next(v for k, v in _FRACTION_VALUE.items() if said.startswith(k))
    return f"{value:g}x {m.group(2)}"


_STRETCHED = re.compile(r"([a-z])\1{2,}")


def normalise_text(text: str) -> str:
    """Lowercase, unify dashes, chat spellings ('teh', 'pls', 'u') and number words ('ninety five',
    'minus 14'), so patterns can stay simple."""
    text = text.lower().replace("−", "-").replace("–", "-").replace("’", "'")
    text = plain_typed_forms(text)  # emoji, 'tempo=96', 'up for db', 'kindly do the needful'
    text = re.sub(r"\bhalf[- ]?tones?\b", "semitones", text)  # 'raise it five half-tones'
    text = re.sub(r"\b(that|this) one (?:bar|note)\b", r"\1", text)  # 'redo just that one bar': that
    text = _STRETCHED.sub(r"\1", text)  # 'sooo loud' -> 'so loud' (no English word has a letter thrice)
    text = _chat_spelling(text)
    text = _TOO_MUCH_ADJECTIVE.sub(r"\1 ", text)  # 'song is too much long' -> 'song is too long'
    text = compound_numbers(text)
    text = _MINUS.sub("-", text)
    text = _HALF_MINUTES.sub(_half_minutes, text)
    text = _SPEED_FRACTION.sub(_speed_fraction, text)  # 'three quarter speed' -> '0.75x speed'
    text = re.sub(r"\b(first|last) minute and a half\b", r"\1 90 seconds", text)  # 'first minute and a half'
    text = re.sub(r"\b(first|last) (minute|second)\b", r"\1 1 \2", text)  # 'the first minute'
    text = _words_to_digits(text)
    text = re.sub(r"\b(\d+(?:\.\d+)?)-(seconds?|secs?|minutes?|mins?|bars?|beats?)\b", r"\1 \2", text)
    text = _HEDGE.sub("", text)  # 'to like 5 secs' -> 'to 5 secs'
    text = _FILLER.sub("", text)  # 'hmm go back 2 steps' -> 'go back 2 steps'
    text = corrected_numbers(text)  # '90 bpm... actually scratch that, 94' -> '94 bpm'
    text = kit_as_drums(text)  # 'the kick and snare' are the drum track
    text = re.sub(r"\b(\d+) point (\d+)\b", r"\1.\2", text)  # 'forty four point one' -> '44.1'
    text = _MORE_ADJECTIVE.sub(lambda m: _COMPARATIVE[m.group(1)], text)  # 'more fast' -> 'faster'
    text = _BEATS_TO_THE_MINUTE.sub(r"\1 bpm", text)  # '92 beats to the minute' -> '92 bpm'
    text = _FINAL_AMOUNT.sub("last ", text)  # 'the final 7 seconds' -> 'the last 7 seconds'
    text = _GOES_ON.sub("is too long", text)  # 'verse one goes on and on': too long
    text = _MIDDLE_EIGHT.sub("bridge", text)  # 'the middle eight', 'the middle part' are the bridge
    text = _WRITE_IT_NEW.sub(r"rewrite \1", text)  # 'write it new' (a second-language 'rewrite it')
    text = _EVERY_SECTION.sub(  # 'from all choruses', 'in every verse': the choruses, the verses
        lambda m: "the " + m.group(1) + ("es" if m.group(1) == "chorus" else "s"), text
    )
    text = _HALF_AFTER_MINUS.sub(_minus_and_a_half, text)  # 'minus one and a half' -> '-1.5'
    text = _DIFF_TAKES.sub(lambda m: f"different {m.group(1) or m.group(2)}", text)  # '2 diff takes'
    text = _NTH_AND_NTH_VERSION.sub(_versions_by_place, text)  # 'the second and the fifth version'
    if _VERSIONS_NAMED.search(text):  # 'the third version ... the sixth one'
        text = _NTH_ONE.sub(_versions_by_place, text)
    text = _NTH_VERSION.sub(_versions_by_place, text)  # 'the fifth version'
    text = _ALL_CHANGES_UNDONE.sub("go back to the original", text)  # 'forget all changes'
    text = _AS_SENT.sub("the original", text)
    text = _BASE_FOR_BASS.sub(r"\1 bass", text)  # 'the base is way too loud' (dictated): the bass
    text = _MINUTES_AND_SECONDS.sub(_minutes_and_seconds, text)  # 'one minute thirty' -> '1:30'
    text = _THE_TWO.sub(lambda m: f"{m.group(2)} 1 and {m.group(2)} 2", text)  # 'the two verses'
    text = _ALONE_NOTHING_ELSE.sub("alone", text)  # 'the piano alone. nothing else playing'
    text = without_everything_else(text)  # 'only the piano left, everything else silent'
    text = _NTH_ONE_MADE.sub(_versions_by_place, text)  # 'the third one we made'
    text = _ONE_ONLY.sub(r"\1", text)  # 'similar to the second one only': the second one
    text = _IN_THAT_LANE.sub("like that", text)  # 'more in that lane': more like that
    text = _GRAND.sub(r"\1 grand piano", text)  # 'a proper grand in its place': a grand piano
    text = _ACOUSTIC.sub(r"\1 acoustic guitar", text)  # 'can the acoustic sit on the right': the guitar
    text = re.sub(r"\bin the (left|right)\b", r"on the \1", text)  # 'totally in the left side'
    text = re.sub(r"\bcut away\b", "cut", text)  # 'cut away the last seven seconds'
    text = re.sub(r"\brite (?=(?:it|them|that|this|the|a|new|me)\b)", "write ", text)  # 'rite it agian'
    text = _PASS_IT_TO.sub(r"put \1 in ", text)  # 'you can to pass it to minor?'
    text = re.sub(r"\b(?:the )?(?:very )?last section\b", "the outro", text)  # 'in the last section'
    text = re.sub(r"\b(?:the )?(?:very )?first section\b", "the intro", text)
    text = _STEM_SIGNED.sub(r"\1 \2 db", text)  # 'vocals +4, drums -2'
    text = _COUNTED_AT.sub(r"at \1 bpm", text)  # 'our choreo is counted at 128'
    text = re.sub(r"\b(snip|cut|chop|trim|take|lop) (it|that|them|those|this) of\b", r"\1 \2 off", text)
    text = _NOTHING_FOR_A_WHILE.sub("silence", text)  # 'ten seconds of nothing at the start'
    text = _TONE_OF_KEY.sub("in ", text)  # 'in the tone of a minor': in A minor
    text = _VERY_NTH_SECTION.sub(r"\1 ", text)  # 'before the very first chorus': the first chorus
    text = _HOOK.sub(r"\1 chorus", text)  # 'loop the hook': the chorus
    text = _KIND_OF_SECTION.sub("a ", text)  # 'it needs some kind of intro': an intro
    text = _QUIET_EDGE.sub(r"silent \1 at the \2", text)  # 'the quiet bit at the end': silence there
    text = re.sub(r"\b(v\d+|version \d+)s\b", r"\1's", text)  # 'v4s instrumental': version 4's
    text = _SAID_OTHERWISE_RE.sub(lambda m: _SAID_OTHERWISE[_said_key(m.group(0))], text)  # 'ctrl z', 'mp3s'
    text = _LEVEL_WORDS.sub(lambda m: f"{m.group(1)} {NUMBER_WORDS[m.group(2)]:g}", text)  # 'bass up two'
    text = _MINUS.sub("-", text)  # again, for the numbers said in words ('at minus two')
    text = _MINUS_WORD.sub(lambda m: f"-{NUMBER_WORDS[m.group(1)]:g}", text)  # 'to minus fourteen'
    text = _ISH.sub(lambda m: f"{NUMBER_WORDS[m.group(1)]:g}", text)  # 'eight-ish' -> '8'
    text = _AND_A_HALF.sub(lambda m: f"{NUMBER_WORDS[m.group(1)] + 0.5:g} {m.group(2)}", text)  # '4.5 s'
    text = _DIGITS_AND_A_HALF.sub(lambda m: f"{int(m.group(1)) + 0.5:g} {m.group(2)}", text)  # 22.5 s
    text = _PICK_WORD.sub(lambda m: f"{m.group(1)} {NUMBER_WORDS[m.group(2)]:g}", text)  # 'track three'
    text = _PICK_SAID_FIRST.sub(lambda m: f"number {NUMBER_WORDS[m.group(1)]:g} {m.group(2)}", text)
    text = _SECTION_EQUALS.sub(r"the \1 should be just ", text)  # 'intro = guitar'
    text = _FORTY_FOUR_ONE.sub("44.1 khz", text)  # 'a wav at forty four one'
    text = _AT_TENS.sub(lambda m: f"{m.group(1)} {_TENS_VALUE[m.group(2)]}", text)  # 'at ninety' -> 'at 90'
    text = _N_MORE_UNITS.sub(r"\1 \3 \2", text)  # '15 more seconds' -> '15 seconds more'
    text = _SECTION_ORDINAL.sub(lambda m: _ORDINAL_SPELLED[m.group(1)], text)  # 'the 2nd chorus'
    text = _SWAP_SHARED.sub(r"\1 the \2 \4 with the \3 \4", text)  # 'swap the first and second verse'
    text = _SWAP_SHARED_NUMBERS.sub(r"\1 \2 \3 with \2 \4", text)  # 'swap verses 1 and 2'
    text = _SHARED_NOUN.sub(r"the \1 \3 and the \2 \3", text)  # 'the first and second verse'
    text = _SHARED_NOUN_NUMBERS.sub(r"\1 \2 and \1 \3", text)  # 'verses 1 and 2'
    return _OR_SO.sub("", text)


_ORDINAL_SPELLED = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}
_SECTION_ORDINAL = re.compile(
    r"\b(1st|2nd|3rd|4th)(?= (?:verse|chorus|bridge|intro|outro|pre-?chorus|solo|drop|break)s?\b)"
)
"""An ordinal in digits before a section ('after the 2nd chorus'): spelled, as section patterns read it."""
ORDINAL_WORD = r"(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th)"
"""An ordinal that names one of several sections ('the first verse', 'the 2nd chorus')."""
_SECTION_NOUN = r"(verse|chorus|bridge|intro|outro|pre-?chorus|solo)"
_SWAP_SHARED = re.compile(
    rf"\b(swap|switch|exchange|trade|flip)(?: the)? ({ORDINAL_WORD}) (?:and|&|with|for) (?:the )?"
    rf"({ORDINAL_WORD}) {_SECTION_NOUN}(?:es|s)?\b"
)
"""Two sections swapped that share one noun ('swap the first and second verse'): each named in full."""
_SWAP_SHARED_NUMBERS = re.compile(
    rf"\b(swap|switch|exchange|trade|flip)(?: the)? {_SECTION_NOUN}(?:es|s) (\d) (?:and|&|with|for) (\d)\b"
)


_SHARED_NOUN = re.compile(
    rf"\b(?:the )?({ORDINAL_WORD}) (?:and|&|plus) (?:the )?({ORDINAL_WORD}) {_SECTION_NOUN}(?:es|s)?\b"
)
"""Two sections that share one noun ('mute the drums in the first and second verse'): each named in full,
so the request is made for both."""
_SHARED_NOUN_NUMBERS = re.compile(
    rf"\b{_SECTION_NOUN}(?:es|s)? (\d) (?:and|&|plus) (\d)\b(?! ?(?:bars?|beats?))"
)
"""'verses 1 and 2', 'verse 1 and 2': each section named in full."""


_N_MORE_UNITS = re.compile(
    r"\b(\d+(?:\.\d+)?) (more|extra|further|additional) (seconds?|secs?|minutes?|mins?|db|decibels?)\b"
)
"""'15 more seconds': the amount with its unit first, as the length patterns read it."""
_SAID_OTHERWISE: dict[str, str] = {
    "a quarter slower": "25% slower",
    "a quarter faster": "25% faster",
    "a third slower": "33% slower",
    "a third faster": "33% faster",
    "three quarters of its speed": "0.75x speed",
    "three quarters of the speed": "0.75x speed",
    "three quarters of it's speed": "0.75x speed",
    "a warm up": "an intro",
    "a warm-up": "an intro",
    "a bit of a warm up": "an intro",
    "a bit of a warm-up": "an intro",
    "where we started": "the original",
    "where i started": "the original",
    "when i uploaded it": "the original",
    "second blend": "second crossfade",
    "seconds blend": "second crossfade",
    "ctrl z": "undo",
    "ctrl y": "redo",
    "ctrl shift z": "redo",
    "mp3s": "mp3",
    "wavs": "wav",
    "flacs": "flac",
    "single channel": "mono",
    "one channel": "mono",
    "lead in": "intro",
    "proper ending": "outro",
    "real ending": "outro",
}  # fmt: skip
"""Words for a thing the patterns name otherwise ('ctrl z' is an undo, 'a single channel' is mono)."""


def _said_key(said: str) -> str:
    key = re.sub(r"[+ ]+", " ", said)
    return key if key in _SAID_OTHERWISE else re.sub(r"-", " ", key)


_SAID_OTHERWISE_RE = re.compile(
    r"\ba (?:quarter|third) (?:slower|faster)\b|\bthree quarters of (?:its|it's|the) speed\b"
    r"|\b(?:a bit of )?a warm[- ]up\b|\bwhere (?:we|i) started\b|\bwhen i uploaded it\b|\bseconds? blend\b"
    r"|\bctrl[-+ ]?(?:shift[-+ ]?)?[zy]\b|\b(?:mp3|wav|flac)s\b|\b(?:single|one) channel\b|\blead[- ]in\b"
    r"|\b(?:proper|real) ending\b"
)
ONE_TO_TEN = r"one|two|three|four|five|six|seven|eight|nine|ten"
"""Number words a person says for a small count or level ('track three', 'plus four'), as an alternation."""
_ONE_TO_TWELVE = rf"{ONE_TO_TEN}|eleven|twelve"
_LEVEL_WORDS = re.compile(
    rf"\b(up|down|plus|minus|by) ({_ONE_TO_TWELVE})\b"
    r"(?!\s*(?:bars?|beats?|semitones?|half|whole|octaves?|steps?|tones?|notches|times|more|of|%|percent))"
)
"""A level change said in words ('drums down three and bass up two'): the number in digits (dB)."""
_ISH = re.compile(rf"\b({ONE_TO_TEN}|twelve|fifteen|twenty|thirty)-?ish\b")
_AND_A_HALF = re.compile(
    rf"\b({_ONE_TO_TWELVE}) and a half"
    r" (seconds?|secs?|minutes?|bars?)\b"
)
"""'four and a half seconds' -> '4.5 seconds'."""
_MINUS_WORD = re.compile(
    r"\b(?:minus|negative) ("
    + "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an") and " " not in w), key=len)[::-1])
    + r")\b"
)
_DIGITS_AND_A_HALF = re.compile(
    r"\b(\d+) and a half (seconds?|secs?|minutes?|mins?|db|decibels?|bars?|semitones?|percent|bpm)\b"
)
_PICK_WORD = re.compile(rf"\b(track|song|number|pick|option|result|no\.) ({ONE_TO_TEN})\b")
"""An item of a list named in words ('put track three under my video'): in digits."""
_PICK_SAID_FIRST = re.compile(rf"^({ONE_TO_TEN}) (is|was|'s)\b")
"""An item of a list named first ('two is close but i want more energy'): number 2."""
_SECTION_EQUALS = re.compile(r"\b(intro|verse(?: \d)?|chorus|bridge|outro)\s*=\s*")
"""'intro = guitar and nothing else': the section should be just that."""
_FORTY_FOUR_ONE = re.compile(r"\b(?:forty[- ]four[ .](?:1|one)|44 (?:1|one))(?: ?k(?:hz)?)?\b")
"""A CD sample rate said as digits or words ('forty four one', '44 1k'): 44.1 kHz."""
_TENS_VALUE = {"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100}
_AT_TENS = re.compile(
    r"\b(at|to|around|about) (sixty|seventy|eighty|ninety|a hundred|one hundred)\b(?! (?:and|\w+ty))"
)
"""A tempo said as a round number in words ('put the whole thing at ninety'): in digits."""
_QUIET_EDGE = re.compile(
    r"\b(?:quiet|empty|dead) (bit|part|stretch|gap|bits|parts) at the (start|beginning|end)\b"
)
"""A quiet stretch at an edge of the recording ('get rid of the quiet bit at the end'): silence there."""
_KIND_OF_SECTION = re.compile(
    r"\b(?:some|a) (?:kind|sort|type) of "
    r"(?=(?:intro|verse|chorus|bridge|outro|solo|break|drop|build|ending|coda)\b)"
)
"""'some kind of intro' is an intro."""
_COMPARATIVE = {
    "slowly": "slower", "quickly": "quicker", "loudly": "louder", "quietly": "quieter", "softly": "softer",
    "fast": "faster", "slow": "slower", "loud": "louder", "quiet": "quieter", "soft": "softer",
    "high": "higher", "low": "lower", "short": "shorter", "long": "longer", "quick": "quicker",
}  # fmt: skip
_MORE_ADJECTIVE = re.compile(rf"\bmore ({'|'.join(_COMPARATIVE)})\b")
"""'more fast', 'more loud' (as people writing in a second language say it): 'faster', 'louder'."""
_BEATS_TO_THE_MINUTE = re.compile(
    r"\b(\d+(?:\.\d+)?) beats? (?:to|a|per|in|each) (?:the |a )?min(?:ute)?s?\b"
)
_FINAL_AMOUNT = re.compile(r"\bfinal (?=\d+(?:\.\d+)? (?:seconds?|minutes?|bars?|beats?)\b)")
_DRAGS = r"(?:(?:really|kinda|a bit|just|sort of) )?(?:drags|is dragging)\b"
_GOES_ON = re.compile(
    r"\b(?:goes|drags|rambles|runs) on (?:and on(?: and on)?|forever|for ages|too long|a bit)\b"
    r"|\boverstays its welcome\b"
    rf"|(?<=intro |verse |horus |ridge |outro | solo ){_DRAGS}"
    rf"|(?:(?<= \d )|(?<= one | two )){_DRAGS}"
)
"""A part that 'goes on and on', 'overstays its welcome' or drags ('the intro drags'): too long."""
_EVERY_SECTION = re.compile(
    r"\b(?:all|every|each|both)(?: of)? (?:the |my )?(intro|verse|chorus|bridge|outro|solo)(?:e?s)?\b"
)
_WRITE_IT_NEW = re.compile(
    r"\bwrite (it|that|this|them) (?:new|anew|fresh|afresh|newly|again|over|from scratch)\b"
)
_MIDDLE_EIGHT = re.compile(r"\bmiddle (?:eight|8)\b|(?<=\bthe )middle (?:part|section|bit)\b")
_HALF_AFTER_MINUS = re.compile(rf"(?:(?<![\w.])-|\bminus )(\d+|{_ONE_TO_TWELVE}) and a half\b")
"""A negative level and a half ('minus one and a half'): -1.5."""


def _minus_and_a_half(m: re.Match[str]) -> str:
    said = m.group(1)
    return f"-{(NUMBER_WORDS[said] if said in NUMBER_WORDS else float(said)) + 0.5:g}"


_DIFF_TAKES = re.compile(
    r"(?<=\b(?:\d|a|2|3|4|5) )diff (takes|versions|ones|options|variations|spins|one|take|version)\b"
    r"|\bdiff (takes|ones|options|variations|spins)\b"
)
_NTH = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
}  # fmt: skip
_NTH_WORD = "|".join(_NTH)
_NTH_AND_NTH_VERSION = re.compile(
    rf"\b(?:the )?({_NTH_WORD}) (?:and|&|with|to|vs\.?|versus) (?:the )?({_NTH_WORD})"
    r" (?:versions?|takes?|mix(?:es)?)\b"
)
"""Two versions that share one noun ('between the second and the fifth version'): each named in full."""
_NTH_VERSION = re.compile(rf"\bthe ((?!first\b){_NTH_WORD}) (?:version|take|mix)\b")
"""A version named by its place ("the fifth version"): version 5 (the first, the original, is read apart)."""
_ALL_CHANGES_UNDONE = re.compile(
    r"\b(?:forget|scrap|ditch|bin|drop|lose|throw away|undo|reset|revert|wipe) (?:all|every one of|each of)"
    r" (?:the |my |your |these |those )?(?:changes|edits|tweaks|of (?:the|my|your) (?:changes|edits))\b"
)
"""Every change dropped ('forget all changes'): back to the original."""
_AS_SENT = re.compile(
    r"\b(?:like|as|how|the way) (?:it was when )?i (?:first )?(?:sent|uploaded|gave you|recorded|sent you) it"
    r"(?: in| over)?"
    r"(?: (?:first|originally|to you|in the first place|at first))?\b"
)
"""The recording as it was sent ('i want my recording like i sent it first'): the original."""


def _versions_by_place(m: re.Match[str]) -> str:
    """'version N' for each place the match names ('the second and the fifth': 'version 2 and version 5')."""
    return " and ".join(f"version {_NTH[said]}" for said in m.groups() if said)


_VERSIONS_NAMED = re.compile(r"\b(?:versions?|takes?)\b")
_NTH_ONE = re.compile(rf"\bthe ((?!first\b){_NTH_WORD}) one\b")
"""'the sixth one' where versions are being talked about: version 6."""
_BASE_FOR_BASS = re.compile(
    r"\b(the|more|less|some|no|a|my|that) base\b(?! (?:of|on|for|camp|layer|model|rate|level)\b)"
)
"""'the base' said for 'the bass' (dictation, typing): no base is anything the song tools name."""
_SECONDS_SAID = ("fifteen", "twenty", "thirty", "forty", "fifty", "ten")
"""Seconds said as a word after the minutes (compound ones such as 'forty five' are digits by then)."""
_MINUTES_AND_SECONDS = re.compile(
    rf"\b(\d+) minutes? (?:and )?(\d{{1,2}}|{'|'.join(_SECONDS_SAID)})"
    r"(?: seconds?| secs?)?\b(?! ?(?:bpm|%|percent|db))"
)
"""'1 minute 30', 'one minute thirty' -> '1:30'."""


def _minutes_and_seconds(m: re.Match[str]) -> str:
    said = m.group(2)
    return f"{m.group(1)}:{NUMBER_WORDS[said] if said in NUMBER_WORDS else int(said):02d}"


_THE_TWO = re.compile(r"\bthe (two|2|both) (verse|chorus)(?:es|s)\b")
"""'swap the two verses round': verse 1 and verse 2."""
_ALONE_NOTHING_ELSE = re.compile(
    r"\balone[.,!;]?\s+(?:and |with )?nothing else(?: (?:playing|in (?:it|there)|at all|on it))?\b"
)
"""'the piano alone. nothing else playing': the piano alone."""
_THERE = r"(?: (?:there|in (?:it|there|that (?:part|section|bit))|for (?:it|that (?:part|section|bit))))"
EVERYTHING_ELSE_SILENT = re.compile(
    r"\b((?:only|just)\b[^,.;]*?)[,.;]?\s+(?:and |with |while |so )?"
    r"(?:everything|everyone|everybody|all|the rest|anything|anyone|all the others) else"
    r" (?:(?:is|goes|stays|should be|can be|gets|falls|keeps) )?"
    r"(?:silent|muted|off|out|quiet|gone|dropped|cut|shuts? up|stops?|drops? out|sits? out|lays? out|rests?"
    rf"|tacets?)\b{_THERE}?"
    r"|\b((?:only|just)\b[^,.;]*?)[,.;]?\s+(?:and |so |then )?"
    r"(?:mute|silence|drop|cut|kill|lose|turn off) (?:everything|everyone|everybody|all|the rest|anything"
    rf"|anyone|all the others)(?: else)?{_THERE}?\b",
    re.IGNORECASE,
)
"""'only the piano left in the outro, everything else silent': the solo already says it."""


def without_everything_else(text: str) -> str:
    """``text`` with 'everything else silent' after an 'only ...' dropped ('only the piano in the outro,
    everything else silent', 'keep only the marimba, mute everything else there'): the solo says it."""
    return EVERYTHING_ELSE_SILENT.sub(lambda m: m.group(1) or m.group(2), text)


_ONE_ONLY = re.compile(rf"\b(the (?:{_NTH_WORD}|last|\d+(?:st|nd|rd|th)?) one) only\b")
_NTH_ONE_MADE = re.compile(
    rf"\bthe ((?!first\b){_NTH_WORD}) one(?= (?:we|you|i) (?:made|did|had|tried|wrote)\b)"
)
"""'the third one we made': version 3."""
_IN_THAT_LANE = re.compile(
    r"\b(?:in|along|down) (?:that|this|the same) (?:lane|vein|direction|spirit)\b"
    r"|\balong (?:those|these|the same) lines\b"
)
"""'more in that lane', 'along those lines': like that."""
_GRAND = re.compile(
    r"\b(a|the|proper|real|concert|baby|nice|big|lovely|decent) grand\b"
    r"(?! (?:piano|finale|entrance|opening|total))"
)
"""A grand named without 'piano' ('put a proper grand in its place'): the piano."""
_ACOUSTIC = re.compile(
    r"\b(the|an|my|that|this|your) acoustic\b"
    r"(?! (?:guitar|piano|bass|version|set|cover|feel|vibe|sound|one|take"
    r"|mix|kit|drums?|treatment|arrangement|style|bit|part|room|space|instruments?)\b)"
)
"""'the acoustic' said for the acoustic guitar."""
_TONE_OF_KEY = re.compile(
    r"\bin the (?:tone|tonality|key) of (?=[a-g](?:#|b| sharp| flat)?\s*(?:major|minor|maj|min|m)\b)"
)
_PASS_IT_TO = re.compile(r"\bpass (it|this|that) (?:to|in|into) (?=(?:a )?(?:minor|major)\b|[a-g]\b)")
_COUNTED_AT = re.compile(r"\b(?:counted|counting|choreographed|danced|set) (?:at|to|in) (\d{2,3})\b(?! ?bpm)")
_STEM_SIGNED = re.compile(
    r"\b(vocals?|voice|drums|bass|other|guitars?|piano|keys|strings|synths?|pads?|backing)\s*([+-]\d+(?:\.\d+)?)"
    r"(?!\.?\d|\s*(?:%|percent|bpm|semitones?|st\b|bars?|db|decibels?|seconds?|s\b))"
)
"""A stem or track with a signed number and no unit ('vocals +4, drums -2'): a level in dB."""
_NOTHING_FOR_A_WHILE = re.compile(
    r"\b(?:(?:about |like |roughly )?\d+(?:\.\d+)? ?(?:seconds?|secs?|s)|a (?:few|couple of) seconds|a bit"
    r"|a while|ages) of (?:nothing|dead air|quiet|emptiness|no sound|silence)"
    r"(?= (?:at|on) (?:the )?(?:start|beginning|front) (?:and|&) (?:at |on )?(?:the )?end\b"
    r"|(?: at)? both ends\b)"
)
"""A stretch of silence said by one length at both ends ('ten seconds of nothing at the start and at the
end'): the silence there, found at each end (at one end the length said is cut)."""
_VERY_NTH_SECTION = re.compile(
    r"\bvery (first|last|final)\s+"
    r"(?=(?:intro|verse|pre-?chorus|chorus|bridge|outro|solo|drop|break|bar|note)\b)"
)
_PLACE_SECTION = (
    r"(?:the )?(?:(?:first|second|third|last|final) )?"
    r"(?:intro|verse|pre-?chorus|chorus|bridge|outro|solo|drop|break)(?: \d+| one| two| three)?"
)
PLACE_FIRST = re.compile(
    rf"^\s*((?:right |just |directly )?(?:after|before) {_PLACE_SECTION})\s*[,:]\s+"
    r"(?!(?:it|this|that|the \w+) (?:is|are|was|sounds?|feels?)\b)(.+)$"
    rf"|^\s*((?:in|during|for|throughout) {_PLACE_SECTION}|{_PLACE_SECTION}(?=\s*:))(?:\s*[,:])?\s+"
    r"(?=(?:keep|mute|only|just|put|add|make|drop|take|have|let|give|use|bring|turn|pan|solo|cut|lose|silence"
    r"|i (?:only |just )?(?:want|wanna|need))\b)(.+)$",
    re.IGNORECASE,
)
"""Where said first ('after chorus one, put in four bars for an organ solo', 'in the bridge keep only the
marimba', 'outro: just the strings'): said after what goes there."""
_HOOK = re.compile(
    r"\b(the|that|this|its|a|new|first|last|second|final|alternate|alternative|different|other|more|some|\d+)"
    r" (?:hook|refrain)s?\b"
)
"""The hook or refrain of a song: its chorus (the section the song tools name)."""
_KIT_PART = r"(?:kick(?: drum)?|snare(?: drum)?|hi-?hats?|hats|cymbals?|toms?)"
_KIT_PARTS = re.compile(rf"\b{_KIT_PART}(?:(?:,| and| &|, and) (?:the )?{_KIT_PART})+\b", re.IGNORECASE)
"""Two or more parts of a drum kit named together: one track, the drums (not two requests)."""


_EVERYDAY_DRUMS = re.compile(
    r"\bthe (?:thumping|thumps?|thudding|banging|boom[- ]?boom|booming)(?: bit| part| sound| noise)?\b"
    r"(?! (?:bass|kick|drums?|beat)\b)",
    re.IGNORECASE,
)
"""The drums as someone without the word calls them ('take the thumping out')."""


def kit_as_drums(text: str) -> str:
    """``text`` with kit parts named together ('the kick and snare') or the drums named in everyday words
    ('the thumping') said as 'drums' (case kept elsewhere), so a clause split does not read them as two
    requests."""
    return _EVERYDAY_DRUMS.sub("the drums", _KIT_PARTS.sub("drums", text))


_FILLER = re.compile(
    r"^(?:(?:hmm+|um+|uh+|erm|well|ok(?:ay)? so|so|right|yo|hey(?: bandleader)?|oh|ah|honestly|actually"
    r"|ok(?:ay)?|alright|nah|ugh|eh|meh|hm|uhh?m?|oops|whoops|oopsie|my bad|wait|hang on|hold on"
    r"|anyway|anyways"
    r"|quick question)[,.!]?\s+)+(?=\w)"
)
"""Fillers at the start of a request ('hmm', 'ok so', 'yo'): they say nothing about what to do."""


def strip_filler(text: str) -> str:
    """``text`` (case kept) without fillers at its start: 'ok so find a song' -> 'find a song'."""
    stripped = text.strip()
    m = _FILLER.match(stripped.lower())
    return stripped[m.end() :] if m else stripped


_HEDGE = re.compile(
    r"\b(?:like|about|around|roughly|approximately|approx\.?|maybe|say|something like)\s+(?=[-+]?\d)|~(?=\d)"
)
"""Hedges before a number ('like 95', 'around 100 bpm'): the number is what counts."""
_OR_SO = re.compile(r"\s+(?:or so|ish|or thereabouts)\b|(?<=\d)ish\b")


def parse_key(text: str) -> str | None:
    """The key named in ``text`` as 'D minor' / 'F# major', or None."""
    m = re.search(
        r"\b([a-g])\s*(#|♯|b|♭|-?sharp|-?flat)?\s*(major|minor|maj|min)\b", text, flags=re.IGNORECASE
    ) or re.search(r"\b([A-G])(#|♯|b|♭)?(m)\b", text)  # 'Am', 'F#m': only with a capital letter
    if not m:
        return None
    generic = re.match(r"\s*(?:key|tonality|feel|mode)\b", text[m.end() :])
    if m.group(1).lower() == "a" and not m.group(2) and generic:
        return None  # 'turn it into a major key' changes the mode
    letter, accidental, mode = m.group(1).lower(), (m.group(2) or "").lower(), m.group(3).lower()
    pc = _PITCH_CLASS[letter]
    if accidental in ("#", "♯", "sharp", "-sharp"):
        pc += 1
    elif accidental in ("b", "♭", "flat", "-flat"):
        pc -= 1
    name = _SHARP_NAMES[pc % 12]
    if accidental in ("#", "♯", "sharp", "-sharp") and name.endswith("b"):
        name = {"Eb": "D#", "Ab": "G#", "Bb": "A#"}[name]
    return f"{name} {'major' if mode in ('major', 'maj') else 'minor'}"


_ORDINALS = {word: n for word, n in _NTH.items() if n <= 4}
"""Ordinal words of 'the first track', 'the second upload'."""
_NTH_UPLOAD = re.compile(
    rf"\b({'|'.join(_ORDINALS)})\s+"
    r"(?:track|upload|song|file|recording|clip|one i (?:sent|attached|uploaded))\b"
)


_NUMBERED_VERSION = re.compile(
    r"\b(?:version|v|take)\s*#?\s*(\d+)\b(?![.,]?\d)"
    r"(?!\s*(?:%|percent|db|decibels?|s\b|secs?|seconds?|mins?|minutes?|bpm|bars?|measures?|semitones?"
    r"|half[- ]steps?|lufs|hz|khz|times|more|off|away))"
)
"""'version 3', 'v3', 'take 3' - but not 'take 2 db off' or 'take 10 seconds away'."""


def parse_ref(text: str) -> str | None:
    """A version reference in ``text``: 'version:N', 'upload:N' ('the first track'), 'original',
    'previous', or None."""
    m = _NUMBERED_VERSION.search(text)
    if m:  # 'take 2 db off' is no take
        return f"version:{int(m.group(1))}"
    m = _NTH_UPLOAD.search(text)
    if m:
        return f"upload:{_ORDINALS[m.group(1)]}"
    if re.search(
        r"\b(original|first version|very first (?:one|go|take|try|version)|initial|unedited|untouched"
        r"|unprocessed"
        r"|raw (?:one|file|track|version)"
        r"|the upload|what i (?:uploaded|sent|gave you)|how it was at the start)\b",
        text,
    ):
        return "original"
    if re.search(r"\b(previous|last|prior|earlier|before that|one before)\s+(version|one|take|edit)\b", text):
        return "previous"
    return None


def extract_slots(text: str) -> Slots:
    """All slots found in ``text`` (see :class:`Slots` for the units)."""
    t = normalise_text(text)
    slots = Slots(key=parse_key(text), ref=parse_ref(t))
    consumed: list[tuple[int, int]] = []

    def take(pattern: str) -> list[re.Match[str]]:
        found = []
        for m in re.finditer(pattern, t):
            if not any(a < m.end() and m.start() < b for a, b in consumed):
                consumed.append(m.span())
                found.append(m)
        return found

    slots.lufs = [_to_float(m.group(1)) for m in take(rf"({_NUM})\s*(?:lufs|lkfs|lu)\b")]
    slots.db = [_to_float(m.group(1)) for m in take(rf"({_NUM})\s*(?:dbfs|dbtp|db|decibels?)\b")]
    slots.bpm = [_to_float(m.group(1)) for m in take(rf"({_NUM})\s*(?:bpm|beats per minute)\b")]
    slots.semitones = [_to_float(m.group(1)) for m in take(rf"({_NUM})\s*(?:semitones?|half[- ]steps?|st)\b")]
    slots.hz = [
        _to_float(m.group(1)) * (1000 if m.group(2) == "khz" else 1) for m in take(rf"({_NUM})\s*(khz|hz)\b")
    ]
    slots.percent = [_to_float(m.group(1)) for m in take(rf"({_NUM})\s*(?:%|percent)")]
    slots.seconds = [parse_time_s(m.group(0)) for m in take(TIME)]
    fmt = re.search(r"\b(mp3|wav|wave|flac|ogg|zip)\b", t)
    slots.audio_format = {"wave": "wav"}.get(fmt.group(1), fmt.group(1)) if fmt else None
    take(r"\b(?:version|v|take)\s*#?\s*\d+\b")
    slots.plain_numbers = [_to_float(m.group(0)) for m in take(rf"(?<![a-z0-9.]){_NUM}(?![a-z0-9])")]
    return slots
