"""The typed results of each analysis (the pieces of the feature sheet). Times in seconds."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Segment(BaseModel):
    """A labelled stretch of time (a chord, a section, a key region)."""

    start: float = Field(description="Start, in seconds.")
    end: float = Field(description="End, in seconds.")
    label: str = Field(description="What holds in this stretch (Harte chord, section name, key).")
    confidence: float | None = Field(None, description="Confidence 0-1 where the backend gives one.")


class Note(BaseModel):
    """One transcribed note."""

    start: float = Field(description="Onset, in seconds.")
    end: float = Field(description="Offset, in seconds.")
    pitch: int = Field(description="MIDI pitch (60 = middle C).")
    velocity: int = Field(description="MIDI velocity 1-127.")


class Scored(BaseModel):
    """A tag with a score."""

    label: str
    score: float = Field(description="0-1; how strongly the audio supports the tag.")


class Rhythm(BaseModel):
    tempo_bpm: float | None = Field(
        description="Main tempo, in beats per minute; None when there is no beat."
    )
    tempo_confidence: float = Field(description="0-1: how steady and clear the beat is.")
    tempo_alternatives: list[float] = Field(description="Half- and double-time readings, in BPM.")
    beats: list[float] = Field(description="Beat times, in seconds.")
    downbeats: list[float] = Field(description="Times of the first beat of each bar, in seconds.")
    meter: str | None = Field(description="Time signature such as '4/4' or '3/4'; None when unknown.")
    backend: str


class Tonality(BaseModel):
    key: str | None = Field(description="Global key such as 'D minor'; None when no key can be heard.")
    key_confidence: float = Field(description="0-1 (0 when there is no key).")
    changes: list[Segment] = Field(description="Key regions over time (one region when the key never moves).")
    backend: str


class Harmony(BaseModel):
    chords: list[Segment] = Field(description="Chords in Harte syntax (C:maj, A:min, N = no chord).")
    backend: str


class Transcription(BaseModel):
    notes: list[Note] = Field(description="Polyphonic notes.")
    melody: list[Note] = Field(description="The main melody line (one note at a time).")
    backend: str


class Loudness(BaseModel):
    integrated_lufs: float | None = Field(description="Integrated loudness (ITU-R BS.1770), in LUFS.")
    short_term_lufs: list[float] = Field(description="Short-term loudness (3 s windows), one value a second.")
    short_term_hop_s: float = Field(description="Time between short-term values, in seconds.")
    loudness_range_lu: float | None = Field(description="Dynamic range (EBU Tech 3342 LRA), in LU.")
    backend: str


class Structure(BaseModel):
    sections: list[Segment] = Field(
        description="Sections: intro/verse/chorus/bridge/outro where the pattern is clear, else A/B/C."
    )
    backend: str


class Tags(BaseModel):
    instruments: list[Scored] = Field(
        description="Instrument families (piano, guitar, bass, strings, brass, woodwind, organ, synth, "
        "drums) "
        "with scores 0-1, best first."
    )
    vocals: Scored | None = Field(
        description="'vocals' or 'instrumental' with the probability of that reading (0.5-1); None when "
        "there is too little pitched sound to judge."
    )
    genre: list[Scored] = Field(
        description="Scores over a small genre vocabulary, best first (see tags.confident_genre: below its "
        "thresholds the genre is 'unsure')."
    )
    mood: list[Scored] = Field(description="Mood words (happy, tense, calm, sad) from valence and arousal.")
    backend: str
