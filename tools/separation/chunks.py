"""Run a separator over a long track in overlapping chunks, cross-faded, so memory stays bounded."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

ChunkFn = Callable[[np.ndarray], dict[str, np.ndarray]]
Progress = Callable[[float, str], None]


def _no_progress(fraction: float, message: str) -> None:
    return None


def chunk_starts(n_samples: int, chunk: int, overlap: int) -> list[int]:
    """Start samples of chunks of ``chunk`` samples overlapping by ``overlap`` that cover ``n_samples``."""
    if n_samples <= chunk:
        return [0]
    step = chunk - overlap
    starts = list(range(0, n_samples - chunk, step))
    starts.append(n_samples - chunk)
    return starts


def separate_in_chunks(
    samples: np.ndarray,
    fn: ChunkFn,
    *,
    chunk: int,
    overlap: int,
    progress: Progress = _no_progress,
) -> dict[str, np.ndarray]:
    """Apply ``fn`` (a chunk (channels, n) -> stems) over ``samples`` (channels, n_samples) in chunks of
    ``chunk`` samples overlapping by ``overlap``; overlaps are cross-faded with complementary linear
    ramps, so stems that summed to each chunk sum to the whole. Returns stem name -> (channels, n)."""
    n = samples.shape[1]
    starts = chunk_starts(n, chunk, overlap)
    out: dict[str, np.ndarray] = {}
    weight = np.zeros(n, dtype=np.float32)
    for i, s0 in enumerate(starts):
        s1 = min(s0 + chunk, n)
        stems = fn(samples[:, s0:s1])
        w = np.ones(s1 - s0, dtype=np.float32)
        if i > 0:
            ov = min(overlap, starts[i - 1] + chunk - s0, s1 - s0)
            w[:ov] = np.linspace(0.0, 1.0, ov + 2, dtype=np.float32)[1:-1]
        if i < len(starts) - 1:
            ov = min(overlap, s1 - starts[i + 1])
            w[s1 - s0 - ov :] = np.linspace(1.0, 0.0, ov + 2, dtype=np.float32)[1:-1]
        for name, stem in stems.items():
            acc = out.setdefault(name, np.zeros_like(samples, dtype=np.float32))
            acc[:, s0:s1] += stem * w
        weight[s0:s1] += w
        progress((i + 1) / len(starts), f"separated {min(s1, n) / max(n, 1):.0%}")
    weight = np.maximum(weight, 1e-6)
    return {name: acc / weight for name, acc in out.items()}
