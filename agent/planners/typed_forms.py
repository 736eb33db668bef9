"""How people type when they are not writing sentences, said as the plain words the planner's patterns read:
emoji for words ('🥁❌ intro'), command-line pairs ('tempo=96 key=F#m', 'score_video no_drums'), a number
corrected halfway ('90 bpm... actually scratch that, 94'), dictated homophones before a unit ('the bass up
for db', 'fade in for to seconds') and courtesies that carry no request ('kindly do the needful', 'abeg').

:func:`plain_typed_forms` runs them in order and keeps the case of the rest; a corrected number is put in
place once numbers are digits (:func:`corrected_numbers`, run by ``slots.normalise_text``), and
:func:`number_corrected` says whether a message has one."""

from __future__ import annotations

import re

EMOJI_WORDS = {
    "🥁": "drums", "🎹": "piano", "🎸": "guitar", "🎻": "violin", "🎺": "trumpet", "🎷": "saxophone",
    "🪕": "banjo", "🪗": "accordion", "🎤": "vocals", "🎙": "vocals", "🪘": "drums", "🪈": "flute",
    "🐢": "slower", "🐌": "slower", "🦥": "slower", "🐇": "faster", "🐰": "faster", "🚀": "faster",
    "🏎": "faster", "😢": "sad", "😭": "sad", "😞": "sad", "🥲": "sad", "💔": "heartbroken", "🌧": "rainy",
    "☔": "rainy", "😊": "happy", "😄": "happy", "😀": "happy", "☀": "sunny", "🌙": "night-time",
    "😴": "sleepy", "🧘": "calm", "🕺": "dance", "💃": "dance", "🎉": "party", "🥳": "party",
    "🔊": "louder", "🔉": "quieter", "🔈": "quieter", "🔇": "mute", "⬆": "up", "⬇": "down",
    "➕": "more", "➖": "less", "❌": "no", "🚫": "no", "🙏": "please", "✨": "", "🔥": "", "💯": "",
    "👀": "", "🎶": "", "🎵": "", "🤷‍♀️": "", "🤷‍♂️": "", "🤷": "", "✂": "cut", "➡": "to", "👉": "to",
}  # fmt: skip
"""Emoji as the word they stand for in a request; decoration ('✨', '🔥') says nothing."""
_EMOJI = re.compile(
    "(" + "|".join(sorted(map(re.escape, EMOJI_WORDS), key=len, reverse=True))
    + r")[\ufe0f\U0001f3fb-\U0001f3ff]*"
)  # fmt: skip
_INSTRUMENT_EMOJI = "🥁🎹🎸🎻🎺🎷🪕🪗🎤🎙🪘🪈"
_EMOJI_MUTED = re.compile(
    rf"([{_INSTRUMENT_EMOJI}])\ufe0f?\s*[❌🚫🔇]\ufe0f?|[❌🚫🔇]\ufe0f?\s*([{_INSTRUMENT_EMOJI}])\ufe0f?"
)
_KEYCAP = re.compile(r"(\d)\ufe0f?\u20e3")
"""A digit typed as a keycap emoji ('2️⃣'): the digit."""
_CROSSED_OUT = re.compile(r"(?:^|(?<=[,;\n]))\s*[❌🚫]\ufe0f?\s*(?=[a-z])", re.IGNORECASE)
"""A crossed-out word at the start of a request ('❌ strings'): that thing removed."""
_SECTION_AFTER = re.compile(r"^\s*(?=(?:the )?(?:intro|outro|verse|chorus|bridge|drop|break)\b)")


_GIVING_SAID = {  # an emoji said as how it is ('giving 🐢', 'too 🐌'), not as the change
    "🐢": "slow", "🐌": "slow", "🦥": "slow", "🐇": "fast", "🐰": "fast", "🚀": "fast", "😴": "sleepy"
}  # fmt: skip
_GIVING = re.compile(r"\b(?:giving|too|so|very|kinda|a bit|way too) (" + "|".join(_GIVING_SAID) + r")\ufe0f?")


