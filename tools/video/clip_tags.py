"""Zero-shot scene and mood tags with open_clip (MIT), only when CLIP weights are in the models folder.

Weights layout (the Hugging Face open_clip layout, so a downloaded model folder works as it is)::

    <models>/open_clip/<name>/open_clip_config.json     {"model_cfg": {...}, "preprocess_cfg": {...}}
    <models>/open_clip/<name>/open_clip_model.safetensors   (or open_clip_pytorch_model.bin, *.pth)

``<models>`` is ``tools.base.default_models_dir()`` (``BANDLEADER_MODELS``); ``<name>`` is
``BANDLEADER_CLIP_MODEL`` or else the first folder (sorted) that has both files. Loading goes through
open_clip's ``local-dir:`` schema with the hub switched off: nothing is downloaded. With no weights
the tags are skipped (an empty dict; the backend says ``unavailable: no weights``), never guessed.

Tags are keyed ``scene:<word>`` and ``mood:<word>``. For each of up to ``N_KEYFRAMES`` frames spread
over the clip, the image embedding is compared with one text prompt per tag; a softmax (with the
model's logit scale) within the scene group and within the mood group gives probabilities, averaged
over the frames. Tags whose probability is at least ``MIN_SCORE`` are kept (at most ``TOP_SCENES``
scenes and ``TOP_MOODS`` moods).
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from tools.base import default_models_dir, find_model_folder

SCENES: tuple[str, ...] = (
    "beach", "city street", "mountains", "forest", "desert", "snow", "underwater", "sky", "night city",
    "sunset", "party", "concert", "dance performance", "sports", "skateboarding", "cycling", "wedding",
    "product close-up", "kitchen", "office", "home interior", "road trip", "nature", "crowd", "animals",
)  # fmt: skip
MOODS: tuple[str, ...] = (
    "happy", "sad", "calm", "energetic", "romantic", "tense", "dramatic", "playful", "epic", "dark",
    "nostalgic", "mysterious",
)  # fmt: skip
N_KEYFRAMES: int = 8
MIN_SCORE: float = 0.05
TOP_SCENES, TOP_MOODS = 5, 3
_CONFIG = "open_clip_config.json"
_CHECKPOINTS = ("*.safetensors", "*.bin", "*.pth")


def clip_root(models_dir: Path | None = None) -> Path:
    """Folder holding open_clip model folders: ``<models>/open_clip``."""
    return (models_dir or default_models_dir()) / "open_clip"


def find_weights(models_dir: Path | None = None) -> Path | None:
    """The open_clip model folder to use (config + checkpoint present), or None when there is none."""
    return find_model_folder(clip_root(models_dir), "BANDLEADER_CLIP_MODEL", _is_clip_folder)


def _is_clip_folder(folder: Path) -> bool:
    """True when ``folder`` holds an open_clip config and a checkpoint."""
    return (folder / _CONFIG).is_file() and any(any(folder.glob(g)) for g in _CHECKPOINTS)


def check_clip(models_dir: Path | None = None) -> str | None:
    """None when CLIP tags can run, else why not (``"unavailable: no weights ..."``)."""
    if find_weights(models_dir) is None:
        return f"unavailable: no weights in {clip_root(models_dir)}/<name>/ ({_CONFIG} + checkpoint)"
    if importlib.util.find_spec("open_clip") is None:  # no import here: open_clip pulls in torch
        return "unavailable: open_clip not installed; run scripts/setup.sh"
    return None


@dataclass
class _Loaded:
    model: Any
    preprocess: Any
    scene_text: Any
    mood_text: Any
    name: str


@lru_cache(maxsize=2)
def _load(folder: str) -> _Loaded:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import open_clip
    import torch

    spec = f"local-dir:{folder}"
    model, _, preprocess = open_clip.create_model_and_transforms(spec, device="cpu")
    model.eval()
    tokenizer = open_clip.get_tokenizer(spec)
    with torch.no_grad():
        scene = model.encode_text(tokenizer([f"a video frame of {s}" for s in SCENES]))
        mood = model.encode_text(tokenizer([f"a {m} scene" for m in MOODS]))
    scene = scene / scene.norm(dim=-1, keepdim=True)
    mood = mood / mood.norm(dim=-1, keepdim=True)
    cfg = json.loads((Path(folder) / _CONFIG).read_text())
    name = str(cfg.get("name") or Path(folder).name)
    return _Loaded(model, preprocess, scene, mood, name)


def backend_name(models_dir: Path | None = None) -> str:
    """What :func:`scene_tags` will run: ``open_clip <folder name> (MIT)`` or the unavailable reason."""
    reason = check_clip(models_dir)
    if reason:
        return reason
    folder = find_weights(models_dir)
    return f"open_clip {folder.name if folder else '?'} (MIT)"


def scene_tags(frames_rgb: np.ndarray, models_dir: Path | None = None) -> tuple[dict[str, float], str]:
    """Zero-shot tags of frames (n, h, w, 3 uint8): ``({"scene:beach": 0.41, "mood:calm": 0.3, ...},
    backend)``; an empty dict and the reason when no weights (or open_clip) are here."""
    reason = check_clip(models_dir)
    if reason:
        return {}, reason
    folder = find_weights(models_dir)
    assert folder is not None
    import torch
    from PIL import Image

    loaded = _load(str(folder))
    n = frames_rgb.shape[0]
    if n == 0:
        return {}, f"open_clip {folder.name} (MIT)"
    pick = sorted(set(np.linspace(0, n - 1, min(N_KEYFRAMES, n)).round().astype(int).tolist()))
    batch = torch.stack(
        [loaded.preprocess(Image.fromarray(np.ascontiguousarray(frames_rgb[i]))) for i in pick]
    )
    with torch.no_grad():
        img = loaded.model.encode_image(batch)
        img = img / img.norm(dim=-1, keepdim=True)
        scale = float(loaded.model.logit_scale.exp()) if hasattr(loaded.model, "logit_scale") else 100.0
        scene_p = torch.softmax(scale * img @ loaded.scene_text.T, dim=-1).mean(dim=0).numpy()
        mood_p = torch.softmax(scale * img @ loaded.mood_text.T, dim=-1).mean(dim=0).numpy()
    tags: dict[str, float] = {}
    for words, probs, top, prefix in (
        (SCENES, scene_p, TOP_SCENES, "scene"),
        (MOODS, mood_p, TOP_MOODS, "mood"),
    ):
        for i in np.argsort(-probs)[:top]:
            if probs[i] >= MIN_SCORE:
                tags[f"{prefix}:{words[i]}"] = round(float(probs[i]), 4)
    return tags, f"open_clip {folder.name} (MIT)"
