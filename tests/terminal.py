"""Running the ``bandleader`` command on a real pseudo-terminal, as a person would see it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_in_terminal(*args: str, timeout: float = 240) -> tuple[int, str]:
    """Runs ``bandleader ARGS`` with stdin, stdout and stderr on one pseudo-terminal; returns its exit
    status and everything it wrote there."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", *args], cwd=REPO, stdin=slave, stdout=slave, stderr=slave,
        close_fds=True, env={**os.environ, "COLUMNS": "120"},
    )  # fmt: skip
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    rc = proc.wait(timeout=timeout)
    return rc, b"".join(chunks).decode("utf-8", "replace")
