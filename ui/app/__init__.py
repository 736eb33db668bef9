"""The Gradio chat app: where people use Bandleader.

Small modules, one job each:

- ``format``: pure text helpers (m:ss clocks, tool names, argument summaries, times of day).
- ``plots``: matplotlib figures (waveform with beats/sections, chord timeline, piano roll, spectrogram).
- ``media``: reading audio files for the plots (decoded once, cached by path).
- ``overlays``: beats, downbeats, sections, chords and notes found in a session's tool results.
- ``history``: the versions table, version choices and the compare text.
- ``downloads``: friendly-named files for download (the mix, other artifacts, the session zip).
- ``chat``: chat messages (players for artifacts, progress while tools run, reopened conversations).
- ``backend``: the agent the app talks to (in-process; ``--api`` is refused until serving exists).
- ``layout``: the Gradio Blocks page and its event handlers.
- ``server``: theme, limits and ``launch``.
"""

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from ui.app.backend import Backend, BackendUnavailableError, LocalBackend, make_backend
from ui.app.layout import build_app
from ui.app.server import launch_app

__all__ = ["Backend", "BackendUnavailableError", "LocalBackend", "build_app", "launch_app", "make_backend"]
