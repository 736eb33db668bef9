"""The ``analyze`` tool: the feature sheet of a track (tempo, beats, key, chords, notes, sections, tags)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tools.base import ArtifactInfo, ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.understanding.backends import ALL_BACKENDS
from tools.understanding.sheet import FeatureSheet, compute_sheet

ANALYSABLE_KINDS = ("audio", "video", "midi")


def resolve_analysable(ctx: ToolContext, ref: str) -> ArtifactInfo:
    """The artifact ``ref`` names, checked to be audio, a video (its sound) or MIDI."""
    info = ctx.workspace.resolve(ref)
    if info.kind not in ANALYSABLE_KINDS:
        raise ToolError(
            f"'{info.label}' is a {info.kind}: only audio, video sound tracks and MIDI can be analysed.",
            code="not_audio",
        )
    return info


def sheet_for(ctx: ToolContext, ref: str) -> tuple[ArtifactInfo, FeatureSheet]:
    """The artifact and its feature sheet (computed once, then read from the cache)."""
    info = resolve_analysable(ctx, ref)
    ctx.progress(0.0, f"analysing {info.label}")
    sheet = compute_sheet(
        info.path, display_name=info.label, progress=lambda f, m: ctx.progress(min(f, 0.99), m)
    )
    ctx.progress(1.0, "analysed")
    return info, sheet


class AnalyzeInput(BaseModel):
    audio: str = ArtifactRef(
        "audio", "The track to analyse (audio, video or MIDI): an artifact id or 'current'."
    )


class AnalyzeOutput(BaseModel):
    artifact_id: str = Field(description="Id of the version analysed.")
    label: str = Field(description="Label of the version analysed.")
    sheet: FeatureSheet = Field(
        description="Everything measured: tempo, beats, key, chords, notes, sections..."
    )


class Analyze(Tool):
    name = "analyze"
    description = (
        "Analyse a track's music: tempo (BPM), beats and downbeats, meter, key and mode, chords with times, "
        "notes and melody, loudness over time, sections (intro/verse/chorus) and tags. Changes nothing."
    )
    Input = AnalyzeInput
    Output = AnalyzeOutput
    resources = Resources(num_cpus=2, memory_mb=1500, seconds_per_audio_minute=8.0)
    backends = ALL_BACKENDS

    def run(self, args: AnalyzeInput, ctx: ToolContext) -> AnalyzeOutput:
        info, sheet = sheet_for(ctx, args.audio)
        return AnalyzeOutput(artifact_id=info.id, label=info.label, sheet=sheet)
