"""The ``restore`` tool: declip, hiss reduction (noisereduce, MIT) and mains-hum removal (notches)."""

from __future__ import annotations

import importlib.util
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.base import ArtifactRef, Backend, Resources, Tool, ToolContext, ToolError
from tools.editing.common import FFMPEG_NUMPY, EditedAudio, edited, load_audio, resolve_audio, save_audio

Fix = Literal["declip", "denoise", "dehum"]
CLIP_LEVEL = 0.98
"""Samples at or above this fraction of the track's peak, in runs of 3 or more, count as clipped."""
HUM_HARMONICS = 8
"""Hum is notched at the mains frequency and this many of its harmonics."""


def _check_noisereduce() -> str | None:
    if importlib.util.find_spec("noisereduce") is None:
        return "noisereduce is not installed: run `pip install noisereduce`"
    return None


NOISEREDUCE = Backend("noisereduce", "MIT", "Spectral gating hiss/noise reduction.", check=_check_noisereduce)


def declip(x: np.ndarray) -> tuple[np.ndarray, int]:
    """Clipped runs (>= 3 samples flat at the peak) redrawn by cubic interpolation from 4 samples either
    side; returns the samples and how many samples were redrawn."""
    from scipy.interpolate import CubicSpline

    out = x.copy()
    fixed = 0
    for ch in range(x.shape[0]):
        y = x[ch]
        peak = float(np.max(np.abs(y))) or 1.0
        clipped = np.abs(y) >= CLIP_LEVEL * peak
        edges = np.flatnonzero(np.diff(np.concatenate([[0], clipped.astype(np.int8), [0]])))
        for s, e in zip(edges[::2], edges[1::2], strict=True):
            if e - s < 3 or s < 4 or e + 4 > len(y):
                continue
            keep = np.r_[s - 4 : s, e : e + 4]
            out[ch, s:e] = CubicSpline(keep, y[keep])(np.arange(s, e))
            fixed += e - s
    return out, fixed


def hum_frequency(x: np.ndarray, sr: int) -> float | None:
    """50 or 60 (Hz) when a mains hum stands 12 dB over its spectral neighbours there, else None."""
    mono = x.mean(axis=0)[: sr * 30]
    spec = np.abs(np.fft.rfft(mono * np.hanning(len(mono))))
    freqs = np.fft.rfftfreq(len(mono), 1 / sr)

    def contrast(f0: float) -> float:
        peak = spec[(freqs > f0 - 1) & (freqs < f0 + 1)].max(initial=0.0)
        around = np.median(
            spec[((freqs > f0 - 15) & (freqs < f0 - 3)) | ((freqs > f0 + 3) & (freqs < f0 + 15))]
        )
        return float(20 * np.log10((peak + 1e-12) / (around + 1e-12)))

    best = max((50.0, 60.0), key=contrast)
    return best if contrast(best) > 12.0 else None


def dehum(x: np.ndarray, sr: int, f0: float) -> np.ndarray:
    """Notch filters (Q 30) at ``f0`` Hz and its harmonics below Nyquist."""
    from scipy.signal import filtfilt, iirnotch

    y = x.astype(np.float64)
    for k in range(1, HUM_HARMONICS + 1):
        if k * f0 >= sr / 2 - 10:
            break
        b, a = iirnotch(k * f0, 30.0, fs=sr)
        y = filtfilt(b, a, y, axis=-1)
    return y.astype(np.float32)


def denoise(x: np.ndarray, sr: int, strength: float) -> np.ndarray:
    """Stationary spectral gating (noisereduce) reducing the noise floor by ``strength`` (0-1)."""
    reason = _check_noisereduce()
    if reason is not None:
        raise ToolError(f"Hiss reduction can't run here: {reason}.", code="backend_unavailable")
    import noisereduce

    return np.asarray(
        noisereduce.reduce_noise(y=x, sr=sr, stationary=True, prop_decrease=strength, n_jobs=1),
        dtype=np.float32,
    )


class RestoreInput(BaseModel):
    audio: str = ArtifactRef("audio", "The recording to clean up: an artifact id or 'current'.")
    fixes: list[Fix] = Field(
        default_factory=list,
        description="What to fix: declip, denoise (hiss), dehum; empty = all that apply.",
    )
    strength: float = Field(0.8, ge=0.1, le=1.0, description="How hard denoise works, 0.1-1.")


class RestoreOutput(EditedAudio):
    applied: list[str] = Field(description="What was done, in words.")
    clipped_samples_fixed: int = Field(description="Samples redrawn by declipping.")
    hum_hz: float | None = Field(description="Mains hum frequency removed, in Hz (None: no hum found).")
    notes: list[str] = Field(default_factory=list, description="What the reply should mention.")


class Restore(Tool):
    name = "restore"
    description = (
        "Clean up a recording: repair clipping (declip), reduce hiss and background noise (denoise), "
        "remove mains hum at 50/60 Hz (dehum). Use for 'clean up the hiss', 'remove the hum', 'fix the "
        "distortion from clipping'."
    )
    Input = RestoreInput
    Output = RestoreOutput
    resources = Resources(num_cpus=1, memory_mb=1000, seconds_per_audio_minute=3.0)
    backends = (NOISEREDUCE, FFMPEG_NUMPY)
    changes_current = True

    def run(self, args: RestoreInput, ctx: ToolContext) -> RestoreOutput:
        src = resolve_audio(ctx, args.audio)
        ctx.progress(0.0, f"reading {src.label}")
        audio, info = load_audio(src, allow_silent=False)
        x, sr = audio.samples, audio.sample_rate
        fixes = list(args.fixes) or ["declip", "dehum", "denoise"]
        applied: list[str] = []
        notes: list[str] = []
        fixed, hum = 0, None
        if "declip" in fixes:
            x, fixed = declip(x)
            if fixed:
                applied.append(f"redrew {fixed} clipped samples")
            elif args.fixes:
                notes.append("I found no clipping to repair")
        if "dehum" in fixes:
            hum = hum_frequency(x, sr)
            if hum:
                x = dehum(x, sr, hum)
                applied.append(f"removed {hum:g} Hz hum and its harmonics")
            elif args.fixes:
                notes.append("I found no mains hum at 50 or 60 Hz")
        if "denoise" in fixes:
            ctx.progress(0.4, "reducing hiss")
            x = denoise(x, sr, args.strength)
            applied.append(f"reduced hiss ({args.strength * 100:.0f}% strength)")
        if not applied:
            raise ToolError("I found nothing to fix: no clipping and no hum.", code="nothing_to_do")
        result = audio.with_samples(x)
        label = "restored: " + ", ".join(applied)
        saved, fmt = save_audio(ctx, result, src, info, label=label)
        ctx.progress(1.0, label)
        return RestoreOutput(
            **edited(saved, result.with_samples(np.clip(x, -1, 1)), fmt),
            applied=applied,
            clipped_samples_fixed=fixed,
            hum_hz=hum,
            notes=notes,
        )
