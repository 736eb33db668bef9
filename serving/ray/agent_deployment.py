"""The agent deployment: the LangGraph agent (planner + graph + checkpoints) with a :class:`RayExecutor`.

It serves the :class:`serving.api.backend.AgentBackend` methods of an :class:`InProcessBackend`
whose agent runs tools on the tool-family deployments. Conversations are checkpointed in the shared
store after every turn, so any replica (a new one after a crash included) picks a session up where
it was left, and one session's turns run one at a time across replicas
(:mod:`serving.api.turn_lock`). ToolErrors are returned as data (``{"error": {"code", "message"}}``)
so the ingress can raise them again with their code intact.

Concurrency: the methods are ``async`` and run the (blocking) agent code on the replica's own thread
pool, one thread per request it may hold (``max_ongoing_requests`` in the config). Ray Serve's pool for
plain methods has only ``ceil(num_cpus) + 4`` threads, so with long turns (a compose waiting on its
tool) short ones such as an undo queued behind them.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ray import serve

from tools.base import ToolError

log = logging.getLogger("ray.serve")

UNARY_METHODS = frozenset(
    {
        "ready", "create_session", "list_sessions", "delete_session", "post_message", "versions",
        "undo", "redo", "set_current", "conversation", "describe", "artifact_file", "check",
    }
)  # fmt: skip
"""The backend methods the ingress may invoke through :meth:`AgentDeployment.invoke`."""


def error_reply(exc: ToolError) -> dict[str, Any]:
    """A ToolError as the data the ingress turns back into one."""
    return {"error": {"code": exc.code, "message": exc.message}}


@serve.deployment(name="agent")
class AgentDeployment:
    """One agent replica over the shared artifact store; tool calls go to ``tool_handles``."""

    def __init__(
        self,
        store: str,
        tool_handles: dict[str, Any],
        tool_timeout_s: float = 300.0,
        quota_mb: float = 0.0,
        llm_url: str | None = None,
        max_concurrent: int = 16,
        llm_model: str | None = None,
    ) -> None:
        from agent.agent import Agent
        from serving.api.backend import InProcessBackend
        from serving.ray.executor import RayExecutor

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        if llm_url:
            os.environ["BANDLEADER_LLM_URL"] = llm_url
        if llm_model:
            os.environ["BANDLEADER_LLM_MODEL"] = llm_model
        self.store = Path(store)
        self.quota_mb = quota_mb
        self.executor = RayExecutor(tool_handles, self.store, timeout_s=tool_timeout_s, quota_mb=quota_mb)
        self.backend = InProcessBackend(Agent(home=self.store, executor=self.executor))
        self.pool = ThreadPoolExecutor(max_workers=max(1, max_concurrent), thread_name_prefix="agent")

    async def _in_pool(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` on the replica's pool, in this request's context (its Serve request id)."""
        ctx = contextvars.copy_context()
        return await asyncio.get_running_loop().run_in_executor(self.pool, ctx.run, fn, *args)

    async def invoke(self, method: str, args: list[Any]) -> dict[str, Any]:
        """Runs backend ``method`` with ``args``; returns {"value": ...} or {"error": {...}}."""
        return await self._in_pool(self._invoke, method, args)  # type: ignore[no-any-return]

    def _invoke(self, method: str, args: list[Any]) -> dict[str, Any]:
        if method not in UNARY_METHODS:
            return error_reply(ToolError(f"Unknown agent method {method!r}.", code="bad_request"))
        try:
            if method == "check":
                self.backend._check(*args)
                return {"value": None}
            if method == "post_message":
                self.executor.bind_request(args[1])
                self._check_uploads(args[3])
            return {"value": getattr(self.backend, method)(*args)}
        except ToolError as exc:
            return error_reply(exc)

    async def stream(
        self, owner: str | None, session_id: str, text: str, uploads: list[Any]
    ) -> AsyncIterator[Any]:
        """Yields the turn's StreamEvents as they happen (a tool's progress while it runs); the ingress
        checked the session first. The turn runs on one pool thread; a client that goes away stops
        the stream at the next event."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        stop = threading.Event()

        def put(kind: str, value: Any) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, (kind, value))
            except RuntimeError:  # the replica's loop is gone (shutting down)
                stop.set()

        def pump() -> None:
            events = self._events(owner, session_id, text, uploads)
            try:
                for event in events:
                    put("event", event)
                    if stop.is_set():
                        break
            except BaseException as exc:  # handed to the stream's reader
                put("error", exc)
            finally:
                events.close()
                put("end", None)

        ctx = contextvars.copy_context()
        loop.run_in_executor(self.pool, ctx.run, pump)
        try:
            while True:
                kind, value = await queue.get()
                if kind == "end":
                    return
                if kind == "error":
                    raise value
                yield value
        finally:
            stop.set()

    def _events(self, owner: str | None, session_id: str, text: str, uploads: list[Any]) -> Iterator[Any]:
        from serving.api.models import ErrorEvent

        self.executor.bind_request(session_id)
        try:
            self._check_uploads(uploads)
            events = self.backend.stream_message(owner, session_id, text, uploads)
        except ToolError as exc:
            yield ErrorEvent(code=exc.code, message=exc.message)
            return
        yield from events

    def _check_uploads(self, uploads: list[Any]) -> None:
        """ToolError("storage_full") when the store has no room for the uploads."""
        from serving.ray.quota import check_quota

        if uploads:
            incoming = sum(Path(u.path).stat().st_size for u in uploads if Path(u.path).is_file())
            check_quota(self.store, self.quota_mb, incoming)

    def check_health(self) -> None:
        """Ray Serve's health probe: the store is still reachable."""
        if not self.store.is_dir():
            raise RuntimeError(f"artifact store {self.store} is gone")
