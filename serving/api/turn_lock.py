"""One turn at a time per session, across threads, processes and agent replicas sharing one store.

A turn reads the session's checkpointed conversation when it starts and writes it back when it ends,
so two turns of one session running at once would lose one of the two exchanges. The lock is an
``flock`` on a small file in ``<home>/locks/`` (the shared artifact store when serving): every agent
replica on a machine, or on several machines sharing the store's filesystem, waits for the turn
before it. Locks on different sessions never wait for each other.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tools.base import ToolError

TURN_WAIT_S = 300.0
"""Longest a message waits for the same session's previous turn to finish, in seconds."""


def lock_path(home: Path, session_id: str) -> Path:
    """The lock file of ``session_id`` under ``home`` (named by a hash, so any id is a safe name)."""
    digest = hashlib.sha256(session_id.encode()).hexdigest()[:24]
    return home / "locks" / f"turn-{digest}.lock"


@contextmanager
def session_turn_lock(home: Path, session_id: str, wait_s: float = TURN_WAIT_S) -> Iterator[None]:
    """Holds ``session_id``'s turn lock for the ``with`` block; ToolError("session_busy") when the
    session's previous turn is still running after ``wait_s`` seconds."""
    path = lock_path(home, session_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait_s
        pause = 0.02
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ToolError(
                        "This session is still working on an earlier message; wait for its answer, "
                        "then send this one again.",
                        code="session_busy",
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.5)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def remove_turn_lock(home: Path, session_id: str) -> None:
    """Removes a deleted session's lock file (nothing when there is none)."""
    with suppress(FileNotFoundError):
        lock_path(home, session_id).unlink()
