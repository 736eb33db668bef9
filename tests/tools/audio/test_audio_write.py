"""write_audio: formats read back correctly, unsupported ones are refused, failures leave no partial file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.tools.conftest import SR, assert_human_error, tone
from tools.audio import write as write_mod
from tools.audio.decode import Audio, decode_audio
from tools.audio.probe import probe_media
from tools.audio.write import output_format, write_audio
from tools.base import ToolError


@pytest.fixture
def audio() -> Audio:
    return Audio(tone(seconds=1.0).T, SR)


@pytest.mark.parametrize(
    ("bit_depth", "codec", "atol"), [(16, "pcm_s16le", 1 / 32768), (24, "pcm_s24le", 1e-6)]
)
def test_wav_round_trip(audio: Audio, tmp_path: Path, bit_depth: int, codec: str, atol: float) -> None:
    path = write_audio(tmp_path / "out.wav", audio, bit_depth=bit_depth)
    assert path == tmp_path / "out.wav"
    assert probe_media(path).codec == codec
    back = decode_audio(path)
    assert back.samples.shape == audio.samples.shape and back.sample_rate == SR
    np.testing.assert_allclose(back.samples, audio.samples, atol=atol)


def test_flac_round_trip(audio: Audio, tmp_path: Path) -> None:
    path = write_audio(tmp_path / "out.flac", audio)
    info = probe_media(path)
    assert info.codec == "flac" and info.bits_per_sample == 16
    np.testing.assert_allclose(decode_audio(path).samples, audio.samples, atol=1 / 32768)


@pytest.mark.parametrize("kbps", [192, 320])
def test_mp3(audio: Audio, tmp_path: Path, kbps: int) -> None:
    path = write_audio(tmp_path / "out.mp3", audio, mp3_bitrate_kbps=kbps)
    info = probe_media(path)
    assert info.codec == "mp3" and info.sample_rate == SR and info.channels == 2
    assert info.bit_rate_bps == pytest.approx(kbps * 1000, rel=0.05)
    assert decode_audio(path).n_samples == audio.n_samples  # LAME's gapless info keeps the length


@pytest.mark.parametrize(("ext", "codec", "rate"), [("opus", "opus", 48000), ("m4a", "aac", SR)])
def test_other_compressed_formats(audio: Audio, tmp_path: Path, ext: str, codec: str, rate: int) -> None:
    info = probe_media(write_audio(tmp_path / f"out.{ext}", audio))
    assert info.codec == codec and info.sample_rate == rate and info.channels == 2
    assert info.duration_s == pytest.approx(1.0, abs=0.05)


def test_format_argument_beats_extension(audio: Audio, tmp_path: Path) -> None:
    path = write_audio(tmp_path / "noext", audio, format="ogg")
    assert probe_media(path).codec == "vorbis"


def test_out_of_range_samples_are_clipped_not_wrapped(tmp_path: Path) -> None:
    loud = Audio(np.array([[0.5, 1.5, -2.0, 0.25]], dtype=np.float32), SR)
    back = decode_audio(write_audio(tmp_path / "x.wav", loud), allow_silent=True)
    np.testing.assert_allclose(back.samples[0], [0.5, 32767 / 32768, -1.0, 0.25], atol=1e-4)


@pytest.mark.parametrize("name", ["song.xyz", "song.aiff", "song"])
def test_unsupported_output_format(audio: Audio, tmp_path: Path, name: str) -> None:
    with pytest.raises(ToolError) as err:
        write_audio(tmp_path / name, audio)
    assert_human_error(err.value, "unsupported_format", "wav", "flac", "mp3")
    assert list(tmp_path.iterdir()) == []


def test_mp3_refuses_rates_it_cannot_store(tmp_path: Path) -> None:
    hi_res = Audio(np.zeros((2, 9600), dtype=np.float32), 96000)
    with pytest.raises(ToolError) as err:
        write_audio(tmp_path / "x.mp3", hi_res)
    assert_human_error(err.value, "unsupported_format", "96000 Hz")
    assert output_format("a.WAV") == "wav" and output_format("a", "oga") == "ogg"


def test_failed_soundfile_write_leaves_no_partial_file(
    audio: Audio, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "song.wav"
    target.write_bytes(b"previous version")

    def half_write(tmp: Path, *args: object) -> None:
        tmp.write_bytes(b"RIFF partial")
        raise OSError("No space left on device")

    monkeypatch.setattr(write_mod, "_write_soundfile", half_write)
    with pytest.raises(ToolError) as err:
        write_audio(target, audio)
    assert_human_error(err.value, "write_failed", "song.wav", "space")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["song.wav"]
    assert target.read_bytes() == b"previous version"


def test_failed_encode_leaves_no_partial_file(
    audio: Audio, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write_mod, "_encoder_args", lambda *a: ["-c:a", "no_such_encoder", "-f", "mp3"])
    with pytest.raises(ToolError) as err:
        write_audio(tmp_path / "song.mp3", audio)
    assert_human_error(err.value, "encode_failed", "MP3", "WAV")
    assert list(tmp_path.iterdir()) == []


def test_empty_audio_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ToolError) as err:
        write_audio(tmp_path / "x.wav", Audio(np.zeros((2, 0), dtype=np.float32), SR))
    assert err.value.code == "empty_audio"
