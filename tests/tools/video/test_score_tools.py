"""The video tools through the tool contract: score_video saves the scored MP4 (current), the music and
the project with its cue sheet; video_rescore edits it from the stored analysis; bad input is refused
with a clear message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.tools.conftest import assert_human_error
from tests.tools.video.test_mux import make_cut_clip
from tools.base import ToolError
from tools.generation.render.fluid import check_fluidsynth
from tools.registry import tool_class, tool_spec
from tools.video.mux import probe_streams, stream_md5
from tools.video.score import music_beats
from tools.video.tools import ScoreVideo, VideoRescore

BIKES = Path(__file__).resolve().parents[2] / "data" / "video" / "bikes.mp4"


def test_the_tools_are_registered_with_their_backends() -> None:
    assert tool_class("score_video") is ScoreVideo and tool_class("video_rescore") is VideoRescore
    spec = tool_spec("score_video")
    assert {b["name"] for b in spec.backends} == {
        "fluidsynth", "ffmpeg", "pyav-decord-ffmpeg", "mediapipe-pose", "open_clip"
    }  # fmt: skip
    assert all(b["permissive"] for b in spec.backends)  # scoring a video needs nothing copyleft or NC
    assert spec.input_schema["properties"]["video"]["x-artifact"] == "video"


def test_score_video_refuses_audio(store, call_tool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import soundfile as sf

    wav = tmp_path / "song.wav"
    sf.write(wav, np.zeros((44100, 2), np.float32), 44100)
    store.import_file(wav, kind="audio")
    with pytest.raises(ToolError) as err:
        call_tool(ScoreVideo)
    assert_human_error(err.value, "not_video", "not a video", "attach")


def test_rescore_refuses_a_video_that_was_not_scored(store, call_tool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed")
    store.import_file(make_cut_clip(tmp_path / "clip.mp4", [1.0], 2.0), kind="video")
    with pytest.raises(ToolError) as err:
        call_tool(VideoRescore, request="more energetic")
    assert_human_error(err.value, "not_a_score", "make a song for this video")


@pytest.mark.slow
@pytest.mark.skipif(
    check_fluidsynth() is not None or shutil.which("ffmpeg") is None, reason="fluidsynth/ffmpeg missing"
)
def test_score_then_rescore_a_real_clip(  # type: ignore[no-untyped-def]
    store, call_tool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANDLEADER_FEATURE_CACHE", str(tmp_path / "features"))
    monkeypatch.setenv("BANDLEADER_VIDEO_CACHE", str(tmp_path / "video-cache"))
    monkeypatch.setenv("BANDLEADER_DISABLE_POSE", "1")  # no people in these clips
    clip = BIKES  # street footage; its five hard cuts were checked by eye (tests/data/video/SOURCE.md)
    cuts = [1.20, 3.04, 5.48, 7.48, 9.68]
    duration, fps = 10.0, 25
    upload = store.import_file(clip, kind="video")

    run = call_tool(ScoreVideo, prompt="an upbeat pop song", seed=4)
    out = run.output
    assert out.video.kind == "video" and out.video.parent == upload.id and store.current().id == out.video.id
    assert out.audio.parent == out.video.id and out.project.parent == out.audio.id
    assert [a.kind for a in run.ctx.produced] == ["audio", "project", "video"]
    assert out.style == "pop" and out.duration_error_frames <= 1.0
    assert all(abs(a - b) <= 1.5 / fps for a, b in zip(sorted(out.cuts), cuts, strict=True))  # cuts found
    assert out.beat_cut_alignment is not None and out.beat_cut_alignment >= 0.8
    assert out.motion_loudness_correlation is not None and {"render", "mux", "compose"} <= set(out.backends)
    streams = sorted((s["codec_type"], s["codec_name"]) for s in probe_streams(Path(out.video.path)))
    assert streams == [("audio", "aac"), ("video", "h264")]
    assert stream_md5(Path(out.video.path)) == stream_md5(clip)
    record = json.loads(Path(out.project.path).read_text())["video_score"]
    assert record["source_video"] == upload.id and record["cue"]["n_samples"] == round(duration * 44100)

    re = call_tool(VideoRescore, request="the drop should hit at 0:06 and no drums", check=False).output
    assert re.video.parent == out.video.id and re.user_hits == [6.0] and "no drums" in re.change
    assert "analysis" not in re.seconds  # the stored analysis was used
    beats, _, _ = music_beats(Path(re.audio.path))
    assert np.abs(np.array(beats) - 6.0).min() <= 0.08
    project = json.loads(Path(re.project.path).read_text())
    assert not any(t["is_drums"] for t in project["tracks"])

    again = call_tool(ScoreVideo, prompt="a calm ambient piece", check=False).output  # from the original
    assert again.video.parent == re.video.id and again.style == "ambient" and again.user_hits == []
    assert json.loads(Path(again.project.path).read_text())["video_score"]["source_video"] == upload.id

    # the planner may say the energy twice (the words and the argument): one step, not two
    both = call_tool(VideoRescore, request="way more energy", energy="more", check=False).output
    options = json.loads(Path(both.project.path).read_text())["video_score"]["cue"]["options"]
    assert options["energy_shift"] == pytest.approx(0.35) and both.change.count("more energetic") == 1

    with pytest.raises(ToolError) as err:
        call_tool(VideoRescore, request="hit at 0:20")
    assert_human_error(err.value, "out_of_range", "after the end")
    with pytest.raises(ToolError) as err:
        call_tool(VideoRescore, request="what a lovely day")
    assert_human_error(err.value, "no_change", "more energetic")


@pytest.mark.slow
@pytest.mark.skipif(
    check_fluidsynth() is not None or shutil.which("ffmpeg") is None, reason="fluidsynth/ffmpeg missing"
)
def test_a_steady_visual_beat_sets_the_tempo_and_phase(  # type: ignore[no-untyped-def]
    store, call_tool, bounce_clip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tools.video.conftest import BOUNCE_FIRST_IMPACT_S, BOUNCE_HZ

    monkeypatch.setenv("BANDLEADER_DISABLE_POSE", "1")
    store.import_file(bounce_clip, kind="video")
    out = call_tool(ScoreVideo, prompt="", seed=2).output  # one shot: a box bouncing twice a second
    assert out.tempo_source == "motion" and out.cuts == []
    assert out.tempo_bpm == pytest.approx(60 * BOUNCE_HZ, rel=0.03)
    beats, _, tempo = music_beats(Path(out.audio.path))
    assert tempo is not None and tempo == pytest.approx(60 * BOUNCE_HZ, rel=0.03)
    impacts = np.arange(BOUNCE_FIRST_IMPACT_S, out.duration_s - 0.5, 1 / BOUNCE_HZ)
    found = np.abs(impacts[:, None] - np.array(beats)[None, :]).min(axis=1)
    assert np.mean(found <= 0.08) >= 0.8  # the music's beats land on the impacts
    assert out.beat_alignment_score is not None and out.beat_alignment_score >= 0.7
