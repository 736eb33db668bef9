"""CLIP scene/mood tags: loaded from a local folder (a tiny random open_clip model made here), and
skipped, never guessed, when no weights are there."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tools.video import clip_tags

TINY_CFG = {
    "embed_dim": 16,
    "vision_cfg": {"image_size": 32, "layers": 1, "width": 32, "head_width": 16, "patch_size": 16},
    "text_cfg": {"context_length": 16, "vocab_size": 49408, "width": 32, "heads": 2, "layers": 1},
}


def _frames() -> np.ndarray:
    rng = np.random.default_rng(0)
    return rng.integers(0, 255, size=(5, 48, 64, 3), dtype=np.uint8)


def test_no_weights_means_no_tags(tmp_path: Path) -> None:
    tags, backend = clip_tags.scene_tags(_frames(), models_dir=tmp_path)
    assert tags == {}
    assert backend.startswith("unavailable: no weights")
    # a config without a checkpoint is no model either
    folder = tmp_path / "open_clip" / "half"
    folder.mkdir(parents=True)
    (folder / "open_clip_config.json").write_text(json.dumps({"model_cfg": TINY_CFG}))
    assert clip_tags.scene_tags(_frames(), models_dir=tmp_path) == ({}, backend)


@pytest.mark.slow
def test_a_local_open_clip_model_is_loaded_and_tags_the_frames(tmp_path: Path) -> None:
    open_clip = pytest.importorskip("open_clip")
    torch = pytest.importorskip("torch")
    from safetensors.torch import save_file

    torch.manual_seed(0)
    model = open_clip.model.CLIP(**TINY_CFG)
    folder = tmp_path / "open_clip" / "tiny-test"
    folder.mkdir(parents=True)
    state = {k: v.contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(folder / "open_clip_model.safetensors"))
    preprocess = {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}
    (folder / "open_clip_config.json").write_text(
        json.dumps({"model_cfg": TINY_CFG, "preprocess_cfg": preprocess})
    )

    assert clip_tags.check_clip(tmp_path) is None
    tags, backend = clip_tags.scene_tags(_frames(), models_dir=tmp_path)
    assert backend == "open_clip tiny-test (MIT)"
    # the loader used the saved weights, not a fresh random model
    loaded = clip_tags._load(str(folder)).model.state_dict()
    assert all(torch.equal(loaded[k], v) for k, v in state.items())
    scenes = {k: v for k, v in tags.items() if k.startswith("scene:")}
    moods = {k: v for k, v in tags.items() if k.startswith("mood:")}
    assert set(scenes) <= {f"scene:{s}" for s in clip_tags.SCENES}
    assert set(moods) <= {f"mood:{m}" for m in clip_tags.MOODS}
    assert len(scenes) <= clip_tags.TOP_SCENES and len(moods) <= clip_tags.TOP_MOODS
    assert all(clip_tags.MIN_SCORE <= v <= 1.0 for v in tags.values())
    assert sum(scenes.values()) <= 1.0 + 1e-6 and sum(moods.values()) <= 1.0 + 1e-6
    # the scores are the model's: recompute the scene probabilities by hand for the same frames
    loaded_model = clip_tags._load(str(folder))
    from PIL import Image

    frames = _frames()
    pick = np.linspace(0, len(frames) - 1, min(clip_tags.N_KEYFRAMES, len(frames))).round().astype(int)
    batch = torch.stack([loaded_model.preprocess(Image.fromarray(frames[i])) for i in sorted(set(pick))])
    with torch.no_grad():
        img = loaded_model.model.encode_image(batch)
        img = img / img.norm(dim=-1, keepdim=True)
        scale = float(loaded_model.model.logit_scale.exp())
        probs = torch.softmax(scale * img @ loaded_model.scene_text.T, dim=-1).mean(dim=0).numpy()
    expected = {
        f"scene:{clip_tags.SCENES[i]}": round(float(probs[i]), 4)
        for i in np.argsort(-probs)[: clip_tags.TOP_SCENES]
        if probs[i] >= clip_tags.MIN_SCORE
    }
    assert scenes and scenes == pytest.approx(expected, abs=1e-4)
