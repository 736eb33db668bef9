"""The ``fade`` tool: fade the audio in from silence and/or out to silence."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.audio.types import Audio
from tools.audio.units import format_seconds, format_time
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

FadeCurve = Literal["linear", "exponential", "equal_power"]

_EXP_RANGE = 1000.0  # the exponential curve rises 60 dB (x1000) over the fade


class FadeInput(BaseModel):
    audio: str = ArtifactRef("audio", "The audio to fade: an artifact id or 'current'.")
    fade_in_s: float = Field(
        0.0, ge=0, description="Length of the fade-in from silence at the start, in seconds."
    )
    fade_out_s: float = Field(
        0.0, ge=0, description="Length of the fade-out to silence at the end, in seconds."
    )
    curve: FadeCurve = Field(
        "linear",
        description=(
            "Shape of the fade: 'linear' (gain changes evenly), 'exponential' (even in dB: sounds smooth, "
            "stays quiet longer) or 'equal_power' (sine-shaped, keeps perceived level for crossfades)."
        ),
    )


class FadeOutput(EditedAudio):
    fade_in_s: float = Field(description="Length of the fade-in applied, in seconds.")
    fade_out_s: float = Field(description="Length of the fade-out applied, in seconds.")
    curve: FadeCurve = Field(description="Shape of the fades.")


def fade_curve(n: int, curve: FadeCurve) -> np.ndarray:
    """Gain (0..1) of a fade-in of ``n`` samples, starting at exactly 0 and rising towards 1 (float32)."""
    t = np.arange(n, dtype=np.float64) / max(n, 1)
    if curve == "linear":
        g = t
    elif curve == "exponential":
        g = (np.power(_EXP_RANGE, t) - 1.0) / (_EXP_RANGE - 1.0)
    else:
        g = np.sin(0.5 * np.pi * t)
    return g.astype(np.float32)


def apply_fades(audio: Audio, fade_in_s: float, fade_out_s: float, curve: FadeCurve) -> Audio:
    """``audio`` with a fade-in over its first ``fade_in_s`` seconds and a fade-out over its last
    ``fade_out_s`` seconds (the last sample of a fade-out is exactly 0); overlapping fades multiply."""
    out = audio.samples.copy()
    n_in = min(audio.n_samples, round(fade_in_s * audio.sample_rate))
    n_out = min(audio.n_samples, round(fade_out_s * audio.sample_rate))
    if n_in:
        out[:, :n_in] *= fade_curve(n_in, curve)
    if n_out:
        out[:, audio.n_samples - n_out :] *= fade_curve(n_out, curve)[::-1]
    return audio.with_samples(out)


def _label(fade_in_s: float, fade_out_s: float, curve: FadeCurve) -> str:
    parts = []
    if fade_in_s > 0:
        parts.append(f"fade in {format_seconds(fade_in_s)}")
    if fade_out_s > 0:
        parts.append(f"fade out {format_seconds(fade_out_s)}")
    label = ", ".join(parts)
    return label if curve == "linear" else f"{label} ({curve.replace('_', '-')})"


class Fade(Tool):
    name = "fade"
    description = (
        "Fade the audio in from silence at the start and/or out to silence at the end, e.g. 'fade out the "
        "last 3 seconds'. Curves: linear, exponential or equal_power."
    )
    Input = FadeInput
    Output = FadeOutput
    resources = Resources(num_cpus=1, memory_mb=512, seconds_per_audio_minute=0.5)
    backends = (FFMPEG_NUMPY,)
    changes_current = True

    def run(self, args: FadeInput, ctx: ToolContext) -> FadeOutput:
        if args.fade_in_s == 0 and args.fade_out_s == 0:
            raise ToolError(
                "Give a fade-in or fade-out length in seconds (both are 0, so there is nothing to do).",
                code="invalid_argument",
            )
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src)
        total = audio.duration_s
        for what, length in (("fade-in", args.fade_in_s), ("fade-out", args.fade_out_s)):
            if length > total + 1e-3:
                raise ToolError(
                    f"The track is {format_time(total)} long, so a {format_seconds(length)} {what} doesn't "
                    f"fit: use at most {format_seconds(round(total, 3))}.",
                    code="invalid_argument",
                )
        ctx.progress(0.5, "fading")
        out = apply_fades(audio, args.fade_in_s, args.fade_out_s, args.curve)
        label = _label(args.fade_in_s, args.fade_out_s, args.curve)
        saved, fmt = save_audio(ctx, out, src, info, label=label)
        ctx.progress(1.0, label)
        return FadeOutput(
            **edited(saved, stored_audio(saved, out, fmt), fmt),
            fade_in_s=args.fade_in_s,
            fade_out_s=args.fade_out_s,
            curve=args.curve,
        )
