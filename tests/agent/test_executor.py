"""run_calls: waves, parallel independent calls, dependency refs and skips."""

from __future__ import annotations

import threading
from typing import Any

from agent.executor import EventSink, ToolEvent, run_calls
from agent.plan import CallResult, ToolCall
from tools.base import ArtifactInfo


def _artifact(aid: str) -> ArtifactInfo:
    return ArtifactInfo(id=aid, kind="audio", label=aid, path=f"/x/{aid}", thread="t", version=1, created=0.0)


class FakeExecutor:
    """Records calls; optional barrier proves calls ran at the same time."""

    def __init__(self, barrier: threading.Barrier | None = None, fail: set[str] | None = None) -> None:
        self.barrier = barrier
        self.fail = fail or set()
        self.seen: list[ToolCall] = []
        self.lock = threading.Lock()

    def call(self, call: ToolCall, workspace: Any, emit: EventSink) -> CallResult:
        emit(ToolEvent(type="started", call_id=call.id, tool=call.tool))
        with self.lock:
            self.seen.append(call)
        if self.barrier is not None:
            self.barrier.wait()  # raises BrokenBarrierError if the other call never runs alongside
        ok = call.id not in self.fail
        return CallResult(
            call_id=call.id, tool=call.tool, arguments=call.arguments, ok=ok,
            error=None if ok else "boom", artifacts=[_artifact(f"a-{call.id}")] if ok else [],
        )  # fmt: skip


def test_independent_calls_run_in_parallel() -> None:
    executor = FakeExecutor(barrier=threading.Barrier(2, timeout=10))
    calls = [ToolCall(id="c1", tool="describe_audio"), ToolCall(id="c2", tool="describe_audio")]
    results = run_calls(calls, workspace=None, executor=executor)  # type: ignore[arg-type]
    assert [r.ok for r in results] == [True, True]


def test_dependent_call_gets_the_artifact_of_its_dependency() -> None:
    executor = FakeExecutor()
    calls = [
        ToolCall(id="c1", tool="trim", arguments={"audio": "current"}),
        ToolCall(id="c2", tool="gain", arguments={"audio": "@c1"}, depends_on=["c1"]),
    ]
    results = run_calls(calls, workspace=None, executor=executor)  # type: ignore[arg-type]
    assert [c.id for c in executor.seen] == ["c1", "c2"]
    assert executor.seen[1].arguments["audio"] == "a-c1"
    assert all(r.ok for r in results)


def test_a_failed_step_skips_what_builds_on_it_but_not_the_rest() -> None:
    executor = FakeExecutor(fail={"c1"})
    events: list[ToolEvent] = []
    calls = [
        ToolCall(id="c1", tool="trim"),
        ToolCall(id="c2", tool="gain", arguments={"audio": "@c1"}, depends_on=["c1"]),
        ToolCall(id="c3", tool="describe_audio"),
    ]
    results = run_calls(calls, workspace=None, executor=executor, emit=events.append)  # type: ignore[arg-type]
    assert [r.ok for r in results] == [False, False, True]
    assert results[1].error_code == "skipped" and "trim" in (results[1].error or "")
    assert {e.call_id for e in events} == {"c1", "c3"}


def test_a_cycle_is_refused_not_hung() -> None:
    calls = [ToolCall(id="c1", tool="a", depends_on=["c2"]), ToolCall(id="c2", tool="b", depends_on=["c1"])]
    results = run_calls(calls, workspace=None, executor=FakeExecutor())  # type: ignore[arg-type]
    assert all(r.error_code == "bad_plan" for r in results)
