"""The planner's sentence embedder: MiniLM-L6, which lives in :mod:`tools.embedding` since the
recommendation catalogue (tools/recommend) embeds captions with the same model."""

from __future__ import annotations

from tools.embedding import (
    MAX_TOKENS,
    MiniLMEmbedder,
    bundled_model_dir,
    cache_dir,
    cached_embeddings,
    default_embedder,
)

__all__ = [
    "MAX_TOKENS",
    "MiniLMEmbedder",
    "bundled_model_dir",
    "cache_dir",
    "cached_embeddings",
    "default_embedder",
]
