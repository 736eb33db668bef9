"""The ``effects`` tool: a chain of effects (EQ, compressor, reverb, delay, chorus, distortion, limiter)
on the whole recording or on one of its stems."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.audio import limits
from tools.audio.loudness import limit_peaks, peak_dbfs
from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio
from tools.editing.fx import EFFECTS
from tools.editing.remix import stem_key
from tools.editing.stems import version_stems
from tools.separation.stems_store import save_stem

EffectName = Literal["eq", "compressor", "reverb", "delay", "chorus", "distortion", "limiter"]


class Effect(BaseModel):
    name: EffectName = Field(description="The effect.")
    amount: float = Field(0.5, ge=0, le=1, description="How much, 0 (subtle) to 1 (strong).")
    low_db: float = Field(0.0, ge=-18, le=18, description="EQ only: low shelf (200 Hz) gain in dB.")
    mid_db: float = Field(0.0, ge=-18, le=18, description="EQ only: 1 kHz band gain in dB.")
    high_db: float = Field(0.0, ge=-18, le=18, description="EQ only: high shelf (5 kHz) gain in dB.")


class EffectsInput(BaseModel):
    audio: str = ArtifactRef("audio", "The recording to process: an artifact id or 'current'.")
    effects: list[Effect] = Field(
        default_factory=list, description="Effects in order, e.g. [{'name': 'reverb', 'amount': 0.4}]."
    )
    effect: EffectName | None = Field(None, description="One effect (instead of the list).")
    amount: float = Field(0.5, ge=0, le=1, description="Amount for ``effect``, 0-1.")
    stem: str | None = Field(
        None, description="Apply only to this stem ('vocals', 'drums', ...), then remix."
    )


class EffectsOutput(EditedAudio):
    applied: list[str] = Field(description="Effects applied, in order, with their settings.")
    stem: str | None = Field(description="The stem processed (None: the whole mix).")
    separated_now: str | None = Field(None, description="Separator that made the stems now, if it had to.")
    limited: bool = Field(description="True when a final limiter held the result at -1 dBFS.")
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


def _settings(e: Effect) -> tuple[dict[str, float], str]:
    a = e.amount
    if e.name == "eq":
        if not (e.low_db or e.mid_db or e.high_db):
            raise ToolError(
                "Say what the EQ should do, e.g. '+3 dB bass' or 'less treble'.", code="invalid_argument"
            )
        return {"low_db": e.low_db, "mid_db": e.mid_db, "high_db": e.high_db}, (
            f"EQ low {e.low_db:+g} / mid {e.mid_db:+g} / high {e.high_db:+g} dB"
        )
    table: dict[str, tuple[dict[str, float], str]] = {
        "compressor": ({"threshold_db": -12 - 18 * a, "ratio": 2 + 6 * a}, f"compressor {2 + 6 * a:.1f}:1"),
        "reverb": ({"mix": 0.1 + 0.4 * a, "decay_s": 0.8 + 2.4 * a}, f"reverb {0.8 + 2.4 * a:.1f} s"),
        "delay": ({"time_s": 0.35, "feedback": 0.2 + 0.5 * a, "mix": 0.15 + 0.35 * a}, "delay 350 ms"),
        "chorus": ({"depth_ms": 1 + 4 * a, "mix": 0.3 + 0.4 * a}, "chorus"),
        "distortion": ({"drive_db": 3 + 24 * a}, f"distortion {3 + 24 * a:.0f} dB drive"),
        "limiter": ({"ceiling_db": -1.0 - 5 * (1 - a)}, f"limiter at {-1.0 - 5 * (1 - a):.1f} dBFS"),
    }
    return table[e.name]


def apply_chain(samples: np.ndarray, sr: int, chain: list[Effect]) -> tuple[np.ndarray, list[str]]:
    """``samples`` (channels, n) through ``chain`` in order; returns the result and what was applied."""
    applied = []
    for e in chain:
        settings, text = _settings(e)
        samples = EFFECTS[e.name](samples, sr, **settings)
        applied.append(text)
    return samples, applied


class Effects(Tool):
    name = "effects"
    description = (
        "Add effects to a recording or to one stem: EQ (bass/treble), compression, reverb, delay (echo), "
        "chorus, distortion, limiter. Use for 'add reverb to the vocals', 'compress it', 'more bass', "
        "'add some echo'."
    )
    Input = EffectsInput
    Output = EffectsOutput
    resources = Resources(num_cpus=1, memory_mb=1000, seconds_per_audio_minute=1.5)
    backends = (FFMPEG_NUMPY,)
    changes_current = True

    def run(self, args: EffectsInput, ctx: ToolContext) -> EffectsOutput:
        chain = list(args.effects) or ([Effect(name=args.effect, amount=args.amount)] if args.effect else [])
        if not chain:
            raise ToolError(
                "Which effect? e.g. reverb, echo, compression, chorus, distortion, EQ.",
                code="invalid_argument",
            )
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src, allow_silent=False)
        separated = None
        stem = stem_key(args.stem) if args.stem else None
        if stem is None:
            ctx.progress(0.3, "applying the effects")
            out, applied = apply_chain(audio.samples, audio.sample_rate, chain)
            stems = {}
        else:
            stems, separated = version_stems(ctx, src, audio)
            if stem not in stems:
                raise ToolError(
                    f"There is no {stem} stem: the stems are {', '.join(stems)}.", code="unknown_stem"
                )
            ctx.progress(0.6, f"applying the effects to the {stem}")
            processed, applied = apply_chain(stems[stem].samples, audio.sample_rate, chain)
            stems[stem] = stems[stem].with_samples(processed)
            out = np.sum([s.samples for s in stems.values()], axis=0)
        result = audio.with_samples(out)
        limited = peak_dbfs(result) > limits.CLIP_LEVEL_DBFS
        if limited:
            result = limit_peaks(result, limits.LIMITER_CEILING_DBFS, true_peak=True)
        label = ", ".join(applied) + (f" on the {stem}" if stem else "")
        saved, fmt = save_audio(ctx, result, src, info, label=label)
        for name, s in stems.items():
            save_stem(ctx, name, s, saved, src.label)
        notes = [f"I separated the stems first ({separated})"] if separated else []
        ctx.progress(1.0, label)
        return EffectsOutput(
            **edited(saved, result.with_samples(np.clip(result.samples, -1, 1)), fmt),
            applied=applied,
            stem=stem,
            separated_now=separated,
            limited=limited,
            notes=notes,
        )
