"""Scoring against the cue sheet: a rendered, muxed score of a clip with known cuts has beats (as our
beat tracker hears them) on the cuts, the video's exact length, accents on the hits, and the picture
untouched; edit words change the options they name."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.video.test_cue import make_analysis, random_cuts
from tests.tools.video.test_mux import make_cut_clip
from tools.generation.project import SongProject
from tools.generation.render.fluid import check_fluidsynth
from tools.generation.render.pipeline import render_project
from tools.video.cue import HIT_TOLERANCE_S, CueOptions, build_cue_sheet
from tools.video.mux import mux, probe_streams, stream_md5
from tools.video.score import CRASH, KICK, fit_music, music_beats, score_project
from tools.video.tools import apply_edit, named_moments, options_from_request

needs_render = pytest.mark.skipif(
    check_fluidsynth() is not None or shutil.which("ffmpeg") is None,
    reason=str(check_fluidsynth() or "ffmpeg is not installed"),
)


def _near(times: list[float], grid: list[float]) -> np.ndarray:
    return np.abs(np.array(times)[:, None] - np.array(grid)[None, :]).min(axis=1)


@pytest.mark.slow
@needs_render
def test_a_scored_clip_has_beats_on_its_cuts_and_the_exact_length(tmp_path: Path) -> None:
    duration, fps = 12.0, 25
    cuts = [1.3, 2.9, 4.15, 6.35, 7.7, 9.1, 10.8]  # none on a 120 BPM grid from 0
    clip = make_cut_clip(tmp_path / "clip.mp4", cuts, duration, fps=fps, audio=True)
    analysis = make_analysis(cuts, duration, fps=fps)
    cue = build_cue_sheet(analysis, CueOptions(seed=3))
    project = score_project(cue)
    res = render_project(project, tmp_path / "render", write_stems=False)
    music = fit_music(Path(res.mix), cue, tmp_path / "music.wav")
    info = sf.info(str(music))
    assert info.frames == round(duration * 44100)
    out = mux(clip, music, tmp_path / "scored.mp4", original_audio="duck", video_has_audio=True)

    beats, _, tempo = music_beats(music)  # what a listener's beat tracker hears
    share = float((_near(cuts, beats) <= HIT_TOLERANCE_S).mean())
    baseline = float((_near(cuts, list(np.arange(0, duration, 0.5))) <= HIT_TOLERANCE_S).mean())
    assert share >= 0.8 and share > baseline + 0.25, (share, baseline)
    assert tempo is not None and abs(tempo - cue.tempo_bpm) <= 0.05 * cue.tempo_bpm
    streams = {s["codec_type"]: s for s in probe_streams(out)}
    assert (streams["video"]["codec_name"], streams["audio"]["codec_name"]) == ("h264", "aac")
    for s in streams.values():
        assert abs(float(s["duration"]) - duration) <= 1.0 / fps  # type: ignore[arg-type]
    assert stream_md5(out) == stream_md5(clip)
    # the end fades out: the last 50 ms are near silence, the music before it is not
    x, sr = sf.read(str(music))
    assert np.abs(x[-int(0.05 * sr) :]).max() < 0.05 < np.abs(x[: int(duration * sr * 0.8)]).max()


def test_accents_sit_on_the_hits_and_the_button_on_the_last_downbeat() -> None:
    cuts = random_cuts(4, 20.0)
    cue = build_cue_sheet(make_analysis(cuts, 20.0), CueOptions(user_hits_s=[9.0], seed=1))
    project = score_project(cue)
    drums = next(t for t in project.tracks if t.is_drums)
    hit = next(h for h in cue.hit_points if h.source == "user")
    assert hit.beat_index is not None
    crashes = {n.start for n in drums.notes if n.pitch == CRASH}
    kicks = {n.start for n in drums.notes if n.pitch == KICK}
    assert float(hit.beat_index) in crashes and float(hit.beat_index) in kicks
    # the beat of the hit plays at 9.0 s (+- 80 ms) in the video
    assert abs(cue.start_s + project.seconds_at(float(hit.beat_index)) - 9.0) <= HIT_TOLERANCE_S
    button = float(cue.end_bar * cue.beats_per_bar)
    assert button in crashes
    bass = next(t for t in project.tracks if t.role == "bass")
    assert any(n.start == float(hit.beat_index) and n.pitch < 40 for n in bass.notes)
    # the tempo map puts every beat of the project on the cue sheet's grid
    for k in range(0, int(project.total_beats), 3):
        assert abs(cue.start_s + project.seconds_at(float(k)) - cue.beats_s[k]) < 1e-3


def test_no_drums_and_energy_reach_the_project() -> None:
    a = make_analysis(random_cuts(8, 20.0), 20.0)
    plain = score_project(build_cue_sheet(a, CueOptions(seed=2)))
    quiet = score_project(build_cue_sheet(a, CueOptions(seed=2, no_drums=True, energy_shift=-0.35)))
    loud = score_project(build_cue_sheet(a, CueOptions(seed=2, energy_shift=0.7)))
    assert any(t.is_drums for t in plain.tracks) and not any(t.is_drums for t in quiet.tracks)
    notes = {name: sum(len(t.notes) for t in p.tracks if not t.is_drums) for name, p in
             (("quiet", quiet), ("plain", plain), ("loud", loud))}  # fmt: skip
    vel = {name: np.mean([n.velocity for t in p.tracks for n in t.notes if not t.is_drums]) for name, p in
           (("quiet", quiet), ("plain", plain), ("loud", loud))}  # fmt: skip
    assert notes["quiet"] <= notes["plain"] <= notes["loud"] and vel["quiet"] < vel["plain"] < vel["loud"]
    assert (plain.key, plain.mode) == (loud.key, loud.mode)  # an edit keeps the key
    calm_end = score_project(build_cue_sheet(a, CueOptions(seed=2, end_energy=0.2)))

    def last_quarter_velocity(p: SongProject) -> float:
        end = p.total_beats
        return float(np.mean([n.velocity for t in p.tracks for n in t.notes if n.start >= 0.8 * end]))

    assert last_quarter_velocity(calm_end) < last_quarter_velocity(plain) - 5


def test_edit_words_change_the_options() -> None:
    assert named_moments("the drop should hit when she jumps at 0:12") == [12.0]
    assert named_moments("hit at 7.5 seconds and another hit at 1:02") == [7.5, 62.0]
    assert named_moments("make it 12 s long") == []
    base = options_from_request("an upbeat song, no drums")
    assert base.no_drums and base.energy_shift == 0.0
    o, done = apply_edit(base, None, "more energetic")
    assert o.energy_shift > base.energy_shift and done == ["more energetic"]
    o, done = apply_edit(base, None, "calmer at the end")
    assert o.end_energy is not None and o.energy_shift == 0.0
    o, done = apply_edit(base, None, "no vocals please, and bring back the drums")
    assert o.no_vocals and not o.no_drums
    o, _ = apply_edit(base, None, "faster")
    assert o.tempo_factor == pytest.approx(1.1)
    o, _ = apply_edit(base, None, "make it 96 bpm")
    assert o.tempo_bpm == 96.0
    cue = build_cue_sheet(make_analysis(random_cuts(2, 30.0), 30.0))
    intro = next(s.bars for s in cue.sections if s.kind == "intro")
    o, done = apply_edit(cue.options, cue, "shorter intro")
    assert o.intro_bars == intro // 2
    o, done = apply_edit(cue.options, cue, "the weather is nice")
    assert done == []
