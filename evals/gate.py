"""``make eval``'s verdict: read the summary ``bandleader eval --json`` printed and fail only on
scenarios that failed without being tagged ``known_failure`` (known failures are measured, reported
and listed, but expected).

    python -m evals.gate eval-out/summary.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

KNOWN_FAILURE_TAG = "known_failure"


def verdict(summary: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """(unexpected failures, known failures still failing, known failures that now pass) by id."""
    unexpected, known, fixed = [], [], []
    for r in summary.get("results", []):
        is_known = KNOWN_FAILURE_TAG in r.get("tags", [])
        if not r["passed"]:
            (known if is_known else unexpected).append(r["id"])
        elif is_known:
            fixed.append(r["id"])
    return unexpected, known, fixed


def main(argv: list[str] | None = None) -> int:
    """Print the verdict; exit 1 when a scenario not tagged known_failure failed."""
    args = sys.argv[1:] if argv is None else argv
    summary = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    unexpected, known, fixed = verdict(summary)

    def pct(v: float | None) -> str:
        return "n/a" if v is None else f"{100 * v:.1f}%"

    def sec(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.2f} s"

    mcq = f"{summary.get('mcq_correct', 0)}/{summary.get('mcq_questions', 0)}"

    print(
        f"{summary['passed']}/{summary['scenarios']} scenarios passed ({pct(summary['success_rate'])}), "
        f"{summary.get('skipped', 0)} skipped, in {summary['seconds']:.0f} s; multiple choice "
        f"{mcq} ({pct(summary.get('mcq_accuracy'))}); "
        f"latency p50 {sec(summary['latency_p50_s'])}, p95 {sec(summary['latency_p95_s'])}"
    )
    for name, group in summary.get("by_suite", {}).items():
        print(f"  suite {name}: {group['passed']}/{group['scenarios']}")
    print(f"known failures ({len(known)}): {', '.join(known) or 'none'}")
    if fixed:
        print(f"tagged known_failure but passing now (remove the tag): {', '.join(fixed)}")
    print(f"unexpected failures ({len(unexpected)}): {', '.join(unexpected) or 'none'}")
    print(f"report: {summary.get('reports', {}).get('html', '?')}")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