def emoji_as_words(text: str) -> str:
    """``text`` with emoji said in words: an instrument crossed out is muted ('🥁❌ intro' -> 'mute the drums
    in the intro'), the rest by :data:`EMOJI_WORDS` ('🐇 energy' -> 'faster energy')."""

    def muted(m: re.Match[str]) -> str:
        said = f"mute the {EMOJI_WORDS[m.group(1) or m.group(2)]}"
        return f"{said} in the " if _SECTION_AFTER.match(text[m.end() :]) else said

    text = _KEYCAP.sub(r"number \1", text)  # "2️⃣ ➡️ video": number 2
    if not _EMOJI_MUTED.search(text) and not _EMOJI.search(text):
        return text
    text = _EMOJI_MUTED.sub(muted, text)
    text = _CROSSED_OUT.sub(" remove the ", text)  # '❌ strings': remove the strings
    text = _GIVING.sub(lambda m: f"too {_GIVING_SAID[m.group(1)]}", text)  # 'giving 🐢': too slow
    text = _EMOJI.sub(lambda m: f" {EMOJI_WORDS[m.group(1)]} ", text)
    text = re.sub(r" +(?=[,.!?;:])", "", re.sub(r"[ \t]{2,}", " ", text))
    return text.strip() if text.strip() else text


_PAIR_WORDS = {
    "tempo": "{} bpm", "bpm": "{} bpm", "speed": "{} bpm", "key": "key {}", "fmt": "{}", "format": "{}",
    "sr": "{} hz", "rate": "{} hz", "samplerate": "{} hz", "sample_rate": "{} hz", "len": "{} long",
    "length": "{} long", "dur": "{} long", "duration": "{} long", "style": "{}", "genre": "{}", "mood": "{}",
    "ref": "like {}", "lufs": "{} lufs", "loudness": "{} lufs", "gain": "{} db",
}  # fmt: skip
"""Keys of command-line pairs ('tempo=96') and how the value is said ('96 bpm')."""
_PAIR = re.compile(
    r"\b(" + "|".join(sorted(_PAIR_WORDS, key=len, reverse=True)) + r")\s*[=:]\s*([^\s,;=]+)", re.IGNORECASE
)
_UNDERSCORED = re.compile(r"\b([a-z]+)_([a-z]+)\b", re.IGNORECASE)
_BARE_SECONDS = re.compile(r"^(\d+(?:\.\d+)?)s?$")


def _pair(m: re.Match[str]) -> str:
    key, value = m.group(1).lower(), m.group(2)
    if key in ("len", "length", "dur", "duration"):
        seconds = _BARE_SECONDS.match(value)
        value = f"{seconds.group(1)} seconds" if seconds else value
    return _PAIR_WORDS[key].format(value.replace("_", " ")) + ","


def command_pairs_as_words(text: str) -> str:
    """``text`` with command-line pairs said in words ('tempo=96 key=f#m' -> 'tempo 96 bpm, key f#m,'
    before the words read them) and names joined by underscores split ('score_video no_drums' ->
    'score video no drums')."""
    if "=" in text or _UNDERSCORED.search(text):
        text = _PAIR.sub(_pair, text)
        text = _UNDERSCORED.sub(r"\1 \2", text)
        text = re.sub(r",(\s*)(?=$|[,.;])", r"\1", text)
    return text


