"""CLAP audio embeddings for "more like this", only when CLAP weights are in the local models folder.

Weights layout (a Hugging Face ``ClapModel`` folder, e.g. ``laion/clap-htsat-unfused``, Apache-2.0)::

    <models>/clap/<name>/config.json                 the ClapModel config
    <models>/clap/<name>/model.safetensors           (or pytorch_model.bin)
    <models>/clap/<name>/preprocessor_config.json    the ClapFeatureExtractor

``<models>`` is ``tools.base.default_models_dir()`` (``BANDLEADER_MODELS``); ``<name>`` is
``BANDLEADER_CLAP_MODEL`` or else the first folder (sorted) that has the three files. Nothing is ever
downloaded (``local_files_only``). Without weights the catalogue keeps the documented feature vector
(tools.recommend.vectors, ``bandleader-features-v1``) as its only audio embedding.

A track's embedding is the mean of the model's unit-length audio embeddings of up to ``WINDOWS``
windows (each as long as the feature extractor's ``max_length_s``, 10 s for LAION CLAP) spread over the
track, made unit-length again; a track shorter than a window is one (repeat-padded) window.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from tools.base import default_models_dir, find_model_folder

WINDOWS: int = 3
"""Windows per track (spread evenly over it) whose embeddings are averaged."""
_FILES = ("config.json", "preprocessor_config.json")
_CHECKPOINTS = ("model.safetensors", "pytorch_model.bin")
LICENCE: str = "Apache-2.0"
"""Licence of the code (transformers) and of the LAION CLAP weights this layout expects; a different
checkpoint brings its own licence."""


def clap_root(models_dir: Path | None = None) -> Path:
    """Folder holding CLAP model folders: ``<models>/clap``."""
    return (models_dir or default_models_dir()) / "clap"


def find_clap(models_dir: Path | None = None) -> Path | None:
    """The CLAP model folder to use (config, feature extractor and weights present), or None."""
    return find_model_folder(clap_root(models_dir), "BANDLEADER_CLAP_MODEL", is_clap_folder)


def is_clap_folder(folder: Path) -> bool:
    """True when ``folder`` holds a CLAP config, feature extractor config and weights."""
    return all((folder / f).is_file() for f in _FILES) and any((folder / c).is_file() for c in _CHECKPOINTS)


def _libraries_missing() -> str | None:
    if importlib.util.find_spec("transformers") is None or importlib.util.find_spec("torch") is None:
        return "transformers and torch are not installed; run scripts/setup.sh"
    return None


def check_clap(models_dir: Path | None = None) -> str | None:
    """None when CLAP embeddings can be made here, else why not (``"unavailable: ..."``)."""
    if find_clap(models_dir) is None:
        return f"no weights in {clap_root(models_dir)}/<name>/ (config, preprocessor, weights)"
    return _libraries_missing()


def check_clap_folder(folder: Path) -> str | None:
    """None when the CLAP model in ``folder`` can run here, else why not."""
    if not is_clap_folder(folder):
        return f"no CLAP weights in {folder}"
    return _libraries_missing()


def backend_name(folder: Path) -> str:
    """The name a catalogue stores for embeddings of the model in ``folder`` (``clap:<folder name>``)."""
    return f"clap:{folder.name}"


class ClapEmbedder:
    """A loaded CLAP model and its feature extractor (CPU, inference only)."""

    def __init__(self, folder: Path) -> None:
        import torch
        from transformers import ClapFeatureExtractor, ClapModel

        self.folder = folder
        self.torch = torch
        self.model: Any = ClapModel.from_pretrained(str(folder), local_files_only=True).eval()
        self.extractor: Any = ClapFeatureExtractor.from_pretrained(str(folder), local_files_only=True)
        self.sample_rate = int(self.extractor.sampling_rate)
        self.window = int(self.extractor.nb_max_samples)

    @property
    def dimension(self) -> int:
        """Length of an embedding (the model's projection size)."""
        return int(self.model.config.projection_dim)

    def embed_samples(self, mono: np.ndarray) -> np.ndarray:
        """The unit-length embedding (float32, :attr:`dimension`) of mono samples at :attr:`sample_rate`."""
        n = len(mono)
        if n <= self.window:
            windows = [mono]
        else:
            starts = np.linspace(0, n - self.window, WINDOWS).astype(int)
            windows = [mono[s : s + self.window] for s in sorted(set(starts.tolist()))]
        fused = bool(getattr(self.model.config.audio_config, "enable_fusion", False))
        inputs = self.extractor(
            [w.astype(np.float32) for w in windows],
            sampling_rate=self.sample_rate,
            return_tensors="pt",
            truncation="fusion" if fused else "rand_trunc",  # windows are never longer: no random crop
            padding="repeatpad",
        )
        with self.torch.inference_mode():
            out = self.model.get_audio_features(**inputs)
        vecs = out.pooler_output if hasattr(out, "pooler_output") else out
        mean = vecs.float().mean(0).numpy()
        return (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)

    def embed_file(self, path: str | Path) -> np.ndarray:
        """The embedding of the audio file at ``path`` (decoded mono at the model's rate)."""
        from tools.audio.decode import decode_audio

        audio = decode_audio(path, self.sample_rate, mono=True, allow_silent=True)
        return self.embed_samples(audio.samples[0])


@lru_cache(maxsize=2)
def load_clap(folder: str) -> ClapEmbedder:
    """The CLAP model in ``folder``, loaded once per process."""
    return ClapEmbedder(Path(folder))
