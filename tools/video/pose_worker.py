"""Runs MediaPipe Pose in its own process: ``python -m tools.video.pose_worker FRAMES.npy OUT.npz [C]``.

MediaPipe 0.10.21 needs protobuf < 5 while the rest of Bandleader runs protobuf 7, so setup installs
it (with protobuf 4.25) into a folder of its own that only this process puts first on ``sys.path``
(see :mod:`tools.video.pose`). This module imports nothing from Bandleader.

It loads MediaPipe first and then waits for FRAMES.npy to appear (the parent decodes meanwhile).
Input: uint8 RGB frames (n, h, w, 3) and the model complexity (0 lite, 1 full; third argument,
default 1). It first looks for a person in ``SAMPLE`` evenly spaced frames (still-image mode); when at
least 60 % of them show one it tracks every frame (video mode: the landmark model follows the body's
region of interest from frame to frame and runs the person detector again only when it loses it;
MediaPipe's own landmark smoothing is off: at a few frames a second its lag put the beats 60-110 ms late).
Output arrays: ``landmarks`` (n, 33, 3: x, y in 0..1 of the frame width and height, visibility 0..1;
NaN where no pose), ``tracked`` (1 when every frame was processed) and ``sample_hits``/``sample_size``.
"""

from __future__ import annotations

import os
import sys

SAMPLE = 8
WAIT_S = 300.0
"""Longest wait (s) for the frames file: the parent starts this process before it decodes the video."""


def main(argv: list[str]) -> int:
    """Process ``argv[1]`` (.npy frames) into ``argv[2]`` (.npz); returns the exit status."""
    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import time

    import numpy as np
    from mediapipe.python.solutions import pose as mp_pose

    complexity = int(argv[3]) if len(argv) > 3 else 1
    still = mp_pose.Pose(static_image_mode=True, model_complexity=complexity)  # loads while we wait
    deadline = time.monotonic() + WAIT_S
    while not os.path.exists(argv[1]):
        if time.monotonic() > deadline:
            print("no frames arrived", file=sys.stderr)
            return 2
        time.sleep(0.01)
    frames = np.load(argv[1], mmap_mode="r")
    n = int(frames.shape[0])
    out = np.full((n, 33, 3), np.nan, dtype=np.float32)

    def fill(i: int, result: object) -> bool:
        marks = getattr(result, "pose_landmarks", None)
        if marks is None:
            return False
        out[i] = [(p.x, p.y, p.visibility) for p in marks.landmark]
        return True

    sample = sorted(set(np.linspace(0, n - 1, min(SAMPLE, n)).round().astype(int).tolist()))
    with still:
        hits = sum(fill(i, still.process(np.ascontiguousarray(frames[i]))) for i in sample)
    tracked = 0
    if hits * 5 >= len(sample) * 3:  # a person in at least 60 % of the samples
        tracked = 1
        with mp_pose.Pose(
            static_image_mode=False, model_complexity=complexity, smooth_landmarks=False
        ) as video:
            for i in range(n):
                if not fill(i, video.process(np.ascontiguousarray(frames[i]))):
                    out[i] = np.nan
    np.savez(argv[2], landmarks=out, tracked=tracked, sample_hits=hits, sample_size=len(sample))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
