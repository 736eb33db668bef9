"""The Gradio chat app: where people use Bandleader.

Small modules, one job each:

- ``format``: pure text helpers (m:ss clocks, tool names, argument summaries, times of day).
- ``plots``: matplotlib figures (waveform with beats/sections, chord timeline, piano roll, spectrogram).
- ``media``: reading audio files for the plots (decoded once, cached by path).
- ``overlays``: beats, downbeats, sections, chords and notes found in a session's tool results.
- ``history``: the versions table, version choices and the compare text.
- ``downloads``: friendly-named files for download (the mix, other artifacts, the session zip).
- ``chat``: chat messages (players for artifacts, progress while tools run, reopened conversations).
- ``streaming``: running a turn in the background so the page ticks while tools run.
- ``uploads``: accepted file types and the upload size check (``BANDLEADER_MAX_UPLOAD_MB``).
- ``panels``: what the side panels show for a session (current version, plots, versions, downloads).
- ``backend``: the agent the app talks to (in-process; ``--api`` is refused until serving exists).
- ``layout``: the Gradio Blocks page and its event handlers.
- ``server``: theme, limits and ``launch``.
"""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

_EXPORTS = {
    "Backend": "ui.app.backend",
    "BackendUnavailableError": "ui.app.backend",
    "LocalBackend": "ui.app.backend",
    "make_backend": "ui.app.backend",
    "build_app": "ui.app.layout",
    "launch_app": "ui.app.server",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Lazy exports: importing a helper module does not import Gradio."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_EXPORTS[name]), name)
