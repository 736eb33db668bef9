"""Muxing: the picture is copied bit for bit, the music is AAC, the length is the video's, the
video's own sound is dropped, mixed or ducked; bad input gets a clear error."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.conftest import assert_human_error
from tools.base import ToolError
from tools.video.mux import mux, probe_streams, stream_md5

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")


def make_cut_clip(
    path: Path,
    cuts: list[float],
    duration: float,
    *,
    fps: int = 25,
    size: tuple[int, int] = (160, 120),
    audio: bool = False,
) -> Path:
    """An H.264 clip whose shots (flat colours with a moving bar) change exactly at ``cuts`` (seconds);
    with ``audio``, a 440 Hz tone as its sound track."""
    w, h = size
    n = round(duration * fps)
    rng = np.random.default_rng(0)
    bounds = [0, *(round(c * fps) for c in cuts), n]
    cmd = ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
           "-r", str(fps), "-i", "-"]  # fmt: skip
    if audio:
        cmd += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={duration}", "-c:a", "aac"]
    cmd += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", str(2 * fps), str(path)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    for s in range(len(bounds) - 1):
        colour = rng.integers(0, 255, 3).astype(np.uint8)
        for f in range(bounds[s], bounds[s + 1]):
            img = np.empty((h, w, 3), np.uint8)
            img[:] = colour
            x = (f * 5) % w
            img[:, x : x + 12] = 255 - colour
            proc.stdin.write(img.tobytes())
    proc.stdin.close()
    assert proc.wait() == 0
    return path


def _music(path: Path, seconds: float, sr: int = 44100) -> Path:
    t = np.arange(round(seconds * sr)) / sr
    x = 0.3 * np.sin(2 * np.pi * 220 * t) * (0.5 + 0.5 * (np.sin(2 * np.pi * 2 * t) > 0))
    sf.write(path, np.stack([x, x], axis=1).astype(np.float32), sr)
    return path


def _durations(path: Path) -> dict[str, float]:
    return {str(s["codec_type"]): float(s["duration"]) for s in probe_streams(path)}  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["drop", "mix", "duck"])
def test_mux_copies_the_picture_and_adds_aac_music(tmp_path: Path, mode: str) -> None:
    video = make_cut_clip(tmp_path / "clip.mp4", [1.0, 2.2], 3.0, audio=True)
    music = _music(tmp_path / "music.wav", 3.0)
    out = mux(video, music, tmp_path / f"out-{mode}.mp4", original_audio=mode, video_has_audio=True)  # type: ignore[arg-type]
    streams = probe_streams(out)
    assert sorted((s["codec_type"], s["codec_name"]) for s in streams) == [
        ("audio", "aac"),
        ("video", "h264"),
    ]
    d = _durations(out)
    assert abs(d["video"] - 3.0) < 1e-3 and abs(d["audio"] - 3.0) <= 1 / 25  # within one frame
    assert stream_md5(out) == stream_md5(video)  # the picture's packets are untouched


def test_ducking_keeps_the_original_sound_under_the_music(tmp_path: Path) -> None:
    video = make_cut_clip(tmp_path / "clip.mp4", [1.0], 2.0, audio=True)
    silence = tmp_path / "silence.wav"
    sf.write(silence, np.zeros((2 * 44100, 2), np.float32), 44100)
    levels = {}
    for mode in ("drop", "mix"):
        out = mux(video, silence, tmp_path / f"{mode}.mp4", original_audio=mode, video_has_audio=True)  # type: ignore[arg-type]
        wav = tmp_path / f"{mode}.wav"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(out), "-vn", str(wav)], check=True)
        x, _ = sf.read(wav)
        levels[mode] = float(np.sqrt((x[4410:-4410] ** 2).mean()))
    assert levels["drop"] < 1e-3  # only the (silent) music
    assert levels["mix"] > 0.01  # the tone is there, 12 dB down


def test_mux_errors_are_clear(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all")
    music = _music(tmp_path / "music.wav", 1.0)
    with pytest.raises(ToolError) as err:
        mux(bad, music, tmp_path / "out.mp4")
    assert_human_error(err.value, "mux_failed", "could not put the music into the video")
    assert not (tmp_path / "out.mp4").exists()


def test_a_picture_codec_mp4_cannot_hold_goes_into_a_mov_untouched(tmp_path: Path) -> None:
    clip = tmp_path / "prores.mov"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25:duration=1",
         "-c:v", "prores_ks", str(clip)],
        check=True,
    )  # fmt: skip
    out = mux(clip, _music(tmp_path / "music.wav", 1.0), tmp_path / "out.mp4")
    assert out.suffix == ".mov" and stream_md5(out) == stream_md5(clip)
    assert sorted(s["codec_name"] for s in probe_streams(out)) == ["aac", "prores"]
