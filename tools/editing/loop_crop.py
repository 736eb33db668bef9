"""The ``loop_crop`` tool: keep, remove or loop a section ('cut the intro', 'loop the chorus twice'),
named by its section label or by bars; every boundary lands on a detected downbeat."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio
from tools.editing.music_facts import sheet_of
from tools.understanding.sheet import FeatureSheet

JOIN_FADE_S = 0.01
"""Each join is cross-faded over this long, in seconds (no click, no audible overlap)."""


class LoopCropInput(BaseModel):
    audio: str = ArtifactRef("audio", "The recording to rearrange: an artifact id or 'current'.")
    action: Literal["keep", "remove", "loop"] = Field(
        description="'keep' only the part, 'remove' it ('cut the intro'), or 'loop' it ``times`` times."
    )
    section: str | None = Field(
        None, description="A section label from the analysis, e.g. 'intro', 'chorus', 'A'."
    )
    start_bar: int | None = Field(None, ge=1, description="First bar of the part (1 = the first downbeat).")
    end_bar: int | None = Field(None, ge=1, description="Last bar of the part (inclusive).")
    times: int = Field(2, ge=2, le=16, description="How many times the part plays in a row (loop only).")


class LoopCropOutput(EditedAudio):
    start_s: float = Field(description="Start of the part, in seconds of the source (a downbeat).")
    end_s: float = Field(description="End of the part, in seconds of the source (a downbeat or the end).")
    bars: int = Field(description="Number of bars in the part.")
    joins_s: list[float] = Field(description="Times in the new version where the cuts join, in seconds.")
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


def _bar_lines(sheet: FeatureSheet, duration_s: float, label: str) -> list[float]:
    downbeats = [t for t in sheet.downbeats if 0 <= t < duration_s]
    if len(downbeats) < 2:
        raise ToolError(
            f"I can't find bar lines in '{label}' (no steady beat), so I can't cut it on bars: use trim with "
            "times instead.",
            code="no_bars",
        )
    return [*downbeats, duration_s]


def _snap(t: float, lines: list[float]) -> float:
    return min(lines, key=lambda b: abs(b - t))


def _part(args: LoopCropInput, sheet: FeatureSheet, lines: list[float], label: str) -> tuple[float, float]:
    if args.section:
        want = args.section.strip().lower()
        found = [s for s in sheet.sections if s.label.lower() == want or s.label.lower().startswith(want)]
        if not found:
            names = ", ".join(dict.fromkeys(s.label for s in sheet.sections)) or "none"
            raise ToolError(
                f"There is no '{args.section}' in '{label}': its sections are {names}.",
                code="unknown_section",
            )
        start, end = _snap(found[0].start, lines), _snap(found[0].end, lines)
        if end <= start:
            end = lines[min(lines.index(start) + 1, len(lines) - 1)]
        return start, end
    if args.start_bar is None:
        raise ToolError(
            "Which part? Name a section ('the chorus') or bars ('bars 5 to 8').", code="invalid_argument"
        )
    n_bars = len(lines) - 1
    last = args.end_bar or args.start_bar
    if args.start_bar > n_bars or last > n_bars:
        raise ToolError(
            f"'{label}' has {n_bars} bars, so bar {max(args.start_bar, last)} is past its end.",
            code="out_of_range",
        )
    if last < args.start_bar:
        raise ToolError(
            "The last bar comes before the first one: say e.g. 'bars 5 to 8'.", code="invalid_argument"
        )
    return lines[args.start_bar - 1], lines[last]


def _join(pieces: list[np.ndarray], sr: int) -> tuple[np.ndarray, list[float]]:
    """Concatenate with a short equal-power cross-fade at each join; returns samples and join times (s)."""
    fade = int(JOIN_FADE_S * sr)
    out = pieces[0]
    joins = []
    for p in pieces[1:]:
        joins.append(out.shape[1] / sr)
        if fade and out.shape[1] > fade and p.shape[1] > fade:
            w = np.sin(np.linspace(0, np.pi / 2, fade, dtype=np.float32))
            mid = out[:, -fade:] * w[::-1] + p[:, :fade] * w
            out = np.concatenate([out[:, :-fade], mid, p[:, fade:]], axis=1)
            joins[-1] -= fade / sr / 2
        else:
            out = np.concatenate([out, p], axis=1)
    return out, joins


class LoopCrop(Tool):
    name = "loop_crop"
    description = (
        "Cut, keep or loop a part of a recording on bar lines: by section name ('cut the intro', 'keep only "
        "the chorus', 'loop the chorus twice') or by bars ('loop bars 1 to 4 four times'). The cuts land on "
        "downbeats found by the analysis."
    )
    Input = LoopCropInput
    Output = LoopCropOutput
    resources = Resources(num_cpus=1, memory_mb=800, seconds_per_audio_minute=0.5)
    backends = (FFMPEG_NUMPY,)
    changes_current = True

    def run(self, args: LoopCropInput, ctx: ToolContext) -> LoopCropOutput:
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src, allow_silent=False)
        sheet = sheet_of(ctx, src, 0.05, 0.6)
        lines = _bar_lines(sheet, audio.duration_s, src.label)
        start, end = _part(args, sheet, lines, src.label)
        sr = audio.sample_rate
        a, b = round(start * sr), round(end * sr)
        x = audio.samples
        if args.action == "keep":
            pieces, what = [x[:, a:b]], "kept"
        elif args.action == "remove":
            if a == 0 and b >= x.shape[1]:
                raise ToolError(
                    "That is the whole track: removing it would leave nothing.", code="invalid_argument"
                )
            pieces, what = [p for p in (x[:, :a], x[:, b:]) if p.shape[1]], "removed"
        else:
            pieces, what = [x[:, :a], *([x[:, a:b]] * args.times), x[:, b:]], f"looped x{args.times}"
            pieces = [p for p in pieces if p.shape[1]]
        out, joins = _join(pieces, sr)
        bars = sum(1 for t in lines[:-1] if start - 1e-6 <= t < end - 1e-6)
        part = args.section or f"bars {args.start_bar}-{args.end_bar or args.start_bar}"
        label = f"{part} {what} ({start:.2f}-{end:.2f} s)"
        ctx.progress(0.8, label)
        result = audio.with_samples(out)
        saved, fmt = save_audio(ctx, result, src, info, label=label)
        ctx.progress(1.0, label)
        return LoopCropOutput(
            **edited(saved, result.with_samples(np.clip(out, -1, 1)), fmt),
            start_s=round(start, 4),
            end_s=round(end, 4),
            bars=bars,
            joins_s=[round(j, 4) for j in joins],
        )
