"""The CLI's progress bar: drawn on a real pseudo-terminal from the tools' own progress events,
absent with --json (whose output stays one clean JSON object) and when stderr is not a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from agent.executor import ToolEvent
from tests.agent.conftest import write_song
from tests.terminal import run_in_terminal
from ui.progress import BAR_WIDTH, ProgressBar, wants_bar


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_fraction_message_and_tool() -> None:
    term = FakeTerminal()
    bar = ProgressBar(stream=term)
    bar.event(ToolEvent(type="started", call_id="c", tool="gain"))
    bar.event(ToolEvent(type="progress", call_id="c", tool="gain", fraction=0.5, message="applying +6 dB"))
    bar.event(ToolEvent(type="finished", call_id="c", tool="gain"))
    frames = term.getvalue().split("\r\x1b[K")
    half = next(f for f in frames if "applying" in f)
    assert half.startswith("gain  [") and half.count("#") == BAR_WIDTH // 2 and " 50%" in half
    assert frames[-1].rstrip("\n").endswith("100%  done") and term.getvalue().endswith("\n")


def test_no_bar_unless_stderr_is_a_terminal_and_no_json() -> None:
    class Args:
        json = False
        quiet = False

    assert wants_bar(Args(), FakeTerminal()) is True
    assert wants_bar(Args(), io.StringIO()) is False
    Args.json = True
    assert wants_bar(Args(), FakeTerminal()) is False
    silent = io.StringIO()
    bar = ProgressBar(stream=silent, enabled=False)
    bar.update(0.3, "x")
    bar.finish()
    assert silent.getvalue() == ""


@pytest.mark.slow
def test_analyze_draws_a_bar_in_a_terminal_and_json_stays_clean(tmp_path: Path) -> None:
    song = write_song(tmp_path / "song.wav", seconds=6.0)
    rc, shown = run_in_terminal("analyze", str(song), "--no-cache")
    assert rc == 0, shown
    assert "analyze  [" in shown and "finding the key" in shown and "\r\x1b[K" in shown
    assert "tempo" in shown.split("\r\x1b[K")[-1]  # the sheet follows the finished bar

    rc, shown = run_in_terminal("analyze", str(song), "--no-cache", "--json")
    assert rc == 0, shown
    assert "\x1b" not in shown and "[#" not in shown
    sheet = json.loads(shown.replace("\r\n", "\n"))
    assert 100 <= sheet["tempo_bpm"] <= 260  # the music came out, not just a clean screen


@pytest.mark.slow
def test_ask_shows_each_tools_progress(tmp_path: Path) -> None:
    song = write_song(tmp_path / "song.wav", seconds=3.0)
    rc, shown = run_in_terminal("ask", "make it 6 dB louder", "--attach", str(song), "--session", "bar")
    assert rc == 0, shown
    frames = shown.split("\r\x1b[K")
    assert any(f.startswith("gain  [") for f in frames)
    assert any(f.startswith("gain  [" + "#" * BAR_WIDTH + "] 100%  done") for f in frames)
    rc, shown = run_in_terminal("ask", "make it 1 dB quieter", "--session", "bar", "--json")
    assert rc == 0 and "\x1b" not in shown
    assert json.loads(shown.replace("\r\n", "\n"))["tool_calls"][0]["arguments"]["gain_db"] == -1.0


@pytest.mark.slow
def test_compose_and_score_video_draw_their_steps(tmp_path: Path) -> None:
    from tests.tools.video.test_mux import make_cut_clip

    rc, shown = run_in_terminal("compose", "a 8 second pop song at 120 BPM", "--out", str(tmp_path / "song"))
    assert rc == 0, shown
    assert "compose  [" in shown and "rendering" in shown and "100%  written" in shown
    assert (tmp_path / "song" / "project.json").is_file()

    clip = make_cut_clip(tmp_path / "clip.mp4", [1.5, 3.0], 4.5, fps=25, size=(160, 120), audio=False)
    rc, shown = run_in_terminal("score-video", str(clip), "--out", str(tmp_path / "scored"), "--seed", "1")
    assert rc == 0, shown
    frames = shown.split("\r\x1b[K")
    assert any(f.startswith("score_video  [") and "%" in f for f in frames)
    assert (tmp_path / "scored" / "clip-scored.mp4").is_file()
