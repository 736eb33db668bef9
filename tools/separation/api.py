"""One entry point for separation: pick a backend, check the input, return the stems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from tools.base import ToolError
from tools.separation import constants as c
from tools.separation.chunks import separate_in_chunks
from tools.separation.demucs_backend import check_demucs, demucs_weights, separate_demucs
from tools.separation.dsp import separate_chunk
from tools.separation.learned import check_learned, learned_weights, separate_two
from tools.separation.resample import resample

BackendChoice = Literal["auto", "dsp", "demucs", "learned"]
Layout = Literal["four", "two"]
Progress = Callable[[float, str], None]

DSP_BACKEND = "dsp-hpss-repet"
DEMUCS_BACKEND = "demucs"
LEARNED_BACKEND = "learned-masknet"

_PHONE_BAND_HZ = 12_000
"""Sources at or below this sample rate, in Hz, are narrow-band (phone, voice memo): stated in the notes."""


def _no_progress(fraction: float, message: str) -> None:
    return None


@dataclass
class Separation:
    """Stems of one mixture: name -> (channels, n) float32 at ``sample_rate`` Hz, and who made them."""

    stems: dict[str, np.ndarray]
    sample_rate: int
    backend: str
    notes: list[str] = field(default_factory=list)


def two_stem(stems: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The four-stem layout folded into vocals + accompaniment (drums + bass + other)."""
    return {"vocals": stems["vocals"], "accompaniment": stems["drums"] + stems["bass"] + stems["other"]}


def _dsp(samples: np.ndarray, sample_rate: int, progress: Progress) -> dict[str, np.ndarray]:
    x = resample(samples, sample_rate, c.DSP_SAMPLE_RATE)
    chunk = int(c.CHUNK_S * c.DSP_SAMPLE_RATE)
    overlap = int(c.OVERLAP_S * c.DSP_SAMPLE_RATE)
    stems = separate_in_chunks(x, separate_chunk, chunk=chunk, overlap=overlap, progress=progress)
    return {k: resample(v, c.DSP_SAMPLE_RATE, sample_rate, length=samples.shape[1]) for k, v in stems.items()}


def _learned(
    samples: np.ndarray, sample_rate: int, layout: Layout, progress: Progress
) -> dict[str, np.ndarray]:
    """Vocals by the learned mask network; in the four-stem layout the accompaniment is split into
    drums, bass and other by the DSP separator (whatever it still calls vocals there goes to other);
    the four stems add up to the mixture."""
    weights = learned_weights()
    assert weights is not None
    progress(0.05, f"separating the vocals with the learned model ({weights.name})")
    two = separate_two(samples, sample_rate, weights)
    if layout == "two":
        return two
    rest = _dsp(two["accompaniment"], sample_rate, lambda f, m: progress(0.3 + 0.7 * f, m))
    other = two["accompaniment"] - rest["drums"] - rest["bass"]  # DSP 'vocals' and round-off go to other
    return {"vocals": two["vocals"], "drums": rest["drums"], "bass": rest["bass"], "other": other}


def separate_samples(
    samples: np.ndarray,
    sample_rate: int,
    *,
    backend: BackendChoice = "auto",
    layout: Layout = "four",
    models_dir: Path | None = None,
    progress: Progress = _no_progress,
) -> Separation:
    """Separate ``samples`` (channels, n) at ``sample_rate`` Hz into stems (``layout`` four: vocals,
    drums, bass, other; two: vocals, accompaniment). ``auto`` uses Demucs when its weights are in the
    models folder, else the learned mask network when its weights are present (shipped in the
    repository), else the DSP separator. Raises ToolError for a silent track or an unavailable backend."""
    peak = float(np.max(np.abs(samples))) if samples.size else 0.0
    if peak <= 10 ** (c.SILENT_PEAK_DBFS / 20):
        raise ToolError(
            "This track is silent (or nearly: its loudest moment is below -60 dBFS), so there are no "
            "vocals or instruments to separate. Upload a recording with music in it.",
            code="silent",
        )
    notes: list[str] = []
    if sample_rate <= _PHONE_BAND_HZ:
        notes.append(
            f"The recording is narrow-band ({sample_rate / 1000:g} kHz, like a phone call): nothing above "
            f"{sample_rate / 2000:g} kHz exists in it, so the stems sound as dull as the original."
        )
    reason = check_demucs(models_dir)
    if backend == "demucs" and reason is not None:
        raise ToolError(f"The Demucs separator can't run here: {reason}.", code="backend_unavailable")
    learned_reason = check_learned()
    if backend == "learned" and learned_reason is not None:
        raise ToolError(
            f"The learned separator can't run here: {learned_reason}.", code="backend_unavailable"
        )
    if backend == "demucs" or (backend == "auto" and reason is None):
        weights = demucs_weights(models_dir)
        assert weights is not None
        progress(0.05, f"separating with Demucs ({weights.name})")
        stems = separate_demucs(samples, sample_rate, weights)
        name = f"{DEMUCS_BACKEND}:{weights.stem}"
    elif backend == "learned" or (backend == "auto" and learned_reason is None):
        stems = _learned(samples, sample_rate, layout, progress)
        name = LEARNED_BACKEND
    else:
        stems = _dsp(samples, sample_rate, progress)
        name = DSP_BACKEND
    if layout == "two" and "drums" in stems:
        stems = two_stem(stems)
    return Separation(stems=stems, sample_rate=sample_rate, backend=name, notes=notes)