_CORRECTION_MARK = (
    r"(?:no wait|wait no|no no|nope|no(?=\s*[,.!…-])|actually,? scratch that|scratch that"
    r"|make that|or rather|i mean|sorry|actually|wait|correction)[\s,.;:!…-]+"
    r"(?:(?:make it|let's say|let's do|say|more like|like) )?"
)
"""The words that correct a number just said ('..., no wait, ...'), up to the number that replaces it."""
_CORRECTION = re.compile(
    r"[\s,.;:!…-]*\b" + _CORRECTION_MARK + r"(\d+(?:\.\d+)?)"
    r"(?:\s*(?:%|percent|bpm|db|seconds?|secs?|s)\b|%)?"
    r"(?: (?:is|would be|will be|should be|'s) (?:enough|fine|better|plenty|good|ok|okay|right|it))?"
    r"(?=\s*(?:$|[,.;!?]|and\b|then\b|please\b))"
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)")


def corrected_numbers(text: str) -> str:
    """``text`` (numbers already in digits) with a number corrected halfway put in place of the one it
    corrects: 'speed it up 15% for the trend, no wait, 10 is enough' -> 'speed it up 10% for the trend'.
    A correction with no number before it is left as it was."""
    while True:
        m = _CORRECTION.search(text)
        if not m:
            return text
        before = list(_NUMBER.finditer(text, 0, m.start()))
        if not before:
            return text
        last = before[-1]
        text = text[: last.start()] + m.group(1) + text[last.end() : m.start()] + text[m.end() :]


_SPOKEN_MARKS = (
    (re.compile(r"\s*\bcomma\b", re.IGNORECASE), ","),
    (re.compile(r"\s*\b(?:full stop|period)\s*$|\s*\bfull stop\b", re.IGNORECASE), "."),
    (re.compile(r"\s*\bquestion mark\b", re.IGNORECASE), "?"),
    (re.compile(r"\s*\bexclamation (?:mark|point)\b", re.IGNORECASE), "!"),
)
"""Punctuation a dictating writer says in words ('how long is it comma and is it clipping question mark')."""


def spoken_punctuation(text: str) -> str:
    """``text`` with punctuation said in words put as marks ('comma' -> ',', 'full stop' -> '.'); a text
    that says 'comma' once is left as it is (a word, not dictation)."""
    if len(re.findall(r"\b(?:comma|full stop|question mark|exclamation (?:mark|point))\b", text, re.I)) < 2:
        return text
    for pattern, mark in _SPOKEN_MARKS:
        text = pattern.sub(mark, text)
    return text


_CAMELOT = {
    "1a": "Ab minor", "1b": "B major", "2a": "Eb minor", "2b": "F# major", "3a": "Bb minor", "3b": "Db major",
    "4a": "F minor", "4b": "Ab major", "5a": "C minor", "5b": "Eb major", "6a": "G minor", "6b": "Bb major",
    "7a": "D minor", "7b": "F major", "8a": "A minor", "8b": "C major", "9a": "E minor", "9b": "G major",
    "10a": "B minor", "10b": "D major", "11a": "F# minor", "11b": "A major", "12a": "C# minor",
    "12b": "E major",
}  # fmt: skip
"""The Camelot wheel DJs name keys by ('8A' is A minor, '8B' C major)."""
_CAMELOT_KEY = re.compile(
    r"\b(?P<lead>in|to|into|key(?: of)?|at|from)\s+(?P<code>1[0-2][ab]|[1-9][ab])\b(?![\w'-])", re.IGNORECASE
)
_NUMBER_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|and"
)
_PER_MINUTE = re.compile(
    rf"\b(?P<n>\d+(?:\.\d+)?|(?:{_NUMBER_WORD})(?:[- ](?:{_NUMBER_WORD}))*) (?:beats? (?:a|per|each) minute"
    r"|to the (?:crotchet|quarter(?: note)?"
    r"|beat|minim|half note))\b",
    re.IGNORECASE,
)
"""A tempo said the long way ('sixty-six beats a minute', 'seventy-six to the crotchet')."""


