"""Run scenario jobs in local worker processes, with a per-scenario time limit.

Each worker is a spawned process that imports the player once, warms it up (the planner's model
loads once per worker), then plays jobs one at a time, sending each turn's trace as it completes. A
scenario that raises is reported by the worker itself; a worker that dies or overruns its
scenario's limit is killed and replaced, and the run goes on with the next scenario.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from evals.play import Job, not_played
from evals.results import ScenarioResult, TurnTrace

STARTUP_GRACE_S = 180.0
"""Seconds a worker may take to start and warm up before its first scenario's clock starts."""

ResultCallback = Callable[[ScenarioResult], None]


def import_object(dotted: str) -> Any:
    """The object named ``"package.module:attribute"``."""
    module_name, _, attr = dotted.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def stopped_result(
    job: Job, status: str, error: str, turns: Sequence[TurnTrace] = (), seconds: float = 0.0
) -> ScenarioResult:
    """The result of a scenario that did not finish: the turns that completed, then the rest as not
    played (their checks failed with ``error``)."""
    done = list(turns)
    rest = not_played(job.scenario, len(done) + 1, f"not played: {error}")
    return ScenarioResult(
        id=job.scenario.id,
        file=job.file,
        tags=job.scenario.tags,
        description=job.scenario.description,
        status=status,  # type: ignore[arg-type]
        error=error,
        seconds=seconds,
        turns=done + rest,
    )


def _worker_main(conn: Connection, player: str) -> None:
    """Body of a worker process: warm up, then play the jobs received until ``None``."""
    play = import_object(player)
    warm = getattr(importlib.import_module(player.partition(":")[0]), "warm_up", None)
    if callable(warm):
        try:
            warm()
        except Exception:  # the scenario itself will report the problem
            pass
    conn.send(("ready", None, None))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        sid = job.scenario.id
        conn.send(("start", sid, None))
        turns: list[TurnTrace] = []

        def on_turn(trace: TurnTrace, sid: str = sid, turns: list[TurnTrace] = turns) -> None:
            turns.append(trace)
            conn.send(("turn", sid, trace))

        try:
            result = play(job, on_turn)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"
            result = stopped_result(job, "error", error, turns)
        conn.send(("done", sid, result))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    job: Job | None = None
    deadline: float = 0.0
    started: float = 0.0
    turns: list[TurnTrace] = field(default_factory=list)

    def assign(self, job: Job) -> None:
        self.job = job
        self.turns = []
        self.started = time.monotonic()
        self.deadline = self.started + job.timeout_s + STARTUP_GRACE_S
        self.conn.send(job)

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


def _spawn(ctx: Any, player: str) -> _Worker:
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_worker_main, args=(child, player), daemon=True, name="bandleader-eval")
    process.start()
    child.close()
    return _Worker(process=process, conn=parent)


def run_jobs_in_processes(
    jobs: Sequence[Job], workers: int, player: str, on_result: ResultCallback | None = None
) -> list[ScenarioResult]:
    """Play ``jobs`` on up to ``workers`` spawned processes; results in the order of ``jobs``.

    A scenario's clock starts when its worker begins playing it (worker start-up and warm-up get
    ``STARTUP_GRACE_S`` extra). Exceptions, crashed workers and timeouts become results.
    """
    ctx = mp.get_context("spawn")
    pending = deque(jobs)
    results: dict[int, ScenarioResult] = {}
    order = {id(j): i for i, j in enumerate(jobs)}
    pool: list[_Worker] = []

    def finish(worker: _Worker, result: ScenarioResult) -> None:
        assert worker.job is not None
        results[order[id(worker.job)]] = result
        worker.job = None
        if on_result:
            on_result(result)

    try:
        while pending or any(w.job for w in pool):
            for w in pool:
                if w.job is None and pending:
                    w.assign(pending.popleft())
            while len(pool) < max(1, workers) and pending:
                w = _spawn(ctx, player)
                w.assign(pending.popleft())
                pool.append(w)
            busy = [w for w in pool if w.job is not None]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout)
            for w in busy:
                job = w.job
                assert job is not None
                try:
                    while w.job is not None and w.conn.poll():
                        kind, _sid, payload = w.conn.recv()
                        if kind == "start":
                            w.started = time.monotonic()
                            w.deadline = w.started + job.timeout_s
                        elif kind == "turn":
                            w.turns.append(payload)
                        elif kind == "done":
                            finish(w, payload)
                    broken = None
                except (EOFError, OSError):  # the worker closed its end: it is gone or going
                    w.process.join(timeout=5)
                    broken = ""
                except Exception as exc:  # a message that cannot be unpickled here
                    broken = f"; its message could not be read: {type(exc).__name__}: {exc}"
                if w.job is None:
                    continue
                elapsed = time.monotonic() - w.started
                if broken is not None or not w.process.is_alive():
                    if w.process.is_alive():
                        error = f"the worker process failed{broken}"
                    else:
                        error = f"the worker process died (exit code {w.process.exitcode}){broken or ''}"
                    finish(w, stopped_result(job, "error", error, w.turns, elapsed))
                    w.kill()
                    pool.remove(w)
                elif time.monotonic() >= w.deadline:
                    w.kill()
                    pool.remove(w)
                    error = f"timed out after {job.timeout_s:g} s"
                    finish(w, stopped_result(job, "timeout", error, w.turns, elapsed))
    finally:
        for w in pool:
            if w.job is not None:
                w.kill()
            else:
                w.stop()
    return [results[i] for i in range(len(jobs))]
