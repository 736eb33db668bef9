"""Turning a blocking iterator into one that also ticks, so the page never looks frozen."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

_DONE = object()


class Tick:
    """Yielded when ``tick_s`` passed without a new item (time to refresh elapsed times)."""


TICK = Tick()


def with_ticks(make: Callable[[], Iterator[Any]], tick_s: float = 0.5) -> Iterator[Any]:
    """Items of ``make()`` (run in a background thread) as they come, plus ``TICK`` every ``tick_s``
    seconds of silence. An exception raised by the iterator is re-raised here.

    If the consumer stops early, the producer still runs to the end (a turn is never cut in half).
    """
    items: queue.Queue[Any] = queue.Queue()

    def produce() -> None:
        try:
            for item in make():
                items.put(item)
        except BaseException as exc:  # handed to the consumer
            items.put(exc)
        finally:
            items.put(_DONE)

    threading.Thread(target=produce, name="bandleader-turn", daemon=True).start()
    while True:
        try:
            item = items.get(timeout=tick_s)
        except queue.Empty:
            yield TICK
            continue
        if item is _DONE:
            return
        if isinstance(item, BaseException):
            raise item
        yield item
