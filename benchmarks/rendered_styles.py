"""Songs in many styles written by the project's own composer, with exact beats and downbeats, frozen.

../shared/data has only two real recordings with beat labels, so the beat/downbeat benchmark adds songs
the composer writes in the styles a new user tries (swing, bossa nova, waltz, a slow solo piano,
funk, lo-fi, rock, house, folk, cinematic): the MIDI the composer writes gives every beat and
downbeat exactly. Each case's ``source`` is its style group, the unit the benchmark holds out. These
figures are "rendered", never "real".

The songs are frozen: composed once into :data:`FROZEN` (each case's MIDI and ``labels.json`` with its
beats, downbeats, key, style group, SoundFont and the composer commit that wrote them), so that the
benchmark's figures do not move when the composer changes. The benchmark renders each MIDI with
FluidSynth and its SoundFont (FluidR3 or TimGM6mb, alternating, so that not every case has one timbre):
the same MIDI, SoundFont and FluidSynth give the same samples (``--check`` renders twice and compares).

    .venv/bin/python benchmarks/rendered_styles.py --check        # render every case twice, compare
    .venv/bin/python benchmarks/rendered_styles.py --regenerate   # compose again (figures will move)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "benchmarks" / "data" / "rendered_styles"
"""Folder of the frozen songs: <case>.mid and labels.json."""

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
"""Every case: a name, what the composer is asked for, and its style group."""

SOUNDFONTS: tuple[str, ...] = ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/TimGM6mb.sf2")
"""Cases alternate between these SoundFonts (case i gets SOUNDFONTS[i % 2]; TimGM6mb is also found in
pretty_midi's package when the system lacks it)."""

DURATION_S: float = 30.0
"""Length of each composed song, in seconds."""

SEED: int = 3
"""The composer's seed for every case."""

HEARD_TOLERANCE_S: float = 0.07
"""Beats and downbeats more than this after the last note onset (s) fall in the silent tail: the
truth's and the trackers' are both left out there (``heard_until``; the F-measure's own window)."""


def compose_midi(fields: dict[str, object], midi: Path) -> Path:
    """The composer's MIDI for one case (``fields`` of a ComposeRequest), written to ``midi``."""
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.compose_tool import compose_song
    from tools.generation.render.midi import write_midi

    project = compose_song(ComposeRequest(seed=SEED, duration_s=DURATION_S, **fields))  # type: ignore[arg-type]
    return write_midi(project, midi)


def midi_labels(midi: Path) -> dict[str, object]:
    """Beats and downbeats (s) heard in ``midi`` (up to its last note onset), the time after which nothing
    is scored, and its tempo (BPM)."""
    import pretty_midi

    pm = pretty_midi.PrettyMIDI(str(midi))
    beats, downbeats = pm.get_beats(), pm.get_downbeats()
    # the MIDI's bar grid runs on through the silent tail: only beats up to the last note are heard
    last_onset = max(n.start for inst in pm.instruments for n in inst.notes) + HEARD_TOLERANCE_S
    return {
        "beats": [round(float(b), 6) for b in beats[beats <= last_onset]],
        "downbeats": [round(float(b), 6) for b in downbeats[downbeats <= last_onset]],
        "heard_until": round(float(last_onset), 6),
        "tempo": round(float(60.0 / np.median(np.diff(beats))), 4),
    }


def regenerate(folder: Path = FROZEN) -> None:
    """Compose every case again into ``folder`` (MIDI + labels.json with the composer's commit)."""
    folder.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "tools/generation"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    labels: dict[str, object] = {
        "composer_commit": commit + (" (tools/generation modified)" if dirty else ""),
        "seed": SEED,
        "duration_s": DURATION_S,
        "cases": {},
    }
    for i, (name, fields, group) in enumerate(CASES):
        midi = compose_midi(fields, folder / f"{name}.mid")
        case = {"group": group, "request": fields, "soundfont": Path(SOUNDFONTS[i % len(SOUNDFONTS)]).name}
        case.update(midi_labels(midi))
        if fields.get("key"):
            case["key"] = str(fields["key"])
        labels["cases"][name] = case  # type: ignore[index]
        print(f"{name}: {len(case['beats'])} beats, {case['tempo']:.1f} BPM", flush=True)
    (folder / "labels.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")


def render(midi: Path, soundfont: Path, wav: Path) -> Path:
    """``midi`` rendered by FluidSynth with ``soundfont`` at 44.1 kHz into ``wav`` (reused when there)."""
    if not wav.exists():
        part = wav.with_suffix(".part.wav")
        subprocess.run(
            ["fluidsynth", "-ni", "-q", "-r", "44100", "-F", str(part), str(soundfont), str(midi)],
            check=True,
            capture_output=True,
        )
        part.replace(wav)
    return wav


def _soundfont(name: str) -> Path | None:
    """The SoundFont file called ``name``: the system's (/usr/share/sounds/sf2), else the copy of
    TimGM6mb that pretty_midi ships; None when neither is there."""
    import pretty_midi

    places = [Path(f).parent for f in SOUNDFONTS] + [Path(pretty_midi.__file__).parent]
    return next((p / name for p in places if (p / name).exists()), None)


def style_cases(folder: Path, frozen: Path = FROZEN) -> list[dict]:
    """Benchmark items (path, beats, downbeats, tempo, key, source = 'composer:<group>', heard_until =
    the time (s) after which nothing is scored) of every frozen case, rendered into ``folder``; cases
    whose SoundFont is missing are left out ([] without FluidSynth)."""
    table = frozen / "labels.json"
    if shutil.which("fluidsynth") is None or not table.exists():
        return []
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, case in json.loads(table.read_text(encoding="utf-8"))["cases"].items():
        font = _soundfont(case["soundfont"])
        if font is None:
            continue
        item = {
            "name": f"composer {name} (rendered)",
            "source": f"composer:{case['group']}",
            "path": render(frozen / f"{name}.mid", font, folder / f"{name}-{font.stem}.wav"),
            "beats": np.asarray(case["beats"], dtype=float),
            "downbeats": np.asarray(case["downbeats"], dtype=float),
            "heard_until": float(case["heard_until"]),
            "tempo": float(case["tempo"]),
        }
        if case.get("key"):
            item["key"] = str(case["key"])
        out.append(item)
    return out


def check(frozen: Path = FROZEN) -> bool:
    """Renders every frozen case twice and compares the samples; True when all are identical."""
    import tempfile

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for name, case in json.loads((frozen / "labels.json").read_text(encoding="utf-8"))["cases"].items():
            font = _soundfont(case["soundfont"])
            if font is None:
                print(f"{name}: SoundFont {case['soundfont']} missing")
                continue
            a = render(frozen / f"{name}.mid", font, Path(tmp) / f"{name}-a.wav").read_bytes()
            b = render(frozen / f"{name}.mid", font, Path(tmp) / f"{name}-b.wav").read_bytes()
            same = a == b
            ok &= same
            print(f"{name}: {'identical' if same else 'DIFFERENT'} ({hashlib.sha256(a).hexdigest()[:12]})")
    return ok


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regenerate", action="store_true", help="compose every case again (figures will move)")
    ap.add_argument("--check", action="store_true", help="render every case twice and compare")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.regenerate:
        regenerate()
    if args.check:
        return 0 if check() else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
