"""The dancer's tempo: the octave comes from how the body moves (a bounce per beat, a side-to-side
cycle per two beats), and "music that follows the dancer" takes the dancer's tempo and phase even when
the clip has cuts or did not pass as a dance. Pose curves are made here (no MediaPipe needed)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tools.video.test_cue import make_analysis
from tools.video.cue import CueOptions, alignment, build_cue_sheet
from tools.video.motion import tempo_and_beats
from tools.video.pose import SPEED_DIP_MAX_BPM, PoseResult, movement_beats, summarise
from tools.video.tools import options_from_request


def _pose(
    duration: float, bounce_hz: float, sway_hz: float, first_beat: float, rate: float = 10.0
) -> PoseResult:
    """Landmarks (n, 33, 3) of a body translating as a whole: lowest at ``first_beat + k / bounce_hz``,
    at a side extreme every ``1 / (2 * sway_hz)`` from ``first_beat``; summarised as the worker's are."""
    t = np.arange(int(duration * rate)) / rate
    marks = np.zeros((t.size, 33, 3))
    base_x = np.linspace(0.3, 0.7, 33)
    base_y = np.linspace(0.2, 0.9, 33)
    dx = 0.08 * np.cos(2 * np.pi * sway_hz * (t - first_beat)) if sway_hz else 0 * t
    dy = 0.05 * np.cos(2 * np.pi * bounce_hz * (t - first_beat)) if bounce_hz else 0 * t  # image y: down
    marks[:, :, 0] = base_x[None, :] + dx[:, None]
    marks[:, :, 1] = base_y[None, :] + dy[:, None]
    marks[:, :, 2] = 1.0
    return summarise(marks.astype(np.float32), rate, 4 / 3, True, 1.0)


def _phase_error(beats: list[float], first: float, period: float) -> float:
    d = (np.asarray(beats) - first) % period
    return float(np.median(np.minimum(d, period - d)))


def test_the_joint_speed_dips_twice_per_bounce() -> None:
    # the failure: the speed dips at the top and at the bottom of each bounce, so its tempo is double
    bounce = _pose(20.0, 96 / 60, 0.0, 0.3)
    raw, _, _ = tempo_and_beats(bounce.onsets, bounce.rate_hz, 20.0, max_bpm=SPEED_DIP_MAX_BPM)
    assert raw == pytest.approx(192.0, rel=0.03)


@pytest.mark.parametrize("bpm", [96.0, 124.0])
def test_a_bounce_per_beat_gives_the_beat_not_double_time(bpm: float) -> None:
    for pose in (
        _pose(20.0, bpm / 60, 0.0, 0.3),
        _pose(20.0, bpm / 60, bpm / 120, 0.3),
    ):  # alone, and with a sway per two beats
        moved = movement_beats(pose, 20.0)
        assert moved is not None
        got, beats, _ = moved
        assert got == pytest.approx(bpm, rel=0.03)
        assert _phase_error(beats, 0.3, 60 / bpm) <= 0.05  # on the lowest point of the bounce


@pytest.mark.parametrize("rate", [10.0, 5.0])
def test_a_sway_alone_gives_a_beat_on_each_turn(rate: float) -> None:
    # side to side once a second, no bounce: a beat at each turn (120 BPM), as the dancing photo test;
    # read as well from 5 pose frames a second
    pose = _pose(20.0, 0.0, 1.0, 0.25, rate)
    moved = movement_beats(pose, 20.0)
    assert moved is not None and moved[2] == "sway"
    assert moved[0] == pytest.approx(120.0, rel=0.03)
    assert _phase_error(moved[1], 0.25, 0.5) <= 0.05


def test_no_periodic_movement_gives_no_movement_tempo() -> None:
    rng = np.random.default_rng(1)
    pose = _pose(20.0, 0.0, 0.0, 0.0)
    pose.sway = rng.normal(0, 0.01, pose.speed.size)
    pose.bounce = rng.normal(0, 0.01, pose.speed.size)
    assert movement_beats(pose, 20.0) is None


@pytest.mark.parametrize(
    "prompt",
    [
        "make music that follows the dancer",
        "a chill lo-fi beat that follows her moves",
        "make a song at the dancer's tempo",
        "make music for this dance video",
    ],
)
def test_follow_the_dancer_takes_the_dancer_tempo_over_the_cuts_and_the_style(prompt: str) -> None:
    # a clip with cuts whose dancer (pose tempo 112 BPM) did not pass as a dance (small in the frame)
    period = 60 / 112
    visual = [round(0.2 + period * i, 4) for i in range(int(19.5 / period))]
    cuts = [2.9, 7.7, 11.3, 15.8]
    a = make_analysis(
        cuts,
        20.0,
        is_dance=False,
        pose_share=0.8,
        visual_tempo_bpm=112.0,
        visual_beats_s=visual,
        backends={"visual_beats": "tempogram of pose joint-speed dips"},
    )
    options = options_from_request(prompt, seed=1)
    assert options.follow_dancer
    cue = build_cue_sheet(a, options)
    assert cue.tempo_source == "dance"
    assert cue.tempo_bpm == pytest.approx(112.0, rel=0.02)
    assert alignment(np.array(cue.beats_s), np.array(visual), tol=0.04) >= 0.9
    plain = build_cue_sheet(a, CueOptions(prompt="make a lo-fi beat", seed=1))
    assert plain.tempo_source == "cuts"  # without the words, a clip with cuts follows its cuts


def test_follow_the_dancer_without_a_pose_says_it_follows_the_cuts() -> None:
    a = make_analysis([2.0, 5.0, 8.0], 10.0, is_dance=False, pose_share=0.0)
    cue = build_cue_sheet(a, options_from_request("make music that follows the dancer", seed=1))
    assert cue.tempo_source == "cuts"
    assert any("dancer" in n for n in cue.notes)
