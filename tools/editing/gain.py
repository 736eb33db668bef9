"""The ``gain`` tool: make the audio louder or quieter by a number of decibels, never clipping."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tools.audio import limits
from tools.audio.loudness import apply_gain_db, limit_peaks, peak_dbfs
from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import (
    FFMPEG_NUMPY,
    EditedAudio,
    edited,
    finite_or_none,
    load_audio,
    resolve_audio,
    save_audio,
    stored_audio,
)


class GainInput(BaseModel):
    audio: str = ArtifactRef("audio", "The audio to change the volume of: an artifact id or 'current'.")
    gain_db: float = Field(
        ge=limits.MIN_GAIN_DB,
        le=limits.MAX_GAIN_DB,
        description=(
            "Volume change in decibels: positive is louder (+6 is about twice the amplitude), "
            "negative is quieter."
        ),
    )


class GainOutput(EditedAudio):
    gain_db: float = Field(description="The gain applied, in dB.")
    peak_dbfs_before: float | None = Field(
        description="Highest sample level before, in dBFS (None if silent)."
    )
    limited: bool = Field(
        description="True when the louder result would have clipped, so a limiter held its peaks at -1 dBFS."
    )
    note: str | None = Field(
        None, description="What else happened, for the reply (e.g. that peaks were limited)."
    )


def _signed(db: float) -> str:
    return f"{db:+g} dB"


class Gain(Tool):
    name = "gain"
    description = (
        "Change the volume by a number of decibels (e.g. +3 dB louder, -6 dB quieter). If louder would "
        "clip, a limiter keeps peaks at -1 dBFS instead, and the result says so."
    )
    Input = GainInput
    Output = GainOutput
    resources = Resources(num_cpus=1, memory_mb=512, seconds_per_audio_minute=0.8)
    backends = (FFMPEG_NUMPY,)
    changes_current = True

    def run(self, args: GainInput, ctx: ToolContext) -> GainOutput:
        if args.gain_db == 0:
            raise ToolError(
                "A gain of 0 dB changes nothing: say how many dB louder or quieter.", code="invalid_argument"
            )
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src)
        before = peak_dbfs(audio)
        ctx.progress(0.4, f"applying {_signed(args.gain_db)}")
        out = apply_gain_db(audio, args.gain_db)
        raw_peak = peak_dbfs(out)
        limited = raw_peak > limits.CLIP_LEVEL_DBFS
        note = None
        label = f"gain {_signed(args.gain_db)}"
        if limited:
            ctx.progress(0.6, "limiting peaks that would clip")
            out = limit_peaks(out, limits.LIMITER_CEILING_DBFS, true_peak=True)
            label += f" (peaks limited to {limits.LIMITER_CEILING_DBFS:g} dBFS)"
            note = (
                f"At {_signed(args.gain_db)} the peaks would have reached {raw_peak:+.1f} dBFS and clipped, "
                f"so a limiter held them at {limits.LIMITER_CEILING_DBFS:g} dBFS."
            )
        saved, fmt = save_audio(ctx, out, src, info, label=label)
        ctx.progress(1.0, label)
        return GainOutput(
            **edited(saved, stored_audio(saved, out, fmt), fmt),
            gain_db=args.gain_db,
            peak_dbfs_before=finite_or_none(before),
            limited=limited,
            note=note,
        )
