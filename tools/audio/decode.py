"""Decode any file ffmpeg can read (audio, or the audio track of a video) into an :class:`Audio`."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tools.audio import ffmpeg, limits
from tools.audio.probe import MediaInfo, check_file, probe_media
from tools.audio.types import Audio
from tools.audio.units import amplitude_to_db, format_time
from tools.base import ToolError

__all__ = ["Audio", "decode_audio", "decode_with_info", "decoded_peak_dbfs"]

_FALLBACK_SAMPLE_RATE_HZ = 44100


def _check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise ToolError(
            f"{name} is {size / limits.BYTES_PER_MB:.1f} MB, over the {limit / limits.BYTES_PER_MB:g} MB "
            "limit: upload a shorter excerpt or a compressed version (MP3, FLAC).",
            code="too_large",
        )


def _check_has_audio(name: str, info: MediaInfo) -> None:
    if info.has_audio:
        return
    if info.has_video:
        raise ToolError(
            f"{name} is a video with no audio track, so there is no sound to work on: "
            "upload a version of the video with sound, or an audio file.",
            code="not_audio",
        )
    if info.is_image:
        kind = info.format_name.removesuffix("_pipe").upper()
        raise ToolError(
            f"{name} is a {kind} image, not audio: upload an audio file (WAV, FLAC, MP3...) instead.",
            code="not_audio",
        )
    raise ToolError(
        f"{name} has no audio track in it: upload an audio file (WAV, FLAC, MP3...).", code="not_audio"
    )


def _too_long(name: str, duration_s: float, limit_s: float) -> ToolError:
    return ToolError(
        f"{name} is {format_time(duration_s)} long, over the {format_time(limit_s)} limit: "
        "upload a shorter excerpt.",
        code="too_long",
    )


def decoded_peak_dbfs(samples: np.ndarray) -> float:
    """Peak level of ``samples`` in dBFS (-inf when all zero; NaN when a sample is NaN)."""
    if samples.size == 0:
        return float("-inf")
    peak = max(float(samples.max()), -float(samples.min()))
    return peak if np.isnan(peak) else amplitude_to_db(peak)


def decode_audio(
    path: str | Path,
    sample_rate: int | None = None,
    mono: bool = False,
    *,
    allow_silent: bool = False,
    max_duration_s: float | None = None,
    display_name: str | None = None,
    max_bytes: int | None = None,
) -> Audio:
    """Decode the first audio stream of ``path`` to float32 samples via an ffmpeg pipe (no temp files).

    ``sample_rate`` (Hz) resamples when given, otherwise the file's own rate is kept. ``mono`` averages
    the channels into one. ``max_duration_s`` overrides the duration limit (seconds;
    default ``BANDLEADER_MAX_DURATION_S``). ``display_name`` is how error messages name the file (default:
    its file name). ``max_bytes`` refuses bigger files (the upload limit: uploads are checked with
    :func:`check_decodable`; the versions tools make are not held to it). Returns an :class:`Audio`
    shaped (channels, n_samples).

    Raises ToolError with ``code``: "missing_file", "empty_file", "too_large", "not_audio", "corrupt",
    "truncated", "too_long", or "silent" (peak below ``SILENCE_THRESHOLD_DBFS`` unless ``allow_silent``).
    """
    audio, _ = decode_with_info(
        path,
        sample_rate,
        mono,
        allow_silent=allow_silent,
        max_duration_s=max_duration_s,
        display_name=display_name,
        max_bytes=max_bytes,
    )
    return audio


def decode_with_info(
    path: str | Path,
    sample_rate: int | None = None,
    mono: bool = False,
    *,
    allow_silent: bool = False,
    max_duration_s: float | None = None,
    info: MediaInfo | None = None,
    display_name: str | None = None,
    max_bytes: int | None = None,
) -> tuple[Audio, MediaInfo]:
    """Like :func:`decode_audio`, also returning the :class:`MediaInfo` ffprobe gave for the file.

    ``info`` may pass this file's ``probe_media`` result when the caller already has it (saves a run).
    """
    path = Path(path)
    name = display_name or path.name
    size = check_file(path, name)
    if max_bytes is not None:
        _check_size(name, size, max_bytes)
    with open(path, "rb") as fh:
        if fh.read(4) == b"MThd":
            raise ToolError(
                f"{name} is a MIDI file (notes, not sound): render it to audio first.", code="not_audio"
            )
    if info is None or Path(info.path) != path:
        info = probe_media(path, display_name=name)
    _check_has_audio(name, info)
    limit_s = limits.max_duration_s() if max_duration_s is None else float(max_duration_s)
    declared = info.declared_duration_s
    if declared is not None and declared > limit_s:
        raise _too_long(name, declared, limit_s)

    channels = info.channels or 2
    rate = int(sample_rate or info.sample_rate or _FALLBACK_SAMPLE_RATE_HZ)
    args = ["-nostdin", "-hide_banner", "-v", "error", "-i", str(path), "-map", "0:a:0", "-vn", "-sn", "-dn"]
    args += ["-ac", str(channels), "-ar", str(rate), "-t", f"{limit_s + 1.0:.3f}"]
    args += ["-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"]
    proc = ffmpeg.run("ffmpeg", args)

    frame_bytes = 4 * channels
    n = len(proc.stdout) // frame_bytes
    excerpt = ffmpeg.stderr_excerpt(proc.stderr)
    if n == 0:
        if proc.returncode != 0:
            raise ToolError(
                f"{name} could not be decoded: the data is damaged or not really "
                f"{info.format_name.split(',')[0].upper()} audio. Export it again and upload the new file. "
                f"(ffmpeg: {excerpt})",
                code="corrupt",
            )
        raise ToolError(f"{name} has no sound in it (0 samples): upload the file again.", code="empty_file")

    samples = np.frombuffer(proc.stdout, dtype="<f4", count=n * channels).reshape(n, channels).T.copy()
    decoded_s = n / rate
    if decoded_s > limit_s:
        raise _too_long(name, decoded_s, limit_s)
    if declared and decoded_s < limits.TRUNCATION_RATIO * declared:
        raise ToolError(
            f"{name} looks cut off: it says it is {format_time(declared)} long but only "
            f"{format_time(round(decoded_s, 1))} ({100 * decoded_s / declared:.0f}%) could be decoded. "
            "Upload the complete file again.",
            code="truncated",
        )
    if proc.returncode != 0:
        raise ToolError(
            f"{name} is damaged: decoding stopped with an error after "
            f"{format_time(round(decoded_s, 1))}. "
            f"Upload the complete file again. (ffmpeg: {excerpt})",
            code="truncated",
        )
    peak = decoded_peak_dbfs(samples)
    if not np.isfinite(peak) and peak != float("-inf"):
        raise ToolError(
            f"{name} contains invalid sample values (NaN or infinity): export it again and upload it.",
            code="corrupt",
        )
    if mono and channels > 1:
        samples = samples.mean(axis=0, keepdims=True, dtype=np.float32)
    if not allow_silent:
        if peak < limits.SILENCE_THRESHOLD_DBFS:
            level = "digital silence" if peak == float("-inf") else f"{peak:.0f} dBFS"
            raise ToolError(
                f"{name} is silent (its loudest moment is {level}, below "
                f"{limits.SILENCE_THRESHOLD_DBFS:.0f} dBFS): check the recording or upload another file.",
                code="silent",
            )
    return Audio(samples, rate), info


CHECK_SAMPLE_RATE_HZ = 8000
"""Rate used to check that a whole upload decodes (cheap: 30 minutes of mono 8 kHz is 58 MB)."""


def check_decodable(path: str | Path, *, display_name: str | None = None) -> float:
    """Decode all of ``path`` once, cheaply (mono, 8 kHz), so uploads that are corrupt, truncated,
    too long or not audio are refused before they become a version. Silence is allowed.

    Returns the decoded duration in seconds; raises ToolError with the same codes as decode_audio.
    """
    audio = decode_audio(
        path,
        CHECK_SAMPLE_RATE_HZ,
        mono=True,
        allow_silent=True,
        display_name=display_name,
        max_bytes=limits.max_file_bytes(),
    )
    return audio.duration_s