def musicians_terms(text: str) -> str:
    """``text`` with keys said on the Camelot wheel as key names ('shift it to 5A' -> 'shift it to C minor')
    and tempi said per minute or per crotchet in BPM ('sixty-six beats a minute' -> 'sixty-six bpm')."""
    text = _CAMELOT_KEY.sub(lambda m: f"{m.group('lead')} {_CAMELOT[m.group('code').lower()]}", text)
    return _PER_MINUTE.sub(lambda m: f"{m.group('n')} bpm", text)


_UNIT_AFTER_TWO = r"(?:seconds?|secs?|db|decibels?|bars?|semitones?|beats|minutes?|bpm|steps|versions|takes)"
_DICTATED_TWO = re.compile(
    rf"\b(?:to|too)\s+(?={_UNIT_AFTER_TWO}\b|(?:half|whole)[- ]?(?:steps|tones)\b)", re.IGNORECASE
)
_DICTATED_FOUR = re.compile(r"\bfor\s+(?=(?:db|decibels?|bars|semitones|bpm)\b)", re.IGNORECASE)


def dictated_numbers(text: str) -> str:
    """``text`` with the homophones that dictation writes for numbers before a unit as digits: 'up for db'
    -> 'up 4 db', 'fade in for to seconds' -> 'fade in for 2 seconds'."""
    return _DICTATED_FOUR.sub("4 ", _DICTATED_TWO.sub("2 ", text))


_COURTESY = re.compile(
    r"\b(?:kindly )?do the needful\b[\s:,.;-]*|\b(?:abeg|jare|chale|biko|o+ jare)\b[,!.]?"
    r"|[\s,]*\b(?:how do you say|how do you call (?:it|this|that)|how (?:is|do) (?:it|you) called"
    r"|what'?s the word|what is the word)\b(?: in english)?\s*[,.…?]+[\s,.…?]*(?=\w)"
    r"|(?<=[a-z]) o(?=[.!]*$)",
    re.IGNORECASE,
)
"""Courtesies and particles that carry no request ('kindly do the needful:', 'abeg', '... too fast o')."""


_POSSIBLE = re.compile(
    r"\b(?:(?:would|could|will|is) it (?:perhaps |maybe |possibly |at all |somehow )?be possible|is possible)"
    r" (?:for (?:it|the song|the track|this|you) )?to\b",
    re.IGNORECASE,
)


_PURPOSE_HEAD = re.compile(
    r"^\s*for (?:the|my|our|a|an|this) (?!(?:first |second |last |final )?"
    r"(?:intro|verse|chorus|bridge|outro|solo|drop|break|pre-?chorus|middle)\b)[\w' -]{1,30}?:\s+(?=\w)",
    re.IGNORECASE,
)
"""What a request is for, said before a colon ('for the tavern scene: in the bridge only the flute plays')."""


def courtesies_dropped(text: str) -> str:
    """``text`` without courtesies that carry no request ('would it perhaps be possible for it to go
    faster' -> 'could it go faster'; 'would it be possible to add' -> 'could you add'; 'put the guitar, how
    do you say, on the left' -> 'put the guitar on the left'); 'kindly' is 'please'."""
    text = _COURTESY.sub(" ", _PURPOSE_HEAD.sub("", text))
    text = _POSSIBLE.sub(lambda m: "could it" if " for " in m.group(0).lower() else "could you", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"\bkindly\b", "please", text, flags=re.IGNORECASE).strip()


_CHANGED_MIND = re.compile(
    r"[\s,.;:!…-]+(?:(?:hmm+|wait|oh|um+|uh+|erm|ah|nah|no)[,.!…]*\s+)?"
    r"(?:(?:actually|wait|hmm+|oh|nah)[,.!…]*\s*no|no[,.!…]*\s*(?:actually|wait)|scratch that"
    r"|on second thoughts?|no no)(?=[\s,.;:!…-])[\s,.;:!…-]*(?=\w)",
    re.IGNORECASE,
)
"""Where a writer changes their mind halfway ('add a sax - actually no, ...', '..., hmm no, ...')."""
_ONLY_A_THING = re.compile(
    r"^(?:make (?:that|it)|rather|i mean|instead|let's (?:do|have))?\s*(?:an? |some |the )?"
    r"(?P<thing>[\w -]{2,30}?)(?: instead)?[\s.!]*$",
    re.IGNORECASE,
)


