"""Muxing: the original video stream, untouched, with the music as AAC in an MP4 (ffmpeg).

The video stream is copied (``-c:v copy``: every packet bit-identical); the music is encoded as AAC;
the video's own sound, when it has some, is dropped, mixed 12 dB under the music, or ducked under it
(a sidechain compressor keyed by the music). Durations in seconds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Literal

from tools.base import ToolError

OriginalAudio = Literal["drop", "mix", "duck"]
MIX_LEVEL_DB = -12.0
"""Level of the original sound under the music in 'mix' mode, dB."""
AAC_BITRATE = "192k"
MUX_TIMEOUT_S = 600.0


def check_ffmpeg() -> str | None:
    """None when ffmpeg and ffprobe are installed, else what to install."""
    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        return "ffmpeg is not installed: run scripts/setup.sh (apt install ffmpeg)"
    return None


def probe_streams(path: Path) -> list[dict[str, object]]:
    """The streams ffprobe sees in ``path`` (codec_type, codec_name, duration...)."""
    proc = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=index,codec_type,codec_name,duration,sample_rate",
         "-show_entries", "format=duration", "-of", "json", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise ToolError(f"ffprobe could not read {path.name}: {proc.stderr.strip()[-200:]}", code="bad_video")
    return list(json.loads(proc.stdout or "{}").get("streams", []))


def ffmpeg_reason(stderr: str, limit: int = 160) -> str:
    """The first meaningful line of ffmpeg's error output, without its '[muxer @ 0x...]' prefix."""
    for line in stderr.splitlines():
        text = re.sub(r"^\[[^\]]*@ 0x[0-9a-f]+\]\s*", "", line.strip()).rstrip(".")
        if text:
            return text[:limit]
    return "no reason given"


def _audio_filter(mode: OriginalAudio) -> str | None:
    if mode == "mix":
        return (
            f"[0:a:0]volume={MIX_LEVEL_DB}dB,aresample=44100[o];"
            "[1:a:0][o]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[aout]"
        )
    if mode == "duck":
        return (
            "[1:a:0]asplit=2[m][key];[0:a:0]aresample=44100,aformat=channel_layouts=stereo[o];"
            "[o][key]sidechaincompress=threshold=0.03:ratio=8:attack=20:release=400[ducked];"
            "[m][ducked]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[aout]"
        )
    return None


def mux(
    video: Path,
    music: Path,
    out: Path,
    *,
    original_audio: OriginalAudio = "duck",
    video_has_audio: bool = False,
) -> Path:
    """Write ``out`` (MP4): the video stream of ``video`` copied, the music (``music``, cut to the video's
    length beforehand) as AAC, the video's own sound handled by ``original_audio``. Returns the path
    written: ``out``, or ``out`` with a .mov suffix when the picture's codec (ProRes, DNxHD...) has no
    place in MP4 (it is still copied untouched).

    Raises ToolError when ffmpeg is missing or fails."""
    reason = check_ffmpeg()
    if reason:
        raise ToolError(f"I can't make the video: {reason}.", code="ffmpeg_missing")
    try:
        return _mux_once(video, music, out, "mp4", original_audio, video_has_audio)
    except ToolError as exc:
        if "Could not find tag for codec" not in exc.message:
            raise
        return _mux_once(video, music, out.with_suffix(".mov"), "mov", original_audio, video_has_audio)


def _mux_once(
    video: Path, music: Path, out: Path, container: str, original_audio: OriginalAudio, video_has_audio: bool
) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.stem}.part{out.suffix}")
    graph = _audio_filter(original_audio) if video_has_audio else None
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(video), "-i", str(music)]
    if graph:
        cmd += ["-filter_complex", graph, "-map", "0:v:0", "-map", "[aout]"]
    else:
        cmd += ["-map", "0:v:0", "-map", "1:a:0"]
    cmd += ["-c:v", "copy", "-c:a", "aac", "-b:a", AAC_BITRATE, "-ar", "44100", "-ac", "2"]
    cmd += ["-map_metadata", "0", "-movflags", "+faststart", "-f", container, str(tmp)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=MUX_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ToolError("Muxing the video took too long and was stopped.", code="mux_timeout") from exc
    if proc.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        raise ToolError(
            f"ffmpeg could not put the music into the video ({ffmpeg_reason(proc.stderr)}). Check that the "
            "video plays, or convert it to MP4 and try again.",
            code="mux_failed",
        )
    os.replace(tmp, out)
    return out


def stream_md5(path: Path, stream: str = "v:0") -> str:
    """MD5 of every packet of one stream of ``path`` (ffmpeg's streamhash over a stream copy): equal
    for two files exactly when the stream's bytes are identical."""
    proc = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-map", f"0:{stream}", "-c", "copy",
         "-f", "streamhash", "-hash", "md5", "-"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise ToolError(f"ffmpeg could not read {path.name}: {proc.stderr.strip()[-200:]}", code="bad_video")
    return proc.stdout.strip().rsplit("=", 1)[-1]
