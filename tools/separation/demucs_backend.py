"""The Demucs-family backend: a model saved by Demucs (``.th`` package) loaded from the local models folder.

Weights are never downloaded: the backend looks for ``<models_dir>/demucs/*.th`` (e.g. ``htdemucs.th``
copied there by hand; ``BANDLEADER_DEMUCS_MODEL`` names one file explicitly) and is unavailable, by
name, when there is none. Runs on the GPU when torch sees one, else on the CPU, in Demucs's own
overlapping segments.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from tools.base import default_models_dir
from tools.separation import constants as c

_LOCK = threading.Lock()


def demucs_weights(models_dir: Path | None = None) -> Path | None:
    """The Demucs model file to use: ``BANDLEADER_DEMUCS_MODEL`` if set, else the first ``*.th`` in
    ``<models_dir>/demucs`` (sorted by name); None when there is none."""
    explicit = os.environ.get("BANDLEADER_DEMUCS_MODEL")
    if explicit:
        path = Path(explicit).expanduser()
        return path if path.is_file() else None
    folder = (models_dir or default_models_dir()) / "demucs"
    if not folder.is_dir():
        return None
    found = sorted(folder.glob("*.th"))
    return found[0] if found else None


def check_demucs(models_dir: Path | None = None) -> str | None:
    """None when the Demucs backend can run here, else what to do about it."""
    if importlib.util.find_spec("demucs_infer") is None:
        return "the demucs-infer package is not installed: run `pip install demucs-infer`"
    if demucs_weights(models_dir) is None:
        folder = (models_dir or default_models_dir()) / "demucs"
        return f"no Demucs weights: copy a model file (e.g. htdemucs.th) into {folder}"
    return None


@cache
def load_demucs(path: str) -> Any:
    """The Demucs model stored at ``path`` (a package saved by Demucs: klass, args, kwargs, state),
    loaded once per process, in eval mode, on the GPU when one is visible."""
    import torch
    from demucs_infer.states import load_model

    model = load_model(path)
    model.eval()
    if torch.cuda.is_available():
        model.cuda()
    return model


def _to_stems(sources: list[str], out: np.ndarray) -> dict[str, np.ndarray]:
    """The model's sources (n_sources, channels, n) as the four-stem layout; sources a model lacks are
    silent, and extra sources (guitar, piano in 6-stem models) are added to 'other'."""
    stems = {name: np.zeros_like(out[0]) for name in c.FOUR_STEMS}
    for name, stem in zip(sources, out, strict=True):
        stems[name if name in stems else "other"] += stem
    return stems


def separate_demucs(samples: np.ndarray, sample_rate: int, weights: Path) -> dict[str, np.ndarray]:
    """The four stems of ``samples`` (channels, n) at ``sample_rate`` Hz by the Demucs model in
    ``weights``; each (channels, n) float32 at ``sample_rate``. Mono input is duplicated to the model's
    channel count and folded back."""
    import torch
    from demucs_infer.apply import apply_model

    from tools.separation.resample import resample

    model = load_demucs(str(weights))
    x = resample(samples, sample_rate, int(model.samplerate))
    channels = x.shape[0]
    if channels != model.audio_channels:
        x = np.repeat(x.mean(axis=0, keepdims=True), model.audio_channels, axis=0)
    device = next(model.parameters()).device
    mix = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))[None]
    with _LOCK, torch.no_grad():
        out = apply_model(model, mix, shifts=1, split=True, overlap=c.DEMUCS_SEGMENT_OVERLAP, device=device)
    est = out[0].cpu().numpy().astype(np.float32)
    if channels != model.audio_channels:
        est = est.mean(axis=1, keepdims=True).repeat(channels, axis=1)
    est = np.stack([resample(s, int(model.samplerate), sample_rate, length=samples.shape[1]) for s in est])
    return _to_stems(list(model.sources), est)
