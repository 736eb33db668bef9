"""What a media file is: ffprobe's facts, header-declared duration, and a kind for the workspace."""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tools.audio import ffmpeg
from tools.audio.limits import FFPROBE_TIMEOUT_S
from tools.base import ToolError

MediaKind = Literal["audio", "video", "midi"]

_IMAGE_CODECS = frozenset({"png", "mjpeg", "bmp", "gif", "webp", "tiff", "jpeg2000", "jpegls", "qoi", "svg"})
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
)


@dataclass(frozen=True)
class MediaInfo:
    """Facts ffprobe reports about a media file (first audio stream's facts for audio fields).

    ``duration_s`` is ffprobe's duration in seconds (None when unknown). ``declared_duration_s`` is the
    duration the file's header claims (for WAV read from the data chunk, since ffprobe estimates WAV
    durations from the file size; None when only an estimate from the bit rate exists), used to
    detect truncated files. ``sample_rate`` is in Hz,
    ``size_bytes`` in bytes, ``bits_per_sample`` is the stored sample depth of PCM/FLAC (None for lossy),
    ``bit_rate_bps`` the audio stream's bit rate in bits per second when known.
    """

    path: str
    format_name: str
    duration_s: float | None
    declared_duration_s: float | None
    has_audio: bool
    has_video: bool
    is_image: bool
    sample_rate: int | None
    channels: int | None
    codec: str | None
    bits_per_sample: int | None
    video_codec: str | None
    size_bytes: int
    bit_rate_bps: int | None = None


def sniff(path: Path) -> str | None:
    """What the first bytes of ``path`` say it is when that is *not* audio (e.g. ``"a PNG image"``).

    Returns ``"a MIDI file"`` for MIDI, a description for images, documents, archives and text files,
    and None when the bytes don't identify a known non-audio type.
    """
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"MThd"):
        return "a MIDI file"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head and b"\x00" not in head:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            # a multi-byte character cut at the 4096-byte boundary is still text
            try:
                text = head[:-4].decode("utf-8")
            except UnicodeDecodeError:
                return None
        printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in text)
        if text and printable / len(text) > 0.95:
            lowered = text.lstrip().lower()
            if lowered.startswith(("<!doctype html", "<html")):
                return "a web page (HTML)"
            return "a text file"
    return None


