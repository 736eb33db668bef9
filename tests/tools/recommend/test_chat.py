"""A chat session over the library: find music for a video, refine ('slower'), more like one of them, and
put the chosen track under the video (trimmed to its length, faded, beats aligned to the cuts)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg")]


def test_find_refine_and_score_a_video(
    catalogue_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agent.agent import Agent
    from tests.tools.video.test_mux import make_cut_clip
    from tools.video.mux import probe_streams

    monkeypatch.setenv("BANDLEADER_CATALOGUE", str(catalogue_path))
    monkeypatch.setenv("BANDLEADER_VIDEO_CACHE", str(tmp_path / "video-cache"))
    monkeypatch.setenv("BANDLEADER_DISABLE_POSE", "1")
    cuts = [1.4, 2.8, 4.2, 5.6]
    clip = make_cut_clip(tmp_path / "clip.mp4", cuts, 7.0, fps=25, size=(160, 120), audio=False)
    agent = Agent(home=tmp_path / "home")
    s = "library"

    t1 = agent.turn("find an energetic track in my library for this video", s, attachments=[clip])
    assert t1.ok, t1.reply
    assert [c.name for c in t1.tool_calls] == ["recommend"]
    first = t1.tool_calls[0].output["results"]
    assert first and "high energy" in first[0]["reason"] and "fits the video" in first[0]["reason"]
    assert "1. " in t1.reply and "BPM" in t1.reply and "Done:" not in t1.reply

    t2 = agent.turn("slower", s)
    assert t2.ok, t2.reply
    assert [c.name for c in t2.tool_calls] == ["recommend_refine"]
    slower = t2.tool_calls[0].output["results"]
    assert t2.tool_calls[0].output["exact"]
    assert slower and all(r["tempo_bpm"] <= first[0]["tempo_bpm"] * 0.92 + 0.1 for r in slower)

    t3 = agent.turn("more like the first one", s)
    assert [c.name for c in t3.tool_calls] == ["recommend_more"]
    assert slower[0]["name"] in t3.reply  # "like <the first one>" in every reason

    t4 = agent.turn("slower", s)  # back to a list we can pick from, then use it
    t5 = agent.turn("use the first one for my video", s)
    assert t5.ok, t5.reply
    assert [c.name for c in t5.tool_calls] == ["recommend_for_video"]
    out = t5.tool_calls[0].output
    assert out["track"] == t4.tool_calls[0].output["results"][0]["path"]
    assert t5.current.kind == "video"
    streams = {x["codec_type"]: x for x in probe_streams(Path(t5.current.path))}
    assert abs(float(streams["audio"]["duration"]) - 7.0) <= 0.1
    assert out["duration_s"] == pytest.approx(7.0, abs=0.05) and out["n_cuts"] >= 3


def test_bad_library_input_gets_clear_replies(
    catalogue_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the Agent: not a catalogue, an empty library, contradictory filters, and no match (the
    nearest offered). Unreadable files are listed by ``index`` (test_catalogue, test_app_library)."""
    from agent.agent import Agent
    from tools.recommend import Catalogue

    agent = Agent(home=tmp_path / "home")

    def reply(message: str, catalogue: Path) -> tuple[bool, str, list[str]]:
        monkeypatch.setenv("BANDLEADER_CATALOGUE", str(catalogue))
        t = agent.turn(message, f"s-{len(message)}-{catalogue.name}")
        for bad in ("Traceback", "Done:", "tempo_min_bpm", "ToolError", "catalogue_path"):
            assert bad not in t.reply, t.reply
        return t.ok, t.reply, [c.name for c in t.tool_calls]

    foreign = tmp_path / "not-a-catalogue"
    foreign.mkdir()
    (foreign / "song.wav").write_bytes(b"x")
    ok, text, calls = reply("find something calm with piano in my library", foreign)
    assert calls == ["recommend"] and not ok and "is not a music catalogue" in text

    (tmp_path / "no-music").mkdir()
    Catalogue(tmp_path / "empty").index(tmp_path / "no-music")
    ok, text, _ = reply("find something calm with piano in my library", tmp_path / "empty")
    assert not ok and "The catalogue is empty" in text

    ok, text, _ = reply("find an instrumental track with vocals in my library", catalogue_path)
    assert not ok and "vocals and for an instrumental at once" in text

    ok, text, calls = reply("find heavy metal at 200 bpm in my library", catalogue_path)
    assert ok and calls == ["recommend"]
    assert "Nothing in the catalogue is 192-208 BPM" in text and "slower than asked" in text


def test_the_next_page_continues_the_same_search(
    catalogue_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'show me more' after a search: the same search, from where the list stopped, then 'No more'."""
    from agent.agent import Agent

    monkeypatch.setenv("BANDLEADER_CATALOGUE", str(catalogue_path))
    agent = Agent(home=tmp_path / "home")
    s = "pages"
    first = agent.turn("find me three calm tracks in my library", s)
    assert first.ok and [c.name for c in first.tool_calls] == ["recommend"], first.reply
    page1 = first.tool_calls[0].output["results"]
    assert [r["rank"] for r in page1] == [1, 2, 3]

    more = agent.turn("show me more", s)
    assert more.ok and [c.name for c in more.tool_calls] == ["recommend_next"], more.reply
    out = more.tool_calls[0].output
    page2 = out["results"]
    assert out["offset"] == 3 and page2 and [r["rank"] for r in page2] == list(range(4, 4 + len(page2)))
    assert not {r["path"] for r in page2} & {r["path"] for r in page1}  # nothing shown twice
    assert out["search_text"] == first.tool_calls[0].output["search_text"]
    assert f"4. {page2[0]['name']}" in more.reply and "Done:" not in more.reply

    last = agent.turn("next page", s)
    assert [c.name for c in last.tool_calls] == ["recommend_next"]
    assert last.tool_calls[0].output["results"] == [] and "No more results" in last.reply
