"""The run's figures on a hand-built result set whose numbers are worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from evals.metrics import summarize, tool_counts
from evals.results import CheckResult, ScenarioResult, ToolCallTrace, TurnTrace
from evals.scenario import Expect


def turn(index: int, expect: dict[str, Any] | None, called: list[str], checks: list[tuple[str, bool]],
         seconds: float | None, played: bool = True) -> TurnTrace:  # fmt: skip
    return TurnTrace(
        index=index,
        user="...",
        played=played,
        seconds=seconds,
        expect=Expect.model_validate(expect) if expect is not None else None,
        tool_calls=[ToolCallTrace(name=n, ok=True) for n in called],
        checks=[
            CheckResult(
                turn=index, category=label.split(".")[0], name=label.partition(".")[2], passed=ok, expected=""
            )
            for label, ok in checks
        ],
    )


def results() -> list[ScenarioResult]:
    a = ScenarioResult(
        id="a",
        file="a.yaml",
        tags=["edit"],
        status="passed",
        turns=[
            turn(
                1,
                {"tools": {"include": ["trim", "fade"], "exclude": ["gain"]}},
                ["trim", "fade", "describe_audio"],  # TP 2, FP 1 (describe_audio was not asked for)
                [
                    ("tools.args.trim.duration_s", True),
                    ("reply.contains_any", True),
                    ("artifact.duration_s", True),
                ],
                1.0,
            ),
            turn(
                2, {"tools": {"exclude": ["gain"]}}, ["gain", "undo"], [("artifact.loudness_lufs", True)], 2.0
            ),
        ],  # turn 2: FP 1 (gain excluded); undo is neither asked for nor excluded
    )
    b = ScenarioResult(
        id="b",
        file="b.yaml",
        tags=["edit", "errors"],
        status="failed",
        turns=[
            turn(
                1,
                {"tools": {"include": ["normalize_loudness"]}},
                ["gain"],  # TP 0, FP 1, FN 1
                [
                    ("tools.args.normalize_loudness.target_lufs", False),
                    ("reply.number", False),
                    ("reply.regex", True),
                    ("artifact.new", False),
                ],
                3.0,
            ),
            turn(2, {"tools": {"include": ["undo"]}}, [], [("state.versions", False)], None, played=False),
        ],  # turn 2 never ran: FN 1
    )
    c = ScenarioResult(
        id="c", file="c.yaml", tags=["slow"], status="timeout", turns=[turn(1, None, ["trim"], [], 10.0)]
    )
    return [a, b, c]


def test_tool_counts_per_turn() -> None:
    a, b, _ = results()
    assert tool_counts(a.turns[0]) == (2, 1, 0)
    assert tool_counts(a.turns[1]) == (0, 1, 0)
    assert tool_counts(b.turns[0]) == (0, 1, 1)
    assert tool_counts(b.turns[1]) == (0, 0, 1)


def test_summary_figures() -> None:
    s = summarize(results())
    assert (s.scenarios, s.passed, s.errors, s.timeouts, s.turns) == (3, 1, 0, 1, 4)
    assert s.success_rate == pytest.approx(1 / 3)
    assert s.tool_precision == pytest.approx(2 / 5)
    assert s.tool_recall == pytest.approx(2 / 4)
    assert s.argument_accuracy == pytest.approx(1 / 2)
    assert s.answer_accuracy == pytest.approx(2 / 3)
    assert (s.artifact_checks_passed, s.artifact_checks) == (2, 3)
    assert s.artifact_accuracy == pytest.approx(2 / 3)
    assert (s.checks_passed, s.checks) == (5, 9)
    assert s.latency_p50_s == pytest.approx(2.5)  # of 1, 2, 3, 10 s
    assert s.latency_p95_s == pytest.approx(3 + 0.85 * 7)  # linear interpolation
    assert s.latency_mean_s == pytest.approx(4.0)
    assert {t: (v.scenarios, v.passed) for t, v in s.by_tag.items()} == {
        "edit": (2, 1),
        "errors": (1, 0),
        "slow": (1, 0),
    }


def test_nothing_measured_is_none_not_zero() -> None:
    s = summarize([])
    assert s.scenarios == 0 and s.success_rate is None
    assert s.tool_precision is s.tool_recall is s.argument_accuracy is s.answer_accuracy is None
    assert s.latency_p50_s is None and s.latency_p95_s is None
