"""Carrying out planned calls: validation, progress events, errors as data, parallel waves.

``InProcessExecutor`` runs tools in this process (the embedded default); a Ray executor in
``serving/`` implements the same ``Executor`` protocol with deployment handles.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ValidationError

from agent.plan import CALL_REF_PREFIX, CallResult, ToolCall
from tools.base import ArtifactStore, ToolContext, ToolError, default_models_dir
from tools.registry import get_tool

log = logging.getLogger(__name__)


class ToolEvent(BaseModel):
    """A progress event streamed to the UI while a tool runs."""

    type: Literal["started", "progress", "finished", "failed"]
    call_id: str
    tool: str
    fraction: float = 0.0
    message: str = ""
    time: float = 0.0
    """Seconds since the Unix epoch."""


EventSink = Callable[[ToolEvent], None]


def _drop(event: ToolEvent) -> None:
    return None


class Executor(Protocol):
    """How one planned call is carried out (in-process here, Ray deployments in serving/)."""

    def call(self, call: ToolCall, workspace: ArtifactStore, emit: EventSink) -> CallResult: ...


def _validation_message(tool: str, exc: ValidationError) -> str:
    """A plain sentence or question for refused arguments (never a field name)."""
    from agent.planners.replies import invalid_arguments_text

    return invalid_arguments_text(tool, list(exc.errors()))


class InProcessExecutor:
    """Runs registered tools in this process; every failure comes back as a CallResult, never raised."""

    def __init__(self, models_dir: Any = None) -> None:
        self.models_dir = models_dir or default_models_dir()

    def call(self, call: ToolCall, workspace: ArtifactStore, emit: EventSink = _drop) -> CallResult:
        """Validate and run ``call``; returns its result (ok or a person-readable error)."""
        emit(ToolEvent(type="started", call_id=call.id, tool=call.tool, time=time.time()))
        started = time.perf_counter()

        def progress(fraction: float, message: str) -> None:
            emit(
                ToolEvent(
                    type="progress",
                    call_id=call.id,
                    tool=call.tool,
                    fraction=max(0.0, min(1.0, float(fraction))),
                    message=message,
                    time=time.time(),
                )
            )

        ctx = ToolContext(
            workspace=workspace,
            progress=progress,
            models_dir=self.models_dir,
            tool=call.tool,
            call_id=call.id,
            arguments=call.arguments,
        )
        try:
            tool = get_tool(call.tool)
            args = tool.Input.model_validate(call.arguments)
            ctx.arguments = args.model_dump(mode="json")
            output = tool.run(args, ctx)
            result = CallResult(
                call_id=call.id,
                tool=call.tool,
                arguments=ctx.arguments,
                ok=True,
                output=output.model_dump(mode="json"),
                artifacts=list(ctx.produced),
            )
        except ToolError as exc:
            result = self._failed(call, ctx, exc.message, exc.code)
        except ValidationError as exc:
            result = self._failed(call, ctx, _validation_message(call.tool, exc), "invalid_arguments")
        except Exception as exc:  # a crashing tool must not take the session down
            log.error("tool %s crashed:\n%s", call.tool, traceback.format_exc())
            result = self._failed(
                call,
                ctx,
                f"The {call.tool} tool failed unexpectedly ({type(exc).__name__}: {exc}). "
                "Your saved versions are untouched; you can try again or try something else.",
                "crash",
            )
        result.seconds = time.perf_counter() - started
        emit(
            ToolEvent(
                type="finished" if result.ok else "failed",
                call_id=call.id,
                tool=call.tool,
                fraction=1.0,
                message="done" if result.ok else (result.error or ""),
                time=time.time(),
            )
        )
        return result

    @staticmethod
    def _failed(call: ToolCall, ctx: ToolContext, message: str, code: str) -> CallResult:
        return CallResult(
            call_id=call.id,
            tool=call.tool,
            arguments=ctx.arguments,
            ok=False,
            error=message,
            error_code=code,
            artifacts=list(ctx.produced),
        )


def _resolve_refs(call: ToolCall, done: dict[str, CallResult]) -> ToolCall | CallResult:
    """Replace '@cN' argument values with the artifact call cN produced (or fail clearly)."""
    resolved: dict[str, Any] = {}
    for key, value in call.arguments.items():
        if isinstance(value, str) and value.startswith(CALL_REF_PREFIX):
            source = done.get(value[len(CALL_REF_PREFIX) :])
            if source is None or not source.artifacts:
                return CallResult(
                    call_id=call.id,
                    tool=call.tool,
                    arguments=call.arguments,
                    ok=False,
                    error=f"Skipped {call.tool}: the step it builds on produced nothing to work on.",
                    error_code="skipped",
                )
            value = source.artifacts[-1].id
        resolved[key] = value
    return call.model_copy(update={"arguments": resolved})


def run_calls(
    calls: list[ToolCall],
    workspace: ArtifactStore,
    executor: Executor,
    emit: EventSink = _drop,
    max_workers: int = 4,
) -> list[CallResult]:
    """Run ``calls`` in waves: each wave holds the calls whose dependencies are done, run in parallel.

    A call whose dependency failed is skipped with a clear reason. Returns results in plan order.
    """
    lock = threading.Lock()

    def safe_emit(event: ToolEvent) -> None:
        with lock:
            emit(event)

    done: dict[str, CallResult] = {}
    remaining = list(calls)
    known = {c.id for c in calls}
    with ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="tool") as pool:
        while remaining:
            ready = [c for c in remaining if all(d in done or d not in known for d in c.depends_on)]
            if not ready:  # a cycle: refuse rather than hang
                for c in remaining:
                    done[c.id] = CallResult(
                        call_id=c.id, tool=c.tool, arguments=c.arguments, ok=False,
                        error="The plan's steps depend on each other in a circle.", error_code="bad_plan",
                    )  # fmt: skip
                break
            futures = {}
            for c in ready:
                remaining.remove(c)
                failed_dep = next((d for d in c.depends_on if d in done and not done[d].ok), None)
                if failed_dep is not None:
                    before = done[failed_dep].tool
                    done[c.id] = CallResult(
                        call_id=c.id, tool=c.tool, arguments=c.arguments, ok=False,
                        error=f"Skipped {c.tool} because the step before it ({before}) failed.",
                        error_code="skipped",
                    )  # fmt: skip
                    continue
                prepared = _resolve_refs(c, done)
                if isinstance(prepared, CallResult):
                    done[c.id] = prepared
                    continue
                if len(ready) == 1:
                    done[c.id] = executor.call(prepared, workspace, safe_emit)
                else:
                    # each worker runs in a copy of this context, so context-bound sinks
                    # (LangGraph's stream writer) work from the pool's threads too
                    run_in_context = contextvars.copy_context().run
                    futures[c.id] = pool.submit(run_in_context, executor.call, prepared, workspace, safe_emit)
            for cid, fut in futures.items():
                done[cid] = fut.result()
    return [done[c.id] for c in calls]
