"""Songs in many styles rendered by the project's own composer, with exact beats and downbeats.

../shared/data has only two real recordings with beat labels, so the beat/downbeat benchmark adds songs
the composer writes in the styles a new user tries (swing, bossa nova, waltz, a slow solo piano,
funk, lo-fi, rock, house, folk, cinematic): the MIDI the composer writes gives every beat and
downbeat exactly. They are rendered with two General MIDI SoundFonts (FluidR3 and TimGM6mb) so that
not every case has one timbre. Each case's ``source`` is its style group, the unit the benchmark holds
out. These figures are "rendered", never "real".
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np

CASES: tuple[tuple[str, dict[str, object], str], ...] = (
    # (name, ComposeRequest fields, style group)
    ("piano70", {"prompt": "a calm solo piano piece in D minor at 70 BPM", "instruments": ["piano"]}, "slow"),
    ("classical66", {"style": "classical", "tempo_bpm": 66, "key": "Bb major"}, "slow"),
    ("lofi76", {"style": "lofi", "tempo_bpm": 76, "key": "F minor"}, "slow"),
    ("cinematic60", {"style": "cinematic", "tempo_bpm": 60, "key": "C minor"}, "slow"),
    ("jazz140", {"style": "jazz", "tempo_bpm": 140, "key": "F major"}, "swing"),
    ("jazz110", {"style": "jazz", "tempo_bpm": 110, "key": "Bb major"}, "swing"),
    ("bossa130", {"style": "bossa", "tempo_bpm": 130, "key": "Eb major"}, "bossa"),
    ("bossa110", {"style": "bossa", "tempo_bpm": 110, "key": "A minor"}, "bossa"),
    ("waltz_folk96", {"style": "folk", "tempo_bpm": 96, "meter": "3/4", "key": "G major"}, "waltz"),
    (
        "waltz_classical150",
        {"style": "classical", "tempo_bpm": 150, "meter": "3/4", "key": "A major"},
        "waltz",
    ),
    ("waltz_pop120", {"style": "pop", "tempo_bpm": 120, "meter": "3/4", "key": "E major"}, "waltz"),
    ("funk100", {"style": "funk", "tempo_bpm": 100, "key": "E minor"}, "groove"),
    ("house124", {"style": "house", "tempo_bpm": 124, "key": "A minor"}, "groove"),
    ("rock150", {"style": "rock", "tempo_bpm": 150, "key": "D major"}, "groove"),
    ("folk88", {"style": "folk", "tempo_bpm": 88, "key": "C major"}, "groove"),
    ("pop104", {"style": "pop", "tempo_bpm": 104, "key": "Ab major"}, "groove"),
)
"""Every rendered case: a name, what the composer is asked for, and its style group."""

SOUNDFONTS: tuple[str, ...] = ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/TimGM6mb.sf2")
"""Cases alternate between these SoundFonts (those that exist)."""

DURATION_S: float = 30.0
"""Length of each rendered song, in seconds."""


def render_case(
    name: str, fields: dict[str, object], folder: Path, soundfont: str | None
) -> tuple[Path, Path]:
    """(mix WAV, MIDI) of one case, rendered into ``folder`` once (reused when already there)."""
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.folder import compose_to_folder

    mix, midi = folder / f"{name}.wav", folder / f"{name}.mid"
    if mix.exists() and midi.exists():
        return mix, midi
    old = os.environ.get("BANDLEADER_SOUNDFONT")
    if soundfont:
        os.environ["BANDLEADER_SOUNDFONT"] = soundfont
    try:
        work = folder / f"{name}-song"
        song = compose_to_folder(ComposeRequest(seed=3, duration_s=DURATION_S, **fields), work)  # type: ignore[arg-type]
        shutil.copy(song.audio, mix)
        shutil.copy(song.midi, midi)
        shutil.rmtree(work, ignore_errors=True)
    finally:
        if old is None:
            os.environ.pop("BANDLEADER_SOUNDFONT", None)
        else:
            os.environ["BANDLEADER_SOUNDFONT"] = old
    return mix, midi


HEARD_TOLERANCE_S: float = 0.07
"""Beats and downbeats more than this after the last note onset (s) fall in the silent tail: the
truth's and the trackers' are both left out there (``heard_until``; the F-measure's own window)."""


def style_cases(folder: Path) -> list[dict]:
    """Benchmark items (path, beats, downbeats, tempo, key, source = 'composer:<group>', heard_until =
    the time (s) after which nothing is scored) of every case, rendered into ``folder``; [] when
    FluidSynth or a SoundFont is missing."""
    import pretty_midi

    fonts = [f for f in SOUNDFONTS if Path(f).exists()]
    if not fonts or shutil.which("fluidsynth") is None:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, (name, fields, group) in enumerate(CASES):
        mix, midi = render_case(name, fields, folder, fonts[i % len(fonts)])
        pm = pretty_midi.PrettyMIDI(str(midi))
        beats = pm.get_beats()
        # the MIDI's bar grid runs on through the silent tail: only beats up to the last note are heard
        last_onset = max(n.start for inst in pm.instruments for n in inst.notes) + HEARD_TOLERANCE_S
        downbeats = pm.get_downbeats()
        key = fields.get("key")
        item = {
            "name": f"composer {name} (rendered)",
            "source": f"composer:{group}",
            "path": mix,
            "beats": beats[beats <= last_onset],
            "downbeats": downbeats[downbeats <= last_onset],
            "heard_until": last_onset,
            "tempo": float(60.0 / np.median(np.diff(beats))),
        }
        if key:
            item["key"] = str(key)
        out.append(item)
    return out
