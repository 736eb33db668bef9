"""The cue sheet: tempo and bar placement put the cuts on beats (the strongest on downbeats), a dance
sets the tempo, named moments get a downbeat, sections follow scenes, the length is exact."""

from __future__ import annotations

import numpy as np
import pytest

from tools.video.cue import (
    HIT_TOLERANCE_S,
    SAMPLE_RATE_HZ,
    CueOptions,
    alignment,
    build_cue_sheet,
    dp_beats,
)
from tools.video.models import Cut, MoodFeatures, VideoAnalysis, VideoInfo


def make_analysis(
    cuts: list[float],
    duration: float,
    *,
    fps: float = 25.0,
    strengths: list[float] | None = None,
    motion: list[float] | None = None,
    valence: float = 0.7,
    arousal: float = 0.7,
    **extra: object,
) -> VideoAnalysis:
    """A VideoAnalysis with known cuts (what the analysers report for a clip made with these cuts)."""
    n = round(duration * 10)
    return VideoAnalysis(
        info=VideoInfo(duration_s=duration, fps=fps, n_frames=round(duration * fps), width=320, height=240),
        analysis_fps=10.0,
        cuts=[Cut(time_s=t, strength=(strengths or [0.9] * len(cuts))[i]) for i, t in enumerate(cuts)],
        motion=motion if motion is not None else [0.5] * n,
        mood=MoodFeatures(
            brightness=0.6, saturation=0.5, warmth=0.5, motion=0.5, cuts_per_minute=len(cuts) * 60 / duration,
            valence=valence, arousal=arousal,
        ),
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def random_cuts(seed: int, duration: float, lo: float = 1.0, hi: float = 4.0) -> list[float]:
    rng = np.random.default_rng(seed)
    times = np.cumsum(rng.uniform(lo, hi, 100))
    return [round(float(t), 3) for t in times if t < duration - 0.5]


def test_regular_cuts_land_on_beats_and_the_strongest_on_downbeats() -> None:
    # a cut every 2 s from 0.7 s: every tempo with a whole number of beats in 2 s fits; strong every 4th
    cuts = [0.7 + 2.0 * i for i in range(14)]
    strengths = [1.0 if i % 4 == 0 else 0.5 for i in range(14)]
    cue = build_cue_sheet(make_analysis(cuts, 30.0, strengths=strengths))
    beats = np.array(cue.beats_s)
    assert alignment(beats, np.array(cuts)) == 1.0
    period_s = 60.0 / cue.tempo_bpm
    assert abs(2.0 / period_s - round(2.0 / period_s)) < 0.02  # a whole number of beats between cuts
    assert cue.tempo_min_bpm == pytest.approx(cue.tempo_max_bpm, abs=0.5)  # no need to bend the tempo
    downbeats = np.array(cue.downbeats_s)
    strong = [c for c, s in zip(cuts, strengths, strict=True) if s == 1.0]
    assert np.abs(np.array(strong)[:, None] - downbeats[None, :]).min(axis=1).max() <= HIT_TOLERANCE_S


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_irregular_cuts_mostly_land_on_beats_well_above_a_fixed_grid(seed: int) -> None:
    duration = 40.0
    cuts = random_cuts(seed, duration)
    cue = build_cue_sheet(make_analysis(cuts, duration))
    ours = alignment(np.array(cue.beats_s), np.array(cuts))
    baseline = alignment(np.arange(0.0, duration + 1, 0.5), np.array(cuts))  # 120 BPM from 0
    assert ours >= 0.8 and ours >= baseline + 0.3, (ours, baseline)
    assert cue.predicted_alignment == pytest.approx(ours, abs=1e-3)
    # a small ramp at most: every beat within 8 % (+ 1 % for snapping) of the base tempo
    base = cue.base_tempo_bpm
    assert 0.91 * base <= cue.tempo_min_bpm <= cue.tempo_bpm <= cue.tempo_max_bpm <= 1.09 * base
    assert 70 <= cue.tempo_bpm <= 160


def test_length_is_exact_and_the_grid_covers_the_video() -> None:
    a = make_analysis([3.1, 7.9], 12.345, fps=30000 / 1001)
    cue = build_cue_sheet(a)
    assert cue.n_samples == round(12.345 * SAMPLE_RATE_HZ)
    assert cue.start_s <= 0.0 and cue.beats_s[0] == cue.start_s
    assert cue.beats_s[-1] > cue.duration_s
    button = cue.beats_s[cue.end_bar * cue.beats_per_bar]
    assert button <= cue.duration_s - 0.3  # the closing downbeat comes before the last frame
    assert sum(s.bars for s in cue.sections) == cue.end_bar + 1
    assert [s.first_bar for s in cue.sections] == sorted(s.first_bar for s in cue.sections)


def test_a_dance_sets_tempo_and_phase_from_the_dancer() -> None:
    period = 60.0 / 104.0
    visual = [0.23 + period * i for i in range(int(20 / period))]
    visual = [t for t in visual if t < 20]
    a = make_analysis([], 20.0, is_dance=True, visual_tempo_bpm=52.0, visual_beats_s=visual)
    cue = build_cue_sheet(a)
    assert cue.tempo_source == "dance"
    assert cue.tempo_bpm == pytest.approx(104.0, abs=1.0)  # 52 BPM folded into the range
    assert alignment(np.array(cue.beats_s), np.array(visual), tol=0.03) >= 0.95


def test_a_named_moment_gets_a_downbeat_and_a_big_section() -> None:
    cuts = random_cuts(5, 30.0)
    cue = build_cue_sheet(make_analysis(cuts, 30.0), CueOptions(user_hits_s=[12.0]))
    downbeats = np.array(cue.downbeats_s)
    assert np.abs(downbeats - 12.0).min() <= HIT_TOLERANCE_S
    hit = next(h for h in cue.hit_points if h.source == "user")
    assert hit.downbeat and hit.on_beat and hit.accent
    at = [s for s in cue.sections if abs(s.start_s - 12.0) <= HIT_TOLERANCE_S]
    assert at and at[0].kind in ("chorus", "drop") and at[0].energy >= 0.9


def test_options_change_sections_and_energy() -> None:
    motion = list(np.linspace(0.1, 1.0, 300))  # action builds up
    a = make_analysis(random_cuts(7, 30.0), 30.0, motion=motion)
    plain = build_cue_sheet(a)
    assert plain.sections[0].kind == "intro"
    assert plain.bar_energy[-2] > plain.bar_energy[1]  # the energy curve follows the motion
    bigger = build_cue_sheet(a, CueOptions(energy_shift=0.35))
    assert np.mean([s.energy for s in bigger.sections]) > np.mean([s.energy for s in plain.sections]) + 0.05
    no_intro = build_cue_sheet(a, CueOptions(intro_bars=0))
    assert all(s.kind != "intro" for s in no_intro.sections)
    calm_end = build_cue_sheet(a, CueOptions(end_energy=0.25))
    late = [s for s in calm_end.sections if s.first_bar >= 0.75 * (calm_end.end_bar + 1)]
    assert late and all(s.energy <= 0.25 for s in late)


def test_style_follows_words_then_picture() -> None:
    a = make_analysis([2.0, 4.0], 10.0, valence=0.15, arousal=0.15)
    assert build_cue_sheet(a).style == "ambient"  # dark and calm picture
    assert build_cue_sheet(a, CueOptions(prompt="an upbeat jazz tune")).style == "jazz"
    bright = make_analysis([2.0, 4.0], 10.0, valence=0.85, arousal=0.85)
    assert build_cue_sheet(bright).style in ("edm", "pop", "rock", "funk")


def test_dp_beats_keeps_the_tempo_without_hits() -> None:
    beats = dp_beats(np.zeros(0), np.zeros(0), 0.5, 0.1, 10.0)
    assert np.allclose(np.diff(beats), 0.5, atol=0.011)


def test_mood_words_bound_the_tempo_even_when_the_cuts_ask_for_another() -> None:
    # a cut every 1.5 s fits 80, 120 or 160 BPM; a bright, busy picture is scored fast
    cuts = [0.5 + 1.5 * i for i in range(13)]
    busy = make_analysis(cuts, 20.0, valence=0.8, arousal=0.8)
    assert build_cue_sheet(busy).tempo_bpm > 110
    calm = build_cue_sheet(busy, CueOptions(prompt="a calm song for this clip"))
    assert calm.tempo_bpm <= 100 and calm.style in (
        "lofi",
        "ambient",
        "folk",
        "cinematic",
        "classical",
        "pop",
    )
    assert alignment(np.array(calm.beats_s), np.array(cuts)) >= 0.8  # still on the cuts
    slow_cuts = [1.0 + 1.6 * i for i in range(11)]  # ~75 BPM material
    assert build_cue_sheet(make_analysis(slow_cuts, 18.0), CueOptions(prompt="energetic")).tempo_bpm >= 110
    named = build_cue_sheet(busy, CueOptions(prompt="a calm edm track"))  # a named style keeps its range
    assert named.style == "edm" and named.tempo_bpm >= 114
