"""How fast is video analysis? A generated 60-second 720p clip (30 fps, H.264, with sound) is analysed
with ``tools.video.analysis.analyse_video`` and the time of each stage is printed, next to a baseline
measured in the same run: ffmpeg decoding the same clip to nothing (``-f null``), the least any
analysis must spend. Then the real clips in ``/work/shared/data/video_clips`` (skipped when absent).
Goal: the 60-s 720p analysis in < 6 s on the 2-core development machine.

    .venv/bin/python benchmarks/video_analysis_speed.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.video.analysis import analyse_video

CLIPS = Path("/work/shared/data/video_clips")


def make_clip(path: Path) -> Path:
    """A 60-s 1280x720 30-fps H.264 clip with an AAC tone, made with ffmpeg (lavfi)."""
    if not path.exists():
        subprocess.run(
            [
                "ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=60",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=60",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                str(path),
            ],
            check=True,
        )  # fmt: skip
    return path


def _cpu_s() -> float:
    """User + system CPU seconds used so far by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def decode_baseline(path: Path) -> float:
    """Seconds ffmpeg needs to decode every frame of ``path`` to nothing (2 threads)."""
    t = time.perf_counter()
    subprocess.run(
        ["ffmpeg", "-v", "error", "-threads", "2", "-i", str(path), "-an", "-f", "null", "-"], check=True
    )
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="folder to keep the generated clip in (reused)")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="bandleader-video-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    clip = make_clip(work / "clip720p60s.mp4")
    print(f"load average before: {os.getloadavg()[0]:.2f} (2-core machine)")
    base = decode_baseline(clip)
    t = time.perf_counter()
    cpu0 = _cpu_s()
    result = analyse_video(clip, cache_dir=Path(tempfile.mkdtemp(prefix="bandleader-video-cache-")))
    total = time.perf_counter() - t
    cpu = _cpu_s() - cpu0
    stages = ", ".join(f"{k} {v:.2f}" for k, v in result.timings_s.items() if k != "total")
    print(f"60 s 720p: analysis {total:.2f} s ({stages})")
    print(f"  baseline ffmpeg decode to null: {base:.2f} s; analysis / baseline = {total / base:.2f}")
    print(f"  CPU time (this process + children): {cpu:.2f} s, i.e. >= {cpu / 2:.2f} s wall on 2 idle cores")
    print(f"  decode backend: {result.backends['decode']}; pose: {result.backends.get('pose')}")
    t = time.perf_counter()
    analyse_video(clip, cache_dir=Path(tempfile.mkdtemp(prefix="bandleader-video-cache-")))
    print(f"  second run (no cache): {time.perf_counter() - t:.2f} s")
    if not CLIPS.is_dir():
        print(f"{CLIPS} is absent: real clips skipped")
        return 0
    for path in sorted(CLIPS.glob("*.mp4")):
        t = time.perf_counter()
        r = analyse_video(path, cache_dir=Path(tempfile.mkdtemp(prefix="bandleader-video-cache-")))
        took = time.perf_counter() - t
        print(
            f"{path.name}: {r.info.duration_s:.2f} s video analysed in {took:.2f} s "
            f"({took / r.info.duration_s:.2f} s per video second); cuts {[c.time_s for c in r.cuts]}; "
            f"visual tempo {r.visual_tempo_bpm}; pose share {r.pose_share}; mood valence "
            f"{r.mood.valence}, arousal {r.mood.arousal}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
