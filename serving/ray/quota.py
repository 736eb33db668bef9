"""The artifact store's disk quota: how much it holds and a clear refusal when it is full.

Checked before anything new is written (an upload imported, a tool that saves versions), so a full
store refuses the work up front and every saved version stays as it was.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from tools.base import ToolError

_cache: dict[Path, tuple[float, int]] = {}
_lock = threading.Lock()


def store_usage_bytes(root: Path, max_age_s: float = 1.0) -> int:
    """Bytes of all files under ``root`` (re-counted at most every ``max_age_s`` seconds)."""
    root = Path(root)
    now = time.monotonic()
    with _lock:
        hit = _cache.get(root)
        if hit is not None and now - hit[0] < max_age_s:
            return hit[1]
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:  # removed while counting
                continue
    with _lock:
        _cache[root] = (now, total)
    return total


def check_quota(root: Path, quota_mb: float, incoming_bytes: int = 0) -> None:
    """Returns None while the store has room; ToolError("storage_full") once ``quota_mb`` (MB) is
    used up (``incoming_bytes`` counts a file about to be added). A quota of 0 means none."""
    if quota_mb <= 0:
        return
    limit = int(quota_mb * 1_000_000)
    used = store_usage_bytes(root)
    if used + incoming_bytes > limit:
        raise ToolError(
            f"The server's artifact storage is full ({used / 1e6:.1f} MB of {quota_mb:.0f} MB used), so "
            "nothing new can be saved. Your saved versions are untouched: delete old sessions or ask "
            "the operator to raise artifact_quota_mb.",
            code="storage_full",
        )
