"""What a composition request may say (the planner's slots), and how it is made playable.

``resolve`` turns a :class:`ComposeRequest` into concrete choices, clamping impossible values and
settling contradictions, and records a note for every change so replies can say what was changed.
Units: tempo in BPM, duration in seconds.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from tools.generation.compose.prompt import PromptSlots, parse_prompt
from tools.generation.instruments import Instrument, find_instruments, lookup
from tools.generation.styles import STYLES, Style, find_style
from tools.generation.theory import parse_key

MIN_TEMPO_BPM, MAX_TEMPO_BPM = 40.0, 240.0
"""Tempo range the composer accepts, in BPM."""
MIN_DURATION_S, MAX_DURATION_S = 5.0, 600.0
"""Song length range, in seconds."""
DEFAULT_DURATION_S = 30.0
MAX_LYRICS_CHARS = 2000
"""Longer lyrics are cut to this many characters."""
METERS: dict[str, tuple[int, int]] = {"4/4": (4, 4), "3/4": (3, 4), "6/8": (6, 8)}

SLOW_WORDS = re.compile(r"\b(slow|slowly|calm|gentle|relaxed|laid[- ]back|chill|sleepy|ballad)\b")
FAST_WORDS = re.compile(r"\b(fast|quick|upbeat|energetic|uptempo|up-tempo|driving|frantic|hype)\b")
SLOW_MAX_BPM, FAST_MIN_BPM = 100.0, 110.0
"""A request that says 'slow' expects at most this tempo; 'fast', at least that one (BPM)."""


class ComposeRequest(BaseModel):
    """The slots of a request to write a song; every field is optional."""

    prompt: str = Field("", max_length=20000, description="The request in words (read for style, mood...).")
    style: str | None = Field(None, description="Style or genre, e.g. 'pop', 'jazz', 'lo-fi hip-hop'.")
    mood: str | None = Field(None, description="Mood words, e.g. 'happy', 'dark', 'dreamy'.")
    tempo_bpm: float | None = Field(None, description="Tempo, in beats per minute.")
    key: str | None = Field(None, description="Key such as 'D minor' or 'F# major'.")
    meter: str | None = Field(None, description="Time signature: '4/4', '3/4' or '6/8'.")
    duration_s: float | None = Field(None, description="Length of the song, in seconds.")
    structure: list[str] | None = Field(
        None, description="Section kinds in order, e.g. ['intro', 'verse', 'chorus', 'outro']."
    )
    instruments: list[str] | None = Field(None, description="Instruments to use, e.g. ['piano', 'strings'].")
    lyrics: str | None = Field(None, max_length=20000, description="Lyrics to set (one line per phrase).")
    theme: str | None = Field(None, description="What the song is about (lyrics are written for it).")
    title: str | None = Field(None, description="Title of the song.")
    seed: int | None = Field(None, description="Random seed: the same request and seed give the same song.")


@dataclass
class Resolved:
    """Concrete choices for the composer, with a note for every value that was changed."""

    style: Style
    tempo_bpm: float
    tonic: str
    mode: str
    meter: tuple[int, int]
    duration_s: float
    instruments: list[tuple[str, Instrument]]
    """(role, instrument) pairs, melody first."""
    structure: list[str] | None
    lyrics: str | None
    theme: str
    title: str
    mood: str
    seed: int
    notes: list[str] = field(default_factory=list)


def _mood(text: str) -> str:
    words = re.findall(
        r"\b(happy|sad|dark|bright|upbeat|melancholic|melancholy|dreamy|epic|calm|angry|romantic|"
        r"uplifting|chill|mysterious|nostalgic|hopeful|tense|peaceful|energetic|moody|joyful)\b",
        text.lower(),
    )
    return " ".join(dict.fromkeys(words))


def _mode_for_mood(mood: str, style: Style) -> str:
    if re.search(r"sad|dark|melanchol|mysterious|tense|moody|angry", mood):
        return "minor"
    if re.search(r"happy|bright|upbeat|uplifting|joyful|hopeful", mood):
        return "major"
    return style.default_mode


def _band(req_instruments: list[Instrument], style: Style, notes: list[str]) -> list[tuple[str, Instrument]]:
    """Roles for the requested instruments (or the style's band): a melody, chords, bass, drums."""
    if not req_instruments:
        return [(role, lookup(name)) for role, name in style.instruments]  # type: ignore[misc]
    band: list[tuple[str, Instrument]] = []
    pitched = [i for i in req_instruments if not i.is_drums and i.role != "bass"]
    basses = [i for i in req_instruments if i.role == "bass"]
    drums = [i for i in req_instruments if i.is_drums]
    leads = [i for i in pitched if i.role in ("melody", "lead_vocal")]
    harmonic = [i for i in pitched if i.role not in ("melody", "lead_vocal")]
    melody = leads[0] if leads else (pitched[0] if pitched else None)
    if melody is not None:
        band.append(("lead_vocal" if melody.role == "lead_vocal" else "melody", melody))
    chords = (
        harmonic[0] if harmonic else (melody if melody is not None and melody.role != "lead_vocal" else None)
    )
    if chords is not None:
        band.append(("chords", chords))
    for extra in [i for i in pitched if i is not melody and i is not chords]:
        band.append(
            ("pad" if extra.role == "pad" else ("melody" if extra.role == "melody" else "chords"), extra)
        )
    band.extend(("bass", b) for b in basses)
    band.extend(("drums", d) for d in drums[:1])
    if not any(r in ("chords", "pad") for r, _ in band) and not basses:
        notes.append(
            f"nothing in {', '.join(i.name for i in req_instruments)} plays chords, so the melody "
            "carries the song alone"
        )
    return band


def resolve(req: ComposeRequest) -> Resolved:
    """Concrete, playable choices for ``req`` (see the module docstring); never raises for bad values."""
    notes: list[str] = []
    text = req.prompt or ""
    said = parse_prompt(text) if text else PromptSlots()
    req = req.model_copy(
        update={
            "tempo_bpm": req.tempo_bpm if req.tempo_bpm is not None else said.tempo_bpm,
            "duration_s": req.duration_s if req.duration_s is not None else said.duration_s,
            "theme": req.theme or said.theme,
            "title": req.title or said.title,
            "lyrics": req.lyrics or said.lyrics,
        }
    )
    style = None
    if req.style:
        style = find_style(req.style) or STYLES.get(req.style.lower())
        if style is None:
            notes.append(f"I don't know the style '{req.style}', so I used pop")
    if style is None:
        style = find_style(text) or STYLES["pop"]
    mood = req.mood or _mood(text)
    seed = req.seed if req.seed is not None else random.Random(text + (req.style or "")).randrange(1, 10**6)

    # tempo: an explicit number wins over words, within the playable range
    slow, fast = bool(SLOW_WORDS.search(text.lower())), bool(FAST_WORDS.search(text.lower()))
    if req.tempo_bpm is not None:
        tempo = float(req.tempo_bpm)
        if not tempo == tempo or tempo < MIN_TEMPO_BPM or tempo > MAX_TEMPO_BPM:  # NaN-safe
            clamped = MIN_TEMPO_BPM if not tempo > MIN_TEMPO_BPM else MAX_TEMPO_BPM
            notes.append(
                f"{tempo:g} BPM is not playable, so I used {clamped:g} BPM (the range is "
                f"{MIN_TEMPO_BPM:g}-{MAX_TEMPO_BPM:g})"
            )
            tempo = clamped
        elif slow and not fast and tempo > SLOW_MAX_BPM:
            notes.append(f"you asked for slow but also {tempo:g} BPM, which is fast; I kept {tempo:g} BPM")
        elif fast and not slow and tempo < FAST_MIN_BPM - 30:
            notes.append(f"you asked for fast but also {tempo:g} BPM, which is slow; I kept {tempo:g} BPM")
    else:
        lo, hi = style.tempo_range
        tempo = style.default_tempo
        if slow and not fast:
            tempo = max(lo, min(tempo, 80.0)) if lo <= 80 else lo
        elif fast and not slow:
            tempo = min(hi, max(tempo, 128.0))
    tempo = round(tempo, 2)

    # key and mode
    parsed = parse_key(req.key) if req.key else None
    if req.key and parsed is None:
        notes.append(f"I couldn't read the key '{req.key}'")
    if parsed is None:
        parsed = parse_key(text) if text else None
    if parsed is None:
        mode = _mode_for_mood(mood, style)
        tonic = random.Random(seed).choice(
            ["C", "D", "E", "F", "G", "A"] if mode == "major" else ["A", "D", "E", "C"]
        )
    else:
        tonic, mode = parsed

    meter = (4, 4)
    if req.meter:
        if req.meter.strip() in METERS:
            meter = METERS[req.meter.strip()]
        else:
            notes.append(f"the meter {req.meter} is not supported, so I used 4/4")
    elif re.search(r"\bwaltz\b|\b3/4\b", text.lower()):
        meter = (3, 4)
    elif re.search(r"\b6/8\b", text.lower()):
        meter = (6, 8)

    duration = DEFAULT_DURATION_S if req.duration_s is None else float(req.duration_s)
    if not duration == duration or duration < MIN_DURATION_S or duration > MAX_DURATION_S:
        fixed = (
            DEFAULT_DURATION_S
            if not duration > 0
            else (MIN_DURATION_S if duration < MIN_DURATION_S else MAX_DURATION_S)
        )
        notes.append(
            f"a length of {duration:g} s is not possible, so I made it {fixed:g} s "
            f"(the range is {MIN_DURATION_S:g}-{MAX_DURATION_S:g} s)"
        )
        duration = fixed

    wanted: list[Instrument] = []
    for name in req.instruments or []:
        inst = lookup(name)
        if inst is None:
            found = find_instruments(name)
            if not found:
                notes.append(f"I don't have the instrument '{name}', so I left it out")
            wanted.extend(i for i in found if i not in wanted)
        elif inst not in wanted:
            wanted.append(inst)
    if req.instruments is None and text:
        wanted = find_instruments(text)
    band = _band(wanted, style, notes)

    lyrics = req.lyrics
    if lyrics and len(lyrics) > MAX_LYRICS_CHARS:
        notes.append(f"the lyrics were {len(lyrics)} characters long, so I set the first {MAX_LYRICS_CHARS}")
        lyrics = lyrics[:MAX_LYRICS_CHARS]
    structure = None
    if req.structure:
        from tools.generation.compose.form import KNOWN_KINDS

        structure = [s.lower().strip() for s in req.structure if s.lower().strip() in KNOWN_KINDS] or None
    title = req.title or (
        req.theme.strip().capitalize()[:60] if req.theme else f"{style.name.capitalize()} sketch"
    )
    return Resolved(
        style=style,
        tempo_bpm=tempo,
        tonic=tonic,
        mode=mode,
        meter=meter,
        duration_s=round(duration, 3),
        instruments=band,
        structure=structure,
        lyrics=lyrics,
        theme=req.theme or "",
        title=title,
        mood=mood,
        seed=int(seed),
        notes=notes,
    )
