"""Write an :class:`Audio` to WAV, FLAC, MP3, Ogg Vorbis, Opus or AAC (.m4a), atomically."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Literal

import numpy as np
import soundfile as sf

from tools.audio import ffmpeg, limits
from tools.audio.types import Audio
from tools.base import ToolError

OutputFormat = Literal["wav", "flac", "mp3", "ogg", "opus", "m4a"]
SUPPORTED_FORMATS: tuple[str, ...] = ("wav", "flac", "mp3", "ogg", "opus", "m4a")
LOSSLESS_FORMATS: frozenset[str] = frozenset({"wav", "flac"})

_ALIASES = {"wave": "wav", "oga": "ogg", "aac": "m4a"}
_SOUNDFILE = {"wav": "WAV", "flac": "FLAC"}
_SUBTYPES = {16: "PCM_16", 24: "PCM_24", 32: "FLOAT"}


def output_format(path: str | Path, format: str | None = None) -> str:
    """The normalised output format for ``path`` (its extension) or an explicit ``format``.

    Returns one of SUPPORTED_FORMATS; raises ToolError("unsupported_format") otherwise.
    """
    raw = (format or Path(path).suffix.lstrip(".")).lower().lstrip(".")
    fmt = _ALIASES.get(raw, raw)
    if fmt not in SUPPORTED_FORMATS:
        shown = raw or "(no extension)"
        raise ToolError(
            f"I can't write audio as '{shown}': choose one of {', '.join(SUPPORTED_FORMATS)}.",
            code="unsupported_format",
        )
    return fmt


def _pcm_ready(audio: Audio) -> np.ndarray:
    """Interleaved (n_samples, channels) float32 clipped to [-1, 1] so fixed-point formats never wrap."""
    return np.clip(audio.samples, -1.0, 1.0).T


def _write_soundfile(tmp: Path, audio: Audio, fmt: str, bit_depth: int) -> None:
    if fmt == "flac" and bit_depth == 32:
        bit_depth = 24  # FLAC stores integers only
    sf.write(
        str(tmp), _pcm_ready(audio), audio.sample_rate, subtype=_SUBTYPES[bit_depth], format=_SOUNDFILE[fmt]
    )


def _encoder_args(fmt: str, audio: Audio, mp3_bitrate_kbps: int) -> list[str]:
    if fmt == "mp3":
        if audio.sample_rate not in limits.MP3_SAMPLE_RATES_HZ:
            raise ToolError(
                f"MP3 can't store audio at {audio.sample_rate} Hz: convert to 44100 or 48000 Hz first, "
                "or choose WAV/FLAC.",
                code="unsupported_format",
            )
        if audio.channels > 2:
            raise ToolError(
                f"MP3 holds at most 2 channels and this audio has {audio.channels}: convert to stereo "
                "first, or choose WAV/FLAC.",
                code="unsupported_format",
            )
        return ["-c:a", "libmp3lame", "-b:a", f"{mp3_bitrate_kbps}k", "-f", "mp3"]
    if fmt == "ogg":
        return ["-c:a", "libvorbis", "-q:a", str(limits.DEFAULT_OGG_QUALITY), "-f", "ogg"]
    if fmt == "opus":
        return ["-c:a", "libopus", "-b:a", f"{limits.DEFAULT_OPUS_BITRATE_KBPS}k", "-f", "opus"]
    if fmt == "m4a":
        return ["-c:a", "aac", "-b:a", f"{limits.DEFAULT_AAC_BITRATE_KBPS}k", "-f", "ipod"]
    raise ToolError(f"No encoder for '{fmt}'.", code="unsupported_format")


def _write_ffmpeg(tmp: Path, audio: Audio, fmt: str, mp3_bitrate_kbps: int) -> None:
    encoder = _encoder_args(fmt, audio, mp3_bitrate_kbps)
    args = ["-nostdin", "-hide_banner", "-v", "error", "-y"]
    args += ["-f", "f32le", "-ar", str(audio.sample_rate), "-ac", str(audio.channels), "-i", "pipe:0"]
    args += [*encoder, str(tmp)]
    data = np.ascontiguousarray(_pcm_ready(audio), dtype="<f4").tobytes()
    proc = ffmpeg.run("ffmpeg", args, input_bytes=data)
    if proc.returncode != 0:
        raise ToolError(
            f"Encoding {fmt.upper()} failed: try WAV or FLAC instead. "
            f"(ffmpeg: {ffmpeg.stderr_excerpt(proc.stderr)})",
            code="encode_failed",
        )


def write_audio(
    path: str | Path,
    audio: Audio,
    format: str | None = None,
    *,
    bit_depth: int = 16,
    mp3_bitrate_kbps: int = limits.DEFAULT_MP3_BITRATE_KBPS,
) -> Path:
    """Write ``audio`` to ``path`` and return the path.

    ``format`` (wav, flac, mp3, ogg, opus, m4a) defaults to the extension. ``bit_depth`` (16 or 24; 32
    writes float WAV) applies to WAV/FLAC; ``mp3_bitrate_kbps`` (192 or 320 typical) to MP3. Samples
    beyond ±1.0 are clipped for fixed-point formats. The file appears atomically: it is written to a
    temporary file in the same folder and moved into place, so a failed write leaves no partial file.
    Raises ToolError("unsupported_format", "empty_audio", "encode_failed").
    """
    path = Path(path)
    fmt = output_format(path, format)
    if bit_depth not in _SUBTYPES:
        raise ToolError(f"Bit depth must be 16, 24 or 32, not {bit_depth}.", code="unsupported_format")
    if mp3_bitrate_kbps not in (96, 128, 160, 192, 224, 256, 320):
        raise ToolError(
            f"MP3 bit rate {mp3_bitrate_kbps} kbit/s is not offered: use 192 or 320.",
            code="unsupported_format",
        )
    if audio.n_samples == 0:
        raise ToolError("There is no audio to write (0 samples).", code="empty_audio")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        if fmt in _SOUNDFILE:
            _write_soundfile(tmp, audio, fmt, bit_depth)
        else:
            _write_ffmpeg(tmp, audio, fmt, mp3_bitrate_kbps)
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, (RuntimeError, OSError, ValueError)):
            raise ToolError(
                f"Could not write {path.name} ({exc}): check that there is free disk space and try again.",
                code="write_failed",
            ) from exc
        raise
    return path
