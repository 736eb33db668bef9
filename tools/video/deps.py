"""Optional libraries of the video analysers: whether each can be imported here."""

from __future__ import annotations

import importlib
from functools import cache


@cache
def missing(module: str) -> str | None:
    """None when ``module`` imports, else why not (a reason a person can act on)."""
    try:
        importlib.import_module(module)
    except Exception as exc:  # ImportError, or a broken binary wheel
        return f"{module} is not usable here ({type(exc).__name__}: {exc}); run scripts/setup.sh"
    return None
