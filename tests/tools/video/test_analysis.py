"""Video analysis on clips whose truth is known: cuts, motion, visual tempo and phase, pose, mood, cache."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.tools.video.conftest import (
    BOUNCE_FIRST_IMPACT_S,
    BOUNCE_HZ,
    CUT_CLIP_FPS,
    CUT_TIMES_S,
    DANCE_FIRST_BEAT_S,
    X264,
    ffmpeg,
)
from tools.video import motion as motion_mod
from tools.video import pose as pose_mod
from tools.video.analysis import analyse_video
from tools.video.cuts import detect_cuts
from tools.video.decode import probe_video, read_frames
from tools.video.motion import analyse_motion

BIKES = Path(__file__).resolve().parents[2] / "data" / "video" / "bikes.mp4"
BIKES_CUTS_S = (1.20, 3.04, 5.48, 7.48, 9.68)  # checked by eye, see tests/data/video/SOURCE.md


def _phase_error(times: list[float], first: float, period: float) -> np.ndarray:
    """Distance (s) of each time to the nearest point of the grid first + k * period."""
    x = (np.asarray(times) - first) / period
    return np.abs(x - np.round(x)) * period


def test_hard_cuts_of_the_generated_clip_are_found_within_one_frame(cut_clip: Path) -> None:
    cuts = detect_cuts(read_frames(cut_clip))
    assert len(cuts) == len(CUT_TIMES_S), cuts
    for cut, truth in zip(cuts, CUT_TIMES_S, strict=True):
        assert abs(cut.time_s - truth) <= 1.0 / CUT_CLIP_FPS + 1e-6
        assert cut.strength >= 0.7


def test_cuts_of_the_real_clip_are_the_ones_seen_by_eye() -> None:
    cuts = detect_cuts(read_frames(BIKES))
    assert [c.time_s for c in cuts] == pytest.approx(BIKES_CUTS_S, abs=0.041)
    assert all(0.3 <= c.strength <= 1.0 for c in cuts)


@pytest.mark.parametrize("transition", ["dissolve", "fade"])
def test_a_gradual_transition_is_one_cut_inside_it(video_dir: Path, transition: str) -> None:
    out = video_dir / f"{transition}.mp4"
    if transition == "dissolve":
        ffmpeg(
            "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=3",
            "-f", "lavfi", "-i", "color=c=0xc03020:size=320x240:rate=25:duration=3",
            "-filter_complex", "[0:v][1:v]xfade=transition=fade:duration=1:offset=1.5,format=yuv420p",
            *X264, str(out),
        )  # fmt: skip
    else:
        ffmpeg(
            "-f", "lavfi", "-i", "smptebars=size=320x240:rate=25:duration=4",
            "-vf", "fade=t=out:st=1.5:d=1,format=yuv420p", *X264, str(out),
        )  # fmt: skip
    cuts = detect_cuts(read_frames(out))
    assert len(cuts) == 1, cuts
    assert 1.4 <= cuts[0].time_s <= 2.6


@pytest.mark.parametrize("backend", ["flow", "difference"])
def test_a_box_bouncing_at_2_hz_gives_120_bpm_in_phase(
    bounce_clip: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend == "difference":
        monkeypatch.setattr(motion_mod, "missing", lambda name: f"{name} hidden by the test")
    info = probe_video(bounce_clip)
    result = analyse_motion(read_frames(bounce_clip, info), info.duration_s, info.fps)
    assert ("flow" in result.backend) == (backend == "flow")
    assert result.tempo_bpm == pytest.approx(60 * BOUNCE_HZ, abs=4)
    period = 1 / BOUNCE_HZ
    assert len(result.beats_s) == pytest.approx(info.duration_s / period, abs=1)
    # the beats land on the impacts (the box hits the floor at 0.1 s + k/2), not between them
    assert _phase_error(result.beats_s, BOUNCE_FIRST_IMPACT_S, period).max() <= 0.06
    hits = _phase_error(result.peaks_s, BOUNCE_FIRST_IMPACT_S, period)
    assert np.mean(hits <= 0.09) >= 0.8
    assert result.periodicity >= motion_mod.PERIODIC_MIN


def test_motion_is_higher_where_the_picture_moves(half_motion_clip: Path) -> None:
    info = probe_video(half_motion_clip)
    result = analyse_motion(read_frames(half_motion_clip, info), info.duration_s, info.fps)
    half = result.energy.size // 2
    still, moving = result.energy[2 : half - 2].mean(), result.energy[half + 2 :].mean()
    assert still < 0.05 and moving > 0.2 and moving > 5 * still
    assert result.energy.min() >= 0.0 and result.energy.max() <= 1.0


@pytest.mark.slow
def test_analyse_video_fills_the_contract_and_caches(
    cut_clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANDLEADER_MODELS", str(tmp_path / "no-models"))
    seen: list[tuple[float, str]] = []
    result = analyse_video(cut_clip, progress=lambda f, m: seen.append((f, m)), cache_dir=tmp_path)
    assert [c.time_s for c in result.cuts] == pytest.approx(CUT_TIMES_S, abs=1 / CUT_CLIP_FPS + 1e-6)
    assert result.info.duration_s == pytest.approx(5.5)
    assert result.analysis_fps == pytest.approx(20.0)  # 20 fps is analysed frame by frame
    assert len(result.motion) == round(5.5 * 20.0)
    assert result.mood.cuts_per_minute == pytest.approx(3 / 5.5 * 60, abs=0.01)
    assert result.scene_tags == {} and result.backends["scene_tags"].startswith("unavailable: no weights")
    if pose_mod.pose_installed():  # the test picture has no person in it
        assert result.backends["pose"].startswith("mediapipe")
        assert result.pose_share <= 0.25 and not result.is_dance
    else:
        assert result.backends["pose"].startswith("unavailable") and result.pose_share == 0.0
    for task in ("decode", "cuts", "motion", "mood", "scene_tags", "visual_beats"):
        assert result.backends[task], task
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    cached = list(tmp_path.glob(f"{result.sha256}-*.json"))
    assert len(cached) == 1
    # a second call reads the cache (the stored JSON is returned as it is)
    stored = json.loads(cached[0].read_text())
    stored["remarks"] = ["read from the cache"]
    cached[0].write_text(json.dumps(stored))
    again = analyse_video(cut_clip, cache_dir=tmp_path)
    assert again.remarks == ["read from the cache"] and again.cuts == result.cuts


def test_mood_tells_a_bright_warm_clip_from_a_dark_cold_one(
    video_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANDLEADER_DISABLE_POSE", "1")
    warm, cold = video_dir / "warm.mp4", video_dir / "cold.mp4"
    ffmpeg("-f", "lavfi", "-i", "color=c=0xffa030:s=160x120:r=25:d=2", *X264, str(warm))
    ffmpeg("-f", "lavfi", "-i", "color=c=0x101850:s=160x120:r=25:d=2", *X264, str(cold))
    a = analyse_video(warm, cache_dir=tmp_path).mood
    b = analyse_video(cold, cache_dir=tmp_path).mood
    assert a.warmth > 0.9 and b.warmth < 0.1
    assert a.brightness > 0.9 and b.brightness < 0.35
    assert a.valence > b.valence + 0.3
    assert a.motion < 0.05 and b.motion < 0.05


@pytest.mark.slow
def test_a_swaying_person_is_a_dance_with_beats_on_the_turns(dance_clip: Path, tmp_path: Path) -> None:
    if not pose_mod.pose_installed():
        pytest.skip(pose_mod.install_hint())
    result = analyse_video(dance_clip, cache_dir=tmp_path)
    assert result.backends["pose"].startswith("mediapipe")
    assert result.pose_share >= 0.9
    assert result.is_dance
    assert result.backends["motion"] == "mediapipe pose keypoint velocity"
    assert "pose" in result.backends["visual_beats"]
    assert result.visual_tempo_bpm == pytest.approx(120, abs=4)
    # the body turns round (left and right extremes of the sway) every half second from 0.25 s
    assert np.median(_phase_error(result.visual_beats_s, DANCE_FIRST_BEAT_S, 0.5)) <= 0.08
    assert np.median(_phase_error(result.kinematic_beats_s, DANCE_FIRST_BEAT_S, 0.5)) <= 0.08
