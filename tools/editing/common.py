"""What the editing tools share: resolving and loading the source, choosing the output format, saving."""

from __future__ import annotations

import importlib.util
import math
import uuid
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from tools.audio.decode import decode_with_info
from tools.audio.ffmpeg import check_ffmpeg
from tools.audio.loudness import peak_dbfs
from tools.audio.probe import MediaInfo
from tools.audio.types import Audio
from tools.audio.write import LOSSLESS_FORMATS, write_audio
from tools.base import ArtifactInfo, Backend, ToolContext, ToolError


def _check_pyloudnorm() -> str | None:
    # find_spec, not import: availability is listed at start-up, and importing scipy.signal takes seconds
    if importlib.util.find_spec("pyloudnorm") is None:
        return "pyloudnorm is not installed: run `pip install pyloudnorm`"
    return None


FFMPEG_NUMPY = Backend(
    "ffmpeg+numpy",
    "LGPL-2.1+ (library)",
    "ffmpeg decodes and encodes the audio; numpy does the signal processing.",
    check=check_ffmpeg,
)
PYLOUDNORM = Backend("pyloudnorm", "MIT", "ITU-R BS.1770-4 loudness measurement.", check=_check_pyloudnorm)

AUDIO_KINDS = ("audio", "video")

_CODEC_FORMATS = {"flac": "flac", "mp3": "mp3", "vorbis": "ogg", "opus": "opus", "aac": "m4a", "alac": "flac"}


class EditedAudio(BaseModel):
    """The facts every tool that makes a new audio version reports about it."""

    artifact: ArtifactInfo = Field(description="The new version this call made (now the current one).")
    duration_s: float = Field(description="Length of the new version, in seconds.")
    sample_rate: int = Field(description="Sample rate of the new version, in Hz.")
    channels: int = Field(description="Number of channels of the new version.")
    format: str = Field(description="File format of the new version (wav, flac, mp3, ogg, opus, m4a).")
    peak_dbfs: float | None = Field(
        description="Highest sample level of the new version, in dBFS (None if silent)."
    )


def resolve_audio(ctx: ToolContext, ref: str) -> ArtifactInfo:
    """The artifact ``ref`` names, checked to be audio or a video (whose sound track is used)."""
    src = ctx.workspace.resolve(ref)
    if src.kind not in AUDIO_KINDS:
        raise ToolError(
            f"'{src.label}' is {'an' if src.kind[0] in 'aeiou' else 'a'} {src.kind}, not audio: "
            "choose an audio version (or render it to audio first).",
            code="wrong_kind",
        )
    return src


def load_audio(src: ArtifactInfo, *, allow_silent: bool = True) -> tuple[Audio, MediaInfo]:
    """Decode the artifact's file at its own sample rate; returns the audio and ffprobe's facts.

    Errors name the version by its label (its stored file name means nothing to a person)."""
    return decode_with_info(Path(src.path), allow_silent=allow_silent, display_name=f"'{src.label}'")


def source_format(src: ArtifactInfo, info: MediaInfo) -> str:
    """The format a new version of ``src`` keeps: the source's own format, FLAC for ALAC, or WAV for
    videos and formats that can't be written."""
    if src.kind == "video" or info.has_video:
        return "wav"
    codec = info.codec or ""
    if codec.startswith("pcm_"):
        return "wav"
    return _CODEC_FORMATS.get(codec, "wav")


def bit_depth_for(info: MediaInfo) -> int:
    """16 or 24: the bit depth lossless outputs keep (24 when the source stored more than 16 bits)."""
    return 24 if (info.bits_per_sample or 16) > 16 or (info.codec or "").startswith("pcm_f") else 16


def mp3_bitrate_for(info: MediaInfo) -> int:
    """MP3 bit rate, in kbit/s, for re-encoding: 320 when the source used more than 192 kbit/s, else 192."""
    return 320 if (info.bit_rate_bps or 0) > 200_000 else 192


def save_audio(
    ctx: ToolContext,
    audio: Audio,
    src: ArtifactInfo,
    info: MediaInfo,
    *,
    label: str,
    fmt: str | None = None,
) -> tuple[ArtifactInfo, str]:
    """Write ``audio`` into scratch space as ``fmt`` (default: the source's format) and store it as a
    new version made from ``src``. Returns the stored record and the format written."""
    fmt = fmt or source_format(src, info)
    scratch = ctx.workspace.scratch_dir() / f"{ctx.tool or 'edit'}-{uuid.uuid4().hex[:12]}.{fmt}"
    write_audio(scratch, audio, fmt, bit_depth=bit_depth_for(info), mp3_bitrate_kbps=mp3_bitrate_for(info))
    try:
        saved = ctx.save(scratch, kind="audio", label=label, parent=src.id)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    if Path(saved.path).resolve() != scratch.resolve():
        scratch.unlink(missing_ok=True)
    return saved, fmt


def finite_or_none(value: float) -> float | None:
    """``value`` rounded to 0.01, or None when it is not finite (e.g. -inf dBFS for silence)."""
    return round(value, 2) if math.isfinite(value) else None


def stored_audio(saved: ArtifactInfo, audio: Audio, fmt: str) -> Audio:
    """The audio as stored: ``audio`` clipped to full scale for lossless formats, or the saved file
    decoded again for lossy ones (whose encoder changes length, peaks and loudness slightly)."""
    if fmt in LOSSLESS_FORMATS:
        return audio.with_samples(np.clip(audio.samples, -1.0, 1.0))
    return decode_with_info(Path(saved.path), allow_silent=True)[0]


def edited(saved: ArtifactInfo, audio: Audio, fmt: str) -> dict[str, object]:
    """The :class:`EditedAudio` fields measured on ``audio``, the stored version (see ``stored_audio``)."""
    return {
        "artifact": saved,
        "duration_s": round(audio.duration_s, 6),
        "sample_rate": audio.sample_rate,
        "channels": audio.channels,
        "format": fmt,
        "peak_dbfs": finite_or_none(peak_dbfs(audio)),
    }
