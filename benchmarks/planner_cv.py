"""Family-level cross-validation of the LocalPlanner on the TRAIN split of the phrasing corpus.

The LocalPlanner learns extra intent examples from train.jsonl (agent/planners/corpus.py). To choose
its settings without looking at the held-back test split, the training families are dealt into K
folds; each fold is planned by a LocalPlanner taught only the other folds' families, so every score
is on phrasings the planner never saw (as test.jsonl is). Prints the same figures as
benchmarks/planner.py, for the planner taught nothing (``intents only``) and taught the other folds.

Run: .venv/bin/python benchmarks/planner_cv.py [--folds 5] [--set name=value ...] [--failures N]
(``--set`` overrides an intents.yaml setting, e.g. ``--set corpus_k=3``; repeatable.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.planners import local as local_module  # noqa: E402
from agent.planners.corpus import load_rows  # noqa: E402
from agent.planners.dry_run import dry_plan  # noqa: E402
from agent.planners.embedder import default_embedder  # noqa: E402
from agent.planners.phrasings.score import ACCURACY_METRICS, describe_failure, judge, summarise  # noqa: E402

METRICS = ACCURACY_METRICS
CACHE = Path(tempfile.gettempdir()) / "bandleader-planner-cv-vectors.pkl"


class MemoEmbedder:
    """The MiniLM embedder with a dictionary cache kept on disk between runs of this script."""

    def __init__(self) -> None:
        self.inner = default_embedder()
        self.model_dir = self.inner.model_dir
        self.dimension = self.inner.dimension
        self.memo: dict[str, np.ndarray] = {}
        if CACHE.is_file():
            self.memo = pickle.loads(CACHE.read_bytes())
        self.new = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        for t in texts:
            if t not in self.memo:
                self.memo[t] = self.inner.encode([t])[0]
                self.new += 1
                if self.new % 200 == 0:
                    self.save()
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def save(self) -> None:
        if self.new:
            tmp = CACHE.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(self.memo))
            tmp.replace(CACHE)


def fold_of(family: str, k: int) -> int:
    """The fold of a family (stable hash of its name; a '<family>_seen' copy goes with its family)."""
    base = family.removesuffix("_seen")
    return int(hashlib.sha256(base.encode()).hexdigest(), 16) % k


def held_out_test(embedder: MemoEmbedder, intents_file: Path, n_failures: int) -> int:
    """The default planner (taught all of train.jsonl) on test.jsonl: the figures benchmarks/planner.py
    prints, with the embeddings memoised (latency here is not the planner's; measure it there). The
    planner's on-disk embedding cache is written on the way, so benchmarks/planner.py starts warm."""
    planner = local_module.LocalPlanner(intents_file, embedder=embedder)  # type: ignore[arg-type]
    rows = load_rows(ROOT / "agent" / "planners" / "phrasings" / "test.jsonl")
    verdicts, failures = [], []
    try:
        for row in rows:
            plan = dry_plan(planner, row["message"], row["context"])
            verdicts.append(judge(row, plan))
            if not verdicts[-1].exact:
                failures.append((row, plan))
    finally:
        embedder.save()
    summary = summarise(verdicts, [0.0] * len(verdicts))
    print(f"test split: {len(rows)} requests")
    for m in METRICS:
        print(f"{m:<26}{summary[m] * 100:>8.1f}%")
    for row, plan in failures[:n_failures]:
        got = [(c["tool"], c["arguments"]) for c in plan["calls"]]
        want = [(c["tool"], c["arguments"]) for c in row["calls"]]
        print(f"{row['family']}: {row['message']!r} ({row['context']}): want {want} q={row['question']} "
              f"got {got} q={bool(plan['question'])}")  # fmt: skip
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--set", action="append", default=[], help="intents.yaml setting NAME=VALUE")
    parser.add_argument("--failures", type=int, default=0)
    parser.add_argument("--no-baseline", action="store_true", help="skip the planner taught nothing")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--per-family", type=int, default=12, help="held-out requests planned per family")
    parser.add_argument(
        "--test",
        action="store_true",
        help="instead: the planner taught the whole train split, on test.jsonl (as benchmarks/planner.py)",
    )
    args = parser.parse_args()
    intents_file = local_module.INTENTS_FILE
    if args.set:
        data = yaml.safe_load(intents_file.read_text())
        for item in args.set:
            name, value = item.split("=", 1)
            data[name] = yaml.safe_load(value)
        tmp = Path(tempfile.mkdtemp()) / "intents.yaml"
        tmp.write_text(yaml.safe_dump(data))
        intents_file = tmp
    embedder = MemoEmbedder()
    if args.test:
        return held_out_test(embedder, intents_file, args.failures)
    local_module.cached_embeddings = lambda emb, texts: emb.encode(list(texts))  # type: ignore[assignment]
    rows = load_rows()
    folds = [[r for r in rows if fold_of(r["family"], args.folds) == f] for f in range(args.folds)]
    results = {}
    variants = ([] if args.no_baseline else ["intents only"]) + ["taught other folds"]
    failures = []
    try:
        for variant in variants:
            verdicts, seconds = [], []
            for f, held in enumerate(folds):
                others = [r for g, fr in enumerate(folds) if g != f for r in fr]
                taught = [] if variant == "intents only" else others
                planner = local_module.LocalPlanner(intents_file, embedder=embedder, corpus=taught)  # type: ignore[arg-type]
                seen: dict[str, int] = {}
                for row in held:
                    seen[row["family"]] = seen.get(row["family"], 0) + 1
                    if seen[row["family"]] > args.per_family:
                        continue
                    plan = dry_plan(planner, row["message"], row["context"])
                    v = judge(row, plan)
                    verdicts.append(v)
                    seconds.append(plan["seconds"])
                    if not v.exact and variant != "intents only":
                        failures.append((row, plan))
            results[variant] = summarise(verdicts, seconds)
    finally:
        embedder.save()
    if args.json:
        print(json.dumps(results))
    n_families = len({r["family"] for r in rows})
    print(f"train split: {len(rows)} requests, {n_families} families, {args.folds} folds")
    print(f"{'metric':<26}" + "".join(f"{v:>22}" for v in results))
    for m in METRICS:
        print(f"{m:<26}" + "".join(f"{results[v][m] * 100:>21.1f}%" for v in results))
    for row, plan in failures[: args.failures]:
        print(f"{row['family']}: {describe_failure(row, plan)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