def changed_mind(text: str) -> str:
    """``text`` as its writer settled it when they change their mind halfway: what follows the change of
    mind ('go back to version 2, hmm no, version 4 was the good one' -> 'version 4 was the good one'), or,
    when that only names an instrument, the request before with it in place of the one named there ('add
    a saxophone - actually no, make that a trumpet' -> 'add a trumpet'). A corrected number is left to
    :func:`corrected_numbers`."""
    from tools.generation.instruments import find_instruments, instrument_spans

    m = _CHANGED_MIND.search(text)
    if m is None or not text[: m.start()].strip() or number_corrected(text):
        return text
    before, after = text[: m.start()], text[m.end() :]
    thing = _ONLY_A_THING.match(after)
    named = find_instruments(thing.group("thing")) if thing else []
    spans = instrument_spans(before)
    if named and spans and len(thing.group("thing").split()) <= 3:
        start, end = spans[-1]
        return before[:start] + named[0].name + before[end:]
    return after


_TOPIC_FIRST = re.compile(
    r"^(?P<thing>(?:the|my|that|this) (?!(?:\w+ ){0,2}(?:is|are|was|were|sounds?|feels?|seems?)\b)"
    r"[\w'-]+(?: [\w'-]+){0,2}),\s+(?:(?:so|and|ok|okay|well),?\s+)?"
    r"(?P<verb>i want|i'd like|i would like|i need|make|put|set|turn|bring|pan|move|push|pull) (?:it|them)\b",
    re.IGNORECASE,
)
"""A thing named first and then pointed at ('the guitar, I want it totally at left')."""
_OBJECT_FIRST = re.compile(
    r"^(?P<please>please,? )?(?P<thing>(?:the|my|that|this) [\w' -]{2,25}?)"
    r" (?P<verb>delete|remove|mute|cut|drop|erase)(?P<end>\s*(?:please|pls|plz)?\s*(?:$|[,.;!?]))",
    re.IGNORECASE,
)
"""The thing said before its verb ('please the second verse delete', a learner's word order)."""
_NOT_WANTED_SO = re.compile(
    r"\b(?:i )?(?:don't|do not|dont) (?:want|need|like) (?P<thing>it|this|that|them|the [\w' -]{1,25}?)"
    r" (?:this|that|so|too|as) (?P<how>loud|fast|slow|quiet|soft|long|short|bright|dark|busy|boomy|harsh"
    r"|high|low)\b",
    re.IGNORECASE,
)
"""What is not wanted as it is ('I don't want it this loud'): a complaint that it is too much so."""


def plain_word_order(text: str) -> str:
    """``text`` in the order the planner reads: a thing named before the request that points at it put in
    place ('the guitar, I want it totally at left' -> 'I want the guitar totally at left'; 'please the
    second verse delete' -> 'please delete the second verse'), and what is not wanted as it is said as a
    complaint ("I don't want it this loud" -> 'it is too loud')."""
    text = _TOPIC_FIRST.sub(lambda m: f"{m.group('verb')} {m.group('thing')}", text)
    text = _OBJECT_FIRST.sub(
        lambda m: f"{m.group('please') or ''}{m.group('verb')} {m.group('thing')}{m.group('end')}", text
    )
    return _NOT_WANTED_SO.sub(lambda m: f"{m.group('thing')} is too {m.group('how')}", text)


