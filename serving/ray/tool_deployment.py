"""One Ray Serve deployment class for every tool family: a thin adapter around the in-process executor.

A replica opens the shared artifact store, runs the call with :class:`agent.executor.InProcessExecutor`
(the exact code path of the embedded default) on the session's workspace, and streams the tool's
progress events as they happen (``{"event": ...}``), then the :class:`CallResult` (``{"result": ...}``),
as JSON, through a streaming handle. Artifacts travel by reference: the call names a session id and
artifact ids; files are read from and written to the store, never sent.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Iterator
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

    def run_stream(self, call: dict[str, Any], session_id: str) -> Iterator[dict[str, Any]]:
        """Runs one validated call on ``session_id``'s workspace; yields {"event": ToolEvent JSON} while
        the tool runs, then one {"result": CallResult JSON}."""
        from agent.executor import ToolEvent
        from agent.plan import CallResult, ToolCall

        planned = ToolCall.model_validate(call)
        log.info("tool call", extra={"tool": planned.tool, "family": self.family, "session": session_id})
        ws = self.workspace.open_session(session_id)
        items: queue.Queue[tuple[str, Any]] = queue.Queue()

        def collect(event: ToolEvent) -> None:
            items.put(("event", event.model_dump(mode="json")))

        def work() -> None:
            try:
                result = self.executor.call(planned, ws, collect)  # never raises: failures are results
            except BaseException as exc:  # a bug in the executor itself: still one result
                result = CallResult(
                    call_id=planned.id, tool=planned.tool, arguments=planned.arguments, ok=False,
                    error=f"The {planned.tool} step failed on the server: {exc}", error_code="server_error",
                )  # fmt: skip
            items.put(("result", result.model_dump(mode="json")))

        threading.Thread(target=work, name=f"tool-{planned.tool}", daemon=True).start()
        while True:
            kind, value = items.get()
            yield {kind: value}
            if kind == "result":
                return

    def check_health(self) -> None:
        """Ray Serve's health probe: the store is still reachable."""
        if not self.workspace.root.is_dir():
            raise RuntimeError(f"artifact store {self.workspace.root} is gone")
