"""``bandleader eval --compare RUN_A RUN_B``: what got better or worse between two runs.

A run is an eval out folder (its ``report.json``) or the ``report.json`` file itself. The comparison
lists every summary figure of both runs with its change, the scenarios that now pass or now fail,
scenarios only in one run, and per scenario the checks that started or stopped failing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from evals.results import RunReport

FIGURES: tuple[str, ...] = (
    "scenarios", "passed", "success_rate", "turns", "tool_precision", "tool_recall", "argument_accuracy",
    "answer_accuracy", "artifact_checks_passed", "artifact_accuracy", "mcq_accuracy", "checks_passed",
    "errors", "timeouts", "latency_p50_s", "latency_p95_s",
)  # fmt: skip
"""Summary figures compared, in the order they are shown."""

LOWER_IS_BETTER = frozenset({"errors", "timeouts", "latency_p50_s", "latency_p95_s"})
"""Figures where a decrease is an improvement."""

NEUTRAL = frozenset({"scenarios", "turns"})
"""Figures that only describe the run's size: a change is neither better nor worse."""

SAME_WITHIN = 1e-9
"""Changes smaller than this count as the same."""


class FigureChange(BaseModel):
    """One summary figure in both runs."""

    name: str
    a: float | None
    b: float | None
    delta: float | None
    verdict: str = Field(description="better | worse | same | changed (size figures) | n/a")


class ScenarioChange(BaseModel):
    """A scenario whose outcome differs between the runs."""

    id: str
    a: str | None = Field(description="Status in run A (None: not in run A).")
    b: str | None
    newly_failing: list[str] = Field(default_factory=list, description="Checks failing in B, not in A.")
    newly_passing: list[str] = Field(default_factory=list, description="Checks failing in A, not in B.")


class Comparison(BaseModel):
    """What changed from run A to run B."""

    run_a: str
    run_b: str
    figures: list[FigureChange]
    better: list[ScenarioChange]
    worse: list[ScenarioChange]
    changed: list[ScenarioChange] = Field(description="Same pass/fail, different failing checks or status.")
    only_in_a: list[str]
    only_in_b: list[str]


def load_run(path: Path | str) -> RunReport:
    """The report of a run: an out folder holding report.json, or the report.json file."""
    path = Path(path)
    file = path / "report.json" if path.is_dir() else path
    if not file.is_file():
        raise FileNotFoundError(f"{path}: no report.json (give an eval --out folder or its report.json)")
    return RunReport.model_validate(json.loads(file.read_text(encoding="utf-8")))


def _verdict(name: str, a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return "n/a"
    if abs(a - b) < SAME_WITHIN:
        return "same"
    if name in NEUTRAL:
        return "changed"
    return "better" if (b < a) == (name in LOWER_IS_BETTER) else "worse"


def _failing(report: RunReport) -> dict[str, set[str]]:
    return {r.id: {f"turn {c.turn} {c.label}" for c in r.failed_checks} for r in report.results}


def compare_runs(a_path: Path | str, b_path: Path | str) -> Comparison:
    """Compare the runs at ``a_path`` (before) and ``b_path`` (after)."""
    a, b = load_run(a_path), load_run(b_path)
    sa, sb = a.summary.model_dump(), b.summary.model_dump()
    figures = []
    for name in FIGURES:
        va, vb = sa.get(name), sb.get(name)
        delta = vb - va if va is not None and vb is not None else None
        figures.append(FigureChange(name=name, a=va, b=vb, delta=delta, verdict=_verdict(name, va, vb)))
    status_a = {r.id: r.status for r in a.results}
    status_b = {r.id: r.status for r in b.results}
    fail_a, fail_b = _failing(a), _failing(b)
    better, worse, changed = [], [], []
    for sid in [s for s in status_b if s in status_a]:
        change = ScenarioChange(
            id=sid,
            a=status_a[sid],
            b=status_b[sid],
            newly_failing=sorted(fail_b[sid] - fail_a[sid]),
            newly_passing=sorted(fail_a[sid] - fail_b[sid]),
        )
        pa, pb = status_a[sid] == "passed", status_b[sid] == "passed"
        if pb and not pa:
            better.append(change)
        elif pa and not pb:
            worse.append(change)
        elif change.newly_failing or change.newly_passing or change.a != change.b:
            changed.append(change)
    return Comparison(
        run_a=str(a_path),
        run_b=str(b_path),
        figures=figures,
        better=better,
        worse=worse,
        changed=changed,
        only_in_a=sorted(set(status_a) - set(status_b)),
        only_in_b=sorted(set(status_b) - set(status_a)),
    )


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.3f}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _delta(value: float) -> str:
    if float(value).is_integer():
        return f"{value:+.0f}"
    return f"{value:+.4f}"


def comparison_text(c: Comparison) -> str:
    """A readable account of a comparison, worse things first."""
    lines = [f"A: {c.run_a}", f"B: {c.run_b}", "", f"{'figure':24} {'A':>10} {'B':>10} {'change':>10}"]
    for f in c.figures:
        delta = "" if f.delta is None else _delta(f.delta)
        lines.append(f"{f.name:24} {_fmt(f.a):>10} {_fmt(f.b):>10} {delta:>10}  {f.verdict}")
    for title, items in (("WORSE (passed in A, not in B)", c.worse), ("BETTER (passes now)", c.better),
                         ("CHANGED", c.changed)):  # fmt: skip
        lines += ["", f"{title}: {len(items)}"]
        for s in items:
            lines.append(f"  {s.id}: {s.a} -> {s.b}")
            lines += [f"    now failing: {x}" for x in s.newly_failing]
            lines += [f"    now passing: {x}" for x in s.newly_passing]
    if c.only_in_a or c.only_in_b:
        lines += [
            "",
            f"only in A: {', '.join(c.only_in_a) or '-'}",
            f"only in B: {', '.join(c.only_in_b) or '-'}",
        ]
    return "\n".join(lines)
