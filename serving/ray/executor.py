"""``RayExecutor``: the agent's :class:`agent.executor.Executor` that runs tools on their family's
Ray Serve deployment through deployment handles.

Same contract as the in-process executor: every outcome comes back as a :class:`CallResult`, never
raised. A call whose replica dies is retried once on another (Ray Serve restarts the dead one); a
second death, a timeout or an unreachable deployment is a failed call with a message a person can
act on, so a turn never hangs on a tool.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from agent.executor import EventSink, ToolEvent, _drop
from agent.plan import CallResult, ToolCall
from serving.ray.config import family_of
from serving.ray.quota import check_quota
from tools.base import ArtifactStore, ToolError

log = logging.getLogger("ray.serve")

READ_ONLY_FAMILIES = frozenset({"session"})
"""Families whose tools only move the version pointer: they still run when the store is full."""


def _replica_died(exc: BaseException) -> bool:
    """True for the errors that mean the replica (actor) went away rather than the tool failing."""
    from ray.exceptions import ActorDiedError, ActorUnavailableError, RayActorError

    return isinstance(exc, RayActorError | ActorDiedError | ActorUnavailableError)


class RayExecutor:
    """Calls ``handles[family].run`` for each planned call (see the module docstring)."""

    def __init__(
        self,
        handles: Mapping[str, Any],
        store: Path,
        *,
        timeout_s: float = 300.0,
        quota_mb: float = 0.0,
        retry_pause_s: float = 1.0,
        family: Callable[[str], str] = family_of,
    ) -> None:
        self.handles = dict(handles)
        self.store = Path(store)
        self.timeout_s = timeout_s
        self.quota_mb = quota_mb
        self.retry_pause_s = retry_pause_s
        self.family = family
        self.request_contexts: dict[str, Any] = {}
        """Serve's request context of each session's running turn, so tool calls made from
        LangGraph's worker threads carry the request id of the HTTP request they serve."""

    def bind_request(self, session_id: str) -> None:
        """Remembers the calling request's context (its request id) for ``session_id``'s tool calls."""
        from ray.serve import context

        self.request_contexts[session_id] = context._get_serve_request_context()

    def _adopt_request(self, session_id: str) -> None:
        ctx = self.request_contexts.get(session_id)
        if ctx is not None:
            from ray.serve import context

            context._serve_request_context.set(ctx)

    def call(self, call: ToolCall, workspace: ArtifactStore, emit: EventSink = _drop) -> CallResult:
        """Runs ``call`` on its family's deployment for ``workspace``'s session; returns its result."""
        emit(ToolEvent(type="started", call_id=call.id, tool=call.tool, time=time.time()))
        started = time.perf_counter()
        result, remote = self._run(call, workspace, emit)
        if not result.seconds:
            result.seconds = time.perf_counter() - started
        if not remote:  # the deployment never answered: report the failure here
            emit(
                ToolEvent(
                    type="failed", call_id=call.id, tool=call.tool, fraction=1.0,
                    message=result.error or "", time=time.time(),
                )
            )  # fmt: skip
        return result

    def _failed(self, call: ToolCall, message: str, code: str) -> CallResult:
        return CallResult(
            call_id=call.id, tool=call.tool, arguments=call.arguments, ok=False,
            error=message, error_code=code,
        )  # fmt: skip

    def _run(self, call: ToolCall, workspace: ArtifactStore, emit: EventSink) -> tuple[CallResult, bool]:
        """The call's result and whether the deployment produced it (False: failed before or on the way)."""
        try:
            family = self.family(call.tool)
        except ToolError as exc:
            return self._failed(call, exc.message, exc.code), False
        handle = self.handles.get(family)
        if handle is None:
            return self._failed(
                call, f"The {call.tool} tool is not deployed on this server (no '{family}' deployment).",
                "unavailable",
            ), False  # fmt: skip
        if family not in READ_ONLY_FAMILIES:
            try:
                check_quota(self.store, self.quota_mb)
            except ToolError as exc:
                return self._failed(call, exc.message, exc.code), False
        session_id = getattr(workspace, "session_id", None) or getattr(workspace, "id", "")
        payload = call.model_dump(mode="json")
        self._adopt_request(session_id)
        for attempt in (1, 2):
            try:
                stream = handle.options(stream=True).run_stream.remote(payload, session_id)
                result = self._follow(stream, emit)
            except TimeoutError:
                return self._failed(
                    call,
                    f"The {call.tool} step took longer than {self.timeout_s:.0f} s and was given up on. "
                    "Your saved versions are untouched; try again or ask for something smaller.",
                    "timeout",
                ), False
            except Exception as exc:  # a dead replica or an unreachable deployment
                if _replica_died(exc) and attempt == 1:
                    log.warning("tool replica died during %s; retrying once", call.tool)
                    time.sleep(self.retry_pause_s)
                    continue
                log.error("tool %s failed on its deployment: %s", call.tool, exc)
                return self._failed(
                    call,
                    f"The {call.tool} step could not finish: the server that runs it stopped "
                    f"{'twice' if _replica_died(exc) else 'answering'}. Your saved versions are "
                    "untouched; send the message again in a moment.",
                    "unavailable",
                ), False
            return result, True
        raise AssertionError("unreachable")

    def _follow(self, stream: Any, emit: EventSink) -> CallResult:
        """Reads a ``run_stream`` response: emits each progress event as it arrives (the tool's own
        'started' is dropped: ours went first) and returns the result. TimeoutError (the stream is
        cancelled) when the whole call takes longer than ``timeout_s``; the replica's errors re-raised."""
        items: queue.Queue[tuple[str, Any]] = queue.Queue()

        def read() -> None:  # a thread, so the deadline holds however long one item takes
            try:
                for item in stream:
                    items.put(("item", item))
            except BaseException as exc:
                items.put(("error", exc))
            finally:
                items.put(("end", None))

        threading.Thread(target=read, name="tool-stream", daemon=True).start()
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                kind, value = items.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                stream.cancel()
                raise TimeoutError from None
            if kind == "error":
                raise value
            if kind == "end":
                raise RuntimeError("the tool's stream ended without a result")
            if "result" in value:
                return CallResult.model_validate(value["result"])
            event = value.get("event") or {}
            if event.get("type") != "started":
                emit(ToolEvent.model_validate(event))
