"""Limits and thresholds for audio handling, each with its unit in the name or docstring.

Limits a deployment may change are read from the environment *at call time* (use the functions, not
module constants), so tests and long-running servers see the current value:

- ``BANDLEADER_MAX_UPLOAD_MB``: largest file accepted, in megabytes (1 MB = 1,000,000 bytes).
- ``BANDLEADER_MAX_DURATION_S``: longest audio accepted, in seconds.

``MAX_FILE_BYTES`` and ``MAX_DURATION_S`` are also readable as module attributes (``limits.MAX_FILE_BYTES``),
evaluated on each access.
"""

from __future__ import annotations

import os

BYTES_PER_MB: int = 1_000_000
"""Bytes in one megabyte as the limits count them (decimal, like file browsers)."""

DEFAULT_MAX_UPLOAD_MB: float = 512.0
"""Default largest accepted file, in MB."""

DEFAULT_MAX_DURATION_S: float = 1800.0
"""Default longest accepted audio, in seconds (30 minutes)."""

SILENCE_THRESHOLD_DBFS: float = -70.0
"""A signal whose peak is below this level, in dBFS, counts as silent."""

SILENCE_MIN_DURATION_S: float = 0.5
"""Shortest stretch of silence reported by ``silence_ranges``, in seconds."""

SILENCE_WINDOW_S: float = 0.010
"""Analysis window used to find silent stretches, in seconds."""

EDGE_SILENCE_BELOW_PEAK_DB: float = 40.0
"""When silence is cut from the start or end of a track, a 10 ms window counts as silent when its peak is
this many dB below the track's peak (room noise and hiss included), or below
:data:`SILENCE_THRESHOLD_DBFS`, whichever is higher."""

EDGE_SILENCE_PAD_S: float = 0.1
"""Seconds of the quiet kept before the first sound and after the last one when silence is cut from the
edges, so that an attack or a decaying tail is not clipped."""

TRUNCATION_RATIO: float = 0.9
"""A file whose decoded duration is below this fraction of its declared duration is truncated."""

FFMPEG_TIMEOUT_S: float = 600.0
"""Longest a single ffmpeg/ffprobe run may take, in seconds."""

FFPROBE_TIMEOUT_S: float = 60.0
"""Longest a single ffprobe run may take, in seconds."""

LOUDNESS_FLOOR_LUFS: float = -70.0
"""Absolute gate of ITU-R BS.1770: programme below this loudness, in LUFS, has no measurable loudness."""

LUFS_BLOCK_S: float = 0.4
"""BS.1770 gating block length, in seconds (shorter audio is looped to one block to be measured)."""

TRUE_PEAK_OVERSAMPLING: int = 4
"""Oversampling factor used to estimate true (inter-sample) peaks."""

LIMITER_CEILING_DBFS: float = -1.0
"""Default ceiling of the peak limiter, in dBFS (true peak when true-peak limiting)."""

LIMITER_ATTACK_S: float = 0.005
"""Limiter look-ahead/attack time, in seconds: gain reaches its reduced value this long before a peak."""

LIMITER_RELEASE_S: float = 0.05
"""Limiter release, in seconds needed for the gain to recover by ``LIMITER_RELEASE_DB``."""

LIMITER_RELEASE_DB: float = 6.0
"""Gain recovery, in dB, achieved in ``LIMITER_RELEASE_S`` seconds (the release is linear in dB)."""

CLIP_LEVEL_DBFS: float = 0.0
"""Level above which samples clip in fixed-point files, in dBFS."""

CLICK_FADE_S: float = 0.005
"""Length of the short fades applied at edit points to avoid clicks, in seconds."""

MIN_GAIN_DB: float = -60.0
"""Smallest gain change the gain tool accepts, in dB."""

MAX_GAIN_DB: float = 24.0
"""Largest gain change the gain tool accepts, in dB."""

MIN_TARGET_LUFS: float = -40.0
"""Quietest loudness target accepted by loudness normalisation, in LUFS."""

MAX_TARGET_LUFS: float = -5.0
"""Loudest loudness target accepted by loudness normalisation, in LUFS."""

NORMALIZE_TOLERANCE_LU: float = 0.5
"""Normalisation must land within this many LU of the target."""

NORMALIZE_MAX_PASSES: int = 6
"""Most measure-and-correct passes loudness normalisation makes."""

NORMALIZE_MAX_EXTRA_GAIN_DB: float = 12.0
"""Most gain, in dB, normalisation adds beyond plain gain to make up for loudness the limiter removes."""

MIN_SAMPLE_RATE_HZ: int = 8000
"""Lowest sample rate accepted for conversion, in Hz."""

MAX_SAMPLE_RATE_HZ: int = 192000
"""Highest sample rate accepted for conversion, in Hz."""

MP3_SAMPLE_RATES_HZ: tuple[int, ...] = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)
"""Sample rates, in Hz, an MP3 file can have."""

DEFAULT_MP3_BITRATE_KBPS: int = 192
"""Bit rate of MP3 files written, in kbit/s."""

DEFAULT_OGG_QUALITY: int = 6
"""libvorbis quality (0-10) of Ogg Vorbis files written (about 192 kbit/s for stereo)."""

DEFAULT_OPUS_BITRATE_KBPS: int = 160
"""Bit rate of Opus files written, in kbit/s."""

DEFAULT_AAC_BITRATE_KBPS: int = 256
"""Bit rate of AAC (.m4a) files written, in kbit/s."""


def env_float(name: str, default: float) -> float:
    """The positive number in environment variable ``name``; ``default`` when unset, unparsable or <= 0."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 else default


def max_upload_mb() -> float:
    """Largest accepted file, in MB (``BANDLEADER_MAX_UPLOAD_MB``, default 512)."""
    return env_float("BANDLEADER_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)


def max_file_bytes() -> int:
    """Largest accepted file, in bytes (``BANDLEADER_MAX_UPLOAD_MB`` × 1,000,000)."""
    return int(max_upload_mb() * BYTES_PER_MB)


def upload_too_large(name: str, size_bytes: int, limit_bytes: int | None = None) -> str | None:
    """What to tell a person whose upload ``name`` (``size_bytes`` long) is over the upload limit
    (``limit_bytes``, default :func:`max_file_bytes`); None when it is within the limit."""
    limit = max_file_bytes() if limit_bytes is None else limit_bytes
    if size_bytes <= limit:
        return None
    return (
        f"{name} is {size_bytes / 1e6:.0f} MB, over the {limit / 1e6:.0f} MB upload limit: "
        "upload a shorter or compressed version."
    )


def max_duration_s() -> float:
    """Longest accepted audio, in seconds (``BANDLEADER_MAX_DURATION_S``, default 1800)."""
    return env_float("BANDLEADER_MAX_DURATION_S", DEFAULT_MAX_DURATION_S)


def __getattr__(name: str) -> float | int:
    """``MAX_FILE_BYTES`` (bytes) and ``MAX_DURATION_S`` (seconds), read from the environment now."""
    if name == "MAX_FILE_BYTES":
        return max_file_bytes()
    if name == "MAX_DURATION_S":
        return max_duration_s()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
