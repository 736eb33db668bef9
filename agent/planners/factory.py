"""Planners by name: the one place that knows which planners exist and how to build them.

``make_planner("local")`` is the LocalPlanner; other planners register here (one line in
:data:`PLANNERS`, ``"module:callable"`` so nothing heavy is imported until asked for). The LLM
planner registers as ``"llm"``; ``"auto"`` picks the default (``BANDLEADER_PLANNER``, else local).
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from agent.plan import Planner

PLANNERS: dict[str, str] = {
    "local": "agent.planners.local:default_local_planner",
    "llm": "agent.planners.llm:make_llm_planner",
}
"""Planner name -> 'module:callable' returning a Planner (called with keyword options)."""


class PlannerUnavailableError(RuntimeError):
    """The planner asked for is not installed or not configured here (the message says why)."""


def default_planner_name() -> str:
    """The planner 'auto' means: ``BANDLEADER_PLANNER`` when set, else 'local'."""
    return os.environ.get("BANDLEADER_PLANNER", "local").strip() or "local"


def make_planner(name: str = "auto", **options: Any) -> Planner:
    """The planner called ``name`` ('local', 'llm', 'auto', or any registered one); raises
    PlannerUnavailableError when it cannot be built here (unknown, missing module, not configured)."""
    if name == "auto":
        name = default_planner_name()
    target = PLANNERS.get(name)
    if target is None:
        raise PlannerUnavailableError(
            f"There is no planner called '{name}'. Known planners: {', '.join(PLANNERS)}."
        )
    module_name, _, attr = target.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise PlannerUnavailableError(f"The {name} planner is not available here ({exc}).") from exc
    try:
        return factory(**options)
    except PlannerUnavailableError:
        raise
    except (RuntimeError, ValueError, OSError) as exc:
        raise PlannerUnavailableError(f"The {name} planner could not start: {exc}") from exc


def available_planners() -> list[str]:
    """Registered planner names whose module can be imported here (configuration not checked)."""
    out = []
    for name, target in PLANNERS.items():
        try:
            importlib.import_module(target.partition(":")[0])
        except ImportError:
            continue
        out.append(name)
    return out