_WHOLE_STEPS = re.compile(r"\b(\d|two|three|four|five|six)\s+whole[- ]?(?:steps|tones)\b", re.IGNORECASE)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def whole_steps_as_semitones(text: str) -> str:
    """``text`` with a count of whole steps said in semitones ('up 2 whole steps' -> 'up 4 semitones')."""

    def semitones(m: re.Match[str]) -> str:
        said = m.group(1).lower()
        return f"{2 * (int(said) if said.isdigit() else _SMALL[said])} semitones"

    return _WHOLE_STEPS.sub(semitones, text)


_NUMBER_SAID = (
    r"\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|a hundred|hundred"
)
_CORRECTION_SAID = re.compile(
    r"(?:\d|\b(?:" + _NUMBER_SAID + r")\b).*?[\s,.;:!…-]\b" + _CORRECTION_MARK + r"(?:" + _NUMBER_SAID + r")",
    re.IGNORECASE,
)


def number_corrected(text: str) -> bool:
    """True when ``text`` corrects a number it said ('ninety bpm... actually scratch that, ninety four')."""
    return _CORRECTION_SAID.search(text) is not None


_STEP_MARK = re.compile(r"(?:^|(?<=\s))(?:\(?\d{1,2}[).:]|[-•*–])\s+(?=\S)")
"""A step's number or bullet in a list of steps typed in one message ('1) slower 2) no drums', '- a\n- b')."""


def steps_in_order(text: str) -> str:
    """``text`` whose steps are numbered or bulleted ('1) ten bpm slower 2) lose the drums 3) wav file') as
    one sentence of steps in order ('ten bpm slower, then lose the drums, then wav file'); else unchanged."""
    marks = list(_STEP_MARK.finditer(text))
    if len(marks) < 2 or text[: marks[0].start()].strip():
        return text
    ends = [m.start() for m in marks[1:]] + [len(text)]
    steps = [text[m.end() : end].strip(" \n\t,;") for m, end in zip(marks, ends, strict=True)]
    steps = [re.sub(r"^then\s+", "", step, flags=re.IGNORECASE) for step in steps if step]
    return ", then ".join(steps)


_SHORTHAND = (
    (re.compile(r"\blufs\s*(-\d+(?:\.\d+)?)\b", re.IGNORECASE), r"\1 lufs"),  # 'LUFS -16' -> '-16 lufs'
    (re.compile(r"\b(?:tp|true ?peak|ceiling)\s*(-\d+(?:\.\d+)?)\s*(?:db(?:tp|fs)?\b)?", re.IGNORECASE),
     r"a true peak of \1"),  # 'TP -1.5' -> 'a true peak of -1.5'
    (re.compile(r"(?<!not )(?<!n't )(?<!nt )\bquite(?=\s*(?:[,.;!?]|$))", re.IGNORECASE),
     "quiet"),  # 'make the vocals quite,': quiet ('not quite.' stays)
    (re.compile(r"^(?:(?:much better|better|good|great|nice|perfect|cool|lovely|sweet|awesome)[.!]+\s*)+"
                r"(?=\S)", re.IGNORECASE), ""),  # 'better. now mp3': a verdict asks nothing
)  # fmt: skip
"""A mixing engineer's and a phone's shorthand, said in words."""


def shorthand_as_words(text: str) -> str:
    """``text`` with shorthand said in words: 'LUFS -16, TP -1.5' -> '-16 lufs, a true peak of -1.5';
    'quite' where a sentence ends is 'quiet' (autocorrect); a verdict before a request ('better. now mp3')
    dropped."""
    for pattern, words in _SHORTHAND:
        text = pattern.sub(words, text)
    return text


def plain_typed_forms(text: str) -> str:
    """``text`` with emoji, command-line pairs, dictated numbers and courtesies said in plain
    words (a corrected number needs digits first: :func:`corrected_numbers` runs later)."""
    text = steps_in_order(spoken_punctuation(text))
    text = musicians_terms(emoji_as_words(text))
    text = command_pairs_as_words(text)
    text = dictated_numbers(text)
    text = shorthand_as_words(text)
    return courtesies_dropped(text)
