"""The ``describe_audio`` tool: the measurable facts of a version (length, levels, loudness, silences)."""

from __future__ import annotations

import math

from pydantic import BaseModel, Field

from tools.audio import limits
from tools.audio.loudness import integrated_loudness_lufs, peak_dbfs, silence_ranges, true_peak_dbfs
from tools.base import ArtifactRef, Resources, Tool, ToolContext
from tools.editing.common import FFMPEG_NUMPY, PYLOUDNORM, finite_or_none, load_audio, resolve_audio


class TimeRange(BaseModel):
    """A stretch of time within the audio."""

    start_s: float = Field(description="Start, in seconds from the beginning.")
    end_s: float = Field(description="End, in seconds from the beginning.")


class DescribeInput(BaseModel):
    audio: str = ArtifactRef("audio", "The audio (or video) to describe: an artifact id or 'current'.")


class DescribeOutput(BaseModel):
    artifact_id: str = Field(description="Id of the version described.")
    label: str = Field(description="Label of the version described.")
    kind: str = Field(description="'audio', or 'video' when the sound track of a video was described.")
    duration_s: float = Field(description="Length, in seconds.")
    sample_rate: int = Field(description="Sample rate, in Hz.")
    channels: int = Field(description="Number of channels (1 mono, 2 stereo).")
    format: str = Field(description="Container format as ffprobe names it (e.g. 'wav', 'mp3').")
    codec: str | None = Field(None, description="Audio codec (e.g. 'pcm_s16le', 'mp3', 'aac').")
    bits_per_sample: int | None = Field(
        None, description="Stored bit depth for PCM/FLAC; None for lossy codecs."
    )
    peak_dbfs: float | None = Field(description="Highest sample level, in dBFS; None for digital silence.")
    true_peak_dbfs: float | None = Field(
        description="Inter-sample (4x oversampled) peak, in dBTP; None if silent."
    )
    integrated_lufs: float | None = Field(
        description="Integrated loudness (ITU-R BS.1770), in LUFS; None when silent or too quiet to measure."
    )
    silent: bool = Field(description="True when the whole audio is below the silence threshold.")
    silence_threshold_dbfs: float = Field(description="Level, in dBFS, below which audio counts as silence.")
    silence_ranges: list[TimeRange] = Field(
        description="Silent stretches of at least 0.5 s, in order (the whole track when silent)."
    )


class DescribeAudio(Tool):
    name = "describe_audio"
    description = (
        "Describe a track's measurable facts: length, sample rate, channels, format and codec, peak and "
        "true-peak level (dBFS), integrated loudness (LUFS), and where it is silent. Changes nothing."
    )
    Input = DescribeInput
    Output = DescribeOutput
    resources = Resources(num_cpus=1, memory_mb=512, seconds_per_audio_minute=1.5)
    backends = (FFMPEG_NUMPY, PYLOUDNORM)

    def run(self, args: DescribeInput, ctx: ToolContext) -> DescribeOutput:
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src, allow_silent=True)
        ctx.progress(0.4, "measuring levels")
        peak = peak_dbfs(audio)
        silent = not peak >= limits.SILENCE_THRESHOLD_DBFS
        lufs = -math.inf if silent else integrated_loudness_lufs(audio)
        ctx.progress(0.8, "finding silences")
        ranges = silence_ranges(audio)
        ctx.progress(1.0, "described")
        return DescribeOutput(
            artifact_id=src.id,
            label=src.label,
            kind=src.kind,
            duration_s=round(audio.duration_s, 6),
            sample_rate=audio.sample_rate,
            channels=audio.channels,
            format=info.format_name,
            codec=info.codec,
            bits_per_sample=info.bits_per_sample,
            peak_dbfs=finite_or_none(peak),
            true_peak_dbfs=None if silent else finite_or_none(true_peak_dbfs(audio)),
            integrated_lufs=finite_or_none(lufs),
            silent=silent,
            silence_threshold_dbfs=limits.SILENCE_THRESHOLD_DBFS,
            silence_ranges=[TimeRange(start_s=a, end_s=b) for a, b in ranges],
        )
