"""Files as Ray tasks: a local Ray started on a busy machine, and results taken as tasks finish.

Ray gives its raylet 30 s to come up, which a loaded laptop (or CI runner) can miss; the start is then
tried again, a few times, before giving up. Used by the catalogue indexer and ``bandleader batch`` (and
``bandleader serve``'s local start).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

ATTEMPTS = 4
"""Tries of ``ray.init`` before the error is raised."""

Result = TypeVar("Result")


def init_local_ray(**kwargs: Any) -> None:
    """``ray.init(**kwargs)`` on this machine, tried up to :data:`ATTEMPTS` times when Ray reports that
    it timed out during startup (any other error is raised at once); returns None."""
    import ray

    for attempt in range(1, ATTEMPTS + 1):
        try:
            ray.init(**kwargs)
            return
        except Exception as exc:
            ray.shutdown()
            if attempt == ATTEMPTS or "timed out during startup" not in str(exc):
                raise
            print("Ray was slow to start; trying once more.", file=sys.stderr)


def run_as_tasks(
    fn: Callable[..., Result],
    jobs: Sequence[tuple[Any, ...]],
    died: Callable[[tuple[Any, ...], Exception], Result],
    *,
    num_cpus: int,
    **init_options: Any,
) -> Iterator[Result]:
    """``fn(*job)`` for every job, one Ray task each (1 CPU, one retry), yielded as the tasks finish, on
    the running cluster or on a local Ray of ``num_cpus`` CPUs started here (``init_options`` go to
    ``ray.init``) and shut down when done. A job whose worker died twice (out of memory, killed) yields
    ``died(job, exception)`` instead of raising; tasks not yet taken are cancelled when the caller stops."""
    import ray

    started_here = not ray.is_initialized()
    if started_here:
        init_local_ray(num_cpus=num_cpus, **init_options)
    task = ray.remote(num_cpus=1, max_retries=1)(fn)
    running = {task.remote(*job): job for job in jobs}
    try:
        while running:
            finished, _ = ray.wait(list(running), num_returns=1)
            for ref in finished:
                job = running.pop(ref)
                try:
                    out = ray.get(ref)
                except Exception as exc:  # the worker died (out of memory, killed)
                    out = died(job, exc)
                yield out
    finally:
        for ref in running:
            ray.cancel(ref, force=True)
        if started_here:
            ray.shutdown()
