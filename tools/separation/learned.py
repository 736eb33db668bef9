"""A small learned vocal-mask network (two stems: vocals / accompaniment), trained here on data the
project can make (see ``scripts/train_separator.py`` and ``tools/separation/models/MODEL_CARD.md``).

The network sees the log-magnitude STFT of a mono downmix at ``SAMPLE_RATE`` and predicts a soft vocal
mask per time-frequency cell; the mask is applied to each channel's complex STFT, the vocals come back by
inverse STFT, and the accompaniment is the mixture minus the vocals (so the two stems sum to the input).
Frequency is the channel axis of 1-D convolutions over time (dilated residual blocks), so the model is
fully convolutional in time and small (about a million weights, stored in float16).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

SAMPLE_RATE: int = 22_050
"""Rate the network works at, in Hz (stems are resampled back to the source's rate)."""
N_FFT: int = 1024
"""STFT frame length, in samples at ``SAMPLE_RATE`` (46 ms)."""
HOP: int = 256
"""STFT hop, in samples at ``SAMPLE_RATE`` (11.6 ms)."""
N_BINS: int = N_FFT // 2 + 1
"""Frequency bins of one STFT frame."""

_LOCK = threading.Lock()


def build_model(hidden: int = 192, blocks: int = 6) -> Any:
    """A fresh (random) mask network: (batch, N_BINS, frames) log-magnitude -> (batch, N_BINS, frames)
    vocal mask in [0, 1]."""
    import torch
    from torch import nn

    class Block(nn.Module):
        def __init__(self, ch: int, dilation: int) -> None:
            super().__init__()
            self.conv = nn.Conv1d(ch, ch, 3, padding=dilation, dilation=dilation)
            self.norm = nn.GroupNorm(1, ch)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return x + torch.relu(self.norm(self.conv(x)))

    class MaskNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.hidden, self.blocks = hidden, blocks
            self.inp = nn.Conv1d(N_BINS, hidden, 3, padding=1)
            self.body = nn.Sequential(*[Block(hidden, 2 ** (i % 4)) for i in range(blocks)])
            self.out = nn.Conv1d(hidden, N_BINS, 1)

        def forward(self, logmag: torch.Tensor) -> torch.Tensor:
            mu = logmag.mean(dim=(1, 2), keepdim=True)
            sd = logmag.std(dim=(1, 2), keepdim=True) + 1e-3
            h = torch.relu(self.inp((logmag - mu) / sd))
            return torch.sigmoid(self.out(self.body(h)))

    return MaskNet()


def stft(x: np.ndarray) -> Any:
    """Complex STFT (channels, N_BINS, frames) torch tensor of ``x`` (channels, n) float32 at SAMPLE_RATE."""
    import torch

    t = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))
    return torch.stft(t, N_FFT, HOP, window=torch.hann_window(N_FFT), return_complex=True)


def log_magnitude(spec: Any) -> Any:
    """log(1 + 100 |spec|) of a complex STFT, mean over channels: (N_BINS, frames)."""
    import torch

    return torch.log1p(100.0 * spec.abs().mean(dim=0))


def save_model(model: Any, path: Path, meta: dict[str, Any]) -> None:
    """Write ``model``'s weights (float16) and its size and ``meta`` (data, figures) to ``path`` (.pt)."""
    import torch

    state = {k: v.detach().half() for k, v in model.state_dict().items()}
    torch.save({"hidden": model.hidden, "blocks": model.blocks, "state": state, "meta": meta}, path)


def load_model(path: Path) -> Any:
    """The mask network stored at ``path`` by :func:`save_model`, float32, in eval mode."""
    import torch

    blob = torch.load(path, map_location="cpu", weights_only=True)
    model = build_model(int(blob["hidden"]), int(blob["blocks"]))
    model.load_state_dict({k: v.float() for k, v in blob["state"].items()})
    model.eval()
    return model


def separate_vocals(model: Any, samples: np.ndarray) -> np.ndarray:
    """The vocal estimate (channels, n) float32 of ``samples`` (channels, n) at ``SAMPLE_RATE``."""
    import torch

    spec = stft(samples)
    with torch.no_grad():
        mask = model(log_magnitude(spec)[None])[0]
    est = torch.istft(spec * mask[None], N_FFT, HOP, window=torch.hann_window(N_FFT), length=samples.shape[1])
    return est.numpy().astype(np.float32)


SHIPPED_MODEL: Path = Path(__file__).resolve().parent / "models" / "vocals_masknet.pt"
"""The trained weights shipped in the repository (see models/MODEL_CARD.md)."""


def learned_weights() -> Path | None:
    """The mask-network file to use: ``BANDLEADER_SEPARATOR_MODEL`` when set (None if that file is
    missing), else the shipped ``SHIPPED_MODEL`` when present."""
    explicit = os.environ.get("BANDLEADER_SEPARATOR_MODEL")
    if explicit:
        path = Path(explicit).expanduser()
        return path if path.is_file() else None
    return SHIPPED_MODEL if SHIPPED_MODEL.is_file() else None


def check_learned() -> str | None:
    """None when the learned separator can run here, else what to do about it."""
    if importlib.util.find_spec("torch") is None:
        return "PyTorch is not installed: run `pip install torch`"
    if learned_weights() is None:
        missing = os.environ.get("BANDLEADER_SEPARATOR_MODEL") or SHIPPED_MODEL
        return f"no separator weights: the file {missing} is missing"
    return None


@cache
def _cached_model(path: str) -> Any:
    return load_model(Path(path))


def separate_two(samples: np.ndarray, sample_rate: int, weights: Path) -> dict[str, np.ndarray]:
    """Vocals and accompaniment of ``samples`` (channels, n) at ``sample_rate`` Hz by the network in
    ``weights``: each (channels, n) float32 at ``sample_rate``, and they sum to ``samples``. Long tracks
    go through in overlapping chunks (memory bounded)."""
    from tools.separation import constants as c
    from tools.separation.chunks import separate_in_chunks
    from tools.separation.resample import resample

    model = _cached_model(str(weights))
    x = resample(samples, sample_rate, SAMPLE_RATE)
    with _LOCK:
        stems = separate_in_chunks(
            x,
            lambda chunk: {"vocals": separate_vocals(model, chunk)},
            chunk=int(c.CHUNK_S * SAMPLE_RATE),
            overlap=int(c.OVERLAP_S * SAMPLE_RATE),
        )
    vocals = resample(stems["vocals"], SAMPLE_RATE, sample_rate, length=samples.shape[1])
    return {"vocals": vocals, "accompaniment": samples.astype(np.float32) - vocals}
