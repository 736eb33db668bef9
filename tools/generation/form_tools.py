"""Song tools for the form and the whole arrangement: add / remove / move sections, extend the song,
write bars again (inpainting), change the style keeping the melody, 'make it like this' from a
reference track, and compare two versions (read-only).

Every editing tool makes a new project version through ``save_song`` (so undo, redo and 'version N'
work) and reports a :class:`~tools.generation.store.SongVersion`.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from tools.base import ArtifactInfo, ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.generation import structure_edits as se
from tools.generation.compare import ProjectDiff, compare_projects
from tools.generation.edit_tools import _song_field, _SongEdit
from tools.generation.restyle import restyle
from tools.generation.store import FLUIDSYNTH, SongVersion, project_for, save_song
from tools.understanding.backends import ALL_BACKENDS


class AddSectionInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    section: str = Field(description="Kind of section to add: intro, verse, chorus, bridge, solo, outro...")
    after: str | None = Field(None, description="Put it after this section ('the second chorus').")
    before: str | None = Field(None, description="Put it before this section ('the last chorus').")
    bars: int | None = Field(None, description="Its length in bars (default: like the others of its kind).")
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongAddSection(_SongEdit, Tool):
    name = "song_add_section"
    description = (
        "Add a section to the song I wrote ('add a bridge after the second chorus', 'add an intro', "
        "'add a 4 bar solo before the outro'), written in the song's style and key."
    )
    Input = AddSectionInput
    Output = SongVersion

    def edit(self, project, args: AddSectionInput):  # type: ignore[no-untyped-def]
        return se.add_section(project, args.section, args.after, args.before, args.bars)


class RemoveSectionInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    section: str = Field(description="Section(s) to remove: 'verse 2', 'the second verse', 'the bridge'.")
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongRemoveSection(_SongEdit, Tool):
    name = "song_remove_section"
    description = (
        "Remove a section from the song I wrote ('drop the second verse', 'cut the bridge'); the rest "
        "closes up and plays as before."
    )
    Input = RemoveSectionInput
    Output = SongVersion

    def edit(self, project, args: RemoveSectionInput):  # type: ignore[no-untyped-def]
        return se.remove_section(project, args.section)


class MoveSectionInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    section: str = Field(description="The section to move (or the first of two to swap).")
    before: str | None = Field(None, description="Move it before this section ('the last chorus', 'start').")
    after: str | None = Field(None, description="Move it after this section ('verse 1', 'end').")
    swap_with: str | None = Field(None, description="Swap it with this section instead ('the chorus').")
    check: bool = Field(True, description="Measure tempo and key of the result.")

    @model_validator(mode="after")
    def _where(self) -> MoveSectionInput:
        if not (self.before or self.after or self.swap_with):
            raise ValueError("say where to: e.g. 'move the bridge before the last chorus'")
        return self


class SongMoveSection(_SongEdit, Tool):
    name = "song_move_section"
    description = (
        "Reorder the sections of the song I wrote: move one ('move the bridge before the last chorus') "
        "or swap two ('swap verse 2 and the chorus')."
    )
    Input = MoveSectionInput
    Output = SongVersion

    def edit(self, project, args: MoveSectionInput):  # type: ignore[no-untyped-def]
        if args.swap_with:
            return se.swap_sections(project, args.section, args.swap_with)
        return se.move_section(project, args.section, args.before, args.after)


class ExtendInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    seconds: float | None = Field(None, description="How much longer, in seconds (e.g. 30).")
    bars: int | None = Field(
        None, description="How much longer, in bars (default: 16, a verse and a chorus)."
    )
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongExtend(_SongEdit, Tool):
    name = "song_extend"
    description = (
        "Continue the song I wrote or make it longer ('make it 30 seconds longer', 'continue the song'): "
        "new sections that develop its motif in the same style, key and tempo, before the outro."
    )
    Input = ExtendInput
    Output = SongVersion

    def edit(self, project, args: ExtendInput):  # type: ignore[no-untyped-def]
        return se.extend_song(project, args.seconds, args.bars)


class InpaintInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    first_bar: int = Field(
        description="First bar to write again, counting from 1 (negative: from the end, -1 = the last bar)."
    )
    last_bar: int | None = Field(
        None, description="Last bar to write again (inclusive; default: first_bar; negative: from the end)."
    )
    parts: list[str] | None = Field(
        None,
        description="Parts to write again: melody, bass, chords, pad, drums, 'all' (default melody+bass).",
    )
    seed: int | None = Field(None, description="Seed of the new notes.")
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongInpaint(_SongEdit, Tool):
    name = "song_inpaint"
    description = (
        "Write some bars of the song I wrote again ('redo bars 5-8', 'new melody in bars 9 to 12'), "
        "keeping every other note exactly as it is; the new notes join the ones around them smoothly."
    )
    Input = InpaintInput
    Output = SongVersion

    def edit(self, project, args: InpaintInput):  # type: ignore[no-untyped-def]
        total = project.total_bars

        def bar(n: int) -> int:  # 'the last 4 bars' arrive as -4..-1
            return total + 1 + n if n < 0 else n

        last = bar(args.last_bar if args.last_bar is not None else args.first_bar)
        first, last = min(bar(args.first_bar), last), max(bar(args.first_bar), last)
        return se.inpaint_bars(project, first, last, args.parts, args.seed)


class StyleInput(BaseModel):
    song: str = _song_field()  # type: ignore[assignment]
    style: str = Field(description="The new style: jazz, bossa nova, rock, lo-fi, edm, house, funk, folk...")
    bpm: float | None = Field(
        None, description="Tempo to use, in BPM (default: kept, or moved into the style's range)."
    )
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongStyle(_SongEdit, Tool):
    name = "song_style"
    description = (
        "Play the song I wrote in another style keeping its melody ('make it jazz', 'as a bossa nova'): "
        "new chords, bass, drums and band in that style; the tempo moves into the style's range."
    )
    Input = StyleInput
    Output = SongVersion

    def edit(self, project, args: StyleInput):  # type: ignore[no-untyped-def]
        return restyle(project, args.style, args.bpm)


def latest_song(ctx: ToolContext) -> str:
    """A reference to the song to change: the current version when it is a song, else the newest mix
    made by a song tool; ToolError when the session has none."""
    history = ctx.workspace.history()
    mixes = {a.parent for a in history if a.kind == "project"}
    current = ctx.workspace.current()
    if current is not None and (current.id in mixes or current.kind == "project"):
        return current.id
    songs = [a for a in history if a.id in mixes]
    if not songs:
        raise ToolError(
            "There is no song of mine in this session to change yet. Ask me to write one first, e.g. "
            "'write a 30 second pop song', then 'make it like this' with the reference attached.",
            code="not_a_song",
        )
    return max(songs, key=lambda a: a.version).id


def _reference(ctx: ToolContext, ref: str) -> ArtifactInfo:
    """The reference upload ``ref`` names; a song of mine named by 'current' means the newest upload."""
    info = ctx.workspace.resolve(ref)
    history = ctx.workspace.history()
    if any(a.kind == "project" and a.parent == info.id for a in history):
        uploads = [
            a for a in history if a.tool is None and a.parent is None and a.kind in ("audio", "video", "midi")
        ]
        if not uploads:
            raise ToolError(
                "Attach the track you want it to sound like (audio or MIDI), then say 'make it like this'.",
                code="no_reference",
            )
        info = max(uploads, key=lambda a: a.version)
    return info


class ReferenceInput(BaseModel):
    reference: str = ArtifactRef("audio", "The reference track (an upload): 'current' or e.g. 'upload:1'.")
    song: str = Field("latest", description="The song to change: 'latest' (default) or a version.")
    check: bool = Field(True, description="Measure tempo and key of the result.")


class SongReference(Tool):
    name = "song_reference"
    description = (
        "Make the song I wrote like an uploaded reference track ('make it like this'): analyse the "
        "reference and carry its tempo, key, meter, energy curve, drums/bass and chord progression over."
    )
    Input = ReferenceInput
    Output = SongVersion
    resources = Resources(num_cpus=2, memory_mb=2000, seconds_per_audio_minute=10.0)
    backends = (FLUIDSYNTH, *ALL_BACKENDS)  # the reference is analysed like 'analyze' does
    changes_current = True

    def run(self, args: ReferenceInput, ctx: ToolContext) -> SongVersion:
        from tools.generation.reference import apply_reference, traits_from_sheet
        from tools.understanding.analyze import sheet_for

        song_ref = latest_song(ctx) if args.song in ("latest", "") else args.song
        project, audio, _ = project_for(ctx, song_ref)
        ref = _reference(ctx, args.reference)
        _, sheet = sheet_for(ctx, ref.id)
        traits = traits_from_sheet(sheet.model_copy(update={"source": ref.label}))
        new, change, notes = apply_reference(project, traits)
        return save_song(ctx, new, change=change, parent=audio, notes=notes, check=args.check)


class CompareInput(BaseModel):
    a: str = Field(
        "previous", description="The older version: 'previous' (default), 'original' or 'version:N'."
    )
    b: str = Field("current", description="The newer version: 'current' (default) or 'version:N'.")


class CompareOutput(ProjectDiff):
    a_version: int = Field(description="Version number of the older mix.")
    b_version: int = Field(description="Version number of the newer mix.")
    a_label: str
    b_label: str


class SongCompare(Tool):
    name = "song_compare"
    description = (
        "Say what changed between two versions of the song I wrote ('what changed between version 3 "
        "and 5', 'compare with the previous one'): tempo, key, meter, tracks, sections, lyrics and mix. "
        "Changes nothing."
    )
    Input = CompareInput
    Output = CompareOutput
    resources = Resources(num_cpus=1, memory_mb=200, seconds_per_audio_minute=0.0)
    changes_current = False

    def run(self, args: CompareInput, ctx: ToolContext) -> CompareOutput:
        pa, mix_a, proj_a = project_for(ctx, args.a)
        pb, mix_b, proj_b = project_for(ctx, args.b)
        diff = compare_projects(pa, pb)
        info_a, info_b = mix_a or proj_a, mix_b or proj_b
        return CompareOutput(
            **diff.model_dump(),
            a_version=info_a.version,
            b_version=info_b.version,
            a_label=info_a.label,
            b_label=info_b.label,
        )
