"""Limits and analysis settings for video handling, each with its unit in the name or docstring.

Limits a deployment may change are read from the environment *at call time* (use the functions):

- ``BANDLEADER_MAX_VIDEO_DURATION_S``: longest video accepted, in seconds (default 600).
- ``BANDLEADER_MAX_UPLOAD_MB``: largest file accepted (shared with audio, see ``tools.audio.limits``).
"""

from __future__ import annotations

from tools.audio.limits import env_float

DEFAULT_MAX_VIDEO_DURATION_S: float = 600.0
"""Default longest accepted video, in seconds (10 minutes)."""

MAX_PIXELS: int = 7680 * 4320
"""Largest accepted frame, in pixels (8K UHD)."""

MIN_FRAMES: int = 2
"""Fewest video frames a clip must have to be analysed."""

ANALYSIS_WIDTH_PX: int = 256
"""Width, in pixels, frames are decoded at for analysis (height follows the displayed aspect)."""

MAX_KEPT_FRAMES: int = 3600
"""Most decoded frames kept in memory (about 400 MB at 256 px); longer clips are kept at a lower rate."""

FAST_DECODE_AFTER_S: float = 30.0
"""Clips longer than this, in seconds, skip non-reference frames when decoding (about 2x faster;
frames stay exact in time, the kept rate becomes uneven and is resampled to a constant rate)."""

VFR_TOLERANCE: float = 0.05
"""Relative spread (longest - shortest) / median of frame durations above which a stream counts as
variable frame rate (one dropped frame is enough)."""

FFPROBE_TIMEOUT_S: float = 60.0
"""Longest a single ffprobe run on a video may take, in seconds."""


def max_video_duration_s() -> float:
    """Longest accepted video, in seconds (``BANDLEADER_MAX_VIDEO_DURATION_S``, default 600)."""
    return env_float("BANDLEADER_MAX_VIDEO_DURATION_S", DEFAULT_MAX_VIDEO_DURATION_S)
