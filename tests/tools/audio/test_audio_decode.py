"""decode_audio: every format ffmpeg reads, and a clear, actionable error for every kind of bad file."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.conftest import SR, TONE_PEAK_DBFS, Media, assert_human_error, ffmpeg, tone
from tools.audio.decode import Audio, decode_audio
from tools.audio.loudness import peak_dbfs
from tools.base import ToolError


def dominant_hz(audio: Audio) -> float:
    """Frequency (Hz) of the strongest FFT bin of the first channel."""
    x = audio.samples[0]
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.argmax(spectrum) * audio.sample_rate / len(x))


def test_wav_decodes_sample_exact(media: Media) -> None:
    audio = decode_audio(media.tone_wav)
    assert audio.samples.dtype == np.float32
    assert audio.samples.shape == (2, 3 * SR)
    assert audio.sample_rate == SR and audio.channels == 2
    assert audio.duration_s == 3.0
    reference = sf.read(media.tone_wav, dtype="float32")[0].T
    np.testing.assert_allclose(audio.samples, reference, atol=1e-6)
    assert peak_dbfs(audio) == pytest.approx(TONE_PEAK_DBFS, abs=0.01)


@pytest.mark.parametrize(
    ("name", "rate", "tolerance_s"),
    [
        ("tone_flac", 44100, 0.0),
        ("tone_mp3", 44100, 0.001),
        ("tone_ogg", 44100, 0.001),
        ("tone_m4a", 44100, 0.03),  # AAC priming samples
        ("tone_opus", 48000, 0.01),  # Opus always decodes at 48 kHz
    ],
)
def test_compressed_formats(media: Media, name: str, rate: int, tolerance_s: float) -> None:
    audio = decode_audio(getattr(media, name))
    assert audio.sample_rate == rate and audio.channels == 2
    assert audio.duration_s == pytest.approx(3.0, abs=tolerance_s)
    assert dominant_hz(audio) == pytest.approx(440.0, abs=1.0)
    assert peak_dbfs(audio) == pytest.approx(TONE_PEAK_DBFS, abs=0.5)


def test_resample_and_mono(media: Media) -> None:
    audio = decode_audio(media.tone_wav, sample_rate=22050, mono=True)
    assert audio.channels == 1 and audio.sample_rate == 22050
    assert audio.n_samples == pytest.approx(3 * 22050, abs=1)
    assert dominant_hz(audio) == pytest.approx(440.0, abs=1.0)
    full = decode_audio(media.tone_wav, mono=True)
    stereo = decode_audio(media.tone_wav)
    np.testing.assert_allclose(full.samples[0], stereo.samples.mean(axis=0), atol=1e-6)


def test_audio_track_of_a_video(media: Media) -> None:
    audio = decode_audio(media.video_mp4)
    assert audio.duration_s == pytest.approx(1.0, abs=0.05)
    assert dominant_hz(audio) == pytest.approx(440.0, abs=2.0)


def test_video_whose_sound_is_shorter_than_its_pictures(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    ffmpeg(
        *["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=3"],
        *["-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:v", "libx264", "-preset", "ultrafast"],
        *["-pix_fmt", "yuv420p", "-c:a", "aac", str(path)],
    )
    assert decode_audio(path).duration_s == pytest.approx(1.0, abs=0.05)  # not "truncated"


def test_three_minute_file_decodes_fast(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    sf.write(path, np.tile(tone(), (60, 1)), SR, subtype="PCM_16")
    start = time.perf_counter()
    audio = decode_audio(path)
    elapsed = time.perf_counter() - start
    assert audio.n_samples == 180 * SR
    assert elapsed < 5.0, f"decoding 3 minutes took {elapsed:.2f} s"


# --------------------------------------------------------------------------- bad input


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ToolError) as err:
        decode_audio(tmp_path / "song.mp3")
    assert_human_error(err.value, "missing_file", "song.mp3", "upload")
    with pytest.raises(ToolError) as err:
        decode_audio(tmp_path / "3f9a.mp3", display_name="'My Song'")
    assert_human_error(err.value, "missing_file", "'My Song'")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "song.mp3"
    path.touch()
    with pytest.raises(ToolError) as err:
        decode_audio(path)
    assert_human_error(err.value, "empty_file", "song.mp3", "0 bytes", "upload")
    assert err.value.message == "song.mp3 is empty (0 bytes): upload the file again."


def test_text_file_renamed_mp3(tmp_path: Path) -> None:
    path = tmp_path / "lyrics.mp3"
    path.write_text("Here comes the sun, doo-doo-doo-doo\n" * 30)
    with pytest.raises(ToolError) as err:
        decode_audio(path)
    assert_human_error(err.value, "not_audio", "lyrics.mp3", "text file", "upload")


def test_png_renamed_wav(media: Media, tmp_path: Path) -> None:
    path = media.copy("png", tmp_path, "cover.wav")
    with pytest.raises(ToolError) as err:
        decode_audio(path)
    assert_human_error(err.value, "not_audio", "cover.wav", "PNG image")


def test_random_bytes_flac(tmp_path: Path) -> None:
    path = tmp_path / "noise.flac"
    path.write_bytes(np.random.default_rng(3).integers(0, 256, 50_000, dtype=np.uint8).tobytes())
    with pytest.raises(ToolError) as err:
        decode_audio(path)
    assert_human_error(err.value, "corrupt", "noise.flac", "damaged")
    assert str(tmp_path) not in str(err.value), "the upload folder must not leak into the message"


def test_ffmpeg_message_keeps_only_the_file_name() -> None:
    from tools.audio.ffmpeg import stderr_excerpt

    line = b"[flac @ 0x55d0c] /tmp/gradio/9f3a/corrupt.flac: Invalid data found when processing input"
    assert stderr_excerpt(line) == "corrupt.flac: Invalid data found when processing input"


def test_wav_cut_in_half_is_truncated(media: Media, tmp_path: Path) -> None:
    data = media.tone_wav.read_bytes()
    path = tmp_path / "half.wav"
    path.write_bytes(data[: len(data) // 2])  # header still says 3 s
    with pytest.raises(ToolError) as err:
        decode_audio(path)
    assert_human_error(err.value, "truncated", "half.wav", "cut off", "0:03", "50%")


@pytest.mark.parametrize("name", ["tone_flac", "tone_mp3"])
def test_compressed_file_cut_in_half_is_truncated(media: Media, tmp_path: Path, name: str) -> None:
    src: Path = getattr(media, name)
    data = src.read_bytes()
    path = tmp_path / f"half{src.suffix}"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ToolError) as err:
        decode_audio(path)
    assert_human_error(err.value, "truncated", path.name, "cut off")


def test_silent_file(media: Media) -> None:
    with pytest.raises(ToolError) as err:
        decode_audio(media.silent_wav)
    assert_human_error(err.value, "silent", "silent.wav", "silent")
    audio = decode_audio(media.silent_wav, allow_silent=True)
    assert audio.duration_s == 2.0 and not audio.samples.any()


def test_over_the_size_limit(media: Media, monkeypatch: pytest.MonkeyPatch) -> None:
    from tools.audio.decode import check_decodable

    monkeypatch.setenv("BANDLEADER_MAX_UPLOAD_MB", "0.1")  # 100 kB; the tone is 529 kB
    with pytest.raises(ToolError) as err:  # an upload is held to the limit
        check_decodable(media.tone_wav)
    assert_human_error(err.value, "too_large", "tone.wav", "0.5 MB", "0.1 MB")
    # ... but a version a tool made (a render, an edit) is not an upload: it still decodes
    assert decode_audio(media.tone_wav).duration_s == 3.0


def test_over_the_duration_limit(media: Media, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_MAX_DURATION_S", "2")
    with pytest.raises(ToolError) as err:
        decode_audio(media.tone_wav)
    assert_human_error(err.value, "too_long", "tone.wav", "0:03", "0:02")
    with pytest.raises(ToolError) as err:  # an explicit limit overrides the environment
        decode_audio(media.tone_flac, max_duration_s=1.5)
    assert err.value.code == "too_long"
    assert decode_audio(media.tone_wav, max_duration_s=10).duration_s == 3.0


def test_video_without_audio(media: Media) -> None:
    with pytest.raises(ToolError) as err:
        decode_audio(media.video_silent_mp4)
    assert_human_error(err.value, "not_audio", "video_silent.mp4", "no audio track")


def test_midi_is_not_sound(media: Media) -> None:
    with pytest.raises(ToolError) as err:
        decode_audio(media.midi)
    assert_human_error(err.value, "not_audio", "song.mid", "MIDI", "render")
