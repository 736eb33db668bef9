"""Neural text-to-music backends: MusicGen and MusicGen-Melody through transformers, loaded from the
local models folder.

Weights are never downloaded: ``$BANDLEADER_MODELS/musicgen`` (text only) and
``$BANDLEADER_MODELS/musicgen-melody`` (text + a melody's chroma) must each hold a
``save_pretrained`` folder (model + tokenizer; the melody model's ``preprocessor_config.json`` gives
its chroma settings). Audio comes back as float32 (channels, n) at the model's sample rate. The
symbolic composer stays the default: it is fast, editable and exact; these give audio only (no
stems). The melody's chroma is computed here in numpy (the same recipe as transformers'
MusicgenMelodyFeatureExtractor, which needs torchaudio).
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from tools.base import Backend, ToolError, default_models_dir

MUSICGEN_FOLDER = "musicgen"
MUSICGEN_MELODY_FOLDER = "musicgen-melody"
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


def musicgen_melody_path(models_dir: Path | None = None) -> Path:
    """Where MusicGen-Melody weights are looked for."""
    return (models_dir or default_models_dir()) / MUSICGEN_MELODY_FOLDER


def check_musicgen_melody(models_dir: Path | None = None) -> str | None:
    """None when transformers has MusicGen-Melody and its weights are present, else what is missing."""
    import importlib.util

    if importlib.util.find_spec("transformers") is None:
        return "transformers is not installed"
    path = musicgen_melody_path(models_dir)
    if not (path / "config.json").is_file():  # checked first: importing transformers takes ~10 s here
        return f"no MusicGen-Melody weights in {path} (save_pretrained the model and its tokenizer there)"
    if importlib.util.find_spec("transformers.models.musicgen_melody") is None:
        return "this transformers has no MusicgenMelodyForConditionalGeneration"
    return None


MUSICGEN_MELODY = Backend(
    "musicgen-melody",
    "CC BY-NC 4.0 (weights)",
    "Meta's MusicGen-Melody via transformers, conditioned on the text and on a melody's chroma (the "
    "symbolic composer's melody or an uploaded recording), from $BANDLEADER_MODELS/musicgen-melody.",
    check=check_musicgen_melody,
)


def neural_backend(models_dir: Path | None = None, melody: bool = True) -> str:
    """'musicgen-melody' (when ``melody`` and its weights exist) or 'musicgen'; ToolError naming the
    folders looked in when neither has weights."""
    if melody and check_musicgen_melody(models_dir) is None:
        return MUSICGEN_MELODY.name
    if check_musicgen(models_dir) is None:
        return MUSICGEN.name
    if check_musicgen_melody(models_dir) is None:
        return MUSICGEN_MELODY.name
    raise ToolError(
        "The MusicGen backend is not available: no weights in "
        f"{musicgen_path(models_dir)} or {musicgen_melody_path(models_dir)} (save_pretrained a MusicGen "
        "model there; its weights are CC BY-NC 4.0). The default symbolic backend works without them.",
        code="backend_unavailable",
    )


def default_device() -> str:
    """'cuda' when a GPU is usable, else 'cpu'."""
    try:
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    except ImportError:
        return "cpu"


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


@cache
def load_musicgen_melody(path: str, device: str = "cpu") -> tuple[Any, Any, dict[str, Any]]:
    """(model, tokenizer, chroma settings) of a local MusicGen-Melody folder, loaded once per process.

    The chroma settings (sampling_rate, n_fft, hop_length, num_chroma) come from the folder's
    ``preprocessor_config.json`` (MusicgenMelodyFeatureExtractor's defaults when absent)."""
    import json

    from transformers import AutoTokenizer, MusicgenMelodyForConditionalGeneration

    model = MusicgenMelodyForConditionalGeneration.from_pretrained(path).to(device).eval()
    tokenizer = AutoTokenizer.from_pretrained(path)
    settings: dict[str, Any] = {"sampling_rate": 32000, "n_fft": 16384, "hop_length": 4096, "num_chroma": 12}
    pre = Path(path) / "preprocessor_config.json"
    if pre.is_file():
        saved = json.loads(pre.read_text())
        settings.update({k: saved[k] for k in settings if k in saved})
    settings["num_chroma"] = int(model.config.num_chroma)
    return model, tokenizer, settings


def melody_chroma(
    samples: np.ndarray,
    sample_rate: int,
    *,
    feature_rate: int = 32000,
    n_fft: int = 16384,
    hop_length: int = 4096,
    num_chroma: int = 12,
) -> np.ndarray:
    """The one-hot dominant chroma per frame, float32 (frames, ``num_chroma``), bin 0 = C: what
    MusicGen-Melody is conditioned on (power spectrogram, chroma filter bank, argmax per frame)."""
    import soxr
    from transformers.audio_utils import chroma_filter_bank

    mono = samples.mean(axis=0) if samples.ndim == 2 else samples
    mono = mono.astype(np.float32)
    if sample_rate != feature_rate:
        mono = soxr.resample(mono, sample_rate, feature_rate).astype(np.float32)
    if len(mono) < n_fft:
        mono = np.pad(mono, (0, n_fft - len(mono)))
    padded = np.pad(mono, (n_fft // 2, n_fft // 2), mode="reflect")
    frames = 1 + (len(padded) - n_fft) // hop_length
    idx = np.arange(n_fft)[None, :] + hop_length * np.arange(frames)[:, None]
    window = np.hanning(n_fft + 1)[:-1].astype(np.float32)
    spec = np.abs(np.fft.rfft(padded[idx] * window, axis=1)) ** 2  # (frames, bins)
    filters = chroma_filter_bank(
        num_frequency_bins=n_fft, num_chroma=num_chroma, sampling_rate=feature_rate, tuning=0
    )
    chroma = spec @ filters.T  # (frames, num_chroma)
    onehot = np.zeros_like(chroma, dtype=np.float32)
    onehot[np.arange(frames), np.argmax(chroma, axis=1)] = 1.0
    return onehot


def generate_with_melody(
    prompt: str,
    duration_s: float,
    melody: np.ndarray,
    melody_rate: int,
    *,
    models_dir: Path | None = None,
    device: str = "cpu",
    seed: int = 0,
    guidance_scale: float = 3.0,
) -> tuple[np.ndarray, int]:
    """Audio for ``prompt`` following ``melody`` ((channels, n) or mono at ``melody_rate``) for about
    ``duration_s`` seconds: (float32 (channels, n), sample rate). ToolError("backend_unavailable")
    when MusicGen-Melody is missing."""
    reason = check_musicgen_melody(models_dir)
    if reason:
        raise ToolError(
            f"The MusicGen-Melody backend is not available: {reason}.", code="backend_unavailable"
        )
    import torch

    duration_s = max(1.0, min(MAX_DURATION_S, duration_s))
    model, tokenizer, settings = load_musicgen_melody(str(musicgen_melody_path(models_dir)), device)
    chroma = melody_chroma(
        melody[..., : int(MAX_DURATION_S * melody_rate)],
        melody_rate,
        feature_rate=int(settings["sampling_rate"]),
        n_fft=int(settings["n_fft"]),
        hop_length=int(settings["hop_length"]),
        num_chroma=int(settings["num_chroma"]),
    )
    text = tokenizer([prompt], padding=True, return_tensors="pt")
    inputs = {k: v.to(device) for k, v in text.items() if k in ("input_ids", "attention_mask")}
    features = torch.from_numpy(chroma)[None].to(device=device, dtype=model.dtype)
    tokens = max(1, round(duration_s * frame_rate_hz(model)))
    torch.manual_seed(seed)
    with torch.no_grad():
        out = model.generate(
            **inputs,
            input_features=features,
            max_new_tokens=tokens,
            do_sample=True,
            guidance_scale=guidance_scale,
        )
    audio = out[0].float().cpu().numpy()
    if audio.ndim == 1:
        audio = audio[np.newaxis, :]
    return audio.astype(np.float32), int(model.config.audio_encoder.sampling_rate)
