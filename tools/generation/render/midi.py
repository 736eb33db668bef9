"""Song project -> Standard MIDI File (type 1): a conductor track with tempo, meter and key, then one
track per part with program, pan and reverb send; lyric events ride on the melody / vocal track.
"""

from __future__ import annotations

from pathlib import Path

import mido

from tools.generation.project import SongProject, Track
from tools.generation.theory import pitch_class

TICKS_PER_BEAT = 480
DRUM_CHANNEL = 9
_MIDI_KEYS_MAJOR = ("C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")


def _key_signature(project: SongProject) -> str:
    pc = pitch_class(project.key)
    if project.mode == "major":
        return _MIDI_KEYS_MAJOR[pc]
    return {
        0: "Cm",
        1: "C#m",
        2: "Dm",
        3: "Ebm",
        4: "Em",
        5: "Fm",
        6: "F#m",
        7: "Gm",
        8: "G#m",
        9: "Am",
        10: "Bbm",
        11: "Bm",
    }[pc]


def conductor_track(project: SongProject) -> mido.MidiTrack:
    """Track 0: title, time signature, key signature and the tempo map."""
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("track_name", name=project.title[:120], time=0))
    num, den = project.meter
    track.append(mido.MetaMessage("time_signature", numerator=num, denominator=den, time=0))
    track.append(mido.MetaMessage("key_signature", key=_key_signature(project), time=0))
    last = 0
    for change in project.tempo_map():
        tick = round(change.beat * TICKS_PER_BEAT)
        track.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(change.bpm), time=tick - last))
        last = tick
    return track


def channel_for(index: int, track: Track) -> int:
    """MIDI channel of the ``index``-th pitched track (skipping the drum channel), or 9 for drums."""
    if track.is_drums:
        return DRUM_CHANNEL
    ch = index % 15
    return ch if ch < DRUM_CHANNEL else ch + 1


def muted_ranges(project: SongProject, track: Track) -> list[tuple[float, float]]:
    """(start, end) beats where ``track`` is muted."""
    return [project.section_range(name) for name in track.muted_sections if name in project.section_starts()]


def audible_notes(project: SongProject, track: Track) -> list:
    """The notes of ``track`` outside its muted sections."""
    ranges = muted_ranges(project, track)
    return [n for n in track.notes if not any(a <= n.start < b for a, b in ranges)]


def part_track(project: SongProject, track: Track, channel: int, with_lyrics: bool) -> mido.MidiTrack:
    """One part: name, program, pan (CC10), reverb send (CC91), its audible notes and lyrics."""
    out = mido.MidiTrack()
    out.append(mido.MetaMessage("track_name", name=track.name, time=0))
    if not track.is_drums:
        out.append(mido.Message("program_change", program=track.program, channel=channel, time=0))
    out.append(
        mido.Message(
            "control_change", control=10, value=round(64 + 63 * track.mix.pan), channel=channel, time=0
        )
    )
    out.append(
        mido.Message(
            "control_change", control=91, value=round(127 * track.mix.reverb), channel=channel, time=0
        )
    )
    events: list[tuple[int, int, mido.Message | mido.MetaMessage]] = []
    for n in audible_notes(project, track):
        on = round(n.start * TICKS_PER_BEAT)
        off = max(on + 1, round((n.start + n.duration) * TICKS_PER_BEAT))
        events.append((on, 2, mido.Message("note_on", note=n.pitch, velocity=n.velocity, channel=channel)))
        events.append((off, 0, mido.Message("note_off", note=n.pitch, velocity=0, channel=channel)))
    if with_lyrics:
        for syl in project.lyrics:
            events.append((round(syl.beat * TICKS_PER_BEAT), 1, mido.MetaMessage("lyrics", text=syl.text)))
    events.sort(key=lambda e: (e[0], e[1]))
    last = 0
    for tick, _, msg in events:
        out.append(msg.copy(time=tick - last))
        last = tick
    out.append(mido.MetaMessage("end_of_track", time=0))
    return out


def lyric_track_name(project: SongProject) -> str | None:
    """Name of the track that carries the lyric events (the vocal, else the melody), or None."""
    for role in ("lead_vocal", "melody"):
        for t in project.tracks:
            if t.role == role:
                return t.name
    return None


def write_midi(project: SongProject, path: Path, only: str | None = None) -> Path:
    """Write the project (or only the track named ``only``, for a stem) as a MIDI file at ``path``."""
    mid = mido.MidiFile(type=1, ticks_per_beat=TICKS_PER_BEAT)
    mid.tracks.append(conductor_track(project))
    lyric_owner = lyric_track_name(project)
    pitched = 0
    for track in project.tracks:
        channel = channel_for(pitched, track)
        if not track.is_drums:
            pitched += 1
        if only is not None and track.name != only:
            continue
        mid.tracks.append(
            part_track(project, track, channel, with_lyrics=track.name == lyric_owner and only is None)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    mid.save(str(path))
    return path
