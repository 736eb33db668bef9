"""The ``combine_stems`` tool: stems taken from different versions mixed into a new one ('the vocals from
version 2 over the drums of version 4').

Each named stem comes from the version the request names (a workspace reference: 'version:2',
'original', 'previous', 'current'). Saved stems are used when the version has them; otherwise that
version is separated now. All parts start together; the result is as long as the longest part.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field, model_validator

from tools.audio import limits
from tools.audio.loudness import limit_peaks, peak_dbfs
from tools.audio.types import Audio
from tools.base import ArtifactInfo, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio
from tools.editing.stems import version_stems
from tools.separation.resample import resample
from tools.separation.stems_store import save_stem

STEMS: tuple[str, ...] = ("vocals", "drums", "bass", "other", "accompaniment")
"""Stems a request may take from a version ('accompaniment' = drums + bass + other)."""

_REF_HELP = "A version reference ('version:2', 'original', 'previous', 'current') or an artifact id"
LENGTH_NOTE_S = 1.0
"""Parts whose lengths differ by more than this, in seconds, are mentioned in the reply."""


class CombineStemsInput(BaseModel):
    vocals: str | None = Field(None, description=f"{_REF_HELP} whose vocals to use; None: no vocals.")
    drums: str | None = Field(None, description=f"{_REF_HELP} whose drums to use; None: no drums.")
    bass: str | None = Field(None, description=f"{_REF_HELP} whose bass to use; None: no bass.")
    other: str | None = Field(
        None, description=f"{_REF_HELP} whose other instruments (not vocals, drums or bass) to use."
    )
    accompaniment: str | None = Field(
        None, description=f"{_REF_HELP} whose accompaniment (drums + bass + other) to use."
    )
    rest_from: str | None = Field(
        None,
        description=f"{_REF_HELP} that gives every stem not named above ('the rest from version 3').",
    )
    gains_db: dict[str, float] = Field(
        default_factory=dict, description="Optional stem -> gain in dB for that part, e.g. {'vocals': 2}."
    )

    @model_validator(mode="after")
    def _something(self) -> CombineStemsInput:
        if not any(getattr(self, s) for s in STEMS):
            raise ValueError("name at least one stem and the version it comes from")
        if self.accompaniment and any(getattr(self, s) for s in ("drums", "bass", "other")):
            raise ValueError("accompaniment already holds the drums, bass and other stems")
        return self


class CombineStemsOutput(EditedAudio):
    parts: dict[str, int] = Field(description="Stem -> the version number it was taken from.")
    separated_now: list[int] = Field(description="Versions that had no saved stems and were separated now.")
    limited: bool = Field(description="True when the sum was held at -1 dBFS by a limiter.")
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


def _wanted(args: CombineStemsInput) -> dict[str, str]:
    """Stem -> version reference, with ``rest_from`` filling the stems not named."""
    named = {s: getattr(args, s) for s in STEMS if getattr(args, s)}
    if args.rest_from:
        covered = {"drums", "bass", "other"} if "accompaniment" in named else set()
        for s in ("vocals", "drums", "bass", "other"):
            if s not in named and s not in covered:
                named[s] = args.rest_from
    return named


def _part(stems: dict[str, Audio], name: str, version: int) -> np.ndarray:
    if name in stems:
        return stems[name].samples
    if name == "accompaniment" and {"drums", "bass", "other"} <= set(stems):
        return stems["drums"].samples + stems["bass"].samples + stems["other"].samples
    if name in ("drums", "bass", "other") and "accompaniment" in stems:
        raise ToolError(
            f"Version {version} was split into vocals and accompaniment only, so it has no {name} of "
            f"its own: separate version {version} into four stems first.",
            code="unknown_stem",
        )
    raise ToolError(f"Version {version} has no {name} stem.", code="unknown_stem")


def _fit(x: np.ndarray, sr: int, channels: int, to_sr: int) -> np.ndarray:
    if sr != to_sr:
        x = resample(x, sr, to_sr)
    if x.shape[0] != channels:
        x = np.repeat(x.mean(axis=0, keepdims=True), channels, axis=0)
    return x.astype(np.float32, copy=False)


class CombineStems(Tool):
    name = "combine_stems"
    description = (
        "Build a new version from stems of different versions: 'the vocals from version 2 over the drums "
        "of version 4', 'version 3's vocals with the original's accompaniment'. Each stem names the "
        "version it comes from; stems are separated first where a version has none saved."
    )
    Input = CombineStemsInput
    Output = CombineStemsOutput
    resources = Resources(num_cpus=1, memory_mb=2000, seconds_per_audio_minute=2.0)
    backends = (FFMPEG_NUMPY,)
    changes_current = True

    def run(self, args: CombineStemsInput, ctx: ToolContext) -> CombineStemsOutput:
        wanted = _wanted(args)
        sources: dict[str, ArtifactInfo] = {}
        for ref in dict.fromkeys(wanted.values()):
            sources[ref] = resolve_audio(ctx, ref)
        first = sources[next(iter(wanted.values()))]
        loaded: dict[str, tuple[dict[str, Audio], str | None]] = {}
        for i, (ref, src) in enumerate(sources.items()):
            ctx.progress(0.8 * i / len(sources), f"reading the stems of version {src.version}")
            audio, src_info = load_audio(src, allow_silent=False)
            if src is first:
                info = src_info
            loaded[ref] = version_stems(ctx, src, audio)
        out_sr = max(next(iter(s.values())).sample_rate for s, _ in loaded.values())
        channels = max(next(iter(s.values())).channels for s, _ in loaded.values())
        parts: dict[str, np.ndarray] = {}
        for stem, ref in wanted.items():
            stems, _ = loaded[ref]
            sr = next(iter(stems.values())).sample_rate
            part = _fit(_part(stems, stem, sources[ref].version), sr, channels, out_sr)
            gain = args.gains_db.get(stem, 0.0)
            parts[stem] = part * np.float32(10 ** (gain / 20))
        lengths = {s: p.shape[1] / out_sr for s, p in parts.items()}
        n = max(p.shape[1] for p in parts.values())
        mix = np.zeros((channels, n), dtype=np.float32)
        for p in parts.values():
            mix[:, : p.shape[1]] += p
        notes = [
            f"version {sources[r].version} had no saved stems, so I separated it first"
            for r, (_, sep) in loaded.items()
            if sep
        ]
        if max(lengths.values()) - min(lengths.values()) > LENGTH_NOTE_S:
            short = min(lengths, key=lengths.__getitem__)
            notes.append(
                f"the {short} ({lengths[short]:.1f} s) is shorter than the longest part "
                f"({max(lengths.values()):.1f} s), so it stops early"
            )
        result = Audio(samples=mix, sample_rate=out_sr)
        limited = peak_dbfs(result) > limits.CLIP_LEVEL_DBFS
        if limited:
            result = limit_peaks(result, limits.LIMITER_CEILING_DBFS, true_peak=True)
            ceiling = limits.LIMITER_CEILING_DBFS
            notes.append(f"the sum would have clipped, so a limiter held it at {ceiling:g} dBFS")
        label = " + ".join(f"{s} of v{sources[r].version}" for s, r in wanted.items())
        ctx.progress(0.9, "saving")
        saved, fmt = save_audio(ctx, result, first, info, label=label)
        for stem, p in parts.items():
            padded = np.pad(p, ((0, 0), (0, n - p.shape[1])))
            save_stem(ctx, stem, result.with_samples(padded), saved, label)
        ctx.progress(1.0, label)
        return CombineStemsOutput(
            **edited(saved, result.with_samples(np.clip(result.samples, -1, 1)), fmt),
            parts={s: sources[r].version for s, r in wanted.items()},
            separated_now=[sources[r].version for r, (_, sep) in loaded.items() if sep],
            limited=limited,
            notes=notes,
        )
