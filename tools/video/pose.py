"""Body pose with MediaPipe Pose (``mediapipe==0.10.21``, Apache-2.0, legacy ``solutions.pose``,
``model_complexity=1``; its model ships inside the wheel, so it runs offline).

MediaPipe 0.10.21 pins protobuf < 5, which the rest of the stack (protobuf 7) cannot share, so it is
isolated: ``scripts/setup.sh`` installs it with protobuf 4.25.8 and absl-py into its own folder
(``<venv>/mediapipe-pose``, or ``BANDLEADER_MEDIAPIPE_PATH``) and :mod:`tools.video.pose_worker` runs
it in a child process with that folder first on ``sys.path``. Frames go in as a ``.npy`` file and
landmarks come back as ``.npz``. The child starts before the parent decodes the video (MediaPipe loads
meanwhile) and tracks the body while the parent computes cuts and optical flow: the two cores share
the work.

The dancer's beat comes from the torso's position (:func:`movement_beats`: a bounce per beat, a sway
per two beats), which a few pose frames a second resolve. From the landmarks (13 body joints: nose,
shoulders, elbows, wrists, hips, knees, ankles, in frame heights) come: ``share`` (frames with a
pose), ``speed`` (mean joint speed, frame heights per second), ``onsets`` (the Gaussian-smoothed
speed upside down, 0..1: peaks where the body slows to a hit, a stop or a turn) and
``kinematic_beats_s`` (AIST++ kinematic beats: local minima of the smoothed speed).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

BACKEND = "mediapipe 0.10.21 pose (Apache-2.0)"
JOINTS: tuple[int, ...] = (0, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28)
MIN_VISIBILITY: float = 0.5
POSE_RATE_HZ: float = float(os.environ.get("BANDLEADER_POSE_RATE_HZ", "6"))
"""Rate at which frames are sent to the pose model (BANDLEADER_POSE_RATE_HZ overrides). 6 Hz resolves
a bounce up to 160 BPM (the sway, at half the beat, far beyond); measured on the synthetic dancers of
benchmarks/video_scoring.py: same tempo and phase as at 10 Hz, the pose work 40 % smaller."""
POSE_COMPLEXITY: int = 1
"""MediaPipe pose model 1 (full): the only one the wheel ships (0, lite, and 2, heavy, would be
downloaded on first use, which an offline machine cannot; measured: the worker then finds no pose)."""
WORKER_TIMEOUT_S: float = 300.0
_REPO_ROOT = Path(__file__).resolve().parents[2]


def pose_path() -> Path:
    """Folder holding the isolated mediapipe install (``BANDLEADER_MEDIAPIPE_PATH`` or
    ``<venv>/mediapipe-pose``)."""
    env = os.environ.get("BANDLEADER_MEDIAPIPE_PATH", "").strip()
    return Path(env).expanduser() if env else Path(sys.prefix) / "mediapipe-pose"


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    parts = [str(pose_path()), str(_REPO_ROOT)]
    if env.get("PYTHONPATH"):
        parts.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(parts)
    env.setdefault("GLOG_minloglevel", "2")
    env.setdefault("OMP_NUM_THREADS", "1")
    return env


def pose_installed() -> bool:
    """Cheap check: the isolated mediapipe folder exists (``check_pose`` also starts it)."""
    if os.environ.get("BANDLEADER_DISABLE_POSE") == "1":
        return False
    return (pose_path() / "mediapipe" / "python").is_dir()


def install_hint() -> str:
    """What to do when pose is not available."""
    if os.environ.get("BANDLEADER_DISABLE_POSE") == "1":
        return "pose disabled by BANDLEADER_DISABLE_POSE=1"
    return f"mediapipe 0.10.21 not installed in {pose_path()}: run scripts/setup.sh"


@cache
def check_pose() -> str | None:
    """None when the isolated MediaPipe pose model can run here, else why not."""
    if os.environ.get("BANDLEADER_DISABLE_POSE") == "1":
        return "disabled by BANDLEADER_DISABLE_POSE=1"
    try:
        proc = subprocess.run(
            [sys.executable, "-c", "from mediapipe.python.solutions import pose"],
            env=_child_env(),
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"mediapipe could not start ({type(exc).__name__})"
    if proc.returncode != 0:
        last = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["unknown error"])[-1]
        return f"mediapipe 0.10.21 is not installed in {pose_path()} ({last[:120]}): run scripts/setup.sh"
    return None


@dataclass
class PoseResult:
    """Pose findings on frames at ``rate_hz``: see the module docstring."""

    rate_hz: float
    share: float
    tracked: bool
    speed: np.ndarray
    onsets: np.ndarray
    kinematic_beats_s: list[float]
    backend: str = BACKEND
    sway: np.ndarray | None = None
    """Side-to-side position of the torso centre (shoulders and hips), frame heights, per pose frame."""
    bounce: np.ndarray | None = None
    """Height of the torso centre (frame heights, up positive), per pose frame."""


class PoseJob:
    """A pose worker running in the background at ``rate_hz``. It starts (and loads MediaPipe) at once;
    :meth:`send` hands it the frames when they are decoded, so the import overlaps the decoding."""

    def __init__(self, rate_hz: float) -> None:
        self.rate_hz = rate_hz
        self.aspect = 1.0  # width / height of the frames, set by send()
        self._dir = tempfile.TemporaryDirectory(prefix="bandleader-pose-")
        self._src = Path(self._dir.name) / "frames.npy"
        self._out = Path(self._dir.name) / "pose.npz"
        self._proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tools.video.pose_worker",
                str(self._src),
                str(self._out),
                str(POSE_COMPLEXITY),
            ],
            env=_child_env(),
            cwd=str(_REPO_ROOT),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def send(self, frames: np.ndarray, aspect: float) -> None:
        """Give the worker its frames (n, h, w, 3 uint8) of width / height ``aspect`` (written to a
        temporary name and renamed, so the worker never reads half a file)."""
        self.aspect = aspect
        part = self._src.with_name("frames.part.npy")
        np.save(part, np.ascontiguousarray(frames))
        os.replace(part, self._src)

    def cancel(self) -> None:
        """Stop the worker (when the analysis failed elsewhere) and remove its files."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.communicate()
        self._dir.cleanup()

    def result(self) -> PoseResult:
        """Wait for the worker; returns its findings. Raises RuntimeError when it failed."""
        try:
            _, err = self._proc.communicate(timeout=WORKER_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.communicate()
            self._dir.cleanup()
            raise RuntimeError(f"pose worker took longer than {WORKER_TIMEOUT_S:.0f} s") from None
        try:
            if self._proc.returncode != 0 or not self._out.exists():
                tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
                raise RuntimeError(f"pose worker failed: {tail[0][:160]}")
            with np.load(self._out) as data:
                marks = data["landmarks"]
                tracked = bool(int(data["tracked"]))
                hits, size = int(data["sample_hits"]), int(data["sample_size"])
        finally:
            self._dir.cleanup()
        return summarise(marks, self.rate_hz, self.aspect, tracked, hits / max(1, size))


def _refined(curve: np.ndarray, i: int) -> float:
    """Position (in samples) of the minimum at ``i`` refined between samples by a parabola through it and
    its neighbours (at a few pose frames a second, a whole frame is 100-170 ms)."""
    if i <= 0 or i >= len(curve) - 1:
        return float(i)
    y0, y1, y2 = curve[i - 1], curve[i], curve[i + 1]
    den = y0 - 2 * y1 + y2
    return float(i) + (float(np.clip(0.5 * (y0 - y2) / den, -0.5, 0.5)) if den > 0 else 0.0)


def summarise(
    landmarks: np.ndarray, rate_hz: float, aspect: float, tracked: bool, sample_share: float
) -> PoseResult:
    """Pose share, joint speed and onset curves and kinematic beats from landmarks (n, 33, 3)."""
    from scipy.ndimage import gaussian_filter1d  # lazy: scipy.signal takes ~1 s to import
    from scipy.signal import find_peaks  # lazy: scipy.signal takes ~1 s to import

    n = landmarks.shape[0]
    if not tracked:
        return PoseResult(rate_hz, sample_share, False, np.zeros(n), np.zeros(n), [])
    found = ~np.isnan(landmarks[:, 0, 0])
    share = float(found.mean()) if n else 0.0
    pts = landmarks[:, JOINTS, :].astype(np.float64)
    xy = pts[..., :2] * np.array([aspect, 1.0])  # both in frame heights
    visible = found[:, None] & (np.nan_to_num(pts[..., 2]) >= MIN_VISIBILITY)
    good = np.flatnonzero(found)
    if good.size < 3:
        return PoseResult(rate_hz, share, True, np.zeros(n), np.zeros(n), [])
    for j in range(xy.shape[1]):
        for c in range(2):
            xy[:, j, c] = np.interp(np.arange(n), good, xy[good, j, c])
    vel = np.zeros_like(xy)
    vel[1:] = np.diff(xy, axis=0) * rate_hz
    use = visible.astype(np.float64)
    use[1:] *= visible[:-1]
    weight = np.maximum(use.sum(axis=1), 1.0)
    speed_between = (np.linalg.norm(vel, axis=-1) * use).sum(axis=1) / weight
    speed = speed_between.copy()
    if n > 2:
        speed[1:-1] = 0.5 * (speed_between[1:-1] + speed_between[2:])
        speed[0] = speed_between[1]
    smooth = gaussian_filter1d(speed, sigma=max(0.5, 0.05 * rate_hz))
    # AIST++ puts a dance's beats where the body's speed dips (a hit, a stop, a turn): the onset
    # curve is the smoothed speed turned upside down, so its peaks are those dips
    dips = float(smooth.max()) - smooth
    top = float(dips.max()) if n else 0.0
    onsets = dips / top if top > 1e-9 else np.zeros(n)
    minima, _ = find_peaks(-smooth, prominence=0.02 * max(1e-9, float(smooth.max())))
    beats = [round(_refined(smooth, int(i)) / rate_hz, 4) for i in minima if found[i]]
    torso = xy[:, [JOINTS.index(j) for j in TORSO], :].mean(axis=1)
    return PoseResult(rate_hz, share, True, speed, onsets, beats, sway=torso[:, 0], bounce=-torso[:, 1])


SPEED_DIP_MAX_BPM: float = 280.0
"""Fastest rate of joint-speed dips searched (BPM): a bounce per beat dips twice a beat."""

TORSO: tuple[int, ...] = (11, 12, 23, 24)
"""MediaPipe landmarks whose mean is the torso centre: shoulders and hips."""

SWAY_BAND_HZ: tuple[float, float] = (0.4, 3.0)
"""Frequencies (Hz) searched for the torso's periodic bounce and sway."""

OSCILLATION_MIN_PERIODICITY: float = 0.5
"""Smallest normalised autocorrelation, at its own period, of a torso position curve that counts as
a periodic bounce or sway (the same scale and value as the dance test on the joint-speed curve)."""


OSCILLATION_MIN_AMPLITUDE: float = 0.01
"""Smallest bounce or sway (frame heights) that counts: a talking head's nods are not a dance."""


@dataclass
class Oscillation:
    """The strongest periodic component of a torso position curve."""

    freq_hz: float
    amplitude: float  # frame heights
    periodicity: float  # normalised autocorrelation at the period, 0..1
    phase: float  # radians: the curve ~ amplitude * cos(2 pi freq t + phase)


def oscillation(position: np.ndarray | None, rate_hz: float) -> Oscillation | None:
    """The strongest periodic component (see :class:`Oscillation`) of a torso position curve sampled at
    ``rate_hz``, detrended by a 4-second moving average (walking across the frame is not a sway); None
    when the curve is under 4 seconds or flat."""
    from scipy.ndimage import uniform_filter1d

    if position is None or len(position) < rate_hz * 4:
        return None
    x = np.asarray(position, dtype=np.float64)
    x = x - uniform_filter1d(x, max(3, int(4 * rate_hz)), mode="nearest")
    n = len(x)
    if float(np.std(x)) < 1e-6:
        return None
    t = np.arange(n) / rate_hz
    freqs = np.arange(SWAY_BAND_HZ[0], min(SWAY_BAND_HZ[1], 0.45 * rate_hz), 0.005)
    spectrum = np.exp(-2j * np.pi * np.outer(freqs, t)) @ (x * np.hanning(n))
    i = int(np.argmax(np.abs(spectrum)))
    ac = np.correlate(x, x, mode="full")[n - 1 :]
    ac = ac / max(ac[0], 1e-12)
    lag = rate_hz / freqs[i]
    lo = int(np.floor(lag))
    periodicity = 0.0
    if lo + 1 < n:
        periodicity = float(max(0.0, (1 - (lag - lo)) * ac[lo] + (lag - lo) * ac[lo + 1]))
    return Oscillation(
        float(freqs[i]), float(np.sqrt(2.0) * np.std(x)), periodicity, float(np.angle(spectrum[i]))
    )


def movement_beats(pose: PoseResult, duration_s: float) -> tuple[float, list[float], str] | None:
    """(tempo in BPM, beat times in s, which movement) the dancer's torso implies, or None when it does
    not oscillate clearly. Dancers bounce vertically once per beat, landing on it, and sway side to side
    a full cycle per two beats, at an extreme on each beat (Toiviainen, Luck & Thompson 2010, "Embodied
    meter"); the larger of the two clear oscillations speaks. From the torso's position, not the joint
    speed: the speed dips twice per bounce (double time), and the position is smooth enough to be read
    from a few pose frames a second."""
    found = []
    for name, curve, beats_per_cycle in (("bounce", pose.bounce, 1), ("sway", pose.sway, 2)):
        osc = oscillation(curve, pose.rate_hz)
        if (
            osc
            and osc.periodicity >= OSCILLATION_MIN_PERIODICITY
            and osc.amplitude >= OSCILLATION_MIN_AMPLITUDE
        ):
            found.append((osc.amplitude * osc.periodicity, name, beats_per_cycle, osc))
    if not found:
        return None
    _, name, per_cycle, osc = max(found, key=lambda f: f[0])
    bpm = 60.0 * osc.freq_hz * per_cycle
    period = 60.0 / bpm
    # the bounce lands at its lowest point (cos = -1); the sway's beats are its extremes (cos = +-1)
    first = ((np.pi if per_cycle == 1 else 0.0) - osc.phase) / (2 * np.pi * osc.freq_hz)
    grid = np.arange(first % period, duration_s, period)
    return round(bpm, 2), [round(float(b), 4) for b in grid], name
