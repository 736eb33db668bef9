"""One check shared by the stranger-talk tests: the local planner plans ``expected`` for a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from agent.planners.dry_run import dry_plan
from agent.planners.local import default_local_planner
from agent.planners.phrasings.score import arguments_match

Call = tuple[str, dict[str, Any]]
"""A tool name and the arguments a label states (compared in canonical form, phrasings/score.py)."""


def assert_plans(message: str, context: str, expected: list[Call]) -> None:
    """Fails unless the dry plan of ``message`` in ``context`` calls exactly the tools of ``expected``,
    in order, with arguments that say what the label says, and asks no question."""
    plan = dry_plan(default_local_planner(), message, context)
    assert [c["tool"] for c in plan["calls"]] == [t for t, _ in expected], plan
    for (tool, want), got in zip(expected, plan["calls"], strict=True):
        assert arguments_match(tool, want, got["arguments"]), (want, got["arguments"])
    assert not plan["question"], plan


def assert_asks(message: str, context: str) -> None:
    """Fails unless the dry plan of ``message`` in ``context`` calls nothing and asks a question."""
    plan = dry_plan(default_local_planner(), message, context)
    assert plan["calls"] == [] and plan["question"], plan


def assert_replies(message: str, context: str, words: str) -> None:
    """Fails unless the dry plan of ``message`` in ``context`` calls nothing, asks nothing and replies with
    ``words`` in its answer."""
    plan = dry_plan(default_local_planner(), message, context)
    assert plan["calls"] == [] and not plan["question"] and words in (plan["reply"] or ""), plan


def plan_tests(
    cases: list[tuple[str, str, list[Call]]], asks: list[tuple[str, str]]
) -> tuple[Callable[..., None], Callable[..., None]]:
    """The two parametrised tests of a list of stranger phrasings, for a test module to bind to names
    starting with ``test_``: each case plans its labelled calls (:func:`assert_plans`), and each ask that
    names nothing gets a question (:func:`assert_asks`)."""

    @pytest.mark.parametrize(("message", "context", "expected"), cases)
    def test_requests(message: str, context: str, expected: list[Call]) -> None:
        assert_plans(message, context, expected)

    @pytest.mark.parametrize(("message", "context"), asks)
    def test_an_ask_that_names_nothing_gets_a_question(message: str, context: str) -> None:
        assert_asks(message, context)

    return test_requests, test_an_ask_that_names_nothing_gets_a_question
