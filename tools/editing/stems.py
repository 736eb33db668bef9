"""Stems of a version for the edits that work per stem (remix, effects on one stem, carrying stems along).

A version made by ``separate`` (or by an edit that carried its stems) has stem companions; for any other
version the stems are made on the spot by the separator and the result says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from tools.audio.decode import decode_audio
from tools.audio.types import Audio
from tools.base import ArtifactInfo, ToolContext
from tools.separation.api import separate_samples
from tools.separation.stems_store import save_stem, stem_companions


def version_stems(ctx: ToolContext, src: ArtifactInfo, audio: Audio) -> tuple[dict[str, Audio], str | None]:
    """Stem name -> stem audio (at ``audio``'s rate and length) of ``src``, and the separator's name when
    the stems had to be made now (None when they were saved with the version)."""
    saved = stem_companions(ctx.workspace, src)
    if saved:
        out = {}
        for name, info in saved.items():
            stem = decode_audio(Path(info.path), sample_rate=audio.sample_rate, allow_silent=True)
            out[name] = audio.with_samples(_fit(stem.samples, audio.channels, audio.n_samples))
        return out, None
    ctx.progress(0.05, "separating the stems first")
    sep = separate_samples(audio.samples, audio.sample_rate, models_dir=ctx.models_dir)
    return {k: audio.with_samples(v) for k, v in sep.stems.items()}, sep.backend


def _fit(x: np.ndarray, channels: int, n: int) -> np.ndarray:
    if x.shape[0] != channels:
        x = np.repeat(x.mean(axis=0, keepdims=True), channels, axis=0)
    return x[:, :n] if x.shape[1] >= n else np.pad(x, ((0, 0), (0, n - x.shape[1])))


def processed_stems(
    ctx: ToolContext, src: ArtifactInfo, sample_rate: int, change: Callable[[np.ndarray], np.ndarray]
) -> dict[str, np.ndarray]:
    """Each stem companion of ``src`` (decoded at ``sample_rate`` Hz) put through ``change``; empty when
    ``src`` has no stems. Tools that change timing or pitch make the new mix the sum of these, since a
    phase vocoder is not linear: stretching the stems one by one and the mix once would disagree."""
    out = {}
    for name, info in stem_companions(ctx.workspace, src).items():
        stem = decode_audio(Path(info.path), sample_rate=sample_rate, allow_silent=True)
        out[name] = change(stem.samples)
    return out


def save_stems(
    ctx: ToolContext, stems: dict[str, Audio], saved: ArtifactInfo, source_label: str
) -> list[str]:
    """Save ``stems`` as companions of ``saved``; returns their names."""
    for name, stem in stems.items():
        save_stem(ctx, name, stem, saved, source_label)
    return list(stems)
