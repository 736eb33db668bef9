"""The merged planner model: base weights + the committed LoRA adapter, as one plain HF folder.

vLLM serves the folder without ``--enable-lora`` (``bandleader llm build-planner`` or
:func:`build_planner_model` at set-up); nothing large is committed, only the adapter.
"""

from __future__ import annotations

import json
from pathlib import Path

from agent.planners.tuning.base_model import PLANNER_DIR_NAME, base_model_dir, models_dir

ADAPTER_DIR = Path(__file__).parent / "adapter"
"""The committed adapter (adapter_config.json, adapter_model.safetensors, training.json, MODEL_CARD.md)."""


SERVING_TEMPLATE = (
    Path(__file__).resolve().parents[3] / "serving" / "llm" / "templates" / "smollm2_tool_chat.jinja"
)
"""The serving chat template the adapter was trained with (made names-only), read as a file."""


def merge_adapter(
    adapter: Path, out: Path, base: Path | None = None, chat_template: str | None = None
) -> Path:
    """Merge the LoRA ``adapter`` into ``base`` (default: the base the adapter names, else SmolLM2-135M
    from the GGUF) and save weights (bfloat16 where the base is float) and tokenizer to ``out``; with
    ``chat_template`` (jinja text) the tokenizer carries it. Returns ``out``."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    base = base or base_model_dir()
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
    merged = PeftModel.from_pretrained(model, adapter).merge_and_unload()
    tok = AutoTokenizer.from_pretrained(base)
    if chat_template:
        tok.chat_template = chat_template
    tmp = out.with_name(out.name + ".part")
    merged.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    info = {"base": str(base), "adapter": str(adapter)}
    (tmp / "bandleader_planner.json").write_text(json.dumps(info, indent=2))
    if out.exists():
        import shutil

        shutil.rmtree(out)
    tmp.rename(out)
    return out


def planner_model_dir() -> Path:
    """Where the merged planner lives: ``$BANDLEADER_MODELS/bandleader-planner-135m``."""
    return models_dir() / PLANNER_DIR_NAME


def build_planner_model(force: bool = False, chat_template: Path | None = None) -> Path:
    """The merged planner folder (built from the committed adapter on first use, or when ``force``);
    ``chat_template``: the serving template file (default :data:`SERVING_TEMPLATE`), which the
    tokenizer carries made names-only (the
    prompt the adapter was trained on), so vLLM serves the folder with its own template. Returns
    its path."""
    out = planner_model_dir()
    if not force and (out / "config.json").exists():
        return out
    if not (ADAPTER_DIR / "adapter_config.json").exists():
        raise FileNotFoundError(f"no adapter in {ADAPTER_DIR}: train one with scripts/train_planner.py")
    from agent.planners.tuning.prompt_format import names_only_template

    text = names_only_template((chat_template or SERVING_TEMPLATE).read_text())
    return merge_adapter(ADAPTER_DIR, out, chat_template=text)


def main() -> None:
    """``python -m agent.planners.tuning.merge [--force]``: build the merged planner folder."""
    import argparse

    parser = argparse.ArgumentParser(description="Build $BANDLEADER_MODELS/bandleader-planner-135m.")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--chat-template", type=Path, default=None, help="serving template (made names-only)")
    args = parser.parse_args()
    template = None
    if args.chat_template:
        from agent.planners.tuning.prompt_format import names_only_template

        template = names_only_template(args.chat_template.read_text())
    out = planner_model_dir()
    if args.force or not (out / "config.json").exists():
        out = merge_adapter(ADAPTER_DIR, out, chat_template=template)
    print(out)


if __name__ == "__main__":
    main()
