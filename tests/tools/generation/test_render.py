"""Rendered songs, checked with our own analysers: tempo within 2%, the key, the length within 1 s,
the requested instruments audible in their stems and no others; and the compose/edit/export tools."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tools.generation.compose.request import ComposeRequest
from tools.generation.folder import compose_to_folder
from tools.generation.measure import measure_file, same_key
from tools.generation.render.fluid import check_fluidsynth

needs_fluidsynth = pytest.mark.skipif(check_fluidsynth() is not None, reason=str(check_fluidsynth()))


def _rms_dbfs(path: str) -> float:
    x, _ = sf.read(path, dtype="float32")
    return float(20 * np.log10(np.sqrt(np.mean(np.square(x))) + 1e-12))


@pytest.mark.slow
@needs_fluidsynth
@pytest.mark.parametrize(
    ("prompt", "bpm", "key", "seconds", "instruments"),
    [
        ("a 20 second pop song in A major at 120 BPM with piano, bass and drums", 120, "A major", 20,
         {"piano", "bass", "drums"}),
        ("a 24 second piano ballad in D minor at 72 BPM", 72, "D minor", 24, {"piano"}),
        ("a 20 second funk groove in E minor at 108 BPM", 108, "E minor", 20, None),
    ],
)  # fmt: skip
def test_rendered_song_matches_the_request(
    tmp_path: Path, prompt: str, bpm: float, key: str, seconds: float, instruments: set[str] | None
) -> None:
    song = compose_to_folder(ComposeRequest(prompt=prompt, seed=11), tmp_path / "out")
    m = measure_file(song.audio)
    assert m.tempo_bpm is not None and abs(m.tempo_bpm - bpm) <= 0.02 * bpm, m
    assert same_key(m.key, key), m
    assert abs(m.duration_s - seconds) <= 1.0
    project = json.loads(Path(song.project).read_text())
    stems = {t["instrument"]: song.stems[t["name"]] for t in project["tracks"]}
    for path in song.stems.values():
        assert _rms_dbfs(path) > -45, path  # every stem plays
    if instruments is not None:
        assert set(stems) == instruments
    assert Path(song.midi).stat().st_size > 100 and Path(song.musicxml).stat().st_size > 1000


@pytest.mark.slow
@needs_fluidsynth
def test_bandleader_compose_json(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ui.cli", "compose", "a 12 second rock song about trains at 130 BPM in E major",  # noqa: E501
         "--out", str(tmp_path / "c"), "--json", "--seed", "3"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[3],
    )  # fmt: skip
    data = json.loads(out.stdout)
    for field in ("audio", "midi", "stems", "project", "lyrics", "tempo_bpm", "key", "duration_s", "backend"):
        assert field in data
    assert data["tempo_bpm"] == 130 and data["key"] == "E major" and data["backend"] == "fluidsynth"
    assert abs(data["duration_s"] - 12) <= 1.0
    assert data["lyrics"] and Path(data["lyrics"]).read_text().count("[0") >= 1
    assert {"drums", "bass"} <= set(data["stems"]) and all(Path(p).is_file() for p in data["stems"].values())


@pytest.mark.slow
@needs_fluidsynth
def test_song_tools_on_a_store(call_tool, store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from tools.generation.compose_tool import Compose
    from tools.generation.edit_tools import SongLyrics, SongRegenerate, SongVariations
    from tools.generation.export_tool import SongExport

    monkeypatch.setenv("BANDLEADER_SONG_CHECK", "0")
    first = call_tool(
        Compose, prompt="a 16 second folk song in G major at 110 BPM about the sea", seed=2
    ).output
    assert first.key == "G major" and first.lyrics and first.measured is None
    chorus = next(s.name for s in first.sections if s.kind == "chorus")
    takes = call_tool(SongVariations, n=2, section=chorus).output
    assert [t.version for t in takes.takes] == sorted(t.version for t in takes.takes)
    assert (
        all(0.1 < t.difference <= 1.0 for t in takes.takes)
        and takes.last.artifact.parent == first.artifact.id
    )
    again = call_tool(SongRegenerate, section=chorus).output
    assert again.artifact.parent == takes.last.artifact.id
    words = call_tool(SongLyrics, section=chorus, lyrics="salt on my lips\nwaves in my ears").output
    project = json.loads(Path(words.project_artifact.path).read_text())
    sung = " ".join(s["text"] for s in project["lyrics"] if s["section"] == chorus).replace("- ", "")
    assert "salt" in sung and "waves" in sung
    out = call_tool(SongExport, formats=["lrc", "project"]).output
    assert set(out.files) == {"lrc", "project"} and "salt on my lips" in Path(out.files["lrc"]).read_text()
    assert store.current().id == words.artifact.id  # exporting changed nothing


def test_musicxml_ties_notes_across_bar_lines() -> None:
    import xml.etree.ElementTree as ET

    from tools.generation.compose.arrange import compose
    from tools.generation.project import NoteEvent
    from tools.generation.render.musicxml import to_musicxml

    project = compose(ComposeRequest(prompt="a 10 second piano piece in C major at 90 BPM", seed=1))
    lead = next(t for t in project.tracks if t.role == "melody")
    # one E4 from beat 3 for 3 beats: a quarter in bar 1 tied to a half in bar 2; then an F4 of 5 sixteenths
    notes = [
        NoteEvent(start=3.0, duration=3.0, pitch=64, velocity=90),
        NoteEvent(start=8.0, duration=1.25, pitch=65, velocity=90),
    ]
    project = project.model_copy(
        update={"tracks": [t.model_copy(update={"notes": notes}) if t is lead else t for t in project.tracks]}
    )
    root = ET.fromstring(to_musicxml(project).split("\n", 2)[2])
    part_id = next(p.get("id") for p in root.iter("score-part") if p.findtext("part-name") == lead.name)
    part = next(p for p in root.iter("part") if p.get("id") == part_id)
    measures = part.findall("measure")
    bar_div = round(project.beats_per_bar * 4)
    for m in measures:  # every bar is exactly full
        assert (
            sum(int(n.findtext("duration")) for n in m.findall("note") if n.find("chord") is None) == bar_div
        )

    def sounding(m: ET.Element) -> list[tuple[str, int, list[str]]]:
        return [
            (n.findtext("pitch/step"), int(n.findtext("duration")), [t.get("type") for t in n.findall("tie")])
            for n in m.findall("note")
            if n.find("rest") is None
        ]

    assert sounding(measures[0]) == [("E", 4, ["start"])]
    assert [t.get("type") for t in measures[0].findall("note")[-1].find("notations").findall("tied")] == [
        "start"
    ]
    assert sounding(measures[1]) == [("E", 8, ["stop"])]
    assert sounding(measures[2]) == [("F", 4, ["start"]), ("F", 1, ["stop"])]  # 5/16 = a tied quarter + 16th


@pytest.mark.parametrize(
    ("text", "key", "mode", "chords"),
    [
        ("a pop song in C major with I-V-vi-IV", "C", "major", ["C:maj", "G:maj", "A:min", "F:maj"]),
        ("a song in A minor, chords Am F C G", "A", "minor", ["A:min", "F:maj", "C:maj", "G:maj"]),
        ("a jazz tune with a ii–V–I", "Bb", "major", ["C:min", "F:maj", "Bb:maj"]),
        ("i-VI-III-VII in E minor", "E", "minor", ["E:min", "C:maj", "G:maj", "D:maj"]),
        ("Cmaj7 - Am7 - Dm7 - G7", "C", "major", ["C:maj7", "A:min7", "D:min7", "G:7"]),
        ("a pop song in A major at 120 BPM with piano, bass and drums", "A", "major", None),
        ("I love it in C", "C", "major", None),
        ("C G Am", "C", "major", None),  # three chords joined by spaces only: not enough to be sure
    ],
)
def test_requested_progressions_are_read(text: str, key: str, mode: str, chords: list[str] | None) -> None:
    from tools.generation.progression import parse_progression

    assert parse_progression(text, key, mode) == chords


@pytest.mark.slow
@needs_fluidsynth
def test_a_requested_progression_is_followed_and_heard(tmp_path: Path) -> None:
    from tools.generation.compose_tool import compose_song
    from tools.generation.measure import check_chords
    from tools.generation.render.pipeline import render_project

    project = compose_song(
        ComposeRequest(prompt="a 20 second pop song in G major at 100 BPM with I-V-vi-IV", seed=11)
    )
    cycle = ["G:maj", "D:maj", "E:min", "C:maj"]
    for s in project.sections:
        body = s.chords[:-1] if s is project.sections[-1] else s.chords  # the last bar goes home (G)
        assert body == [cycle[i % 4] for i in range(len(body))]
    assert project.sections[-1].chords[-1] == "G:maj"
    res = render_project(project, tmp_path / "song")
    audio, sr = sf.read(res.mix, dtype="float32", always_2d=True)
    check = check_chords(audio.T, sr, project)
    assert check.bars >= 8 and check.share >= 0.75, list(zip(check.written, check.heard, strict=True))
