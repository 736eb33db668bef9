"""Analyse a video once: cuts, motion, visual beats, pose, mood and tags, cached by content hash.

:func:`analyse_video` returns a :class:`~tools.video.models.VideoAnalysis`; every result says which
backend produced it (``backends``) and how long each stage took (``timings_s``). The JSON is cached
under ``BANDLEADER_VIDEO_CACHE`` (default ``~/.cache/bandleader/video``) as
``<sha256>-<variant>-v<ANALYSIS_VERSION>.json``, where the variant names the optional backends that
were usable (pose, CLIP weights), so installing one later recomputes.

Speed: frames are decoded once at 256 px wide (PyAV skipping the deblocking filter; long clips also
skip non-reference frames), cuts use every decoded frame, motion runs at 12-17 Hz on ~85-px frames,
and the pose model (a child process, started before decoding so that MediaPipe loads meanwhile) runs
on the second core while the parent works.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tools.base import ToolError
from tools.cache import file_sha256, load_cached, store_cached
from tools.video import pose as pose_mod
from tools.video.clip_tags import backend_name as clip_backend_name
from tools.video.clip_tags import scene_tags
from tools.video.cuts import detect_cuts
from tools.video.decode import probe_video, read_frames
from tools.video.models import VideoAnalysis
from tools.video.mood import mood_features
from tools.video.motion import analyse_motion, tempo_and_beats

ANALYSIS_VERSION: int = 2
"""Bumped whenever the analyses change, so older cached results are recomputed."""
DANCE_POSE_SHARE: float = 0.6
"""Share of frames with a body pose above which the pose drives the motion curve and visual beats."""
DANCE_PERIODICITY: float = 0.5
"""Smallest periodicity (normalised autocorrelation at the beat period) of the body's movement in a dance."""
DANCE_MIN_MOTION: float = 0.25
"""Smallest mean pose motion (0..1; 0.25 = joints moving about 0.14 frame heights per second) of a dance."""
POSE_SPEED_SCALE: float = 0.5
"""Mean joint speed (frame heights per second) that maps to motion 1 - 1/e."""

Progress = Callable[[float, str], None]


def default_cache_dir() -> Path:
    """Folder of cached analyses (``BANDLEADER_VIDEO_CACHE`` or ``~/.cache/bandleader/video``)."""
    return Path(os.environ.get("BANDLEADER_VIDEO_CACHE", "~/.cache/bandleader/video")).expanduser()


def _variant() -> str:
    pose = "pose" if pose_mod.pose_installed() else "nopose"
    clip = clip_backend_name()
    clip_part = (
        "noclip" if clip.startswith("unavailable") else "clip-" + hashlib.sha1(clip.encode()).hexdigest()[:8]
    )
    return f"{pose}-{clip_part}"


