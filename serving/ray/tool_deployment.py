"""One Ray Serve deployment class for every tool family: a thin adapter around the in-process executor.

A replica opens the shared artifact store, runs the call with :class:`agent.executor.InProcessExecutor`
(the exact code path of the embedded default) on the session's workspace, and returns the
:class:`CallResult` and the progress events as JSON. Artifacts travel by reference: the call names a
session id and artifact ids; files are read from and written to the store, never sent.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from ray import serve

log = logging.getLogger("ray.serve")


@serve.deployment(name="tools")
class ToolFamilyDeployment:
    """Runs the calls of one tool family (the deployment is named after the family)."""

    def __init__(self, family: str, store: str) -> None:
        from agent.executor import InProcessExecutor
        from agent.workspace import Workspace

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self.family = family
        self.workspace = Workspace(Path(store))
        self.executor = InProcessExecutor()

    def run(self, call: dict[str, Any], session_id: str) -> dict[str, Any]:
        """Runs one validated call on ``session_id``'s workspace; returns {"result", "events"} as JSON."""
        from agent.executor import ToolEvent
        from agent.plan import ToolCall

        events: list[dict[str, Any]] = []

        def collect(event: ToolEvent) -> None:
            events.append(event.model_dump(mode="json"))

        planned = ToolCall.model_validate(call)
        log.info("tool call", extra={"tool": planned.tool, "family": self.family, "session": session_id})
        ws = self.workspace.open_session(session_id)
        result = self.executor.call(planned, ws, collect)
        return {"result": result.model_dump(mode="json"), "events": events}

    def check_health(self) -> None:
        """Ray Serve's health probe: the store is still reachable."""
        if not self.workspace.root.is_dir():
            raise RuntimeError(f"artifact store {self.workspace.root} is gone")
