"""The figures of a run, computed from scenario results alone (definitions: evals/README.md)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from evals.results import CheckResult, ScenarioResult, Summary, TagSummary, TurnTrace


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def tool_counts(turn: TurnTrace) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one turn's tool choice.

    Only turns whose expectation has a ``tools`` section count. With C the distinct tools called, I
    the ``include`` set and E the ``exclude`` set: TP = |C ∩ I|; FP = |C ∩ E|, plus |C \\ (I ∪ E)|
    when ``include`` is given (it then lists every tool the turn should call); FN = |I \\ C|.
    A turn that was never played called nothing, so its included tools are all false negatives.
    """
    tools = turn.expect.tools if turn.expect else None
    if tools is None:
        return 0, 0, 0
    called = {c.name for c in turn.tool_calls} if turn.played else set()
    excluded = set(tools.exclude)
    if tools.include is None:
        return 0, len(called & excluded), 0
    included = set(tools.include)
    tp = len(called & included)
    fp = len(called & excluded) + len(called - included - excluded)
    return tp, fp, len(included - called)


def _share(checks: Sequence[CheckResult]) -> tuple[int, int]:
    return sum(c.passed for c in checks), len(checks)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100) with linear interpolation (numpy's default); None when empty."""
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else None


def suite_of(result: ScenarioResult) -> str:
    """The suite of a scenario: the name of the folder holding its file."""
    return Path(result.file).parent.name or "(none)"


def _groups(groups: dict[str, list[ScenarioResult]]) -> dict[str, TagSummary]:
    return {
        name: TagSummary(
            scenarios=len(rs),
            passed=sum(r.passed for r in rs),
            success_rate=sum(r.passed for r in rs) / len(rs),
        )
        for name, rs in sorted(groups.items())
    }


def summarize(results: Sequence[ScenarioResult], skipped: int = 0) -> Summary:
    """Success, tool choice, argument, answer, artifact and multiple-choice accuracy, and turn latency
    of a run (``skipped``: scenarios not played, reported as a count)."""
    turns = [t for r in results for t in r.turns]
    checks = [c for r in results for c in r.checks]
    tp = fp = fn = 0
    for t in turns:
        a, b, c = tool_counts(t)
        tp, fp, fn = tp + a, fp + b, fn + c
    args_ok, args_n = _share([c for c in checks if c.category == "tools" and c.name.startswith("args.")])
    reply_ok, reply_n = _share([c for c in checks if c.category == "reply"])
    art_ok, art_n = _share([c for c in checks if c.category == "artifact"])
    all_ok, all_n = _share(checks)
    mcq_ok, mcq_n = _share([c for c in checks if c.category == "reply" and c.name == "choice"])
    latencies = [t.seconds for t in turns if t.played and t.error is None and t.seconds is not None]
    tags: dict[str, list[ScenarioResult]] = {}
    suites: dict[str, list[ScenarioResult]] = {}
    for r in results:
        for tag in r.tags or ["(untagged)"]:
            tags.setdefault(tag, []).append(r)
        suites.setdefault(suite_of(r), []).append(r)
    passed = sum(r.passed for r in results)
    return Summary(
        scenarios=len(results),
        passed=passed,
        success_rate=_rate(passed, len(results)),
        turns=sum(t.played for t in turns),
        tool_precision=_rate(tp, tp + fp),
        tool_recall=_rate(tp, tp + fn),
        argument_accuracy=_rate(args_ok, args_n),
        answer_accuracy=_rate(reply_ok, reply_n),
        artifact_checks_passed=art_ok,
        artifact_checks=art_n,
        artifact_accuracy=_rate(art_ok, art_n),
        checks_passed=all_ok,
        checks=all_n,
        errors=sum(r.status == "error" for r in results),
        timeouts=sum(r.status == "timeout" for r in results),
        latency_p50_s=percentile(latencies, 50),
        latency_p95_s=percentile(latencies, 95),
        latency_mean_s=float(np.mean(latencies)) if latencies else None,
        by_tag=_groups(tags),
        by_suite=_groups(suites),
        mcq_questions=mcq_n,
        mcq_correct=mcq_ok,
        mcq_accuracy=_rate(mcq_ok, mcq_n),
        skipped=skipped,
    )
