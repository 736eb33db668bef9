"""Neural text-to-music backend: MusicGen through transformers, loaded from the local models folder.

Weights are never downloaded: ``$BANDLEADER_MODELS/musicgen`` must hold a ``save_pretrained`` folder
(model + processor/tokenizer). Audio comes back as float32 (channels, n) at the model's sample rate.
The symbolic composer stays the default: it is fast, editable and exact; this backend gives audio
only (no project, no stems).
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from tools.base import Backend, ToolError, default_models_dir

MUSICGEN_FOLDER = "musicgen"
MAX_DURATION_S = 30.0
"""Longest clip the neural backend writes in one go, in seconds."""


def musicgen_path(models_dir: Path | None = None) -> Path:
    """Where MusicGen weights are looked for."""
    return (models_dir or default_models_dir()) / MUSICGEN_FOLDER


def check_musicgen(models_dir: Path | None = None) -> str | None:
    """None when transformers and local MusicGen weights are present, else what is missing."""
    import importlib.util

    if importlib.util.find_spec("transformers") is None:
        return "transformers is not installed"
    path = musicgen_path(models_dir)
    if not (path / "config.json").is_file():
        return f"no MusicGen weights in {path} (save_pretrained a MusicGen model and its processor there)"
    return None


MUSICGEN = Backend(
    "musicgen",
    "CC BY-NC 4.0 (weights)",
    "Meta's MusicGen text-to-music model via transformers (code MIT/Apache-2.0; the released weights are "
    "CC BY-NC 4.0), from $BANDLEADER_MODELS/musicgen.",
    check=check_musicgen,
)


@cache
def load_musicgen(path: str, device: str = "cpu") -> tuple[Any, Any]:
    """(model, processor) from a local folder, loaded once per process."""
    from transformers import AutoProcessor, AutoTokenizer, MusicgenForConditionalGeneration

    model = MusicgenForConditionalGeneration.from_pretrained(path).to(device).eval()
    try:
        processor = AutoProcessor.from_pretrained(path)
    except (OSError, ValueError, TypeError):
        processor = AutoTokenizer.from_pretrained(path)
    return model, processor


def frame_rate_hz(model: Any) -> float:
    """Audio-code frames per second of the model's audio codec."""
    enc = model.config.audio_encoder
    rate = getattr(enc, "frame_rate", None)
    if rate:
        return float(rate)
    return enc.sampling_rate / math.prod(enc.upsampling_ratios)


def generate(
    prompt: str,
    duration_s: float,
    *,
    models_dir: Path | None = None,
    device: str = "cpu",
    seed: int = 0,
    guidance_scale: float = 3.0,
) -> tuple[np.ndarray, int]:
    """Audio for ``prompt`` lasting about ``duration_s`` seconds: (float32 (channels, n), sample rate).

    Raises ToolError("backend_unavailable") when the weights are not in the models folder."""
    reason = check_musicgen(models_dir)
    if reason:
        raise ToolError(f"The MusicGen backend is not available: {reason}.", code="backend_unavailable")
    import torch

    duration_s = max(1.0, min(MAX_DURATION_S, duration_s))
    model, processor = load_musicgen(str(musicgen_path(models_dir)), device)
    inputs = processor(text=[prompt], padding=True, return_tensors="pt")
    inputs = {k: v.to(device) for k, v in inputs.items() if k in ("input_ids", "attention_mask")}
    tokens = max(1, round(duration_s * frame_rate_hz(model)))
    torch.manual_seed(seed)
    with torch.no_grad():
        out = model.generate(**inputs, max_new_tokens=tokens, do_sample=True, guidance_scale=guidance_scale)
    audio = out[0].float().cpu().numpy()
    if audio.ndim == 1:
        audio = audio[np.newaxis, :]
    return audio.astype(np.float32), int(model.config.audio_encoder.sampling_rate)
