"""Video clips made on the spot with ffmpeg (lavfi), whose truth is known by construction.

Shared by the video analysis and video scoring tests: add fixtures, don't change existing ones.

- ``cut_clip``: 5.5 s, 20 fps, 320x240, four unrelated shots with hard cuts at ``CUT_TIMES_S``.
- ``bounce_clip``: 8 s, 25 fps, a box bouncing at 2 Hz, landing at ``BOUNCE_FIRST_IMPACT_S + k/2``.
- ``half_motion_clip``: 6 s, 25 fps, a still box for 3 s, then the box swings from side to side.
- ``rotated_clip``: 2 s, 320x240 stored, display matrix rotation 90 (shown 240x320).
- ``vfr_clip``: 2 s at 30 fps with frames 10-20 dropped (variable frame rate), 49 frames, 2.0 s.
- ``av_clip``: 3 s, 25 fps test picture with a 440 Hz tone (for audio extraction and muxing).
- ``dance_clip``: 6 s, 25 fps, a portrait photo (Grace Hopper, public domain, shipped by matplotlib)
  swaying left-right at 1 Hz: a person moving on every half second (120 BPM, beats at 0.25 + k/2 s).
- ``bad_videos``: a dict of broken inputs: ``empty``, ``corrupt``, ``truncated``, ``audio_only``,
  ``one_frame``, ``image``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CUT_TIMES_S: tuple[float, ...] = (1.0, 2.5, 4.0)
CUT_CLIP_FPS: int = 20
CUT_CLIP_DURATION_S: float = 5.5
BOUNCE_HZ: float = 2.0
BOUNCE_FIRST_IMPACT_S: float = 0.1
DANCE_SWAY_HZ: float = 1.0
DANCE_FIRST_BEAT_S: float = 0.25

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")


def ffmpeg(*args: str) -> None:
    """Run ffmpeg quietly; fails the test with ffmpeg's message when it fails."""
    proc = subprocess.run(["ffmpeg", "-v", "error", "-y", *args], capture_output=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace")[-800:])


X264 = ("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p")


@pytest.fixture(scope="session")
def _video_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("video-cache")


@pytest.fixture(autouse=True)
def _private_video_cache(_video_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Analyses made by tests are cached in a temporary folder, never in the user's cache."""
    monkeypatch.setenv("BANDLEADER_VIDEO_CACHE", str(_video_cache))


@pytest.fixture(scope="session")
def video_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed")
    return tmp_path_factory.mktemp("videos")


@pytest.fixture(scope="session")
def cut_clip(video_dir: Path) -> Path:
    out = video_dir / "cuts.mp4"
    r, size = CUT_CLIP_FPS, "320x240"
    starts = (0.0, *CUT_TIMES_S)
    lengths = [b - a for a, b in zip(starts, (*CUT_TIMES_S, CUT_CLIP_DURATION_S), strict=True)]
    sources = ("testsrc", "color=c=0xc03020", "smptebars", "mandelbrot")
    inputs: list[str] = []
    for src in sources:
        sep = ":" if "=" in src else "="
        inputs += ["-f", "lavfi", "-i", f"{src}{sep}size={size}:rate={r}"]
    trims = "".join(
        f"[{i}:v]trim=end_frame={round(length * r)},setpts=PTS-STARTPTS[s{i}];"
        for i, length in enumerate(lengths)
    )
    chain = "".join(f"[s{i}]" for i in range(len(lengths)))
    graph = f"{trims}{chain}concat=n={len(lengths)}:v=1:a=0[v]"
    ffmpeg(*inputs, "-filter_complex", graph, "-map", "[v]", *X264, str(out))
    return out


@pytest.fixture(scope="session")
def bounce_clip(video_dir: Path) -> Path:
    out = video_dir / "bounce.mp4"
    f = f"mod({BOUNCE_HZ}*(t-{BOUNCE_FIRST_IMPACT_S})+10\\,1)"
    ffmpeg(
        "-f", "lavfi", "-i", "color=c=0x204060:s=320x240:r=25:d=8",
        "-f", "lavfi", "-i", "color=c=white:s=60x60:r=25:d=8",
        "-filter_complex", f"[0:v][1:v]overlay=x=130:y='170-60*4*{f}*(1-{f})':shortest=1,format=yuv420p",
        *X264, str(out),
    )  # fmt: skip
    return out


@pytest.fixture(scope="session")
def half_motion_clip(video_dir: Path) -> Path:
    out = video_dir / "half_motion.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "color=c=0x305030:s=320x240:r=25:d=6",
        "-f", "lavfi", "-i", "testsrc=s=60x60:r=25:d=6",
        "-filter_complex", "[0:v][1:v]overlay=x='if(lt(t\\,3)\\,130\\,130+100*sin(2*PI*1.3*(t-3)))':y=90"
        ":shortest=1,format=yuv420p",
        *X264, str(out),
    )  # fmt: skip
    return out


@pytest.fixture(scope="session")
def rotated_clip(video_dir: Path) -> Path:
    src = video_dir / "upright.mp4"
    out = video_dir / "rotated.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2", *X264, str(src))
    ffmpeg("-i", str(src), "-c", "copy", "-metadata:s:v:0", "rotate=90", str(out))
    return out


@pytest.fixture(scope="session")
def vfr_clip(video_dir: Path) -> Path:
    out = video_dir / "vfr.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30:duration=2",
        "-vf", "select='not(between(n\\,10\\,20))'", "-fps_mode", "vfr", *X264, str(out),
    )  # fmt: skip
    return out


@pytest.fixture(scope="session")
def av_clip(video_dir: Path) -> Path:
    out = video_dir / "with_sound.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=3",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=3",
        *X264, "-c:a", "aac", "-shortest", str(out),
    )  # fmt: skip
    return out


@pytest.fixture(scope="session")
def dance_clip(video_dir: Path) -> Path:
    import matplotlib.cbook as cbook

    photo = Path(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    out = video_dir / "dance.mp4"
    sway = f"144+60*sin(2*PI*{DANCE_SWAY_HZ}*t)"
    ffmpeg(
        "-f", "lavfi", "-i", "color=c=0x303030:s=800x640:r=25:d=6", "-loop", "1", "-framerate", "25",
        "-i", str(photo),
        "-filter_complex", f"[0:v][1:v]overlay=x='{sway}':y=20:shortest=1,scale=400:320,format=yuv420p",
        *X264, str(out),
    )  # fmt: skip
    return out


@pytest.fixture(scope="session")
def bad_videos(video_dir: Path, av_clip: Path) -> dict[str, Path]:
    bad = video_dir / "bad"
    bad.mkdir(exist_ok=True)
    empty = bad / "empty.mp4"
    empty.write_bytes(b"")
    corrupt = bad / "corrupt.mp4"
    corrupt.write_bytes(bytes(range(256)) * 64)
    truncated = bad / "truncated.mp4"
    truncated.write_bytes(av_clip.read_bytes()[:3000])
    audio_only = bad / "sound.m4a"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", str(audio_only))
    one_frame = bad / "one_frame.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-frames:v", "1", *X264, str(one_frame))
    image = bad / "still.png"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1", str(image))
    return {
        "empty": empty,
        "corrupt": corrupt,
        "truncated": truncated,
        "audio_only": audio_only,
        "one_frame": one_frame,
        "image": image,
    }
