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


def run_from_args(args: argparse.Namespace) -> int:
    """Run ``bandleader eval`` with parsed arguments (see ``ui.cli.build_parser``)."""
    from evals.runner import EvalUnavailableError, RunConfig, run_eval

    try:
        config = RunConfig(
            workers=args.workers,
            planner=args.planner,
            api=args.api,
            timeout_s=args.timeout,
            backend=args.backend,
            keep_home=args.keep_home,
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
            f"p95 {sec(s.latency_p95_s)}"
        )
        print(f"reports: {out / 'report.html'}  {out / 'report.md'}  {out / 'report.json'}")
        if report.home:
            print(f"agent home kept at {report.home}")
    return 0 if report.summary.passed == report.summary.scenarios else 1
