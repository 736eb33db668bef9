"""Bad input: a clear answer or a ToolError, never a crash or a made-up key."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.understanding.signals import click_track
from tools.base import ToolError
from tools.understanding.sheet import compute_sheet


def test_silence_has_no_key_and_no_tempo(tmp_path: Path) -> None:
    path = tmp_path / "silence.wav"
    sf.write(path, np.zeros(44100 * 5, dtype=np.float32), 44100)
    sheet = compute_sheet(path)
    assert sheet.content == "silence"
    assert sheet.key is None and sheet.key_confidence == 0.0
    assert sheet.tempo_bpm is None and sheet.chords == []
    assert sheet.remarks


def test_white_noise_has_no_key(tmp_path: Path) -> None:
    path = tmp_path / "noise.wav"
    sf.write(path, (0.3 * np.random.default_rng(0).standard_normal(44100 * 5)).astype(np.float32), 44100)
    sheet = compute_sheet(path)
    assert sheet.content == "noise"
    assert sheet.key is None and sheet.tempo_bpm is None


def test_one_second_clip_is_too_short_for_a_key(tmp_path: Path) -> None:
    path = tmp_path / "short.wav"
    t = np.arange(44100) / 44100
    sf.write(path, (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), 44100)
    sheet = compute_sheet(path)
    assert sheet.content == "too_short"
    assert sheet.key is None and sheet.tempo_bpm is None
    assert 69 in {n.pitch for n in sheet.notes}  # A4 is still transcribed


def test_clipped_click_track_still_reads_120(tmp_path: Path) -> None:
    path = click_track(tmp_path / "click.wav", 120.0, seconds=15.0)
    x, sr = sf.read(path, dtype="float32")
    sf.write(path, np.clip(x * 8.0, -0.5, 0.5), sr, subtype="FLOAT")
    assert compute_sheet(path).tempo_bpm == pytest.approx(120.0, abs=1.0)


def test_text_renamed_mp3_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "song.mp3"
    path.write_text("this is not music at all\n" * 50)
    with pytest.raises(ToolError) as err:
        compute_sheet(path)
    assert err.value.code == "not_audio"


def test_video_file_uses_its_sound_track(tmp_path: Path) -> None:
    wav = click_track(tmp_path / "click.wav", 120.0, seconds=12.0)
    video = tmp_path / "clip.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=64x64:d=12",
            "-i",
            str(wav),
            "-shortest",
            "-c:v",
            "libx264",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            str(video),
        ],
        check=True,
    )
    sheet = compute_sheet(video)
    assert sheet.tempo_bpm == pytest.approx(120.0, abs=1.0)
