"""The ``answer_question`` tool: questions about one or two tracks, answered from their feature sheets.

The question is mapped to topics by keyword patterns (key, tempo, sections, chords, instruments, vocals,
meter, loudness, melody, description); each topic's answer quotes measured values with times. Below a
confidence threshold the answer says "I can't tell". Comparative questions ("which one is faster?")
read the sheets of the two tracks. Multiple-choice questions (lettered options) get the option the
measurements support (``tools.captioning.choices``).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from tools.base import ArtifactInfo, ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.captioning.captions import note_name, summary, tempo_feel
from tools.captioning.choices import Choice, choice_reply, pick, split_options
from tools.captioning.timefmt import chord_name, mmss
from tools.understanding.analyze import ANALYSABLE_KINDS, sheet_for
from tools.understanding.backends import ALL_BACKENDS
from tools.understanding.sheet import FeatureSheet, scored_top
from tools.understanding.tags import confident_genre

KEY_CONFIDENCE_MIN: float = 0.3
"""Below this key confidence (0-1) the answer is "I can't tell" with the best guess."""

TEMPO_CONFIDENCE_MIN: float = 0.5
"""Below this beat steadiness (0-1) the tempo answer says it is uncertain."""

INSTRUMENT_SCORE_MIN: float = 0.5
"""Instrument families scoring below this (0-1) are not named."""

VOCALS_SCORE_MIN: float = 0.65
"""Below this score (0.5-1) for "vocals" or "instrumental" the answer is "I can't tell"."""

MAX_CHORDS_LISTED: int = 12
"""Most chord changes quoted in one answer."""

TOPICS: dict[str, re.Pattern[str]] = {
    "compare": re.compile(
        r"\bwhich (one|track|song|of)\b|\bcompare\b|\bboth\b|\bdifference\b|\bversus\b|\bvs\b"
    ),
    "key": re.compile(r"\bkey\b|\bmajor\b|\bminor\b|\bscale\b|\btonality\b|\btonic\b"),
    "tempo": re.compile(
        r"\btempo\b|\bbpm\b|\bbeats (a|per) minute\b|how (fast|slow|quick)|\bspeed\b"
        r"|\bfaster\b|\bslower\b|\bpace\b"
    ),
    "meter": re.compile(r"time signature|\bmeter\b|\bmetre\b|\bwaltz\b|\b[34]/4\b"),
    "beats": re.compile(r"\bbeats?\b(?! (a|per) minute)|\bdownbeats?\b|\bbars?\b"),
    "sections": re.compile(
        r"\bchorus\b|\bverse\b|\bbridge\b|\bintro\b|\boutro\b|\bsections?\b|\bstructure\b|\bparts?\b"
    ),
    "chords": re.compile(r"\bchords?\b|\bharmony\b|\bprogression\b"),
    "vocals": re.compile(r"\bsing|\bvocal|\bvoice\b|\bsinger\b|\blyrics\b|\binstrumental\b"),
    "instruments": re.compile(
        r"\binstrument|\bwhat .*(hear|playing)\b|\bdrums?\b|\bbass\b|\bguitar\b|\bpiano\b"
    ),
    "loudness": re.compile(r"\bloud|\bquiet|\blufs\b|\bdynamic|\bvolume\b"),
    "melody": re.compile(r"\bmelody\b|\bnotes?\b|\btune\b|\bpitch\b|\bmidi\b"),
    "mood": re.compile(r"\bmood\b|\bfeel\b|\bhappy\b|\bsad\b|\benergetic\b|\bcalm\b"),
    "genre": re.compile(r"\bgenre\b|\bstyle\b"),
    "describe": re.compile(
        r"\bdescribe\b|\btell me about\b|\bwhat (is|does) (it|this) (like|sound)\b|\bcaption\b|\bsummar"
    ),
}

SECTION_WORDS = ("chorus", "verse", "bridge", "intro", "outro")


def topics_of(question: str) -> list[str]:
    """Topics a question asks about, in :data:`TOPICS` order ('describe' when none match)."""
    q = question.lower()
    found = [t for t, rx in TOPICS.items() if rx.search(q)]
    if "sections" in found and "chords" in found:
        found.remove("sections")  # "the chords in the verse": the section only narrows the chords
    return found or ["describe"]


def _asked_section(question: str) -> str | None:
    q = question.lower()
    return next((w for w in SECTION_WORDS if w in q), None)


def answer_key(s: FeatureSheet) -> tuple[str, bool]:
    """The key answer and whether it is confident."""
    if s.key is None:
        why = s.remarks[0] if s.remarks else "no key stands out."
        return f"I can't tell the key: {why[0].lower() + why[1:]}", False
    if s.key_confidence < KEY_CONFIDENCE_MIN:
        return (
            f"I can't tell the key for sure: my best guess is {s.key} (confidence {s.key_confidence:.2f}).",
            False,
        )
    text = f"It is in {s.key} (confidence {s.key_confidence:.2f})."
    if len(s.key_changes) > 1:
        moves = ", ".join(f"{c.label} at {mmss(c.start)}" for c in s.key_changes[1:])
        text += f" It starts in {s.key_changes[0].label} and moves to {moves}."
    return text, True


def answer_tempo(s: FeatureSheet) -> tuple[str, bool]:
    """The tempo answer (BPM, feel, alternatives) and whether it is confident."""
    if s.tempo_bpm is None:
        why = "the track is too short" if s.content == "too_short" else "there is no steady beat"
        return f"I can't tell the tempo: {why}.", False
    alt = " or ".join(f"{a:.0f}" for a in s.tempo_alternatives)
    text = f"About {s.tempo_bpm:.0f} BPM ({tempo_feel(s.tempo_bpm)}"
    text += f", {s.meter})." if s.meter else ")."
    if alt:
        text += f" Counted at half or double time it would be {alt} BPM."
    if s.tempo_confidence < TEMPO_CONFIDENCE_MIN:
        return (
            "I'm not sure of the tempo (the beat is unsteady): my best estimate is "
            f"{text[0].lower()}{text[1:]}",
            False,
        )
    return text, True


def answer_sections(s: FeatureSheet, question: str) -> tuple[str, bool]:
    """Where the asked section (or every section) is, with times."""
    if not s.sections or (len(s.sections) == 1 and s.duration_s > 30):
        return "I can't tell the structure: no clear section changes were found.", False
    wanted = _asked_section(question)
    if wanted:
        hits = [x for x in s.sections if x.label == wanted]
        if not hits:
            listing = ", ".join(f"{x.label} at {mmss(x.start)}" for x in s.sections)
            return f"I can't tell which part is the {wanted}; the sections I found are {listing}.", False
        text = f"The {wanted} starts at {mmss(hits[0].start)}"
        if len(hits) > 1:
            text += " and returns at " + ", ".join(mmss(h.start) for h in hits[1:])
        return text + ".", True
    listing = "; ".join(f"{x.label} {mmss(x.start)}–{mmss(x.end)}" for x in s.sections)
    return f"Sections: {listing}.", True


def answer_chords(s: FeatureSheet, question: str) -> tuple[str, bool]:
    """The chord changes (with times), within the asked section when one is named."""
    start, end, where = 0.0, s.duration_s, ""
    wanted = _asked_section(question)
    if wanted:
        hits = [x for x in s.sections if x.label == wanted]
        if not hits:
            return f"I can't tell where the {wanted} is, so I can't give its chords.", False
        start, end, where = (
            hits[0].start,
            hits[0].end,
            f" in the {wanted} ({mmss(hits[0].start)}–{mmss(hits[0].end)})",
        )
    from tools.understanding.spelling import spell_chords

    chords = [c for c in s.chords if c.end > start and c.start < end and c.label not in ("N", "X")]
    if not chords:
        return "I can't tell the chords: no harmony was recognised.", False
    chords = spell_chords(chords, s.key, s.key_changes)  # Bb in D minor, not A#
    shown = ", ".join(
        f"{chord_name(c.label)} ({mmss(max(c.start, start))})" for c in chords[:MAX_CHORDS_LISTED]
    )
    more = f" and {len(chords) - MAX_CHORDS_LISTED} more changes" if len(chords) > MAX_CHORDS_LISTED else ""
    return f"The chords{where}: {shown}{more}.", True


def answer_vocals(s: FeatureSheet) -> tuple[str, bool]:
    """Whether someone sings, with the score; "I can't tell" below :data:`VOCALS_SCORE_MIN`."""
    v = s.tags.vocals
    if v is None:
        return "I can't tell whether there is singing: there is too little pitched sound to judge.", False
    if v.score < VOCALS_SCORE_MIN:
        return f"I can't tell whether there is singing (leaning {v.label}, score {v.score:.2f}).", False
    if v.label == "vocals":
        return f"Yes, I hear singing (vocals, score {v.score:.2f}).", True
    return f"No, I hear no singing: it sounds instrumental (score {v.score:.2f}).", True


def answer_topic(topic: str, s: FeatureSheet, question: str) -> tuple[str, bool]:
    """The answer to one topic about one sheet, and whether it is confident."""
    if s.content in ("silence", "noise") and topic not in ("loudness", "describe"):
        return summary(s), False
    if topic == "key":
        return answer_key(s)
    if topic == "tempo":
        return answer_tempo(s)
    if topic == "meter":
        return (f"It is in {s.meter}.", True) if s.meter else ("I can't tell the time signature.", False)
    if topic == "beats":
        if not s.beats:
            return "I can't find a beat in it.", False
        return (
            f"{len(s.beats)} beats, the first at {s.beats[0]:.2f} s; {len(s.downbeats)} bars "
            f"(downbeats at {', '.join(mmss(d) for d in s.downbeats[:4])}...).",
            True,
        )
    if topic == "sections":
        return answer_sections(s, question)
    if topic == "chords":
        return answer_chords(s, question)
    if topic == "vocals":
        return answer_vocals(s)
    if topic == "instruments":
        found = scored_top(s.tags.instruments, 5, INSTRUMENT_SCORE_MIN)
        if not found:
            return "I can't tell which instruments play: no instrument family scores high enough.", False
        listed = ", ".join(f"{x.label} ({x.score:.2f})" for x in found)
        return f"I hear {listed} (instrument families, {s.tags.backend}).", True
    if topic == "loudness":
        if s.loudness_lufs is None:
            return "It is too quiet to measure its loudness.", True
        lra = f", loudness range {s.loudness_range_lu:.1f} LU" if s.loudness_range_lu is not None else ""
        return f"Integrated loudness {s.loudness_lufs:.1f} LUFS{lra}.", True
    if topic == "melody":
        if not s.melody:
            return "I can't find a melody line.", False
        lo, hi = min(n.pitch for n in s.melody), max(n.pitch for n in s.melody)
        first = ", ".join(note_name(n.pitch) for n in s.melody[:8])
        return (
            f"The melody spans {note_name(lo)}–{note_name(hi)} ({len(s.melody)} notes; "
            f"{len(s.notes)} notes in "
            f"all); it begins {first} at {mmss(s.melody[0].start)}.",
            True,
        )
    if topic == "mood":
        mood = scored_top(s.tags.mood, 2)
        return (
            (f"It measures as {' and '.join(m.label for m in mood)}.", True)
            if mood
            else ("I can't tell.", False)
        )
    if topic == "genre":
        best = confident_genre(s.tags.genre)
        if best is None:
            top = s.tags.genre[0] if s.tags.genre else None
            guess = f" (best guess {top.label}, {top.score:.2f})" if top else ""
            return f"I can't tell the genre: unsure{guess}.", False
        return f"It sounds like {best.label} (score {best.score:.2f}, from instruments and tempo).", True
    return summary(s), True


def answer_comparison(
    question: str, a: tuple[str, FeatureSheet], b: tuple[str, FeatureSheet]
) -> tuple[str, bool]:
    """Which of two tracks is faster/slower/louder/quieter (or their keys), with the values."""
    q = question.lower()
    (na, sa), (nb, sb) = a, b
    if re.search(r"\bloud|\bquiet", q):
        if sa.loudness_lufs is None or sb.loudness_lufs is None:
            return "I can't compare their loudness: one of them is too quiet to measure.", False
        louder = (
            (na, sa.loudness_lufs, nb, sb.loudness_lufs)
            if sa.loudness_lufs >= sb.loudness_lufs
            else (nb, sb.loudness_lufs, na, sa.loudness_lufs)
        )
        if "quiet" in q:
            return f"“{louder[2]}” is quieter: {louder[3]:.1f} LUFS against {louder[1]:.1f} LUFS.", True
        return f"“{louder[0]}” is louder: {louder[1]:.1f} LUFS against {louder[3]:.1f} LUFS.", True
    if TOPICS["key"].search(q):
        ka, _ = answer_key(sa)
        kb, _ = answer_key(sb)
        return f"“{na}”: {ka} “{nb}”: {kb}", sa.key is not None and sb.key is not None
    if sa.tempo_bpm is None or sb.tempo_bpm is None:
        return "I can't compare their tempo: one of them has no steady beat.", False
    fast, slow = (
        ((na, sa.tempo_bpm), (nb, sb.tempo_bpm))
        if sa.tempo_bpm >= sb.tempo_bpm
        else ((nb, sb.tempo_bpm), (na, sa.tempo_bpm))
    )
    if abs(fast[1] - slow[1]) < 0.02 * fast[1]:
        return f"They have about the same tempo: {sa.tempo_bpm:.0f} and {sb.tempo_bpm:.0f} BPM.", True
    if "slow" in q:
        return f"“{slow[0]}” is slower: {slow[1]:.0f} BPM against {fast[1]:.0f} BPM.", True
    return f"“{fast[0]}” is faster: {fast[1]:.0f} BPM against {slow[1]:.0f} BPM.", True


def answer_choice(
    stem: str, choices: list[Choice], sheets: list[tuple[str, FeatureSheet]]
) -> tuple[str, list[str], bool]:
    """A multiple-choice answer: the option the measurements support (or "I can't tell which"),
    followed by the measured answer to the stem."""
    options_text = " ".join(c.text for c in choices)
    asked = stem if topics_of(stem) != ["describe"] else f"{stem} {options_text}"
    text, topics, confident = answer(asked, sheets)
    chosen, _scores = pick(choices, topics, sheets[0][1], text, confident)
    return (
        choice_reply(chosen, choices, text, confident),
        ["choice", *topics],
        confident and chosen is not None,
    )


def answer(question: str, sheets: list[tuple[str, FeatureSheet]]) -> tuple[str, list[str], bool]:
    """The answer text, the topics it covered and whether every part was confident.

    ``sheets`` is (name, sheet) of the track asked about first, then the other track for comparisons.
    A multiple-choice question ("... (A) 60 BPM (B) 100 BPM ...") is answered by picking an option.
    """
    stem, choices = split_options(question)
    if choices:
        return answer_choice(stem, choices, sheets)
    topics = topics_of(question)
    if "compare" in topics or (
        len(sheets) > 1 and re.search(r"\b(faster|slower|louder|quieter)\b", question.lower())
    ):
        if len(sheets) < 2:
            return "To compare, attach a second track (I only have one).", ["compare"], False
        text, ok = answer_comparison(question, sheets[0], sheets[1])
        return text, ["compare"], ok
    _name, sheet = sheets[0]
    parts, confident = [], True
    for t in [t for t in topics if t != "compare"]:
        text, ok = answer_topic(t, sheet, question)
        if text not in parts:
            parts.append(text)
        confident = confident and ok
    return " ".join(parts), topics, confident


class AnswerInput(BaseModel):
    question: str = Field(description="The question about the track, in the user's words.")
    audio: str = ArtifactRef("audio", "The track the question is about: an artifact id or 'current'.")
    other: str | None = Field(
        None,
        description="A second track for comparisons ('which one is faster?'); default: the previous upload.",
    )


class AnswerOutput(BaseModel):
    answer: str = Field(description="The answer, with measured values and times.")
    topics: list[str] = Field(description="What the question was understood to ask about.")
    confident: bool = Field(description="False when any part of the answer is 'I can't tell'.")
    artifact_ids: list[str] = Field(description="The versions whose measurements were used.")


class AnswerQuestion(Tool):
    name = "answer_question"
    description = (
        "Answer a question about a track's music from measurements: key, tempo, meter, beats, where the "
        "chorus or verse starts, chords, melody, instruments, singing, loudness, mood, or compare two tracks "
        "(which one is faster?); picks the right option of a multiple-choice question. Says when it can't "
        "tell. Changes nothing."
    )
    Input = AnswerInput
    Output = AnswerOutput
    resources = Resources(num_cpus=2, memory_mb=1500, seconds_per_audio_minute=8.0)
    backends = ALL_BACKENDS

    def _other(self, ctx: ToolContext, first: ArtifactInfo) -> ArtifactInfo | None:
        """The most recent other upload (else the latest version of another thread of work)."""
        others = [a for a in ctx.workspace.history() if a.kind in ANALYSABLE_KINDS and a.id != first.id]
        uploads = [a for a in others if a.tool is None]
        threads = [a for a in others if a.thread != first.thread]
        return (uploads or threads or [None])[-1]

    def run(self, args: AnswerInput, ctx: ToolContext) -> AnswerOutput:
        if not args.question.strip():
            raise ToolError("The question is empty: ask something about the track.", code="bad_argument")
        info, sheet = sheet_for(ctx, args.audio)
        sheets = [(info.label, sheet)]
        ids = [info.id]
        stem = split_options(args.question)[0]
        comparative = "compare" in topics_of(stem) or re.search(
            r"\b(faster|slower|louder|quieter)\b", stem.lower()
        )
        if comparative:
            other = ctx.workspace.resolve(args.other) if args.other else self._other(ctx, info)
            if other is not None:
                o_info, o_sheet = sheet_for(ctx, other.id)
                sheets.append((o_info.label, o_sheet))
                ids.append(o_info.id)
        text, topics, confident = answer(args.question, sheets)
        return AnswerOutput(answer=text, topics=topics, confident=confident, artifact_ids=ids)
