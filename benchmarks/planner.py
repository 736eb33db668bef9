"""Planner understanding: the held-back phrasings (agent/planners/phrasings/test.jsonl) per planner.

Prints, per planner side by side (LocalPlanner always; 'llm' and any other planner registered in
agent.planners.factory when it can be built here, e.g. with BANDLEADER_LLM_URL set): tool-choice
accuracy, argument accuracy, clarification precision/recall, help/refusal handling, exact plans,
cold (first plan) and warm p50/p95 planning latency, and the ratio of each planner's warm p95 to the
LocalPlanner's measured in this run. The train split's figures are printed too (to show overfit).
Goals on test: tool choice >= 95%, arguments >= 90%, p95 <= 1.5 s.

Run: .venv/bin/python benchmarks/planner.py [--limit N] [--planners local,llm] [--failures 20]

LLM rows through vLLM: ``--vllm-model DIR`` (repeatable; e.g. the converted SmolLM2-135M in
$BANDLEADER_MODELS/smollm2-135m-instruct, or the fine-tuned planner) starts a local vLLM server
(.venv-vllm) for each folder, measures the LLMPlanner on it as ``vllm:<folder name>`` and stops it.
LLM rows are measured without the LocalPlanner fallback (a failed model plan counts as not
understood) and print ``fallbacks``: the share of requests where the model gave no usable plan.
``--sample N`` takes every k-th request so N of them remain (a subset across all tools);
``--splits test`` skips the train split.
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
from agent.planners.phrasings.score import ACCURACY_METRICS, describe_failure, judge, summarise  # noqa: E402

CORPUS = ROOT / "agent" / "planners" / "phrasings"


def load(split: str, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in (CORPUS / f"{split}.jsonl").read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def sample(rows: list[dict], n: int | None) -> list[dict]:
    """Every k-th row so that about ``n`` remain (all rows when n is None or larger)."""
    if not n or n >= len(rows):
        return rows
    step = len(rows) / n
    return [rows[int(i * step)] for i in range(n)]


class NotUnderstood:
    """The 'fallback' of LLM rows: a failed model plan counts as not understood (no LocalPlanner help)."""

    name = "none"

    def plan(self, request: object) -> object:
        from agent.plan import Plan

        return Plan(understood=False, reply="(no plan)")


def run(planner: object, rows: list[dict]) -> tuple[dict[str, float], list[tuple[dict, dict]]]:
    verdicts, seconds, failures = [], [], []
    fallbacks = 0
    for row in rows:
        plan = dry_plan(planner, row["message"], row["context"])  # type: ignore[arg-type]
        fallbacks += any("fallback" in t for t in getattr(planner, "last_trace", []))
        v = judge(row, plan)
        verdicts.append(v)
        seconds.append(plan["seconds"])
        if not v.exact:
            failures.append((row, plan))
    summary = summarise(verdicts, seconds)
    summary["fallbacks"] = fallbacks / max(len(rows), 1)
    run.last = (verdicts, seconds)  # type: ignore[attr-defined]  # per-row, for --family-prefix
    return summary, failures


def by_prefix(rows: list[dict], verdicts: list, seconds: list[float], prefix: str) -> dict[str, dict]:
    """Summaries of the rows whose family starts with ``prefix`` and of the others (fractions, seconds)."""
    out = {}
    for name, keep in ((prefix + "*", True), ("others", False)):
        idx = [i for i, r in enumerate(rows) if r["family"].startswith(prefix) == keep]
        out[name] = summarise([verdicts[i] for i in idx], [seconds[i] for i in idx])
        out[name]["n"] = len(idx)
    return out


def vllm_planners(model_dirs: list[str]) -> list[tuple[str, object, object]]:
    """(row name, LLMPlanner, server) per model folder, each on its own local vLLM server."""
    from agent.planners.llm.planner import LLMPlanner, LLMSettings
    from serving.llm.server import start_local_server
    from serving.llm.venv import ensure_vllm_venv

    ensure_vllm_venv()
    out = []
    for d in model_dirs:
        path = Path(d).expanduser()
        if not (path / "config.json").is_file():
            print(f"[vllm:{path.name}] not measured: no model folder at {path}")
            continue
        start = time.perf_counter()
        server = start_local_server(path)
        print(f"[vllm:{path.name}] server ready in {time.perf_counter() - start:.1f} s (cold start)")
        settings = LLMSettings(url=server.url, model=server.model, timeout_s=60)
        out.append((f"vllm:{path.name}", LLMPlanner(settings, fallback=NotUnderstood()), server))  # type: ignore[arg-type]
    return out


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
    parser.add_argument("--vllm-model", action="append", default=[], metavar="DIR", help="serve and measure")
    parser.add_argument("--sample", type=int, default=None, help="about N requests of each split, spread out")
    parser.add_argument("--splits", default="test,train", help="which splits to measure (default test,train)")
    parser.add_argument("--family-prefix", default="", help="report test families with this prefix apart")
    args = parser.parse_args()
    splits = [s for s in args.splits.split(",") if s in ("test", "train")]
    data = {s: sample(load(s, args.limit), args.sample) for s in ("test", "train")}
    test, train = data["test"], data["train"]
    print(f"corpus: {len(test)} test / {len(train)} train requests (split by phrasing family)")
    results: dict[str, dict[str, dict[str, float]]] = {}
    failures: dict[str, list] = {}
    candidates: list[tuple[str, object, object]] = []
    for name in [*(n for n in args.planners.split(",") if n), *(f"hf-{n}" for n in args.hf.split(",") if n)]:
        start = time.perf_counter()
        try:
            planner = in_process_planner(name[3:]) if name.startswith("hf-") else make_planner(name)
            dry_plan(planner, "hello", "none")
        except PlannerUnavailableError as exc:
            print(f"[{name}] not measured: {exc}")
            continue
        candidates.append((name, planner, time.perf_counter() - start))
    servers = []
    for name, planner, server in vllm_planners(args.vllm_model) if args.vllm_model else []:
        start = time.perf_counter()
        dry_plan(planner, "hello", "none")  # type: ignore[arg-type]
        candidates.append((name, planner, time.perf_counter() - start))
        servers.append(server)
    try:
        for name, planner, cold in candidates:
            results[name] = {}
            for split in splits:
                results[name][split], fails = run(planner, data[split])
                results[name][split]["cold_s"] = float(cold)  # type: ignore[arg-type]
                if split == "test":
                    failures[name] = fails
                    if args.family_prefix:
                        parts = by_prefix(data[split], *run.last, args.family_prefix)  # type: ignore[attr-defined]
                        for part, summ in parts.items():
                            print(
                                f"[{name}] test families {part} ({summ['n']} requests): "
                                + ", ".join(f"{m} {summ[m] * 100:.1f}%" for m in ACCURACY_METRICS)
                                + f", p50 {summ['p50_s']:.3f} s, p95 {summ['p95_s']:.3f} s"
                            )
    finally:
        for server in servers:
            server.stop()  # type: ignore[attr-defined]
    metrics = ["tool_choice", "arguments", "clarification_precision", "clarification_recall", "no_call_ok",
               "exact", "fallbacks", "cold_s", "p50_s", "p95_s"]  # fmt: skip
    names = list(results)
    header = f"{'metric':<26}" + "".join(f"{n + ' ' + s:>24}" for n in names for s in splits)
    print(header)
    for m in metrics:
        cells = []
        for n in names:
            for s in splits:
                v = results[n][s].get(m, 0.0)
                cells.append(f"{v:>24.3f}" if m.endswith("_s") else f"{v * 100:>23.1f}%")
        print(f"{m:<26}" + "".join(cells))
    if "local" in results and "test" in splits:
        base = results["local"]["test"]["p95_s"]
        for n in names:
            print(f"warm p95 {n} / local (test): {results[n]['test']['p95_s'] / base:.2f}x")
    for n in names:
        for row, plan in failures.get(n, [])[: args.failures]:
            print(f"[{n}] {describe_failure(row, plan)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
