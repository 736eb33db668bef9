"""Planner understanding: the held-back phrasings (agent/planners/phrasings/test.jsonl) per planner.

Prints, per planner side by side (LocalPlanner always; 'llm' and any other planner registered in
agent.planners.factory when it can be built here, e.g. with BANDLEADER_LLM_URL set): tool-choice
accuracy, argument accuracy, clarification precision/recall, help/refusal handling, exact plans,
cold (first plan) and warm p50/p95 planning latency, and the ratio of each planner's warm p95 to the
LocalPlanner's measured in this run. The train split's figures are printed too (to show overfit).
Goals on test: tool choice >= 95%, arguments >= 90%, p95 <= 1.5 s.

Run: .venv/bin/python benchmarks/planner.py [--limit N] [--planners local,llm] [--failures 20]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.planners.dry_run import dry_plan  # noqa: E402
from agent.planners.factory import PLANNERS, PlannerUnavailableError, make_planner  # noqa: E402
from agent.planners.phrasings.score import judge, summarise  # noqa: E402

CORPUS = ROOT / "agent" / "planners" / "phrasings"


def load(split: str, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in (CORPUS / f"{split}.jsonl").read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def run(planner: object, rows: list[dict]) -> tuple[dict[str, float], list[tuple[dict, dict]]]:
    verdicts, seconds, failures = [], [], []
    for row in rows:
        plan = dry_plan(planner, row["message"], row["context"])  # type: ignore[arg-type]
        v = judge(row, plan)
        verdicts.append(v)
        seconds.append(plan["seconds"])
        if not v.exact:
            failures.append((row, plan))
    return summarise(verdicts, seconds), failures


def in_process_planner(which: str) -> object:
    """The fine-tuned planner ('tuned') or its un-tuned base ('base') run in-process (transformers)."""
    try:
        from agent.planners.tuning.evaluate import hf_planner

        return hf_planner(which)
    except (ImportError, OSError) as exc:
        raise PlannerUnavailableError(f"in-process {which} model unavailable: {exc}") from exc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N requests of each split")
    parser.add_argument("--planners", default=",".join(PLANNERS), help="comma-separated planner names")
    parser.add_argument("--failures", type=int, default=0, help="print this many failed test requests")
    parser.add_argument("--hf", default="", help="in-process rows: 'tuned', 'base' or both")
    args = parser.parse_args()
    test, train = load("test", args.limit), load("train", args.limit)
    print(f"corpus: {len(test)} test / {len(train)} train requests (split by phrasing family)")
    results: dict[str, dict[str, dict[str, float]]] = {}
    failures: dict[str, list] = {}
    for name in [*args.planners.split(","), *(f"hf-{n}" for n in args.hf.split(",") if n)]:
        start = time.perf_counter()
        try:
            planner = in_process_planner(name[3:]) if name.startswith("hf-") else make_planner(name)
            dry_plan(planner, "hello", "none")
        except PlannerUnavailableError as exc:
            print(f"[{name}] not measured: {exc}")
            continue
        cold = time.perf_counter() - start
        results[name] = {}
        for split, rows in (("test", test), ("train", train)):
            results[name][split], fails = run(planner, rows)
            results[name][split]["cold_s"] = cold
            if split == "test":
                failures[name] = fails
    metrics = ["tool_choice", "arguments", "clarification_precision", "clarification_recall", "no_call_ok",
               "exact", "cold_s", "p50_s", "p95_s"]  # fmt: skip
    names = list(results)
    header = f"{'metric':<26}" + "".join(f"{n + ' ' + s:>16}" for n in names for s in ("test", "train"))
    print(header)
    for m in metrics:
        cells = []
        for n in names:
            for s in ("test", "train"):
                v = results[n][s][m]
                cells.append(f"{v:>16.3f}" if m.endswith("_s") else f"{v * 100:>15.1f}%")
        print(f"{m:<26}" + "".join(cells))
    if "local" in results:
        base = results["local"]["test"]["p95_s"]
        for n in names:
            print(f"warm p95 {n} / local (test): {results[n]['test']['p95_s'] / base:.2f}x")
    for n in names:
        for row, plan in failures[n][: args.failures]:
            got = [(c["tool"], c["arguments"]) for c in plan["calls"]]
            want = [(c["tool"], c["arguments"]) for c in row["calls"]]
            print(f"[{n}] {row['message']!r} ({row['context']}): want {want} q={row['question']} "
                  f"got {got} q={bool(plan['question'])}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
