"""A progress bar on stderr for the long CLI commands, fed by the tools' own progress events.

The same ``(fraction, message)`` calls a tool makes through ``ToolContext.progress`` (and the
``ToolEvent`` stream the web app and the HTTP API show) drive one line redrawn in place::

    analyze  [##########..........]  52%  finding the key

Only when stderr is a terminal and the command was not asked for ``--json`` (or ``--quiet``);
otherwise nothing is drawn, so piped and machine-read output stays clean.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import Any, TextIO

BAR_WIDTH = 24
REDRAW_EVERY_S = 0.1
"""At most this often a redraw for the same percentage (a new percentage always redraws)."""


def wants_bar(args: Any, stream: TextIO | None = None) -> bool:
    """True when a command's bar should be drawn: stderr is a terminal and neither ``--json`` nor
    ``--quiet`` was given."""
    stream = stream or sys.stderr
    quiet = bool(getattr(args, "json", False) or getattr(args, "quiet", False))
    return not quiet and bool(getattr(stream, "isatty", lambda: False)())


class ProgressBar:
    """One progress line on ``stream`` (stderr); every method is a no-op when ``enabled`` is False.

    Thread-safe: tools may report from worker threads.
    """

    def __init__(self, label: str = "", *, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.label = label
        self._lock = threading.Lock()
        self._open = False
        self._last: tuple[int, str, str] | None = None
        self._last_time = 0.0

    def _columns(self) -> int:
        return max(40, shutil.get_terminal_size((80, 24)).columns)

    def line(self, fraction: float, message: str, label: str | None = None) -> str:
        """The text of the bar for ``fraction`` (0-1) and ``message``, cut to the terminal's width."""
        fraction = max(0.0, min(1.0, float(fraction)))
        filled = round(fraction * BAR_WIDTH)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        text = f"{label if label is not None else self.label}  [{bar}] {fraction * 100:3.0f}%  {message}"
        return text[: self._columns() - 1]

    def update(
        self, fraction: float, message: str = "", label: str | None = None, *, force: bool = False
    ) -> None:
        """Redraws the line at ``fraction`` (0-1) with ``message``; use as a ``ProgressFn``.

        A new message at the same percentage within :data:`REDRAW_EVERY_S` is skipped unless ``force``."""
        if not self.enabled:
            return
        if label is not None:
            self.label = label
        key = (round(max(0.0, min(1.0, float(fraction))) * 100), message, self.label)
        now = time.monotonic()
        with self._lock:
            recent = self._last is not None and now - self._last_time < REDRAW_EVERY_S
            if key == self._last or (not force and recent and key[0] == self._last[0]):  # type: ignore[index]
                return
            self._last, self._last_time = key, now
            self.stream.write("\r\x1b[K" + self.line(fraction, message))
            self.stream.flush()
            self._open = True

    def finish(self, message: str = "done") -> None:
        """Draws the line at 100 % with ``message`` and ends it (the next output starts a new line)."""
        if not self.enabled:
            return
        self.update(1.0, message, force=True)
        self.close()

    def fail(self, message: str = "failed") -> None:
        """Ends the line where it stands, saying ``message``."""
        if not self.enabled:
            return
        with self._lock:
            pct = self._last[0] / 100 if self._last else 0.0
            self.stream.write("\r\x1b[K" + self.line(pct, message))
            self._open = True
        self.close()

    def close(self) -> None:
        """Ends an open line with a newline (nothing when no line was drawn)."""
        with self._lock:
            if self._open:
                self.stream.write("\n")
                self.stream.flush()
            self._open = False
            self._last = None

    def event(self, event: Any) -> None:
        """Draws an ``agent.executor.ToolEvent``: started, progress, then finished or failed."""
        if not self.enabled:
            return
        if event.type == "started":
            self.close()
            self.update(0.0, "starting", label=event.tool)
        elif event.type == "progress":
            self.update(event.fraction, event.message, label=event.tool)
        elif event.type == "finished":
            self.finish("done")
        else:
            self.fail("failed")

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
