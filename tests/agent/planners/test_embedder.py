"""The numpy MiniLM forward pass must give the same vectors as sentence-transformers."""

from __future__ import annotations

import numpy as np
import pytest

from agent.planners.embedder import bundled_model_dir, default_embedder


def test_embeddings_are_unit_length_and_semantic() -> None:
    e = default_embedder()
    v = e.encode(["make it louder", "turn the volume up", "go back to version 3"])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


@pytest.mark.slow
def test_matches_sentence_transformers() -> None:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    reference = sentence_transformers.SentenceTransformer(str(bundled_model_dir()), device="cpu")
    texts = ["normalise this to -14 LUFS", "undo", "trim to 30 s and fade out the last 3 seconds"]
    ours = default_embedder().encode(texts)
    theirs = reference.encode(texts, normalize_embeddings=True)
    assert np.abs(ours - theirs).max() < 1e-4
