"""Decoding videos: exact durations, displayed sizes, variable frame rate, audio, and clear errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.conftest import assert_human_error
from tests.tools.video.conftest import CUT_CLIP_DURATION_S, CUT_CLIP_FPS, X264, ffmpeg
from tools.base import ToolError
from tools.video.cuts import detect_cuts
from tools.video.decode import extract_audio, frames_at_rate, probe_video, read_frames

BIKES = Path(__file__).resolve().parents[2] / "data" / "video" / "bikes.mp4"


def test_the_real_clip_has_its_exact_duration_and_frame_count() -> None:
    info = probe_video(BIKES)
    assert info.duration_s == pytest.approx(10.0, abs=1e-6)
    assert info.n_frames == 250
    assert info.fps == pytest.approx(25.0)
    assert (info.width, info.height) == (640, 272)
    assert not info.variable_frame_rate and not info.has_audio


@pytest.mark.parametrize("backend", ["pyav", "decord", "ffmpeg"])
def test_every_backend_gives_the_same_frames_in_time(backend: str) -> None:
    frames = read_frames(BIKES, backends=(backend,))
    assert frames.backend.startswith(backend)
    assert len(frames) == 250
    assert frames.rgb.shape[1:] == (108, 256, 3)  # 256 px wide, aspect 640:272 kept
    assert np.allclose(np.diff(frames.times_s), 0.04, atol=1e-3)
    # frame 30 is the first of the second shot (a dark suit), frame 29 the bollard on bright paving
    assert frames.rgb[29].mean() > frames.rgb[30].mean() + 20


def test_generated_clip_duration_is_exact(cut_clip: Path) -> None:
    info = probe_video(cut_clip)
    assert info.n_frames == round(CUT_CLIP_DURATION_S * CUT_CLIP_FPS)
    assert info.duration_s == pytest.approx(CUT_CLIP_DURATION_S, abs=1e-6)


def test_a_rotated_video_reports_and_decodes_its_displayed_size(rotated_clip: Path) -> None:
    info = probe_video(rotated_clip)
    assert info.rotation_deg == 90
    assert (info.width, info.height) == (240, 320)
    assert info.duration_s == pytest.approx(2.0, abs=1e-6)
    for backend in ("pyav", "decord", "ffmpeg"):
        frames = read_frames(rotated_clip, info, backends=(backend,))
        assert frames.rgb.shape[1:3] == (320, 240), backend  # portrait, never upscaled
    # all backends turn the picture the same way ffmpeg shows it
    shown = read_frames(rotated_clip, info, backends=("ffmpeg",)).rgb[0].astype(int)
    for backend in ("pyav", "decord"):
        turned = read_frames(rotated_clip, info, backends=(backend,)).rgb[0].astype(int)
        assert np.abs(turned - shown).mean() < 12, backend
        assert np.abs(np.rot90(turned, 2) - shown).mean() > 30  # the other way round looks different


def test_a_variable_rate_video_is_detected_and_resampled(vfr_clip: Path) -> None:
    info = probe_video(vfr_clip)
    assert info.variable_frame_rate
    assert info.n_frames == 49
    assert info.duration_s == pytest.approx(2.0, abs=1e-3)
    frames = read_frames(vfr_clip, info)
    assert len(frames) == 49
    gap = np.diff(frames.times_s)
    assert gap.max() == pytest.approx(12 / 30, abs=2e-3)  # the dropped frames leave a hole
    idx = frames.at_rate(30.0, info.duration_s)
    assert idx.size == 60
    # in the hole the constant-rate view repeats the last frame shown before it
    assert np.all(idx[10:21] == idx[10])


def test_audio_track_is_extracted_to_wav(av_clip: Path, tmp_path: Path) -> None:
    info = probe_video(av_clip)
    assert info.has_audio and info.audio_duration_s == pytest.approx(3.0, abs=0.05)
    wav = extract_audio(av_clip, tmp_path / "sound.wav")
    data, sr = sf.read(wav)
    assert sr == 44100 and data.shape[1] == 2
    assert len(data) / sr == pytest.approx(3.0, abs=0.05)
    spectrum = np.abs(np.fft.rfft(data[:, 0]))
    assert np.fft.rfftfreq(len(data), 1 / sr)[np.argmax(spectrum)] == pytest.approx(440, abs=2)


def test_extracting_audio_from_a_silent_video_says_so(tmp_path: Path) -> None:
    with pytest.raises(ToolError) as err:
        extract_audio(BIKES, tmp_path / "x.wav")
    assert_human_error(err.value, "no_audio", "no sound")


@pytest.mark.parametrize(
    ("kind", "code", "word"),
    [
        ("empty", "empty_file", "empty"),
        ("corrupt", "corrupt_file", "damaged"),
        ("truncated", "corrupt_file", "damaged"),
        ("audio_only", "not_video", "audio-only"),
        ("one_frame", "empty_video", "frame"),
        ("image", "not_video", "image"),
    ],
)
def test_bad_files_give_clear_errors(bad_videos: dict[str, Path], kind: str, code: str, word: str) -> None:
    with pytest.raises(ToolError) as err:
        probe_video(bad_videos[kind])
    assert_human_error(err.value, code, word)


def test_limits_refuse_long_and_large_videos(
    cut_clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANDLEADER_MAX_VIDEO_DURATION_S", "3")
    with pytest.raises(ToolError) as err:
        probe_video(cut_clip)
    assert_human_error(err.value, "too_long", "limit")
    monkeypatch.delenv("BANDLEADER_MAX_VIDEO_DURATION_S")
    monkeypatch.setenv("BANDLEADER_MAX_UPLOAD_MB", "0.01")
    with pytest.raises(ToolError) as err:
        probe_video(cut_clip)
    assert_human_error(err.value, "too_large", "MB")
    with pytest.raises(ToolError) as err:
        probe_video(tmp_path / "missing.mp4")
    assert_human_error(err.value, "not_found")


def test_frames_at_a_chosen_rate(cut_clip: Path) -> None:
    grey, times = frames_at_rate(cut_clip, 4.0, width=64, grey=True)
    assert grey.shape == (22, 48, 64) and grey.dtype == np.uint8
    assert times[:3] == pytest.approx([0.0, 0.25, 0.5])
    rgb, _ = frames_at_rate(cut_clip, 4.0, width=64)
    assert rgb.shape == (22, 48, 64, 3)
    # 1.0 s shows the red second shot, 0.75 s still the test picture
    assert rgb[4, ..., 0].mean() > 150 and rgb[4, ..., 1].mean() < 80
    assert rgb[3, ..., 1].mean() > 80


def test_a_long_clip_decodes_fast_and_keeps_its_cut_exact(video_dir: Path) -> None:
    out = video_dir / "long.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=20",
        "-f", "lavfi", "-i", "smptebars=size=160x120:rate=25:duration=15",
        "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]", *X264, str(out),
    )  # fmt: skip
    info = probe_video(out)
    assert info.duration_s == pytest.approx(35.0) and info.n_frames == 875
    frames = read_frames(out, info)
    assert "skip non-reference" in frames.backend and len(frames) < info.n_frames
    cuts = detect_cuts(frames)
    assert [c.time_s for c in cuts] == pytest.approx([20.0], abs=0.041)
