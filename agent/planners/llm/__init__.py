"""The LLM planner: OpenAI-compatible chat completions with tool calling (see :mod:`.planner`)."""

from __future__ import annotations

from typing import Any


def make_llm_planner(**options: Any) -> Any:
    """An LLMPlanner configured from ``options`` and the BANDLEADER_LLM_* settings."""
    from agent.planners.llm.planner import make_llm_planner as _make

    return _make(**options)
