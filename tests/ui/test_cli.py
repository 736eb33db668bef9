"""The `bandleader` command line, in real separate processes (sessions survive restarts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.agent.conftest import write_song
from tools.audio.decode import decode_audio
from tools.audio.loudness import integrated_loudness_lufs

pytestmark = pytest.mark.slow


def bandleader(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BANDLEADER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )


def ask(home: Path, *args: str) -> dict:
    proc = bandleader(home, "ask", *args, "--json")
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout)


def test_normalise_and_undo_across_processes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    track = write_song(tmp_path / "track.wav", seconds=5.0)
    out = ask(home, "--session", "s1", "--attach", str(track), "normalise this to -14 LUFS")
    assert out["ok"] and out["session"] == "s1"
    assert [c["name"] for c in out["tool_calls"]] == ["normalize_loudness"]
    upload, normalised = out["artifacts"]
    assert normalised["parent"] == upload["id"] and out["current"]["id"] == normalised["id"]
    lufs = integrated_loudness_lufs(decode_audio(Path(out["current"]["path"])))
    assert abs(lufs + 14.0) <= 0.5

    undone = ask(home, "--session", "s1", "undo")
    assert undone["current"]["id"] == upload["id"] and undone["artifacts"] == []

    shown = bandleader(home, "sessions", "show", "s1", "--json")
    state = json.loads(shown.stdout)
    assert state["current"]["id"] == upload["id"] and len(state["versions"]) == 2


def test_a_question_survives_a_restart(tmp_path: Path) -> None:
    home = tmp_path / "home"
    track = write_song(tmp_path / "track.wav", seconds=5.0)
    first = ask(home, "--session", "q", "--attach", str(track), "trim it")
    assert first["tool_calls"] == [] and "?" in first["reply"]
    second = ask(home, "--session", "q", "2 seconds")
    assert [c["name"] for c in second["tool_calls"]] == ["trim"]
    assert decode_audio(Path(second["current"]["path"])).duration_s == pytest.approx(2.0, abs=0.01)


def test_sessions_list_export_delete_and_unknown_ids(tmp_path: Path) -> None:
    import zipfile

    home = tmp_path / "home"
    track = write_song(tmp_path / "track.wav", seconds=2.0)
    ask(home, "--session", "keep", "--attach", str(track), "make it 3 dB louder")
    listed = json.loads(bandleader(home, "sessions", "list", "--json").stdout)
    assert [s["id"] for s in listed] == ["keep"]
    zip_path = tmp_path / "keep.zip"
    assert bandleader(home, "sessions", "export", "keep", "--out", str(zip_path)).returncode == 0
    with zipfile.ZipFile(zip_path) as z:
        assert "manifest.json" in z.namelist() and len(z.namelist()) == 3

    missing = bandleader(home, "sessions", "show", "nope")
    assert missing.returncode == 1 and "nope" in missing.stderr
    assert bandleader(home, "sessions", "delete", "keep").returncode == 0
    assert json.loads(bandleader(home, "sessions", "list", "--json").stdout) == []


def test_tools_lists_backends_with_licences(tmp_path: Path) -> None:
    proc = bandleader(tmp_path, "tools", "--json")
    specs = {s["name"]: s for s in json.loads(proc.stdout)}
    assert {"describe_audio", "normalize_loudness", "undo", "export"} <= set(specs)
    assert all(b["licence"] for s in specs.values() for b in s["backends"])
    assert specs["trim"]["input_schema"]["properties"]["audio"]["x-artifact"] == "audio"


def test_terminal_chat_attach_edit_undo(tmp_path: Path) -> None:
    home = tmp_path / "home"
    track = write_song(tmp_path / "track.wav", seconds=3.0)
    script = f"/attach {track}\nnormalise this to -14 LUFS\nundo\n/versions\n/quit\n"
    env = {**os.environ, "BANDLEADER_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-m", "ui.cli", "chat", "--session", "tty"],
        input=script, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "attached" in out and "-14.0 LUFS" in out
    assert "Undone: version 1" in out
    assert "2 versions" in out and "track.wav (upload) \u2190 current" in out
