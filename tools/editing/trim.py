"""The ``trim`` tool: keep one stretch of the audio, with short fades at the cuts so they don't click."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.audio import limits
from tools.audio.loudness import sound_bounds
from tools.audio.types import Audio
from tools.audio.units import format_time
from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import (
    FFMPEG_NUMPY,
    EditedAudio,
    edited,
    load_audio,
    resolve_audio,
    save_audio,
    stored_audio,
)

_END_TOLERANCE_S = 0.05
"""An end up to this many seconds past the end of the track means 'to the end' (rounding in displays)."""


class TrimInput(BaseModel):
    audio: str = ArtifactRef("audio", "The audio to trim: an artifact id or 'current'.")
    start_s: float = Field(
        0.0, ge=0, description="Where the kept part starts, in seconds from the beginning."
    )
    end_s: float | None = Field(
        None, gt=0, description="Where the kept part ends, in seconds from the beginning (default: the end)."
    )
    duration_s: float | None = Field(
        None, gt=0, description="How long the kept part is, in seconds (instead of end_s)."
    )
    remove_end_s: float | None = Field(
        None, gt=0, description="Cut this many seconds off the end ('remove the last 3 seconds')."
    )
    keep_last_s: float | None = Field(
        None, gt=0, description="Keep only the last this-many seconds ('keep the last 10 seconds')."
    )
    silence: Literal["start", "end", "both"] | None = Field(
        None,
        description="Cut the silence (room noise and hiss included) at the 'start', the 'end' or 'both' "
        "instead of giving times ('trim the silence at the end').",
    )


class TrimOutput(EditedAudio):
    start_s: float = Field(description="Start of the kept part in the source, in seconds.")
    end_s: float = Field(description="End of the kept part in the source, in seconds.")
    source_duration_s: float = Field(description="Length of the source, in seconds.")


def click_fade(n: int) -> np.ndarray:
    """A raised-cosine ramp of ``n`` samples rising from 0 towards 1 (float32)."""
    return (0.5 - 0.5 * np.cos(np.pi * np.arange(n) / max(n, 1))).astype(np.float32)


def _check_arguments(args: TrimInput) -> None:
    """Refuse argument combinations that are wrong whatever the track's length (before decoding it)."""
    if args.silence is not None:
        times = args.start_s != 0 or any(
            getattr(args, name) is not None for name in ("end_s", "duration_s", "remove_end_s", "keep_last_s")
        )
        if times:
            raise ToolError(
                "Give one way to trim: cut the silence, or give times, not both.", code="invalid_argument"
            )
        return
    from_end = [name for name in ("remove_end_s", "keep_last_s") if getattr(args, name) is not None]
    if from_end:
        others = args.start_s != 0 or args.end_s is not None or args.duration_s is not None
        if len(from_end) > 1 or others:
            raise ToolError(
                "Give one way to trim: times from the start (start/end/length), 'remove the last N "
                "seconds' or 'keep the last N seconds', not several.",
                code="invalid_argument",
            )
        return
    start = args.start_s
    if args.end_s is not None and args.duration_s is not None:
        if abs(start + args.duration_s - args.end_s) > 1e-3:
            raise ToolError(
                f"Starting at {format_time(start)}, a length of {format_time(args.duration_s)} ends at "
                f"{format_time(start + args.duration_s)}, not {format_time(args.end_s)}: give an end or a "
                "length, not both.",
                code="invalid_argument",
            )
    if args.end_s is not None and args.end_s <= start:
        raise ToolError(
            f"The end ({format_time(args.end_s)}) must come after the start ({format_time(start)}).",
            code="invalid_argument",
        )
    if start == 0 and args.end_s is None and args.duration_s is None:
        raise ToolError(
            "Nothing to trim: give a start time, an end time or a length in seconds.", code="invalid_argument"
        )


_MIN_EDGE_SILENCE_S = 0.05
"""Less silence than this (seconds, after the kept pad) at an edge is no silence to cut."""


def _without_silence(args: TrimInput, audio: Audio) -> tuple[float, float]:
    """The (start_s, end_s) to keep, in seconds, when the silence at ``args.silence`` is cut
    (:func:`tools.audio.loudness.sound_bounds`); ToolError with a human message when the track is silent
    throughout or has no silence there."""
    bounds = sound_bounds(audio)
    total_s = audio.duration_s
    if bounds is None:
        raise ToolError(
            f"The track is silent all the way through ({format_time(total_s)}): there is no sound to keep.",
            code="invalid_argument",
        )
    start, end = bounds
    cut_start = args.silence in ("start", "both") and start >= _MIN_EDGE_SILENCE_S
    cut_end = args.silence in ("end", "both") and total_s - end >= _MIN_EDGE_SILENCE_S
    if not cut_start and not cut_end:
        where = {"start": "at the start", "end": "at the end", "both": "at either end"}[
            args.silence or "both"
        ]
        first, last = format_time(start), format_time(end)
        raise ToolError(
            f"There is no silence {where} to cut: the sound runs from {first} to {last} of "
            f"{format_time(total_s)}.",
            code="invalid_argument",
        )
    return (start if cut_start else 0.0), (end if cut_end else total_s)


