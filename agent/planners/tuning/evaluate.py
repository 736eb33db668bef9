"""In-process evaluation of the fine-tuned planner on the held-back phrasings (``test.jsonl``).

Prints tool-choice accuracy, argument accuracy, clarification precision/recall, help/refusal
handling, exact plans and p50/p95 planning latency (seconds, warm) for the LocalPlanner, the
un-tuned base model and the fine-tuned model, measured in the same run on the same rows.

Run: ``python -m agent.planners.tuning.evaluate [--every N] [--planners local,base,tuned]
[--adapter DIR] [--chat-template FILE]``. The tuned model is the merged folder
(:func:`.merge.planner_model_dir`) when built, else base + ``--adapter`` (default: the committed one).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from agent.planners.dry_run import dry_plan
from agent.planners.phrasings.score import ACCURACY_METRICS, judge, summarise
from agent.planners.tuning.data import load_split

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_TEMPLATE = ROOT / "serving" / "llm" / "templates" / "smollm2_tool_chat.jinja"
METRICS = [*ACCURACY_METRICS, "cold_s", "p50_s", "p95_s"]


def hf_planner(which: str, template: Path | None = None, adapter: Path | None = None) -> Any:
    """'base' (SmolLM2-135M-Instruct, un-tuned) or 'tuned' (merged folder, else base + adapter) as an
    :class:`HFPlanner` using the chat template file ``template`` (default: the serving template).
    FileNotFoundError when 'tuned' has neither a merged folder nor an adapter."""
    from agent.planners.tuning.base_model import base_model_dir
    from agent.planners.tuning.hf_planner import HFPlanner
    from agent.planners.tuning.merge import ADAPTER_DIR, planner_model_dir

    path = template or DEFAULT_TEMPLATE
    text = path.read_text() if path.exists() else None
    if which == "base":
        return HFPlanner(base_model_dir(), chat_template=text, name="base")
    merged = planner_model_dir()
    if adapter is None and (merged / "config.json").exists():
        return HFPlanner(merged, chat_template=text, name="tuned")
    adapter = adapter or ADAPTER_DIR
    if not (adapter / "adapter_config.json").exists():
        raise FileNotFoundError(f"no trained adapter in {adapter} (see MODEL_CARD.md), no merged model")
    return HFPlanner(base_model_dir(), chat_template=text, name="tuned", adapter=adapter)


def measure(planner: Any, rows: list[dict[str, Any]]) -> tuple[dict[str, float], list[tuple[dict, dict]]]:
    """Scores of ``planner`` over ``rows`` (see :func:`summarise`; latency in seconds) and its failures."""
    verdicts, seconds, failures = [], [], []
    for row in rows:
        plan = dry_plan(planner, row["message"], row["context"])
        v = judge(row, plan)
        verdicts.append(v)
        seconds.append(plan["seconds"])
        if not v.exact:
            failures.append((row, plan))
    return summarise(verdicts, seconds), failures


def table(results: dict[str, dict[str, float]]) -> str:
    """The results as a text table, one column per planner (percent, or seconds for *_s)."""
    names = list(results)
    lines = [f"{'metric':<26}" + "".join(f"{n:>12}" for n in names)]
    for m in METRICS:
        cells = [results[n][m] for n in names]
        lines.append(
            f"{m:<26}" + "".join(f"{v:>12.3f}" if m.endswith("_s") else f"{v * 100:>11.1f}%" for v in cells)
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--planners", default="local,base,tuned")
    parser.add_argument("--every", type=int, default=1, help="every Nth test request (1: all)")
    parser.add_argument("--adapter", type=Path, default=None)
    parser.add_argument("--chat-template", type=Path, default=None)
    parser.add_argument("--failures", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    rows = load_split("test")[:: args.every]
    print(f"{len(rows)} held-back test requests (every {args.every})")
    results, fails = {}, {}
    for name in args.planners.split(","):
        start = time.perf_counter()
        if name == "local":
            from agent.planners.local import default_local_planner

            planner: Any = default_local_planner()
        else:
            planner = hf_planner(name, args.chat_template, args.adapter)
        dry_plan(planner, "hello", "none")
        cold = time.perf_counter() - start
        results[name], fails[name] = measure(planner, rows)
        results[name]["cold_s"] = cold
        print(name, json.dumps(results[name]), flush=True)
    print(table(results))
    for name in results:
        for row, plan in fails[name][: args.failures]:
            print(
                f"[{name}] {row['message']!r} ({row['context']}): want {row['calls']} got {plan['calls']} "
                f"q={plan['question']!r} r={plan['reply']!r}"
            )
    if args.json:
        args.json.write_text(
            json.dumps({"rows": len(rows), "every": args.every, "results": results}, indent=2)
        )


if __name__ == "__main__":
    main()
