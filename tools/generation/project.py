"""The song project: a typed, JSON-serialisable, editable description of a generated song.

Units: time positions and lengths of notes are in *beats* (quarter notes) from the start of the song;
tempo in BPM (quarter notes per minute); pitch as MIDI numbers (60 = middle C); velocity 1-127; gain
in dB; pan -1 (left) .. +1 (right); reverb send 0..1; loudness in LUFS; durations in seconds.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["melody", "chords", "bass", "drums", "pad", "lead_vocal"]
Mode = Literal["major", "minor"]
PROJECT_FORMAT = 1
"""Version of the project JSON layout."""


class NoteEvent(BaseModel):
    """One note of a track."""

    model_config = ConfigDict(frozen=True)

    start: float = Field(ge=0, description="Onset, in beats from the start of the song.")
    duration: float = Field(gt=0, description="Length, in beats.")
    pitch: int = Field(ge=0, le=127, description="MIDI pitch (drums: GM percussion key).")
    velocity: int = Field(ge=1, le=127, description="MIDI velocity 1-127.")


class TempoChange(BaseModel):
    """A tempo that holds from ``beat`` on."""

    beat: float = Field(ge=0, description="Where the tempo starts, in beats.")
    bpm: float = Field(gt=0, description="Tempo, in quarter-note beats per minute.")


class BarPatch(BaseModel):
    """Bars of a section written again (inpainted): new notes for some parts, every other note kept."""

    first_bar: int = Field(ge=0, description="First bar written again, 0-based within the section.")
    bars: int = Field(ge=1, description="How many bars.")
    roles: list[Role] = Field(description="The parts written again there (melody, bass, chords, drums...).")
    seed: int = Field(description="Seed of the new notes.")


class Section(BaseModel):
    """A stretch of the form (intro, verse, chorus...)."""

    name: str = Field(description="Unique name, e.g. 'verse 1', 'chorus 2'.")
    kind: str = Field(description="Section type: intro, verse, prechorus, chorus, bridge, solo, outro.")
    bars: int = Field(ge=1, le=256, description="Length in bars.")
    chords: list[str] = Field(
        description="One chord per bar-slot, in Harte-like labels ('D:min', 'A:7'), cycled over the bars."
    )
    chords_per_bar: int = Field(1, ge=1, le=4, description="How many chords each bar holds (1, 2 or 4).")
    energy: float = Field(ge=0, le=1, description="0 (quiet, sparse) .. 1 (full, loud).")
    seed: int = Field(description="Seed of this section's notes (regenerating changes it).")
    variant: int = Field(0, ge=0, description="How many times it was regenerated (0 = as first written).")
    patches: list[BarPatch] = Field(
        default_factory=list, description="Bar ranges written again (inpainted), applied in order."
    )


class MixSettings(BaseModel):
    """How a track sits in the mix."""

    gain_db: float = Field(0.0, ge=-60, le=12, description="Track gain, in dB.")
    pan: float = Field(0.0, ge=-1, le=1, description="-1 left .. 0 centre .. +1 right.")
    reverb: float = Field(0.2, ge=0, le=1, description="Reverb send, 0 (dry) .. 1 (very wet).")


class Track(BaseModel):
    """One instrument part; rendered to its own stem."""

    name: str = Field(description="Unique track name (also the stem's name).")
    instrument: str = Field(description="Instrument name, e.g. 'piano', 'strings', 'drums'.")
    program: int = Field(ge=0, le=127, description="General MIDI program (0-based); ignored for drums.")
    is_drums: bool = Field(False, description="True for a drum kit (MIDI channel 10).")
    role: Role
    notes: list[NoteEvent] = Field(default_factory=list)
    muted_sections: list[str] = Field(default_factory=list, description="Sections where it is silent.")
    mix: MixSettings = Field(default_factory=MixSettings)


class LyricSyllable(BaseModel):
    """One sung syllable, aligned to a melody note."""

    beat: float = Field(ge=0, description="Onset of its note, in beats.")
    text: str = Field(description="The syllable; a trailing '-' means the word goes on.")
    section: str = Field(description="Name of the section it belongs to.")
    line_start: bool = Field(False, description="True for the first syllable of a lyric line.")
    line: str = Field("", description="The whole line (set on its first syllable), for LRC export.")


class Motif(BaseModel):
    """The melodic seed developed across the song: rhythm in beats and scale degrees (0 = tonic)."""

    onsets: list[float] = Field(description="Onsets within the motif, in beats.")
    durations: list[float] = Field(description="Note lengths, in beats.")
    degrees: list[int] = Field(description="Scale degrees relative to the tonic (7 = octave up).")
    length_beats: float = Field(gt=0, description="Length of the motif, in beats.")


class SongProject(BaseModel):
    """A complete, editable arrangement (see the module docstring for units)."""

    format: int = PROJECT_FORMAT
    title: str
    style: str = Field(description="Style key, e.g. 'pop', 'jazz', 'lofi'.")
    mood: str = Field("", description="Mood words from the request, e.g. 'happy', 'dark'.")
    tempo_bpm: float = Field(gt=0, description="Initial tempo, in quarter-note BPM.")
    tempo_changes: list[TempoChange] = Field(default_factory=list, description="Later tempo changes.")
    meter: tuple[int, int] = Field((4, 4), description="Time signature (numerator, denominator).")
    key: str = Field(description="Tonic pitch name, e.g. 'D', 'F#', 'Bb'.")
    mode: Mode
    sections: list[Section]
    tracks: list[Track]
    motif: Motif
    lyrics: list[LyricSyllable] = Field(default_factory=list)
    theme: str = Field("", description="What the lyrics are about.")
    tail_s: float = Field(1.0, ge=0, le=8, description="Ring-out after the last bar, in seconds.")
    loudness_lufs: float = Field(-14.0, ge=-40, le=-6, description="Master loudness target, in LUFS.")
    seed: int = Field(description="Seed of the whole song.")
    notes: list[str] = Field(default_factory=list, description="What was clamped or changed, and why.")

    # ---- derived quantities -----------------------------------------------------------------
    @property
    def beats_per_bar(self) -> float:
        """Quarter-note beats in one bar (6/8 -> 3.0)."""
        return self.meter[0] * 4.0 / self.meter[1]

    @property
    def total_bars(self) -> int:
        """Bars in the whole form."""
        return sum(s.bars for s in self.sections)

    @property
    def total_beats(self) -> float:
        """Length of the form, in beats."""
        return self.total_bars * self.beats_per_bar

    @property
    def key_label(self) -> str:
        """'D minor'-style key name."""
        return f"{self.key} {self.mode}"

    def section_starts(self) -> dict[str, float]:
        """Start beat of each section, by name."""
        out: dict[str, float] = {}
        beat = 0.0
        for s in self.sections:
            out[s.name] = beat
            beat += s.bars * self.beats_per_bar
        return out

    def section_range(self, name: str) -> tuple[float, float]:
        """(start, end) beats of section ``name``; KeyError when there is none."""
        start = self.section_starts()[name]
        sec = next(s for s in self.sections if s.name == name)
        return start, start + sec.bars * self.beats_per_bar

    def tempo_map(self) -> list[TempoChange]:
        """All tempo changes including the initial tempo, sorted by beat."""
        changes = sorted((c for c in self.tempo_changes if c.beat > 0), key=lambda c: c.beat)
        return [TempoChange(beat=0.0, bpm=self.tempo_bpm), *changes]

    def seconds_at(self, beat: float) -> float:
        """Time in seconds at ``beat`` (follows the tempo map)."""
        seconds, last_beat, bpm = 0.0, 0.0, self.tempo_bpm
        for change in self.tempo_map()[1:]:
            if change.beat >= beat:
                break
            seconds += (change.beat - last_beat) * 60.0 / bpm
            last_beat, bpm = change.beat, change.bpm
        return seconds + (beat - last_beat) * 60.0 / bpm

    @property
    def music_s(self) -> float:
        """Length of the form (without the tail), in seconds."""
        return self.seconds_at(self.total_beats)

    @property
    def duration_s(self) -> float:
        """Length of the rendered song, in seconds (form plus tail)."""
        return self.music_s + self.tail_s

    def track(self, name: str) -> Track:
        """The track called ``name``; KeyError when there is none."""
        for t in self.tracks:
            if t.name == name:
                return t
        raise KeyError(name)
