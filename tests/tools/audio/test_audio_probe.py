"""probe_media and detect_kind on real files made by ffmpeg."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.conftest import Media, assert_human_error, ffmpeg
from tools.audio.probe import detect_kind, probe_media, sniff
from tools.base import ToolError


def test_probe_wav(media: Media) -> None:
    info = probe_media(media.tone_wav)
    assert info.format_name == "wav"
    assert info.codec == "pcm_s16le"
    assert info.sample_rate == 44100 and info.channels == 2
    assert info.duration_s == pytest.approx(3.0, abs=1e-3)
    assert info.declared_duration_s == pytest.approx(3.0, abs=1e-3)
    assert info.bits_per_sample == 16
    assert info.has_audio and not info.has_video and not info.is_image
    assert info.size_bytes == media.tone_wav.stat().st_size


def test_probe_24_bit_and_lossy(media: Media) -> None:
    assert probe_media(media.tone_24bit_wav).bits_per_sample == 24
    mp3 = probe_media(media.tone_mp3)
    assert mp3.codec == "mp3" and mp3.bits_per_sample is None
    assert mp3.bit_rate_bps == pytest.approx(192_000, rel=0.05)


def test_probe_video(media: Media) -> None:
    info = probe_media(media.video_mp4)
    assert info.has_video and info.has_audio
    assert info.video_codec == "h264" and info.codec == "aac"
    silent = probe_media(media.video_silent_mp4)
    assert silent.has_video and not silent.has_audio


def test_cover_art_is_not_video(media: Media) -> None:
    info = probe_media(media.cover_art_mp3)
    assert info.has_audio and not info.has_video
    assert detect_kind(media.cover_art_mp3) == "audio"


def test_detect_kind(media: Media) -> None:
    assert detect_kind(media.tone_wav) == "audio"
    assert detect_kind(media.tone_opus) == "audio"
    assert detect_kind(media.video_mp4) == "video"
    assert detect_kind(media.video_silent_mp4) == "video"
    assert detect_kind(media.midi) == "midi"


def test_detect_kind_refuses_images_and_text(media: Media, tmp_path: Path) -> None:
    with pytest.raises(ToolError) as err:
        detect_kind(media.copy("png", tmp_path, "cover.wav"))
    assert_human_error(err.value, "not_audio", "cover.wav", "image")
    text = tmp_path / "notes.mp3"
    text.write_text("verse, chorus, verse, chorus, bridge, chorus\n" * 20)
    with pytest.raises(ToolError) as err:
        detect_kind(text)
    assert_human_error(err.value, "not_audio", "notes.mp3", "text file")


def test_sniff(media: Media, tmp_path: Path) -> None:
    assert sniff(media.png) == "a PNG image"
    assert sniff(media.midi) == "a MIDI file"
    assert sniff(media.tone_wav) is None
    page = tmp_path / "x.flac"
    page.write_text("<!DOCTYPE html><html><body>404</body></html>")
    assert sniff(page) == "a web page (HTML)"


def test_probe_missing_and_empty(tmp_path: Path) -> None:
    with pytest.raises(ToolError) as err:
        probe_media(tmp_path / "nope.wav")
    assert_human_error(err.value, "missing_file", "nope.wav")
    empty = tmp_path / "empty.wav"
    empty.touch()
    with pytest.raises(ToolError) as err:
        probe_media(empty)
    assert_human_error(err.value, "empty_file", "empty.wav", "0 bytes")


def test_estimated_durations_are_not_declared(media: Media, tmp_path: Path) -> None:
    # an MP3 without a Xing/LAME header only has a duration guessed from its bit rate
    path = tmp_path / "noxing.mp3"
    ffmpeg("-i", str(media.tone_wav), "-write_xing", "0", str(path))
    info = probe_media(path)
    assert info.duration_s == pytest.approx(3.0, abs=0.05)
    assert info.declared_duration_s is None
    assert probe_media(media.tone_mp3).declared_duration_s == pytest.approx(3.0, abs=0.05)
