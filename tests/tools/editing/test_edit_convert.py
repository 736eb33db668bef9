"""convert changes format, sample rate and channels, checked by reading the result back."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from tests.tools.conftest import SR, ToolRun, assert_human_error, read_back
from tools.audio.probe import probe_media
from tools.base import ToolError
from tools.editing.convert import Convert


def test_wav_to_mp3(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    src = uploaded("tone_wav")
    out = call_tool(Convert, format="mp3").output
    assert out.artifact.label == "converted to MP3, 44.1 kHz, stereo"
    assert out.artifact.parent == src.id
    info = probe_media(out.artifact.path)
    assert info.codec == "mp3" and info.sample_rate == SR and info.channels == 2
    assert out.source_format == "wav" and out.format == "mp3"
    assert read_back(out.artifact.path).n_samples == 3 * SR


def test_flac_at_22050_mono(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    src = uploaded("tone_wav")
    out = call_tool(Convert, format="flac", sample_rate=22050, channels=1).output
    info = probe_media(out.artifact.path)
    assert info.codec == "flac" and info.sample_rate == 22050 and info.channels == 1
    back = read_back(out.artifact.path)
    assert back.n_samples == pytest.approx(3 * 22050, abs=1)
    assert out.sample_rate == 22050 and out.channels == 1 and out.duration_s == pytest.approx(3.0, abs=1e-4)
    # mono is the average of both channels (the tone's right channel is 0.8 x left)
    source = read_back(src.path)
    assert np.abs(back.samples).max() == pytest.approx(np.abs(source.samples.mean(axis=0)).max(), rel=0.02)


def test_channels_only_keeps_format(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("tone_ogg")
    out = call_tool(Convert, channels=1).output
    assert out.format == "ogg" and probe_media(out.artifact.path).codec == "vorbis"
    assert probe_media(out.artifact.path).channels == 1


def test_mono_to_stereo_and_ogg(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("tone_wav")
    mono = call_tool(Convert, channels=1).output
    assert mono.format == "wav"
    out = call_tool(Convert, audio=mono.artifact.id, format="ogg", channels=2).output
    back = read_back(out.artifact.path)
    assert back.channels == 2
    np.testing.assert_allclose(back.samples[0], back.samples[1], atol=1e-4)


def test_video_sound_track_to_wav_48k(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("video_mp4", kind="video")
    out = call_tool(Convert, sample_rate=48000).output
    info = probe_media(out.artifact.path)
    assert info.format_name == "wav" and info.sample_rate == 48000
    assert out.artifact.kind == "audio"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, "Say what to convert to"),
        ({"format": "wav"}, "already WAV, 44.1 kHz, stereo"),
        ({"format": "mp3", "sample_rate": 96000}, "MP3 can't store 96000 Hz"),
    ],
)
def test_bad_conversions(
    call_tool: Callable[..., ToolRun], uploaded: Callable, args: dict, expected: str
) -> None:
    uploaded("tone_wav")
    with pytest.raises(ToolError) as err:
        call_tool(Convert, **args)
    assert_human_error(err.value, "invalid_argument", expected)


def test_unsupported_format_is_refused_by_the_schema() -> None:
    with pytest.raises(ValueError):
        Convert.Input(format="aiff")
    with pytest.raises(ValueError):
        Convert.Input(sample_rate=4000)
    with pytest.raises(ValueError):
        Convert.Input(channels=6)
