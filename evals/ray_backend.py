"""Run scenario jobs as Ray tasks (used only when ``import ray`` works).

Ray is an optional dependency (installed with the ``dev`` extra so the tests cover this path); it is
chosen by ``--backend auto`` when a Ray cluster is running, or asked for with ``--backend ray``.
Tasks run on the connected cluster, or on a Ray instance started here when none is running; with a
cluster, workers must see the same files (scenarios, out dir).
Each task gets one CPU; at most ``workers`` run at once, so a task's clock starts roughly when it
is submitted. A task that overruns its limit is cancelled (force-killed) and reported as a timeout.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from collections import deque
from collections.abc import Sequence
from typing import Any

from evals.play import Job
from evals.pool import ResultCallback, import_object, stopped_result
from evals.results import ScenarioResult


def ray_importable() -> bool:
    """True when the ``ray`` package can be imported here."""
    if importlib.util.find_spec("ray") is None:
        return False
    try:
        import ray  # noqa: F401
    except Exception:
        return False
    return True


def ray_cluster_running() -> bool:
    """True when Ray is importable and a cluster is there to use: ``RAY_ADDRESS`` is set or this
    process already called ``ray.init()``. Merely having Ray installed does not send work to it:
    starting a local Ray instance costs seconds, which a small run does not win back."""
    if not os.environ.get("RAY_ADDRESS") and "ray" not in sys.modules:
        return False
    if not ray_importable():
        return False
    import ray

    return bool(os.environ.get("RAY_ADDRESS")) or ray.is_initialized()


def _play_in_task(player: str, job: Job) -> ScenarioResult:
    """Body of a Ray task: play one job with the player named ``player``."""
    play = import_object(player)
    try:
        return play(job, None)
    except Exception as exc:
        return stopped_result(job, "error", f"{type(exc).__name__}: {exc}")


def run_jobs_with_ray(
    jobs: Sequence[Job], workers: int, player: str, on_result: ResultCallback | None = None
) -> list[ScenarioResult]:
    """Play ``jobs`` as Ray tasks, at most ``workers`` at a time; results in the order of ``jobs``."""
    import ray

    started_here = not ray.is_initialized()
    if started_here:
        ray.init(include_dashboard=False, log_to_driver=False)
    task = ray.remote(num_cpus=1, max_retries=0)(_play_in_task)
    pending = deque(enumerate(jobs))
    running: dict[Any, tuple[int, Job, float, float]] = {}
    results: dict[int, ScenarioResult] = {}

    def finish(i: int, result: ScenarioResult) -> None:
        results[i] = result
        if on_result:
            on_result(result)

    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                i, job = pending.popleft()
                now = time.monotonic()
                running[task.remote(player, job)] = (i, job, now, now + job.timeout_s)
            timeout = max(0.0, min(d for _, _, _, d in running.values()) - time.monotonic())
            ready, _ = ray.wait(list(running), num_returns=1, timeout=timeout)
            for ref in ready:
                i, job, t0, _ = running.pop(ref)
                try:
                    finish(i, ray.get(ref))
                except Exception as exc:
                    error = f"the Ray task failed: {type(exc).__name__}: {exc}"
                    finish(i, stopped_result(job, "error", error, seconds=time.monotonic() - t0))
            now = time.monotonic()
            for ref, (i, job, t0, deadline) in list(running.items()):
                if now >= deadline:
                    ray.cancel(ref, force=True)
                    del running[ref]
                    finish(
                        i,
                        stopped_result(
                            job, "timeout", f"timed out after {job.timeout_s:g} s", seconds=now - t0
                        ),
                    )
    finally:
        for ref in running:
            ray.cancel(ref, force=True)
        if started_here:
            ray.shutdown()
    return [results[i] for i in range(len(jobs))]
