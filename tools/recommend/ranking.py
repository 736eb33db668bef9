"""Ranking helpers: soft wishes, diversity (maximal marginal relevance) and near-duplicate suppression."""

from __future__ import annotations

import numpy as np

from tools.recommend.features import HIGH_ENERGY, LOW_ENERGY

MMR_LAMBDA: float = 0.75
"""Weight of relevance against novelty when picking each next result (1 = relevance only)."""
DUPLICATE_DISTANCE: float = 0.03
"""Two tracks whose audio vectors are closer than this (Euclidean) count as near-duplicates."""


def wish_met(wish: str, row: dict) -> bool:
    """Whether the track ``row`` (catalogue columns) meets a soft wish (calm, energetic, slow, fast,
    bright, dark)."""
    tempo = row.get("tempo_bpm") or 0.0
    energy = float(row.get("energy") or 0.0)
    if wish == "calm":
        return energy < (LOW_ENERGY + HIGH_ENERGY) / 2
    if wish == "energetic":
        return energy > (LOW_ENERGY + HIGH_ENERGY) / 2
    if wish == "slow":
        return 0 < tempo < 90
    if wish == "fast":
        return tempo > 120
    if wish == "bright":
        return row.get("mode") == "major"
    if wish == "dark":
        return row.get("mode") == "minor"
    return False


def wish_condition(wish: str) -> str | None:
    """The SQL condition of the tracks that meet ``wish`` (as :func:`wish_met` judges them), or None
    for a wish it does not know."""
    middle = (LOW_ENERGY + HIGH_ENERGY) / 2
    return {
        "calm": f"energy < {middle}",
        "energetic": f"energy > {middle}",
        "slow": "tempo_bpm > 0 AND tempo_bpm < 90",
        "fast": "tempo_bpm > 120",
        "bright": "mode = 'major'",
        "dark": "mode = 'minor'",
    }.get(wish)


def diverse_order(relevance: np.ndarray, vectors: np.ndarray, hashes: list[str], n: int) -> list[int]:
    """Indices of up to ``n`` candidates in the order MMR picks them: each next pick maximises
    ``MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * max similarity to those already picked``;
    exact copies (same content hash) and near-duplicates (DUPLICATE_DISTANCE) of a pick are dropped."""
    chosen: list[int] = []
    left = list(range(len(relevance)))
    max_sim = np.zeros(len(relevance))
    while left and len(chosen) < n:
        scores = [MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * max_sim[i] for i in left]
        pick = left[int(np.argmax(scores))]
        chosen.append(pick)
        d = np.linalg.norm(vectors - vectors[pick], axis=1)
        max_sim = np.maximum(max_sim, 1.0 / (1.0 + 4.0 * d))
        left = [i for i in left if i != pick and d[i] >= DUPLICATE_DISTANCE and hashes[i] != hashes[pick]]
    return chosen
