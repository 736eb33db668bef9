"""The music library in the web app, through its helpers and a real agent (no browser): index a folder
with progress, choose a catalogue, and see "find ..." results as a list of players with their reasons."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from agent.agent import Agent, TurnResult
from tests.tools.recommend.conftest import REAL
from tools.base import ToolError
from ui.app.backend import LocalBackend
from ui.app.library import (
    index_library,
    recommendation_messages,
    reply_without_list,
    suggested_tracks,
    use_catalogue,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "music"
    lib.mkdir()
    for name in ("voice.flac", "flute.wav", "chorale.mid"):
        shutil.copy(REAL[name], lib / name)
    (lib / "notes.mp3").write_text("this is not audio")
    return lib


def test_index_in_the_app_then_find_shows_players_with_reasons(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BANDLEADER_CATALOGUE", raising=False)
    catalogue = tmp_path / "catalogue"
    seen: list[tuple[float, str]] = []
    summary = index_library(str(library), str(catalogue), lambda f, words: seen.append((f, words)))
    assert summary.startswith("Indexed 3 new or changed tracks, 0 unchanged, 0 removed")
    assert "Skipped 1 file:\n- notes.mp3: " in summary and "Traceback" not in summary
    assert summary.endswith("3 tracks; ask me to find something.")
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == pytest.approx(1.0) and fractions == sorted(fractions)
    assert any("analysed 2 of 4" in words for _, words in seen)
    assert os.environ["BANDLEADER_CATALOGUE"] == str(catalogue.resolve())

    backend = LocalBackend(Agent(home=tmp_path / "home"))
    result = list(backend.stream_turn("find a track with vocals in my library", None, []))[-1]
    assert isinstance(result, TurnResult) and result.ok, result.reply
    tracks = suggested_tracks(result.tool_calls)
    assert tracks and tracks[0]["name"] == "voice.flac" and "with vocals" in tracks[0]["reason"]

    folder = backend.downloads_dir(result.session) / "library"
    messages = recommendation_messages(tracks, folder)
    assert len(messages) == len(tracks)
    head, media = messages[0]["content"]
    assert head == f"**1. voice.flac** — {tracks[0]['reason']}"
    player = Path(media["path"])
    assert player.read_bytes() == (library / "voice.flac").read_bytes()
    assert any(root in player.parents for root in backend.media_roots())  # the app may serve it
    midi = [m for m in messages if "chorale.mid" in m["content"][0]]
    assert all("download it to play it" in m["content"][0] for m in midi)

    shown = reply_without_list(result.reply, tracks)
    assert "1. voice.flac —" not in shown and shown.startswith(result.reply.splitlines()[0])
    assert "more like the 2nd one" in shown  # the hint stays


def test_choosing_a_catalogue_explains_what_is_wrong(library: Path, tmp_path: Path) -> None:
    with pytest.raises(ToolError, match="is not a music catalogue"):
        use_catalogue(str(library))  # a music folder, not a catalogue
    with pytest.raises(ToolError, match="no catalogue at"):
        use_catalogue(str(tmp_path / "not-made-yet"))
    with pytest.raises(ToolError, match="folder that holds your music"):
        index_library("", str(tmp_path / "catalogue"))
    with pytest.raises(ToolError, match="not a folder I can read"):
        index_library(str(tmp_path / "missing"), str(tmp_path / "catalogue"))


def test_the_page_has_the_library_tab(tmp_path: Path) -> None:
    from ui.app.layout import build_app

    demo = build_app(LocalBackend(Agent(home=tmp_path / "home")))
    ids = {getattr(b, "elem_id", None) for b in demo.blocks.values()}
    assert {"bl-tab-library", "bl-catalogue", "bl-music-folder", "bl-index", "bl-use-catalogue"} <= ids
