"""Starting a local Ray on a busy machine: Ray gives its raylet 30 s to come up, which a loaded laptop
(or CI runner) can miss; the start is then tried again, a few times, before giving up."""

from __future__ import annotations

import sys
from typing import Any

ATTEMPTS = 4
"""Tries of ``ray.init`` before the error is raised."""


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
