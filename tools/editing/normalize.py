"""The ``normalize_loudness`` tool: bring integrated loudness (LUFS) to a target without clipping."""

from __future__ import annotations

import math

from pydantic import BaseModel, Field

from tools.audio import limits
from tools.audio.limiter import peak_envelope
from tools.audio.loudness import apply_gain_db, integrated_loudness_lufs, limit_peaks, true_peak_dbfs
from tools.audio.types import Audio
from tools.audio.units import db_to_amplitude
from tools.audio.write import LOSSLESS_FORMATS
from tools.base import ArtifactRef, Resources, Tool, ToolContext, ToolError
from tools.editing.common import (
    FFMPEG_NUMPY,
    PYLOUDNORM,
    EditedAudio,
    edited,
    finite_or_none,
    load_audio,
    resolve_audio,
    save_audio,
    stored_audio,
)

_AIM_LU = 0.1
"""Stop correcting once the measured loudness is this close to the target, in LU (well inside ±0.5)."""


class NormalizeInput(BaseModel):
    audio: str = ArtifactRef("audio", "The audio to normalise: an artifact id or 'current'.")
    target_lufs: float = Field(
        -14.0,
        ge=limits.MIN_TARGET_LUFS,
        le=limits.MAX_TARGET_LUFS,
        description="Integrated loudness to reach, in LUFS (-14 streaming, -16 podcasts, -23 broadcast).",
    )
    true_peak_ceiling_dbfs: float = Field(
        -1.0, ge=-12.0, le=0.0, description="Highest true peak allowed afterwards, in dBFS (dBTP)."
    )


class NormalizeOutput(EditedAudio):
    before_lufs: float = Field(description="Integrated loudness before, in LUFS.")
    after_lufs: float = Field(description="Integrated loudness of the saved result, in LUFS.")
    target_lufs: float = Field(description="The loudness asked for, in LUFS.")
    gain_db: float = Field(description="Gain applied before any limiting, in dB.")
    limited: bool = Field(description="True when a limiter had to hold peaks under the ceiling.")
    true_peak_dbfs: float | None = Field(description="True peak of the saved result, in dBTP.")


def loudness_to_target(
    audio: Audio, before_lufs: float, target_lufs: float, ceiling_dbfs: float
) -> tuple[Audio, float, float, bool]:
    """Gain (and, when peaks would pass ``ceiling_dbfs``, true-peak limiting) that brings ``audio`` from
    ``before_lufs`` to ``target_lufs``, re-measured and corrected up to ``NORMALIZE_MAX_PASSES`` times.

    Limiting removes loudness, so later passes add more gain (at most ``NORMALIZE_MAX_EXTRA_GAIN_DB``
    beyond plain gain). Returns the closest result: (audio, its LUFS, gain in dB before limiting, limited?).
    """
    envelope = peak_envelope(audio, true_peak=True)  # scales with gain, so computed once
    ceiling = db_to_amplitude(ceiling_dbfs)
    plain_gain = target_lufs - before_lufs
    lowest, highest = plain_gain - 1.0, plain_gain + limits.NORMALIZE_MAX_EXTRA_GAIN_DB
    gain_db = plain_gain
    tried: list[tuple[float, float]] = []  # (gain dB, measured LUFS), in order
    best: tuple[float, Audio, float, float, bool] | None = None
    for _ in range(limits.NORMALIZE_MAX_PASSES):
        scaled = apply_gain_db(audio, gain_db)
        scaled_env = envelope * db_to_amplitude(gain_db)
        limited = float(scaled_env.max()) > ceiling
        result = limit_peaks(scaled, ceiling_dbfs, true_peak=True, envelope=scaled_env) if limited else scaled
        measured = integrated_loudness_lufs(result)
        error = target_lufs - measured
        if best is None or abs(error) < best[0]:
            best = (abs(error), result, measured, gain_db, limited)
        if abs(error) <= _AIM_LU or not math.isfinite(measured):
            break
        tried.append((gain_db, measured))
        slope = 1.0  # LU per dB: exact without limiting, less with it
        if len(tried) >= 2 and tried[-1][0] != tried[-2][0]:
            slope = (tried[-1][1] - tried[-2][1]) / (tried[-1][0] - tried[-2][0])
        next_gain = min(highest, max(lowest, gain_db + error / min(max(slope, 0.1), 1.0)))
        if abs(next_gain - gain_db) < 1e-3:
            break  # pinned at a bound: the target is out of reach
        gain_db = next_gain
    assert best is not None
    _, result, measured, gain_db, limited = best
    return result, measured, gain_db, limited


class NormalizeLoudness(Tool):
    name = "normalize_loudness"
    description = (
        "Normalise loudness to a target in LUFS (default -14, the streaming level) so tracks play equally "
        "loud, keeping true peaks under a ceiling (default -1 dBFS) with a limiter when needed."
    )
    Input = NormalizeInput
    Output = NormalizeOutput
    resources = Resources(num_cpus=1, memory_mb=1024, seconds_per_audio_minute=4.0)
    backends = (FFMPEG_NUMPY, PYLOUDNORM)
    changes_current = True

    def run(self, args: NormalizeInput, ctx: ToolContext) -> NormalizeOutput:
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src, allow_silent=False)
        ctx.progress(0.2, "measuring loudness")
        before = integrated_loudness_lufs(audio)
        if not math.isfinite(before):
            raise ToolError(
                f"'{src.label}' is too quiet to measure its loudness (below "
                f"{limits.LOUDNESS_FLOOR_LUFS:g} LUFS), so it can't be normalised: check that it isn't "
                "silent.",
                code="silent",
            )
        target, ceiling = args.target_lufs, args.true_peak_ceiling_dbfs
        ctx.progress(0.4, f"bringing {before:.1f} LUFS to {target:g} LUFS")
        out, measured, gain_db, limited = loudness_to_target(audio, before, target, ceiling)
        if abs(measured - target) > limits.NORMALIZE_TOLERANCE_LU:
            raise ToolError(
                f"'{src.label}' can't reach {target:g} LUFS with peaks under {ceiling:g} dBFS: its peaks are "
                f"too sharp, and the closest I got was {measured:.1f} LUFS. Try a lower target (e.g. "
                f"{math.floor(measured):g} LUFS) or a higher ceiling.",
                code="target_unreachable",
            )
        label = f"normalised to {target:g} LUFS"
        saved, fmt = save_audio(ctx, out, src, info, label=label)
        ctx.progress(0.9, "checking the saved result")
        stored = stored_audio(saved, out, fmt)
        after = measured if fmt in LOSSLESS_FORMATS else integrated_loudness_lufs(stored)  # lossy: re-measure
        ctx.progress(1.0, label)
        return NormalizeOutput(
            **edited(saved, stored, fmt),
            before_lufs=round(before, 2),
            after_lufs=round(after, 2),
            target_lufs=target,
            gain_db=round(gain_db, 2),
            limited=limited,
            true_peak_dbfs=finite_or_none(true_peak_dbfs(stored)),
        )