def analyse_video(
    path: Path, *, progress: Progress | None = None, cache_dir: Path | None = None
) -> VideoAnalysis:
    """Everything scoring needs to know about the video at ``path`` (times in seconds).

    ``progress(fraction, message)`` is called as stages finish. Results are cached by file content
    in ``cache_dir`` (default :func:`default_cache_dir`). Raises ToolError for bad input.
    """
    path = Path(path)
    report = progress or (lambda fraction, message: None)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    info = probe_video(path)  # clear errors first, before hashing a file that is not a video
    sha = file_sha256(path)
    timings["probe"] = time.perf_counter() - t0
    cache_path = (cache_dir or default_cache_dir()) / f"{sha}-{_variant()}-v{ANALYSIS_VERSION}.json"
    cached = load_cached(cache_path, VideoAnalysis)
    if cached is not None:
        report(1.0, "video analysis (cached)")
        return cached
    report(0.05, "decoding frames")

    job: pose_mod.PoseJob | None = None
    pose_note = f"unavailable: {pose_mod.install_hint()}"
    if pose_mod.pose_installed():  # started first: MediaPipe loads while the frames are decoded
        try:
            job = pose_mod.PoseJob(pose_mod.POSE_RATE_HZ)
        except OSError as exc:
            pose_note = f"failed: could not start the pose worker ({exc})"
    t = time.perf_counter()
    try:
        frames = read_frames(path, info)
    except BaseException:
        if job is not None:
            job.cancel()
        raise
    timings["decode"] = time.perf_counter() - t
    backends: dict[str, str] = {"decode": frames.backend, "probe": "ffprobe"}
    remarks: list[str] = []
    report(0.4, "finding cuts")

    pose_idx = frames.at_rate(pose_mod.POSE_RATE_HZ, info.duration_s)
    if job is not None:
        try:
            job.send(frames.rgb[pose_idx], frames.rgb.shape[2] / frames.rgb.shape[1])
        except OSError as exc:
            job.cancel()
            job = None
            backends["pose"] = f"failed: could not hand the frames to the pose worker ({exc})"
    else:
        backends["pose"] = pose_note

    try:
        t = time.perf_counter()
        cuts = detect_cuts(frames)
        timings["cuts"] = time.perf_counter() - t
        backends["cuts"] = "hsv histogram distance + adaptive threshold"
        report(0.55, "measuring motion")

        t = time.perf_counter()
        motion = analyse_motion(frames, info.duration_s, info.fps, [c.time_s for c in cuts])
        timings["motion"] = time.perf_counter() - t
    except BaseException:
        if job is not None:
            job.cancel()
        raise
    backends["motion"] = motion.backend
    backends["visual_beats"] = f"tempogram of {motion.backend} onsets"
    energy, onsets = motion.energy, motion.onsets
    tempo, beats, periodicity = motion.tempo_bpm, motion.beats_s, motion.periodicity
    pose_share, kinematic, is_dance = 0.0, [], False

    if job is not None:
        report(0.7, "finding body pose")
        t = time.perf_counter()
        try:
            pose = job.result()
        except RuntimeError as exc:
            pose = None
            backends["pose"] = f"failed: {exc}"
        timings["pose_wait"] = time.perf_counter() - t
        if pose is not None:
            backends["pose"] = pose.backend
            pose_share = round(pose.share, 4)
            if pose.tracked and pose.share >= DANCE_POSE_SHARE:
                kinematic = pose.kinematic_beats_s
                grid = np.arange(energy.size) / motion.rate_hz
                pose_t = np.arange(pose.speed.size) / pose.rate_hz
                speed = np.interp(grid, pose_t, pose.speed)
                energy = 1.0 - np.exp(-speed / POSE_SPEED_SCALE)
                onsets = np.interp(grid, pose_t, pose.onsets)
                backends["motion"] = "mediapipe pose keypoint velocity"
                p_tempo, p_beats, p_period = tempo_and_beats(
                    pose.onsets, pose.rate_hz, info.duration_s, max_bpm=pose_mod.SPEED_DIP_MAX_BPM
                )
                moved = pose_mod.movement_beats(pose, info.duration_s)
                if moved is not None:  # the torso's bounce or sway: the beat, in the right octave
                    remarks.append(
                        f"dancer tempo {moved[0]:.1f} BPM from the {moved[2]}"
                        + (f" (joint-speed dips: {p_tempo:.1f})" if p_tempo else "")
                    )
                    p_tempo, p_beats, p_period = moved[0], moved[1], max(p_period, DANCE_PERIODICITY)
                if p_tempo is not None or tempo is None:
                    tempo, beats, periodicity = p_tempo, p_beats, p_period
                    backends["visual_beats"] = "tempogram of pose joint-speed dips"
                # a dance: the body's own movement repeats clearly and briskly (not a person talking)
                is_dance = (
                    p_tempo is not None
                    and p_period >= DANCE_PERIODICITY
                    and float(np.mean(energy)) >= DANCE_MIN_MOTION
                )
            elif not pose.tracked:
                remarks.append("pose: no person in most sampled frames")
    report(0.8, "mood and tags")

    t = time.perf_counter()
    idx = frames.at_rate(motion.rate_hz, info.duration_s)
    mood = mood_features(frames, idx, energy, cuts, info.duration_s)
    timings["mood"] = time.perf_counter() - t
    backends["mood"] = "hsv colour statistics + motion + pace (documented formula)"

    t = time.perf_counter()
    try:
        tags, tag_backend = scene_tags(frames.rgb[idx])
    except (RuntimeError, ValueError, OSError) as exc:  # broken weights: say so, never guess tags
        tags, tag_backend = {}, f"failed: {type(exc).__name__}: {str(exc)[:120]}"
    timings["tags"] = time.perf_counter() - t
    backends["scene_tags"] = tag_backend
    timings["total"] = time.perf_counter() - t0

    result = VideoAnalysis(
        info=info,
        analysis_fps=round(motion.rate_hz, 6),
        cuts=cuts,
        motion=[round(float(x), 4) for x in energy],
        motion_peaks_s=motion.peaks_s,
        visual_tempo_bpm=tempo,
        visual_beats_s=beats,
        is_dance=is_dance,
        pose_share=pose_share,
        mood=mood,
        scene_tags=tags,
        backends=backends,
        sha256=sha,
        motion_onsets=[round(float(x), 4) for x in onsets],
        visual_periodicity=round(float(periodicity), 4),
        kinematic_beats_s=kinematic,
        timings_s={k: round(v, 3) for k, v in timings.items()},
        remarks=remarks,
    )
    store_cached(cache_path, result)
    report(1.0, "video analysis done")
    return result


__all__ = ["ToolError", "analyse_video", "default_cache_dir", "file_sha256"]
