"""MIDI files timed in seconds (120 BPM, 960 ticks a second), for parts that follow a performance's own
timing rather than a tempo grid: the timbre-transfer melody and the accompaniment of an upload."""

from __future__ import annotations

from pathlib import Path

import mido

TICKS_PER_S = 960
"""MIDI resolution: 480 ticks a beat at the default 120 BPM."""


class TimedEvents:
    """MIDI messages at times in seconds; ``order`` breaks ties (note-offs before note-ons, set-up first)."""

    def __init__(self) -> None:
        self.events: list[tuple[int, int, mido.Message]] = []

    def at(self, t_s: float, order: int, msg: mido.Message) -> None:
        """Add ``msg`` at ``t_s`` seconds (clamped to 0)."""
        self.events.append((max(0, round(t_s * TICKS_PER_S)), order, msg))

    def note(self, start_s: float, end_s: float, pitch: int, velocity: int, channel: int = 0) -> None:
        """A note from ``start_s`` to ``end_s`` seconds."""
        self.at(start_s, 3, mido.Message("note_on", note=pitch, velocity=velocity, channel=channel))
        off = mido.Message("note_off", note=pitch, velocity=0, channel=channel)
        self.at(max(end_s, start_s + 0.01), -1, off)

    def save(self, path: Path, tail_s: float = 0.5) -> Path:
        """Write one track holding every event in time order, ending ``tail_s`` after the last; returns
        ``path``."""
        mid = mido.MidiFile(ticks_per_beat=480)
        track = mido.MidiTrack()
        mid.tracks.append(track)
        now = 0
        for tick, _, msg in sorted(self.events, key=lambda e: (e[0], e[1])):
            track.append(msg.copy(time=tick - now))
            now = tick
        track.append(mido.MetaMessage("end_of_track", time=round(tail_s * TICKS_PER_S)))
        mid.save(path)
        return path
