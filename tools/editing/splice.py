"""The ``splice`` tool: one version followed by another, joined with an equal-power cross-fade."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio
from tools.separation.resample import resample


class SpliceInput(BaseModel):
    first: str = ArtifactRef("audio", "What plays first: an artifact id, 'version:N' or 'current'.")
    second: str = ArtifactRef("audio", "What follows: an artifact id, 'version:N' or 'previous'.")
    crossfade_s: float = Field(0.5, ge=0, le=10, description="Length of the cross-fade, in seconds.")


class SpliceOutput(EditedAudio):
    join_s: float = Field(description="Where the second part starts fading in, in seconds of the result.")
    crossfade_s: float = Field(description="Cross-fade length used, in seconds.")
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


class Splice(Tool):
    name = "splice"
    description = (
        "Join two versions end to end with a cross-fade: 'put version 2 after version 4', 'join the "
        "original and this one with a 2 second crossfade'."
    )
    Input = SpliceInput
    Output = SpliceOutput
    resources = Resources(num_cpus=1, memory_mb=800, seconds_per_audio_minute=0.3)
    backends = (FFMPEG_NUMPY,)
    changes_current = True

    def run(self, args: SpliceInput, ctx: ToolContext) -> SpliceOutput:
        a_src, b_src = resolve_audio(ctx, args.first), resolve_audio(ctx, args.second)
        ctx.progress(0.0, f"reading {a_src.label} and {b_src.label}")
        a, info = load_audio(a_src, allow_silent=False)
        b, _ = load_audio(b_src, allow_silent=False)
        notes = []
        y = b.samples
        if b.sample_rate != a.sample_rate:
            y = resample(y, b.sample_rate, a.sample_rate)
            notes.append(f"the second part was resampled from {b.sample_rate} Hz to {a.sample_rate} Hz")
        if y.shape[0] != a.channels:
            y = np.repeat(y.mean(axis=0, keepdims=True), a.channels, axis=0)
        fade = int(args.crossfade_s * a.sample_rate)
        shortest = min(a.n_samples, y.shape[1])
        if fade > shortest:
            raise ToolError(
                f"A {args.crossfade_s:g} s cross-fade is longer than one of the parts "
                f"({shortest / a.sample_rate:.1f} s): use a shorter one.",
                code="out_of_range",
            )
        x = a.samples
        if fade:
            w = np.sin(np.linspace(0, np.pi / 2, fade, dtype=np.float32))
            mid = x[:, -fade:] * w[::-1] + y[:, :fade] * w
            out = np.concatenate([x[:, :-fade], mid, y[:, fade:]], axis=1)
        else:
            out = np.concatenate([x, y], axis=1)
        result = a.with_samples(out)
        label = f"v{a_src.version} + v{b_src.version} ({args.crossfade_s:g} s cross-fade)"
        saved, fmt = save_audio(ctx, result, a_src, info, label=label)
        ctx.progress(1.0, label)
        return SpliceOutput(
            **edited(saved, result.with_samples(np.clip(out, -1, 1)), fmt),
            join_s=round((x.shape[1] - fade) / a.sample_rate, 4),
            crossfade_s=args.crossfade_s,
            notes=notes,
        )
