"""Reading videos: container facts (ffprobe), small analysis frames, and the audio track.

- :func:`probe_video` -> :class:`~tools.video.models.VideoInfo`: duration exact to the frame (frame
  count / frame rate for constant-rate video, first-to-last presentation time plus one frame for
  variable-rate video), displayed size after rotation, VFR detection, audio presence.
- :func:`read_frames` -> :class:`Frames`: every frame (or a capped, even subset of a long clip) as a
  small RGB array in displayed orientation with its presentation time. Backends, tried in order:
  PyAV (fastest here: it can skip the deblocking filter and, for long clips, non-reference frames),
  decord, and an ``ffmpeg`` pipe as the last resort. Uneven times (VFR, skipped frames) are turned into
  a constant rate by :meth:`Frames.at_rate`.
- :func:`extract_audio` writes the first audio track to a WAV file.

Bad input (missing, empty, corrupt, audio-only, image, zero frames, too long, too large) raises a
``ToolError`` that says what to do.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from tools.audio import ffmpeg
from tools.audio.limits import max_file_bytes
from tools.base import ToolError
from tools.video import limits
from tools.video.models import VideoInfo

SCALER = "FAST_BILINEAR"
"""swscale method for the small analysis frames: half the CPU of area averaging, same cuts and motion."""
_IMAGE_CODECS = frozenset({"png", "mjpeg", "bmp", "gif", "webp", "tiff", "jpeg2000", "jpegls", "qoi"})


@dataclass
class Frames:
    """Decoded analysis frames: ``rgb`` is (n, height, width, 3) uint8 in displayed orientation,
    ``times_s`` the presentation time of each frame in seconds from the first frame (ascending)."""

    rgb: np.ndarray
    times_s: np.ndarray
    backend: str

    def __len__(self) -> int:
        return int(self.rgb.shape[0])

    def grey(self, step: int = 1, indices: np.ndarray | None = None) -> np.ndarray:
        """Luma (BT.601) as float32 0..255 of every frame (or of the frames at ``indices``), shape
        (n, height/step, width/step)."""
        rgb = self.rgb if indices is None else self.rgb[indices]
        small = rgb[:, ::step, ::step, :].astype(np.float32)
        return small[..., 0] * 0.299 + small[..., 1] * 0.587 + small[..., 2] * 0.114

    def at_rate(self, rate_hz: float, duration_s: float) -> np.ndarray:
        """Indices of the frames shown at times ``k / rate_hz`` for ``0 <= k / rate_hz < duration_s``:
        the latest frame whose presentation time is not after each grid time (a constant-rate view of
        variable-rate or unevenly decoded video)."""
        n = max(1, math.floor(duration_s * rate_hz + 1e-6))
        grid = np.arange(n) / rate_hz
        idx = np.searchsorted(self.times_s, grid + 1e-6, side="right") - 1
        return np.clip(idx, 0, len(self) - 1)


# --------------------------------------------------------------------------- probing


def _fraction(text: str | None) -> Fraction | None:
    try:
        value = Fraction(str(text))
    except (ValueError, ZeroDivisionError, TypeError):
        return None
    return value if value > 0 else None


def _ffprobe_json(path: Path, args: list[str]) -> dict:
    proc = ffmpeg.run(
        "ffprobe",
        ["-v", "error", "-print_format", "json", *args, str(path)],
        timeout_s=limits.FFPROBE_TIMEOUT_S,
    )
    if proc.returncode != 0:
        detail = ffmpeg.stderr_excerpt(proc.stderr)
        raise ToolError(
            f"{path.name} could not be read as a video ({detail or 'unknown format'}): "
            "the file may be damaged or incomplete; export it again (MP4/H.264 works best) and retry.",
            code="corrupt_file",
        )
    try:
        return json.loads(proc.stdout.decode("utf-8", "replace") or "{}")
    except json.JSONDecodeError as exc:
        raise ToolError(
            f"{path.name}: ffprobe gave an unreadable answer ({exc}).", code="corrupt_file"
        ) from exc


def _rotation(stream: dict) -> int:
    """Degrees (0/90/180/270) the stored frames turn for display, as ffprobe's display matrix says
    (``np.rot90(frame, rotation // 90)`` gives the displayed picture)."""
    value: float | None = None
    for side in stream.get("side_data_list") or []:
        if "rotation" in side:
            try:
                value = float(side["rotation"])
            except (TypeError, ValueError):
                value = None
    if value is None:
        try:
            value = float((stream.get("tags") or {}).get("rotate", 0))
        except (TypeError, ValueError):
            value = 0.0
    return round(value / 90.0) * 90 % 360


def _check_file(path: Path) -> None:
    if not path.exists() or not path.is_file():
        raise ToolError(f"{path.name} was not found: upload the video again.", code="not_found")
    size = path.stat().st_size
    if size == 0:
        raise ToolError(f"{path.name} is empty (0 bytes): upload the video again.", code="empty_file")
    limit = max_file_bytes()
    if size > limit:
        raise ToolError(
            f"{path.name} is {size / 1e6:.0f} MB, over the {limit / 1e6:.0f} MB upload limit: "
            "upload a shorter or more compressed version.",
            code="too_large",
        )


def _packet_times(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Presentation times and durations (seconds) of the first video stream's packets, in pts order."""
    proc = ffmpeg.run(
        "ffprobe",
        [
            "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,duration_time",
            "-of", "csv=p=0", str(path),
        ],
        timeout_s=limits.FFPROBE_TIMEOUT_S,
    )  # fmt: skip
    pts: list[float] = []
    durs: list[float] = []
    for line in proc.stdout.decode("ascii", "replace").splitlines():
        parts = line.strip().split(",")
        if not parts or not parts[0] or parts[0] == "N/A":
            continue
        try:
            pts.append(float(parts[0]))
            durs.append(float(parts[1]) if len(parts) > 1 and parts[1] not in ("", "N/A") else float("nan"))
        except ValueError:
            continue
    order = np.argsort(pts, kind="stable")
    return np.asarray(pts, dtype=np.float64)[order], np.asarray(durs, dtype=np.float64)[order]


def probe_video(path: Path) -> VideoInfo:
    """Container facts of the video at ``path`` (seconds, frames per second, displayed pixels).

    Raises ToolError for a missing, empty, too large, corrupt, audio-only, still-image, frameless or
    too long file.
    """
    path = Path(path)
    _check_file(path)
    meta = _ffprobe_json(path, ["-show_streams", "-show_format"])
    streams = meta.get("streams") or []
    videos = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not (s.get("disposition") or {}).get("attached_pic")
    ]
    audios = [s for s in streams if s.get("codec_type") == "audio"]
    if not videos:
        if audios:
            raise ToolError(
                f"{path.name} has sound but no picture (an audio-only file): attach a video, "
                "or ask to analyse it as audio.",
                code="not_video",
            )
        raise ToolError(
            f"{path.name} has no video stream: attach a video file (MP4, MOV, WebM, MKV).", code="not_video"
        )
    vs = videos[0]
    codec = str(vs.get("codec_name") or "")
    fmt = str((meta.get("format") or {}).get("format_name") or "")
    if codec in _IMAGE_CODECS and ("image2" in fmt or "_pipe" in fmt or codec == "png"):
        raise ToolError(f"{path.name} is a still image, not a video: attach a video clip.", code="not_video")
    width, height = int(vs.get("width") or 0), int(vs.get("height") or 0)
    if width <= 0 or height <= 0:
        raise ToolError(
            f"{path.name}: the video stream has no picture size; export it again.", code="corrupt_file"
        )
    if width * height > limits.MAX_PIXELS:
        raise ToolError(
            f"{path.name} is {width}x{height} pixels, larger than 8K: export a smaller version (e.g. 1080p).",
            code="too_large",
        )
    sar = _fraction(vs.get("sample_aspect_ratio")) or Fraction(1)
    disp_w = max(1, round(width * float(sar)))
    rotation = _rotation(vs)
    if rotation in (90, 270):
        disp_w, height = height, disp_w

    pts, durs = _packet_times(path)
    n_frames = int(pts.size)
    if n_frames < limits.MIN_FRAMES:
        raise ToolError(
            f"{path.name} has {'no' if n_frames == 0 else 'only one'} video frame: it is empty or a "
            "still picture; attach a clip with moving images.",
            code="empty_video",
        )
    dts = np.diff(pts)
    dts = dts[dts > 0]
    if dts.size == 0:
        raise ToolError(
            f"{path.name}: its frames have no usable timestamps; export it again.", code="corrupt_file"
        )
    median_dt = float(np.median(dts))
    vfr = bool((dts.max() - dts.min()) / median_dt > limits.VFR_TOLERANCE)
    avg = _fraction(vs.get("avg_frame_rate")) or _fraction(vs.get("r_frame_rate"))
    if not vfr and avg is not None and abs(float(avg) * median_dt - 1.0) < 0.02:
        fps = float(avg)
        duration = n_frames / fps
    else:
        last = durs[-1] if durs.size and np.isfinite(durs[-1]) and durs[-1] > 0 else median_dt
        duration = float(pts[-1] - pts[0] + last)
        fps = n_frames / duration
    if duration > limits.max_video_duration_s():
        raise ToolError(
            f"{path.name} is {duration / 60:.1f} minutes long, over the "
            f"{limits.max_video_duration_s() / 60:.0f}-minute limit: trim it and try again.",
            code="too_long",
        )
    audio_duration: float | None = None
    if audios:
        a = audios[0]
        try:
            audio_duration = float(a.get("duration")) if a.get("duration") else None
        except (TypeError, ValueError):
            audio_duration = None
        if audio_duration is None:
            try:
                audio_duration = float((meta.get("format") or {}).get("duration"))
            except (TypeError, ValueError):
                audio_duration = None
    return VideoInfo(
        duration_s=round(duration, 6),
        fps=round(fps, 6),
        n_frames=n_frames,
        width=disp_w,
        height=height,
        rotation_deg=rotation,
        variable_frame_rate=vfr,
        video_codec=codec,
        has_audio=bool(audios),
        audio_duration_s=audio_duration,
    )


# --------------------------------------------------------------------------- frames


def analysis_size(info: VideoInfo, width: int = limits.ANALYSIS_WIDTH_PX) -> tuple[int, int]:
    """Displayed (width, height) in pixels of analysis frames: ``width`` wide (never upscaled), even."""
    w = min(width, info.width)
    w -= w % 2
    h = max(2, round(w * info.height / info.width / 2.0) * 2)
    return max(2, w), h


def _keep_step_s(info: VideoInfo) -> float:
    """Smallest time step, in seconds, between kept frames so at most MAX_KEPT_FRAMES are kept."""
    if info.n_frames <= limits.MAX_KEPT_FRAMES:
        return 0.0
    return info.duration_s / limits.MAX_KEPT_FRAMES


def _raw_size(info: VideoInfo, w: int, h: int) -> tuple[int, int]:
    return (h, w) if info.rotation_deg in (90, 270) else (w, h)


def _collect(
    items: Iterator[tuple[float, np.ndarray]], info: VideoInfo, backend: str, rotate: bool
) -> Frames:
    step = _keep_step_s(info)
    k = info.rotation_deg // 90 if rotate else 0
    times: list[float] = []
    frames: list[np.ndarray] = []
    t0: float | None = None
    next_keep = -1.0
    for t, arr in items:
        if t0 is None:
            t0 = t
        rel = t - t0
        if step and rel < next_keep:
            continue
        next_keep = rel + step * 0.999
        frames.append(np.rot90(arr, k) if k else arr)
        times.append(rel)
    if not frames:
        raise ToolError("no frame of the video could be decoded", code="corrupt_file")
    order = np.argsort(times, kind="stable")
    rgb = np.ascontiguousarray(np.stack(frames)[order])
    return Frames(rgb=rgb, times_s=np.asarray(times, dtype=np.float64)[order], backend=backend)


def _read_pyav(path: Path, info: VideoInfo, w: int, h: int) -> Frames:
    import av

    raw_w, raw_h = _raw_size(info, w, h)
    fast = info.duration_s > limits.FAST_DECODE_AFTER_S

    def items() -> Iterator[tuple[float, np.ndarray]]:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            # analysis frames are tiny: the deblocking filter changes nothing visible at 256 px
            stream.codec_context.options = {"skip_loop_filter": "all", "flags2": "fast"}
            if fast:
                stream.codec_context.skip_frame = "NONREF"
            for frame in container.decode(stream):
                if frame.time is None:
                    continue
                small = frame.reformat(width=raw_w, height=raw_h, format="rgb24", interpolation=SCALER)
                arr = small.to_ndarray()
                yield float(frame.time), arr

    name = "pyav (skip non-reference frames)" if fast else "pyav"
    return _collect(items(), info, name, rotate=True)


def _read_decord(path: Path, info: VideoInfo, w: int, h: int) -> Frames:
    import decord

    # decord turns rotated video upright itself (as ffmpeg does): ask for the displayed size
    reader = decord.VideoReader(str(path), width=w, height=h, num_threads=2)
    n = len(reader)
    stamps = reader.get_frame_timestamp(list(range(n)))[:, 0]

    def items() -> Iterator[tuple[float, np.ndarray]]:
        for start in range(0, n, 64):
            idx = list(range(start, min(n, start + 64)))
            batch = reader.get_batch(idx).asnumpy()
            for i, arr in zip(idx, batch, strict=True):
                yield float(stamps[i]), arr

    return _collect(items(), info, "decord", rotate=False)


def _read_ffmpeg(path: Path, info: VideoInfo, w: int, h: int) -> Frames:
    # ffmpeg turns the picture upright itself; fps= resamples variable-rate video to a constant rate
    rate = info.n_frames / info.duration_s
    step = _keep_step_s(info)
    if step:
        rate = 1.0 / step
    proc = ffmpeg.run(
        "ffmpeg",
        [
            "-v", "error", "-i", str(path), "-map", "0:v:0", "-vf", f"fps={rate:.6f},scale={w}:{h}",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
        ],
    )  # fmt: skip
    frame_bytes = w * h * 3
    n = len(proc.stdout) // frame_bytes
    if n == 0:
        detail = ffmpeg.stderr_excerpt(proc.stderr)
        raise ToolError(f"ffmpeg decoded no frame ({detail or 'unknown error'})", code="corrupt_file")
    rgb = np.frombuffer(proc.stdout[: n * frame_bytes], dtype=np.uint8).reshape(n, h, w, 3).copy()
    return Frames(rgb=rgb, times_s=np.arange(n) / rate, backend="ffmpeg pipe")


_BACKENDS: dict[str, Callable[[Path, VideoInfo, int, int], Frames]] = {
    "pyav": _read_pyav,
    "decord": _read_decord,
    "ffmpeg": _read_ffmpeg,
}


def read_frames(
    path: Path,
    info: VideoInfo | None = None,
    *,
    width: int = limits.ANALYSIS_WIDTH_PX,
    backends: tuple[str, ...] = ("pyav", "decord", "ffmpeg"),
) -> Frames:
    """Small RGB frames of the video at ``path`` in displayed orientation with their times (seconds).

    Every frame is kept up to ``limits.MAX_KEPT_FRAMES`` (longer clips are kept evenly at a lower
    rate); ``width`` is the frame width in pixels. Tries ``backends`` in order and says which one ran
    in ``Frames.backend``. Raises ToolError when no backend can decode a frame.
    """
    path = Path(path)
    info = info or probe_video(path)
    w, h = analysis_size(info, width)
    reasons: list[str] = []
    for name in backends:
        try:
            frames = _BACKENDS[name](path, info, w, h)
        except ImportError as exc:
            reasons.append(f"{name}: not installed ({exc.name})")
            continue
        except ToolError as exc:
            reasons.append(f"{name}: {exc.message}")
            continue
        except Exception as exc:  # a decoder library's own error: try the next backend
            reasons.append(f"{name}: {type(exc).__name__}: {str(exc)[:120]}")
            continue
        if len(frames) >= 1:
            return frames
    raise ToolError(
        f"{path.name}: no video frame could be decoded ({'; '.join(reasons)}); the file may be damaged: "
        "export it again (MP4/H.264 works best) and retry.",
        code="corrupt_file",
    )


def frames_at_rate(
    path: Path, rate_hz: float, *, width: int = limits.ANALYSIS_WIDTH_PX, grey: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Frames of the video at ``path`` at a constant ``rate_hz`` (frames per second), ``width`` pixels
    wide, as uint8 arrays (n, h, w, 3) RGB or (n, h, w) grey, with the grid times in seconds
    (``k / rate_hz``). Variable-rate video is resampled: each grid time shows the frame on screen then."""
    info = probe_video(Path(path))
    frames = read_frames(Path(path), info, width=width)
    idx = frames.at_rate(rate_hz, info.duration_s)
    times = np.arange(idx.size) / rate_hz
    if grey:
        return np.clip(frames.grey(indices=idx) + 0.5, 0, 255).astype(np.uint8), times
    return frames.rgb[idx], times


# --------------------------------------------------------------------------- audio


def extract_audio(path: Path, dest: Path, *, sample_rate: int = 44100) -> Path:
    """Write the first audio track of the video at ``path`` to ``dest`` as 16-bit stereo WAV at
    ``sample_rate`` Hz; returns ``dest``. Raises ToolError when the video has no sound."""
    path, dest = Path(path), Path(dest)
    info = probe_video(path)
    if not info.has_audio:
        raise ToolError(f"{path.name} has no sound track: there is no audio to extract.", code="no_audio")
    dest.parent.mkdir(parents=True, exist_ok=True)
    proc = ffmpeg.run(
        "ffmpeg",
        [
            "-v", "error", "-y", "-i", str(path), "-map", "0:a:0", "-vn", "-ac", "2", "-ar", str(sample_rate),
            "-c:a", "pcm_s16le", str(dest),
        ],
    )  # fmt: skip
    if proc.returncode != 0 or not dest.exists() or dest.stat().st_size <= 44:
        detail = ffmpeg.stderr_excerpt(proc.stderr)
        raise ToolError(
            f"the sound track of {path.name} could not be extracted ({detail or 'unknown error'}); "
            "export the video again and retry.",
            code="corrupt_file",
        )
    return dest
