"""Planners: turn the conversation and session state into a typed plan (see agent.plan)."""

from __future__ import annotations

from typing import Any


def make_planner(name: str = "auto", **options: Any) -> Any:
    """The planner called ``name`` ('local', 'llm', 'auto'); see :mod:`agent.planners.factory`."""
    from agent.planners.factory import make_planner as _make

    return _make(name, **options)
