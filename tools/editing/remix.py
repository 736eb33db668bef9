"""The ``remix_stems`` tool: the stems of a version mixed again with per-stem gains ('vocals up 3 dB')."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from tools.audio import limits
from tools.audio.loudness import limit_peaks, peak_dbfs
from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio
from tools.editing.stems import version_stems
from tools.separation.stems_store import save_stem

_ALIASES = {"vocal": "vocals", "voice": "vocals", "singing": "vocals", "singer": "vocals", "drum": "drums",
            "beat": "drums", "bassline": "bass", "instruments": "other", "music": "accompaniment",
            "band": "accompaniment", "backing": "accompaniment"}  # fmt: skip
MUTE_DB = -120.0
"""A gain at or below this, in dB, mutes the stem."""


def stem_key(name: str) -> str:
    """The stem a word names ('vocal' -> 'vocals', 'band' -> 'accompaniment')."""
    word = name.strip().lower()
    return _ALIASES.get(word, word)


class RemixInput(BaseModel):
    audio: str = ArtifactRef("audio", "The version whose stems to remix: an artifact id or 'current'.")
    gains_db: dict[str, float] = Field(
        default_factory=dict,
        description="Stem -> gain in dB, e.g. {'vocals': 3, 'drums': -6}; -120 mutes; 'accompaniment' = "
        "drums + bass + other.",
    )
    stem: str | None = Field(
        None, description="One stem to change (with gain_db): vocals, drums, bass, other."
    )
    gain_db: float | None = Field(None, ge=-120, le=24, description="Gain for ``stem``, in dB.")


class RemixOutput(EditedAudio):
    gains_db: dict[str, float] = Field(description="Gain applied to each stem, in dB.")
    separated_now: str | None = Field(
        description="Separator that made the stems now (None: saved ones used)."
    )
    limited: bool = Field(description="True when the louder mix was held at -1 dBFS by a limiter.")
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


def _gains(args: RemixInput, names: list[str]) -> dict[str, float]:
    wanted = {stem_key(k): v for k, v in args.gains_db.items()}
    if args.stem is not None:
        wanted[stem_key(args.stem)] = 3.0 if args.gain_db is None else args.gain_db
    if not wanted:
        raise ToolError(
            "Say which stem to change and by how much, e.g. 'vocals up 3 dB'.", code="invalid_argument"
        )
    gains = {n: 0.0 for n in names}
    for k, v in wanted.items():
        targets = [n for n in ("drums", "bass", "other") if n in names] if k == "accompaniment" else [k]
        for t in targets:
            if t not in gains:
                raise ToolError(
                    f"There is no {k} stem: this version's stems are {', '.join(names)}.", code="unknown_stem"
                )
            gains[t] = v
    return gains


def _amplitude(gain_db: float) -> float:
    return 0.0 if gain_db <= MUTE_DB else float(10 ** (gain_db / 20))


class RemixStems(Tool):
    name = "remix_stems"
    description = (
        "Mix a recording's stems again with per-stem volume changes: 'vocals up 3 dB', 'drums down 6 dB', "
        "'quieter bass'. Uses the stems saved by separate (or separates the recording first)."
    )
    Input = RemixInput
    Output = RemixOutput
    resources = Resources(num_cpus=1, memory_mb=1500, seconds_per_audio_minute=1.0)
    backends = (FFMPEG_NUMPY,)
    changes_current = True

    def run(self, args: RemixInput, ctx: ToolContext) -> RemixOutput:
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src, allow_silent=False)
        stems, separated = version_stems(ctx, src, audio)
        gains = _gains(args, list(stems))
        ctx.progress(0.6, "mixing the stems")
        scaled = {n: s.with_samples(s.samples * _amplitude(gains[n])) for n, s in stems.items()}
        mix = audio.with_samples(np.sum([s.samples for s in scaled.values()], axis=0))
        limited = peak_dbfs(mix) > limits.CLIP_LEVEL_DBFS
        if limited:
            mix = limit_peaks(mix, limits.LIMITER_CEILING_DBFS, true_peak=True)
        changed = ", ".join(f"{n} {g:+g} dB" for n, g in gains.items() if g != 0)
        saved, fmt = save_audio(ctx, mix, src, info, label=f"remix: {changed}")
        for n, s in scaled.items():
            save_stem(ctx, n, s, saved, src.label)
        notes = [f"I separated the stems first ({separated})"] if separated else []
        if limited:
            ceiling = limits.LIMITER_CEILING_DBFS
            notes.append(f"the louder mix would have clipped, so a limiter held it at {ceiling:g} dBFS")
        ctx.progress(1.0, changed)
        return RemixOutput(
            **edited(saved, mix.with_samples(np.clip(mix.samples, -1, 1)), fmt),
            gains_db=gains,
            separated_now=separated,
            limited=limited,
            notes=notes,
        )
