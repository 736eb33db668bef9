"""A video session: 'make a song for this video' scores the attached video; in a session whose current
work is a scored video the edit phrases re-score it (and 'faster' still edits a plain song elsewhere);
then a 5-turn session through the Agent with the music checked every turn."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from agent.plan import Message, PlannerInput, SessionSummary
from agent.planners.local import default_local_planner
from tools.base import ArtifactInfo


def _artifact(kind: str, tool: str | None = None, id: str = "a1") -> ArtifactInfo:
    return ArtifactInfo(
        id=id, kind=kind, label="clip.mp4", path="/x", thread="t", version=1, tool=tool, created=0
    )


def _plan(
    message: str, current: ArtifactInfo | None = None, attachments: list[ArtifactInfo] | None = None
) -> Any:
    request = PlannerInput(
        conversation=[Message(role="user", content=message)],
        session=SessionSummary(session_id="s", current=current, n_versions=1, attachments=attachments or []),
        tools=[],
    )
    return default_local_planner().plan(request)


@pytest.mark.parametrize(
    "message", ["make a song for this video", "put some music on this clip, upbeat", "make a song for this"]
)
def test_a_song_for_an_attached_video_is_a_score(message: str) -> None:
    video = _artifact("video", id="v-up")
    plan = _plan(message, current=video, attachments=[video])
    assert [c.tool for c in plan.calls] == ["score_video"]
    assert plan.calls[0].arguments["video"] == "v-up" and plan.calls[0].arguments["prompt"] == message


def test_the_whole_first_request_goes_to_the_scorer() -> None:
    video = _artifact("video", id="v-up")
    plan = _plan("make an upbeat song for this video, the drop should hit at 0:12", video, [video])
    assert [c.tool for c in plan.calls] == ["score_video"]
    assert "0:12" in plan.calls[0].arguments["prompt"]


@pytest.mark.parametrize(
    ("message", "arguments"),
    [
        ("more energetic", {}),
        ("faster", {}),
        ("shorter intro", {}),
        ("calmer at the end", {}),
        ("no vocals", {}),
        ("no drums", {}),
        ("the drop should hit when she jumps at 0:12", {"hit_s": 12.0}),
    ],
)
def test_edits_of_a_scored_video_re_score_it(message: str, arguments: dict[str, Any]) -> None:
    plan = _plan(message, current=_artifact("video", tool="score_video"))
    assert [c.tool for c in plan.calls] == ["video_rescore"], plan
    args = plan.calls[0].arguments
    assert args["request"] == message and all(args[k] == v for k, v in arguments.items())


def test_history_commands_still_work_in_a_video_session() -> None:
    scored = _artifact("video", tool="video_rescore")
    assert [c.tool for c in _plan("undo", scored).calls] == ["undo"]
    assert [c.tool for c in _plan("go back to version 2", scored).calls] == ["select_version"]


def test_faster_still_edits_a_plain_song() -> None:
    song = _artifact("audio", tool="compose")
    plan = _plan("faster", current=song)
    assert [c.tool for c in plan.calls] == ["song_tempo"] and plan.calls[0].arguments["direction"] == "faster"
    assert [c.tool for c in _plan("make the intro shorter", song).calls] != ["video_rescore"]


# --------------------------------------------------------------------------- the session


def _project(agent: Any, session: str, video_id: str) -> dict[str, Any]:
    history = agent.open_session(session).history()
    audio = next(a for a in history if a.kind == "audio" and a.parent == video_id)
    proj = next(a for a in history if a.kind == "project" and a.parent == audio.id)
    return {"audio": audio, **json.loads(Path(proj.path).read_text())}


def _near(times: list[float], grid: list[float]) -> np.ndarray:
    return np.abs(np.array(times)[:, None] - np.array(grid)[None, :]).min(axis=1)


def _onset_rate(path: str) -> float:
    """Note onsets per second heard in the music (librosa's onset detector)."""
    import librosa

    y, sr = librosa.load(path, sr=22050, mono=True)
    return len(librosa.onset.onset_detect(y=y, sr=sr, units="time")) / (len(y) / sr)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_five_turn_video_session(agent: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.tools.video.test_mux import make_cut_clip
    from tools.generation.render.fluid import check_fluidsynth
    from tools.video.mux import probe_streams, stream_md5
    from tools.video.score import music_beats

    if check_fluidsynth() is not None:
        pytest.skip(str(check_fluidsynth()))
    monkeypatch.setenv("BANDLEADER_FEATURE_CACHE", str(tmp_path / "features"))
    monkeypatch.setenv("BANDLEADER_VIDEO_CACHE", str(tmp_path / "video-cache"))
    monkeypatch.setenv("BANDLEADER_DISABLE_POSE", "1")  # no people in these clips
    cuts = [1.6, 3.5, 4.7, 6.1, 8.3, 9.4]
    duration = 11.0
    clip = make_cut_clip(tmp_path / "clip.mp4", cuts, duration, fps=25, size=(160, 120), audio=True)
    s = "video"

    t1 = agent.turn("make a song for this video", s, attachments=[clip])
    assert t1.ok, t1.reply
    assert [c.name for c in t1.tool_calls] == ["score_video"]
    assert t1.current.kind == "video" and t1.current.parent == t1.attachments[0].id
    streams = {x["codec_type"]: x for x in probe_streams(Path(t1.current.path))}
    assert (streams["video"]["codec_name"], streams["audio"]["codec_name"]) == ("h264", "aac")
    assert abs(float(streams["audio"]["duration"]) - duration) <= 1 / 25
    assert stream_md5(Path(t1.current.path)) == stream_md5(clip)
    p1 = _project(agent, s, t1.current.id)
    out1 = t1.tool_calls[0].output  # its beat-cut alignment is measured on the music by our beat tracker
    assert out1["beat_cut_alignment"] >= 0.8 and abs(out1["duration_s"] - duration) <= 1 / 25
    assert all(np.abs(np.array(cuts) - c).min() <= 1.5 / 25 for c in out1["cuts"])  # the real cuts
    assert "BPM" in t1.reply

    t2 = agent.turn("more energetic", s)
    assert t2.ok, t2.reply
    assert [c.name for c in t2.tool_calls] == ["video_rescore"] and t2.current.parent == t1.current.id
    p2 = _project(agent, s, t2.current.id)
    energy = [np.average([x["energy"] for x in p["sections"]], weights=[x["bars"] for x in p["sections"]])
              for p in (p1, p2)]  # fmt: skip
    assert energy[1] > energy[0] + 0.05, energy  # per bar: fuller parts, louder notes
    heard = [t.tool_calls[0].output["measured_tempo_bpm"] for t in (t1, t2)]  # by our beat tracker
    assert heard[1] >= heard[0] * 1.02, heard  # a faster pulse
    assert _onset_rate(p2["audio"].path) >= _onset_rate(p1["audio"].path) * 0.95

    t3 = agent.turn("the drop should hit when she jumps at 0:07", s)
    assert t3.ok, t3.reply
    assert [c.name for c in t3.tool_calls] == ["video_rescore"]
    p3 = _project(agent, s, t3.current.id)
    beats3, _, _ = music_beats(Path(p3["audio"].path))
    assert _near([7.0], beats3)[0] <= 0.08  # a beat of the music lands on the named moment
    grid_downbeats = p3["video_score"]["cue"]["beats_s"][::4]
    assert _near([7.0], grid_downbeats)[0] <= 0.08  # ... and it is the first beat of a bar
    before = t2.tool_calls[0].output["tempo_bpm"]
    assert abs(t3.tool_calls[0].output["tempo_bpm"] - before) <= 0.05 * before  # the tempo stays

    t4 = agent.turn("shorter intro", s)
    assert t4.ok, t4.reply
    p4 = _project(agent, s, t4.current.id)
    intro = [next((x["bars"] for x in p["sections"] if x["kind"] == "intro"), 0) for p in (p3, p4)]
    assert intro[1] < intro[0]
    assert abs(p4["video_score"]["cue"]["duration_s"] - duration) < 1e-6
    assert _near([7.0], p4["video_score"]["cue"]["beats_s"])[0] <= 0.08  # the named moment is kept

    t5 = agent.turn("undo", s)
    assert t5.ok and [c.name for c in t5.tool_calls] == ["undo"]
    assert t5.current.id == t3.current.id