def _kept_range(args: TrimInput, total_s: float) -> tuple[float, float]:
    """The (start_s, end_s) to keep, in seconds, for a track ``total_s`` seconds long; ToolError with a
    human message when it lies outside the track."""
    total = format_time(total_s)
    for amount in (args.remove_end_s, args.keep_last_s):
        if amount is not None and amount >= total_s:
            raise ToolError(
                f"The track is {total} long, so {format_time(amount)} from its end is all of it: "
                "give a shorter time.",
                code="invalid_argument",
            )
    if args.remove_end_s is not None:
        return 0.0, total_s - args.remove_end_s
    if args.keep_last_s is not None:
        return total_s - args.keep_last_s, total_s
    start = args.start_s
    if start >= total_s:
        raise ToolError(
            f"The track is {total} long, so it can't be trimmed to start at {format_time(start)}.",
            code="invalid_argument",
        )
    if args.end_s is not None:
        end = args.end_s
    elif args.duration_s is not None:
        end = start + args.duration_s
        if end > total_s + _END_TOLERANCE_S:
            raise ToolError(
                f"The track is {total} long: from {format_time(start)} there is only "
                f"{format_time(total_s - start)} left, not {format_time(args.duration_s)}.",
                code="invalid_argument",
            )
    else:
        end = total_s
    if end > total_s + _END_TOLERANCE_S:
        raise ToolError(
            f"The track is {total} long, so it can't be trimmed to end at {format_time(end)}: "
            f"use an end time up to {total}.",
            code="invalid_argument",
        )
    end = min(end, total_s)
    if start == 0 and end >= total_s:
        raise ToolError(
            f"Nothing to trim: 0:00–{total} is the whole track. Give a start or end time inside it.",
            code="invalid_argument",
        )
    return start, end


def trim_audio(audio: Audio, start_s: float, end_s: float) -> Audio:
    """The samples from ``start_s`` to ``end_s`` (seconds), with ``CLICK_FADE_S`` fades at inner cuts."""
    s0 = round(start_s * audio.sample_rate)
    s1 = min(audio.n_samples, round(end_s * audio.sample_rate))
    out = audio.samples[:, s0:s1].copy()
    n_fade = min(round(limits.CLICK_FADE_S * audio.sample_rate), out.shape[1] // 2)
    if n_fade > 0:
        ramp = click_fade(n_fade)
        if s0 > 0:
            out[:, :n_fade] *= ramp
        if s1 < audio.n_samples:
            out[:, -n_fade:] *= ramp[::-1]
    return audio.with_samples(out)


class Trim(Tool):
    name = "trim"
    description = (
        "Trim the audio to keep one stretch, from start_s to end_s (or for duration_s seconds), e.g. "
        "'keep the first 30 seconds' or 'cut the first 5 seconds', or cut the silence at its start and/or "
        "end. Adds 5 ms fades at the cuts."
    )
    Input = TrimInput
    Output = TrimOutput
    resources = Resources(num_cpus=1, memory_mb=512, seconds_per_audio_minute=0.5)
    backends = (FFMPEG_NUMPY,)
    changes_current = True

    def run(self, args: TrimInput, ctx: ToolContext) -> TrimOutput:
        _check_arguments(args)
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src)
        if args.silence is not None:
            start, end = _without_silence(args, audio)
        else:
            start, end = _kept_range(args, audio.duration_s)
        ctx.progress(0.5, f"trimming to {format_time(start)}–{format_time(end)}")
        out = trim_audio(audio, start, end)
        label = f"trimmed to {format_time(start)}–{format_time(end)}"
        if args.silence is not None:
            label = f"silence cut: kept {format_time(start)}–{format_time(end)}"
        saved, fmt = save_audio(ctx, out, src, info, label=label)
        ctx.progress(1.0, label)
        return TrimOutput(
            **edited(saved, stored_audio(saved, out, fmt), fmt),
            start_s=round(start, 6),
            end_s=round(end, 6),
            source_duration_s=round(audio.duration_s, 6),
        )
