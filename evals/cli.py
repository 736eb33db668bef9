"""``bandleader eval``: play scenarios, print the figures, write the reports.

Exit status: 0 when every scenario passed, 1 when some failed, 2 when nothing could be run
(invalid scenario files, a planner or API that is not available yet).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evals.loader import ScenarioError
from evals.report import summary_json
from evals.results import ScenarioResult

BUNDLED_SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def _progress(result: ScenarioResult) -> None:
    checks = result.checks
    print(
        f"{result.status.upper():8} {result.id}  ({sum(c.passed for c in checks)}/{len(checks)} checks, "
        f"{result.seconds:.1f} s)",
        file=sys.stderr,
        flush=True,
    )
    if result.error:
        print(f"         {result.error.strip().splitlines()[0]}", file=sys.stderr)
    for c in result.failed_checks[:8]:
        print(f"         turn {c.turn} {c.label}: {c.reason or 'failed'}", file=sys.stderr)


def compare_from_args(args: argparse.Namespace) -> int:
    """``bandleader eval --compare RUN_A RUN_B [--json]``: 0 when nothing got worse, 1 when something
    did, 2 when a run can't be read."""
    from evals.compare import compare_runs, comparison_text

    try:
        comparison = compare_runs(*args.compare)
    except (OSError, ValueError) as exc:
        print(f"bandleader eval --compare: {exc}", file=sys.stderr)
        return 2
    print(comparison.model_dump_json(indent=2) if args.json else comparison_text(comparison))
    return 1 if comparison.worse else 0


def run_from_args(args: argparse.Namespace) -> int:
    """Run ``bandleader eval`` with parsed arguments (see ``ui.cli.build_parser``)."""
    from evals.runner import EvalUnavailableError, RunConfig, run_eval

    if getattr(args, "compare", None):
        return compare_from_args(args)
    if not args.out:
        print("bandleader eval: --out DIR is required (or give --compare RUN_A RUN_B)", file=sys.stderr)
        return 2
    try:
        config = RunConfig(
            workers=args.workers,
            planner=args.planner,
            api=args.api,
            timeout_s=args.timeout,
            backend=args.backend,
            keep_home=args.keep_home,
            tags=getattr(args, "tags", None) or [],
            exclude_tags=getattr(args, "exclude_tags", None) or [],
        )
    except ValueError as exc:
        print(f"bandleader eval: {exc}", file=sys.stderr)
        return 2
    paths = [Path(p) for p in args.paths] or [BUNDLED_SCENARIOS]
    try:
        report = run_eval(paths, Path(args.out), config, on_result=None if args.json else _progress)
    except EvalUnavailableError as exc:
        print(f"bandleader eval: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:
        print("bandleader eval: invalid scenarios:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    out = Path(args.out).resolve()
    if args.json:
        data = summary_json(report)
        data["reports"] = {k: str(out / f"report.{k}") for k in ("json", "md", "html")}
        print(json.dumps(data, indent=2))
    else:
        s = report.summary

        def pct(v: float | None) -> str:
            return "n/a" if v is None else f"{100 * v:.1f}%"

        def sec(v: float | None) -> str:
            return "n/a" if v is None else f"{v:.2f} s"

        kind = "Ray" if report.backend == "ray" else "local process"
        print(
            f"{s.passed}/{s.scenarios} scenarios passed ({pct(s.success_rate)}) in {report.seconds:.1f} s "
            f"on {report.workers} {kind} workers; {s.turns} turns, {s.errors} errors, "
            f"{s.timeouts} timeouts"
        )
        print(
            f"tool precision {pct(s.tool_precision)}, recall {pct(s.tool_recall)}, arguments "
            f"{pct(s.argument_accuracy)}, answers {pct(s.answer_accuracy)}, artifact checks "
            f"{s.artifact_checks_passed}/{s.artifact_checks}, latency p50 {sec(s.latency_p50_s)} "
            f"p95 {sec(s.latency_p95_s)}, multiple choice {pct(s.mcq_accuracy)} "
            f"({s.mcq_correct}/{s.mcq_questions})"
        )
        if s.by_suite:
            print("suites: " + ", ".join(f"{n} {g.passed}/{g.scenarios}" for n, g in s.by_suite.items()))
        for k in report.skipped:
            print(f"SKIPPED  {k.id}: {k.reason}")
        print(f"reports: {out / 'report.html'}  {out / 'report.md'}  {out / 'report.json'}")
        if report.home:
            print(f"agent home kept at {report.home}")
    return 0 if report.summary.passed == report.summary.scenarios else 1
