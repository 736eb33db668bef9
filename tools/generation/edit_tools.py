"""Edit tools on a song project: each makes a new project version and re-renders the mix.

Every tool takes ``song`` (the current version by default: a mix made by a song tool, or a project
version) and reports a :class:`~tools.generation.store.SongVersion`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.generation import edits
from tools.generation.store import FLUIDSYNTH, SongVersion, project_for, save_song

_EDIT = Resources(num_cpus=2, memory_mb=1500, seconds_per_audio_minute=3.0)


def _song_field() -> object:
    return ArtifactRef("project", "The song to edit: 'current' (default), 'previous' or a version.")


class _SongEdit:
    """Shared parts of the edit tools (mixed in before Tool): load the project, apply ``edit``, save."""

    resources = _EDIT
    backends = (FLUIDSYNTH,)
    changes_current = True

    def edit(self, project, args):  # type: ignore[no-untyped-def]
        """(new project, what changed[, notes]) for ``args``."""
        raise NotImplementedError

    def run(self, args, ctx: ToolContext) -> SongVersion:  # type: ignore[no-untyped-def]
        project, audio, _ = project_for(ctx, args.song)
        ctx.progress(0.0, "editing the arrangement")
        result = self.edit(project, args)
        new, change, notes = result if len(result) == 3 else (*result, [])
        return save_song(ctx, new, change=change, parent=audio, notes=notes, check=args.check)


class TempoInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    bpm: float | None = Field(None, description="New tempo, in BPM (absolute).")
    change_bpm: float | None = Field(None, description="Change of tempo, in BPM (+10 faster, -10 slower).")
    factor: float | None = Field(None, gt=0, description="Tempo multiplier (1.1 = 10% faster).")
    percent: float | None = Field(None, description="Change in percent (with direction; 10 = 10%).")
    direction: Literal["faster", "slower"] | None = Field(
        None, description="Which way, for change_bpm/percent magnitudes or on its own (10%)."
    )
    amount: Literal["bit", "normal", "much"] = Field(
        "normal", description="How much, when no number: 5/10/25%."
    )
    check: bool = Field(True, description="Measure tempo and key of the result.")

    @model_validator(mode="after")
    def _one(self) -> TempoInput:
        if all(v is None for v in (self.bpm, self.change_bpm, self.factor, self.percent, self.direction)):
            raise ValueError("say a tempo (e.g. 120 BPM) or 'faster' / 'slower'")
        return self


class SongTempo(_SongEdit, Tool):
    name = "song_tempo"
    description = (
        "Change the tempo of the song I wrote: to a BPM, by some BPM, or by a factor ('faster' is 1.1x). "
        "Keeps notes, key and arrangement."
    )
    Input = TempoInput
    Output = SongVersion

    def edit(self, project, args: TempoInput):  # type: ignore[no-untyped-def]
        sign = -1.0 if args.direction == "slower" else 1.0
        if args.bpm is not None:
            bpm = args.bpm
        elif args.change_bpm is not None:
            bpm = project.tempo_bpm + (sign * abs(args.change_bpm) if args.direction else args.change_bpm)
        elif args.factor is not None:
            bpm = project.tempo_bpm * args.factor
        else:
            pct = (
                abs(args.percent)
                if args.percent is not None
                else {"bit": 5.0, "normal": 10.0, "much": 25.0}[args.amount]
            )
            bpm = project.tempo_bpm * (1.0 + sign * pct / 100.0)
        return edits.set_tempo(project, bpm)


class KeyInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    key: str = Field(
        description="Target key ('A major', 'D minor'), just 'major'/'minor', or 'up 2 semitones'."
    )
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongKey(_SongEdit, Tool):
    name = "song_key"
    description = (
        "Put the song I wrote in another key or mode ('in A major', 'make it minor'): transposes, or "
        "re-harmonises with the style's progressions when the mode changes."
    )
    Input = KeyInput
    Output = SongVersion

    def edit(self, project, args: KeyInput):  # type: ignore[no-untyped-def]
        tonic, mode = edits.parse_key_request(args.key, project)
        return edits.change_key(project, tonic, mode)


class InstrumentInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    action: Literal["swap", "add", "remove"] = Field(
        description="Swap one instrument for another, add or remove."
    )
    instrument: str = Field(description="The instrument (or track) to swap out, add or remove, e.g. 'piano'.")
    new_instrument: str | None = Field(None, description="For 'swap': the instrument to use instead.")
    role: Literal["melody", "chords", "bass", "drums", "pad", "lead_vocal"] | None = Field(
        None, description="For 'add': the part it plays (default: what suits the instrument)."
    )
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongInstrument(_SongEdit, Tool):
    name = "song_instrument"
    description = (
        "Change the instruments of the song I wrote: swap one for another ('swap the piano for strings'), "
        "add one ('add a guitar') or remove one ('no drums')."
    )
    Input = InstrumentInput
    Output = SongVersion

    def edit(self, project, args: InstrumentInput):  # type: ignore[no-untyped-def]
        if args.action == "swap":
            if not args.new_instrument:
                raise ToolError(
                    "Swap it for what? Say e.g. 'swap the piano for strings'.", code="missing_argument"
                )
            return edits.swap_instrument(project, args.instrument, args.new_instrument)
        if args.action == "add":
            return edits.add_instrument(project, args.instrument, args.role)
        return edits.remove_instrument(project, args.instrument)


class SectionInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    section: str = Field(
        description="Section(s) to resize: 'chorus' (every chorus), 'verse 2', 'the last chorus'."
    )
    bars: int | None = Field(None, description="New length, in bars.")
    change_bars: int | None = Field(None, description="Bars to add (+) or remove (-).")
    factor: float | None = Field(None, gt=0, description="Length multiplier (1.5 = half as long again).")
    direction: Literal["longer", "shorter"] | None = Field(
        None, description="Which way, for a change_bars magnitude or on its own (x1.5 or x0.67)."
    )
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongSection(_SongEdit, Tool):
    name = "song_section"
    description = (
        "Make a section of the song I wrote longer or shorter ('make the chorus longer', 'verse 2 to 4 "
        "bars'); the section is rewritten to fit and the rest of the song follows."
    )
    Input = SectionInput
    Output = SongVersion

    def edit(self, project, args: SectionInput):  # type: ignore[no-untyped-def]
        change, factor = args.change_bars, args.factor
        if change is not None and args.direction:
            change = abs(change) * (-1 if args.direction == "shorter" else 1)
        if args.bars is None and change is None and factor is None:
            factor = 0.67 if args.direction == "shorter" else 1.5
        return edits.set_section_bars(project, args.section, args.bars, change, factor)


class MuteInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    track: str = Field(description="Instrument, track name or role to mute, e.g. 'drums'.")
    section: str | None = Field(None, description="Where: 'intro', 'chorus', 'verse 2' (None: everywhere).")
    muted: bool = Field(True, description="True mutes, False brings it back.")
    solo: bool = Field(False, description="Mute everything else there instead.")
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongMute(_SongEdit, Tool):
    name = "song_mute"
    description = (
        "Mute or unmute an instrument of the song I wrote in a section ('no drums in the intro', "
        "'only piano in the outro' with solo)."
    )
    Input = MuteInput
    Output = SongVersion

    def edit(self, project, args: MuteInput):  # type: ignore[no-untyped-def]
        return edits.set_muted(project, args.track, args.section, args.muted, args.solo)


class RegenerateInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    section: str = Field(description="Section(s) to write again: 'chorus', 'verse 2', 'bridge'.")
    seed: int | None = Field(None, description="Seed of the new take (default: the next one).")
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongRegenerate(_SongEdit, Tool):
    name = "song_regenerate"
    description = (
        "Write a section of the song I wrote again ('give me a new chorus', 'regenerate the bridge'), "
        "keeping everything else as it is."
    )
    Input = RegenerateInput
    Output = SongVersion

    def edit(self, project, args: RegenerateInput):  # type: ignore[no-untyped-def]
        return edits.regenerate_section(project, args.section, args.seed)


class MixInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    track: str = Field(description="Instrument, track name or role, e.g. 'drums', 'vocal'.")
    gain_db: float | None = Field(None, ge=-24, le=24, description="Level change, in dB (+3 louder).")
    reverb: float | None = Field(None, ge=0, le=1, description="New reverb send, 0 (dry) to 1 (wet).")
    reverb_change: float | None = Field(None, ge=-1, le=1, description="Reverb send change (+0.2 more).")
    pan: float | None = Field(None, ge=-1, le=1, description="Pan, -1 left to +1 right.")
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongMix(_SongEdit, Tool):
    name = "song_mix"
    description = (
        "Change the mix of one instrument of the song I wrote: 'louder drums', 'bass down 3 dB', "
        "'more reverb on the piano', 'pan the guitar left'."
    )
    Input = MixInput
    Output = SongVersion

    def edit(self, project, args: MixInput):  # type: ignore[no-untyped-def]
        if all(v is None for v in (args.gain_db, args.reverb, args.reverb_change, args.pan)):
            raise ToolError(
                "Change what? Say e.g. 'drums 3 dB louder' or 'more reverb on the piano'.",
                code="missing_argument",
            )
        return edits.change_mix(project, args.track, args.gain_db, args.reverb, args.reverb_change, args.pan)


class LyricsInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    section: str | None = Field(None, description="Section to re-word ('verse 2'); None: the whole song.")
    lyrics: str | None = Field(None, max_length=20000, description="The new words (None: write new ones).")
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongLyrics(_SongEdit, Tool):
    name = "song_lyrics"
    description = (
        "Set new lyrics for a section of the song I wrote ('new lyrics for verse 2'), aligned to its melody."
    )
    Input = LyricsInput
    Output = SongVersion

    def edit(self, project, args: LyricsInput):  # type: ignore[no-untyped-def]
        notes = []
        text = args.lyrics
        if text and len(text) > 2000:
            notes.append(f"the lyrics were {len(text)} characters long, so I set the first 2000")
            text = text[:2000]
        new, change = edits.set_lyrics(project, args.section, text)
        return new, change, notes


class VariationsInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    n: int = Field(3, ge=1, le=5, description="How many takes (1-5).")
    section: str | None = Field(None, description="Vary only this section ('chorus'); None: the whole song.")
    check: bool = Field(False, description="Measure tempo and key of every take (slower).")


class TakeSummary(BaseModel):
    version: int = Field(description="Version number of the take's mix.")
    artifact_id: str
    difference: float = Field(description="How different from the song it was made from: 0 same .. 1.")
    change: str


class VariationsOutput(BaseModel):
    takes: list[TakeSummary]
    mean_difference: float = Field(description="Mean difference of the takes from the original, 0..1.")
    last: SongVersion = Field(description="The last take (now the current version).")


class SongVariations(Tool):
    name = "song_variations"
    description = (
        "Give several different takes of the song I wrote, or of one section ('three variations of the "
        "chorus'): same style, key, tempo and instruments, new melody and harmony; says how different "
        "each is."
    )
    Input = VariationsInput
    Output = VariationsOutput
    resources = _EDIT
    backends = (FLUIDSYNTH,)
    changes_current = True

    def run(self, args: VariationsInput, ctx: ToolContext) -> VariationsOutput:
        from tools.generation.compose.variations import difference

        ctx.progress(0.0, "writing takes")
        project, audio, _ = project_for(ctx, args.song)
        sections = edits.find_sections(project, args.section) if args.section else []
        takes: list[TakeSummary] = []
        last: SongVersion | None = None
        for i in range(1, args.n + 1):
            new, change = edits.variation(project, i, args.section)
            last = save_song(ctx, new, change=change, parent=audio, check=args.check)
            diff = difference(project, new, sections[0] if len(sections) == 1 else None)
            takes.append(
                TakeSummary(
                    version=last.artifact.version,
                    artifact_id=last.artifact.id,
                    difference=diff,
                    change=change,
                )
            )
        assert last is not None
        mean = round(sum(t.difference for t in takes) / len(takes), 3)
        return VariationsOutput(takes=takes, mean_difference=mean, last=last)