def _riff_declared_duration(path: Path) -> float | None:
    """Duration in seconds a RIFF/WAVE header declares (data chunk bytes / byte rate), or None."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            byte_rate = 0
            while True:
                chunk = fh.read(8)
                if len(chunk) < 8:
                    return None
                cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if cid == b"fmt ":
                    fmt = fh.read(size)
                    if len(fmt) < 12:
                        return None
                    byte_rate = struct.unpack("<I", fmt[8:12])[0]
                    if size % 2:
                        fh.seek(1, 1)
                elif cid == b"data":
                    if byte_rate <= 0 or size in (0, 0xFFFFFFFF):
                        return None  # streamed WAVs leave the size unset
                    return size / byte_rate
                else:
                    fh.seek(size + (size % 2), 1)
    except OSError:
        return None


def _float_or_none(value: object) -> float | None:
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return result if result >= 0 else None


def _int_or_none(value: object) -> int | None:
    try:
        result = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return result if result > 0 else None


def check_file(path: Path, display_name: str | None = None) -> int:
    """The size of ``path`` in bytes; ToolError("missing_file"/"empty_file") when absent or empty.

    Messages name the file ``display_name`` (default: its file name)."""
    name = display_name or path.name
    if not path.is_file():
        raise ToolError(f"I can't find {name}: upload the file again.", code="missing_file")
    size = path.stat().st_size
    if size == 0:
        raise ToolError(f"{name} is empty (0 bytes): upload the file again.", code="empty_file")
    return size


def probe_media(path: str | Path, *, display_name: str | None = None) -> MediaInfo:
    """Run ffprobe on ``path`` and return its facts as a :class:`MediaInfo`.

    Error messages name the file ``display_name`` (default: its file name).

    Raises ToolError: "missing_file", "empty_file", "not_audio" (text, images, documents ffprobe can't
    read) or "corrupt" (bytes no demuxer understands).
    """
    path = Path(path)
    name = display_name or path.name
    size = check_file(path, name)
    proc = ffmpeg.run(
        "ffprobe",
        ["-v", "warning", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        timeout_s=FFPROBE_TIMEOUT_S,
    )
    data: dict = {}
    if proc.returncode == 0:
        try:
            data = json.loads(proc.stdout.decode("utf-8", "replace") or "{}")
        except json.JSONDecodeError:
            data = {}
    fmt = data.get("format") or {}
    streams = data.get("streams") or []
    if proc.returncode != 0 or not fmt:  # (stderr holds warnings too; the excerpt is only a hint)
        what = sniff(path)
        if what is not None:
            raise ToolError(
                f"{name} is {what}, not audio: upload an audio file (WAV, FLAC, MP3, OGG, M4A...) "
                "or a video with sound.",
                code="not_audio",
            )
        excerpt = ffmpeg.stderr_excerpt(proc.stderr)
        raise ToolError(
            f"{name} could not be read as audio or video: the file is damaged or in a format I "
            f"don't know. Export it again as WAV, FLAC or MP3 and upload that. (ffprobe: {excerpt})",
            code="corrupt",
        )

    format_name = str(fmt.get("format_name") or "")
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    visual = [s for s in streams if s.get("codec_type") == "video"]
    is_image_format = format_name.endswith("_pipe") or format_name in ("image2", "gif", "apng", "webp")
    moving = [
        s
        for s in visual
        if not (s.get("disposition") or {}).get("attached_pic")
        and not is_image_format
        and not (s.get("codec_name") in _IMAGE_CODECS and _float_or_none(s.get("duration")) in (None, 0.0))
    ]
    first = audio[0] if audio else {}
    duration = _float_or_none(fmt.get("duration"))
    if duration is None and first:
        duration = _float_or_none(first.get("duration"))
    estimated = b"Estimating duration from bitrate" in proc.stderr  # a guess, not a header's claim
    if format_name == "wav":
        declared = _riff_declared_duration(path)
    else:
        # the audio stream's own duration: a video's sound track may be shorter than its pictures
        stream_duration = _float_or_none(first.get("duration")) if first else None
        declared = None if estimated else (stream_duration or duration)
    bits = _int_or_none(first.get("bits_per_raw_sample")) or _int_or_none(first.get("bits_per_sample"))
    return MediaInfo(
        path=str(path),
        format_name=format_name,
        duration_s=duration,
        declared_duration_s=declared,
        has_audio=bool(audio),
        has_video=bool(moving),
        is_image=bool(visual) and not moving and not audio,
        sample_rate=_int_or_none(first.get("sample_rate")),
        channels=_int_or_none(first.get("channels")),
        codec=first.get("codec_name"),
        bits_per_sample=bits if first.get("codec_name", "").startswith(("pcm_", "flac", "alac")) else None,
        video_codec=moving[0].get("codec_name") if moving else None,
        size_bytes=size,
        bit_rate_bps=_int_or_none(first.get("bit_rate"))
        or (_int_or_none(fmt.get("bit_rate")) if first else None),
    )


def detect_kind(path: str | Path) -> MediaKind:
    """``"midi"`` (by the ``MThd`` magic bytes), ``"video"`` (a moving-picture stream, not cover art)
    or ``"audio"`` (an audio stream); ToolError("not_audio"/"corrupt"/...) for anything else.
    """
    path = Path(path)
    check_file(path)
    with open(path, "rb") as fh:
        if fh.read(4) == b"MThd":
            return "midi"
    info = probe_media(path)
    if info.has_video:
        return "video"
    if info.has_audio:
        return "audio"
    if info.is_image:
        raise ToolError(
            f"{path.name} is an image ({info.format_name.removesuffix('_pipe')}), not audio: "
            "upload an audio file or a video with sound.",
            code="not_audio",
        )
    raise ToolError(
        f"{path.name} has no audio or video in it: upload an audio file (WAV, FLAC, MP3...) or a video.",
        code="not_audio",
    )
