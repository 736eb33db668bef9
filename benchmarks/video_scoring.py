"""How well does the music fit the video? Scores each clip in ``/work/shared/data/video_clips/`` plus a
generated clip with known cut times, and prints for our score and for a baseline that ignores the
video (a song of the same length, fixed 120 BPM, starting at 0): beat-cut alignment (share of cuts
with a beat of the music, as our beat tracker hears it, within 80 ms), the AIST++ beat alignment score
against the visual beats, the motion / loudness correlation, and the length error in video frames.
Then a 60-second 720p clip end to end with the split (decode + analysis, cue, compose, render, mux,
check). Goals: beat-cut alignment >= 0.8 and well above the baseline; 60 s of 720p in < 20 s.

**Dancer tempo** (``--dance``, needs the isolated MediaPipe): no real dance clip with its own soundtrack
exists in ../shared/data, so the dancer is synthetic with a known beat: a portrait photo (Grace Hopper,
public domain, shipped by matplotlib) bouncing once per beat (lowest on the beat) and swaying one full
left-right cycle per two beats (extremes on the beats; the way dancers move to a beat, Toiviainen et al.
2010), 320x240 at 25 fps. For several tempi it prints the tempo the pose analysis found, the tempo and
beat phase of the cue sheet for several phrasings of the request (the octave counts: double time is
wrong), and the cold end-to-end ``bandleader score-video`` time of a 60-second clip in a fresh process
with empty caches (goal: at least 2x real time, i.e. under 30 s), with the analysis stage split.

    .venv/bin/python benchmarks/video_scoring.py [--clips DIR] [--skip-speed] [--dance] [--dance-only]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.generation.compose.arrange import compose
from tools.generation.compose.request import ComposeRequest
from tools.generation.render.pipeline import render_project
from tools.video import metrics
from tools.video.cue import CueOptions, build_cue_sheet
from tools.video.models import VideoAnalysis
from tools.video.mux import mux, probe_streams
from tools.video.score import fit_music, loudness_curve, music_beats, score_project

CLIPS = Path("/work/shared/data/video_clips")
KNOWN_CUTS = [1.6, 3.5, 4.7, 6.9, 9.2, 10.4, 12.6, 14.1, 16.3, 18.5, 19.4, 21.8]
"""Cut times (seconds) of the generated clip."""


def make_clip(path: Path, cuts: list[float], duration: float, fps: int, size: tuple[int, int]) -> Path:
    """An H.264 clip of flat-coloured shots with a moving bar, changing shot exactly at ``cuts`` (drawn
    at a quarter of ``size`` and scaled up by ffmpeg, which is much faster)."""
    out_w, out_h = size
    w, h = out_w // 4, out_h // 4
    n = round(duration * fps)
    rng = np.random.default_rng(0)
    bounds = [0, *(round(c * fps) for c in cuts), n]
    cmd = ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
           "-r", str(fps), "-i", "-", "-f", "lavfi", "-i", f"sine=frequency=330:duration={duration}",
           "-vf", f"scale={out_w}:{out_h}:flags=neighbor", "-c:a", "aac", "-c:v", "libx264",
           "-preset", "veryfast", "-pix_fmt", "yuv420p",
           str(path)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    for s in range(len(bounds) - 1):
        colour = rng.integers(0, 255, 3).astype(np.uint8)
        for f in range(bounds[s], bounds[s + 1]):
            img = np.empty((h, w, 3), np.uint8)
            img[:] = colour
            x = (f * 9) % w
            img[:, x : x + w // 16] = 255 - colour
            proc.stdin.write(img.tobytes())
    proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError("ffmpeg could not write the test clip")
    return path


DANCE_TEMPI: tuple[float, ...] = (84.0, 100.0, 118.0, 128.0)
"""Tempi (BPM) of the synthetic dancers."""
DANCE_FIRST_BEAT_S: float = 0.4
DANCE_PHRASINGS: tuple[str, ...] = (
    "",
    "make music for this dance video",
    "make music that follows the dancer",
    "a chill lo-fi beat that follows her moves",
    "make an energetic track for this",
)


def make_dance_clip(path: Path, bpm: float, duration: float, size: tuple[int, int] = (320, 240)) -> Path:
    """A 25 fps clip of a photographed person dancing to ``bpm``: bouncing once per beat (lowest at
    ``DANCE_FIRST_BEAT_S + k * 60 / bpm``) and swaying a full cycle every two beats (extremes on beats)."""
    import matplotlib.cbook as cbook

    photo = Path(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    f = bpm / 60.0
    t0 = DANCE_FIRST_BEAT_S
    w, h = size
    # the photo (512x600) on a 2.5x canvas, scaled down: sway 50 px, bounce 22 px before scaling
    x = f"144+50*cos(PI*{f}*(t-{t0}))"
    y = f"40+22*cos(2*PI*{f}*(t-{t0}))"
    canvas = f"color=c=0x303030:s=800x700:r=25:d={duration}"
    cmd = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", canvas,
           "-loop", "1", "-framerate", "25", "-i", str(photo),
           "-filter_complex", f"[0:v][1:v]overlay=x='{x}':y='{y}':shortest=1,scale={w}:{h},format=yuv420p",
           "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", str(path)]  # fmt: skip
    subprocess.run(cmd, check=True)
    return path


def phase_error(beats: list[float], first: float, period: float) -> float:
    """Median distance (s) of ``beats`` from the true grid ``first + k * period``."""
    b = np.asarray(beats, dtype=float)
    b = b[(b >= 0)]
    if b.size == 0:
        return float("nan")
    d = (b - first) % period
    return float(np.median(np.minimum(d, period - d)))


def dance_report(root: Path, duration: float = 20.0) -> None:
    """Dancer tempo (analysis and cue sheets for several phrasings) on synthetic dancers."""
    from tools.video.analysis import analyse_video
    from tools.video.tools import options_from_request

    print(f"\nDancer tempo (synthetic dancers, {duration:.0f} s, 320x240, truth = the tempo they dance to):")
    rows = []
    for bpm in DANCE_TEMPI:
        clip = make_dance_clip(root / f"dance{bpm:.0f}.mp4", bpm, duration)
        t0 = time.perf_counter()
        a = analyse_video(clip, cache_dir=root / "dance-cache")
        wall = time.perf_counter() - t0
        period = 60.0 / bpm
        got = a.visual_tempo_bpm
        err = phase_error(a.visual_beats_s, DANCE_FIRST_BEAT_S, period)
        print(f"  {bpm:.0f} BPM dancer: pose share {a.pose_share:.2f}, dance {a.is_dance}, analysis tempo "
              f"{_f(got, '.1f')} (phase error {err:.3f} s), analysis {wall:.1f} s wall, pose wait "
              f"{a.timings_s.get('pose_wait', 0):.1f} s; " + "; ".join(a.remarks))  # fmt: skip
        for prompt in DANCE_PHRASINGS:
            cue = build_cue_sheet(a, options_from_request(prompt, seed=1))
            ratio = cue.tempo_bpm / bpm
            err = phase_error(cue.beats_s, DANCE_FIRST_BEAT_S, period)
            ok = abs(ratio - 1) <= 0.04 and err <= 0.08
            rows.append(ok)
            verdict = "ok" if ok else "WRONG"
            print(f"    {prompt or '(no words)':45s} -> {cue.style:8s} {cue.tempo_bpm:6.1f} BPM from "
                  f"{cue.tempo_source:7s} x{ratio:.2f}, phase error {err:.3f} s {verdict}")  # fmt: skip
    print(
        f"  cue sheets at the dancer's tempo (within 4 %) and on its beats (within 80 ms): "
        f"{sum(rows)}/{len(rows)}"
    )


def cold_score_video(root: Path, duration: float = 60.0) -> None:
    """``bandleader score-video`` on a 60 s 320x240 synthetic dance clip in a fresh process with empty
    caches; prints wall seconds and the real-time factor."""
    import json

    clip = make_dance_clip(root / "dance60.mp4", 118.0, duration)
    env = dict(os.environ)
    env.update(
        BANDLEADER_VIDEO_CACHE=str(root / "cold-video-cache"),
        BANDLEADER_FEATURE_CACHE=str(root / "cold-feat"),
    )
    cli = [sys.executable, "-m", "ui.cli", "score-video", str(clip), "make music that follows the dancer",
           "--out", str(root / "cold-out"), "--seed", "1", "--json"]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.run(
        cli, env=env, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1]
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        print(f"  cold score-video failed: {proc.stderr[-400:]}")
        return
    from tools.video.tools import SCORE_KEY

    record = json.loads((root / "cold-out" / "project.json").read_text())[SCORE_KEY]
    cue, stages = record["cue"], record["analysis"].get("timings_s", {})
    print(f"\nCold end to end: bandleader score-video, {duration:.0f} s 320x240 dance clip, fresh process: "
          f"{wall:.1f} s wall = {duration / wall:.2f}x real time (goal >= 2x); tempo "
          f"{cue.get('tempo_bpm', 'n/a')} BPM from {cue.get('tempo_source', 'n/a')} (dancer 118); "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    print("  analysis stages (wall s): " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))


def fit_metrics(music: Path, analysis: VideoAnalysis, cuts: list[float]) -> dict[str, float | None]:
    """The metrics of one piece of music against one video."""
    beats, _, tempo = music_beats(music)
    visual = analysis.visual_beats_s or analysis.motion_peaks_s
    loud = loudness_curve(music, 10.0)
    return {
        "bca": metrics.beat_cut_alignment(cuts, beats),
        "bas": metrics.beat_alignment_score(beats, visual) if visual else None,
        "corr": metrics.motion_loudness_correlation(
            analysis.motion, analysis.analysis_fps, loud.tolist(), 10.0
        )
        if analysis.motion
        else None,
        "tempo": tempo,
    }


def baseline_music(analysis: VideoAnalysis, style: str, out: Path) -> Path:
    """A song that ignores the video: same length, 120 BPM, starting at 0, cut to the length."""
    import soundfile as sf

    dur = analysis.info.duration_s
    project = compose(ComposeRequest(style=style, tempo_bpm=120, duration_s=max(5.0, dur + 2.0), seed=1))
    res = render_project(project, out / "baseline", write_stems=False)
    x, sr = sf.read(res.mix, dtype="float32", always_2d=True)
    n = round(dur * sr)
    x = np.pad(x[:n], ((0, max(0, n - len(x))), (0, 0)))
    path = out / "baseline.wav"
    sf.write(str(path), x, sr, subtype="PCM_16")
    return path


class Clock:
    """Wall and CPU seconds (this process and its finished children, e.g. FluidSynth and ffmpeg) per
    step: CPU seconds say what a step costs when other work shares the machine."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._mark = self._now()

    @staticmethod
    def _now() -> tuple[float, float]:
        t = os.times()
        return time.perf_counter(), t.user + t.system + t.children_user + t.children_system

    def lap(self, step: str) -> None:
        now = self._now()
        self.wall[step] = now[0] - self._mark[0]
        self.cpu[step] = now[1] - self._mark[1]
        self._mark = self._now()


def score_clip(path: Path, work: Path, cuts_truth: list[float] | None = None) -> dict[str, object]:
    """Analyse, score and mux one clip as the score_video tool does (a render with stems); returns the
    timings and the metrics of ours and of the baseline."""
    from tools.video.analysis import analyse_video

    clock = Clock()
    analysis = analyse_video(path, cache_dir=work / "cache")
    clock.lap("analysis")
    cue = build_cue_sheet(analysis, CueOptions(seed=1))
    clock.lap("cue")
    project = score_project(cue)
    clock.lap("compose")
    res = render_project(project, work / "render", stem_cache=work / "stem-cache")
    music = fit_music(Path(res.mix), cue, work / "music.wav")
    clock.lap("render")
    out = mux(path, music, work / "scored.mp4", video_has_audio=analysis.info.has_audio)
    clock.lap("mux")
    cuts = cuts_truth if cuts_truth is not None else [c.time_s for c in analysis.cuts]
    ours = fit_metrics(music, analysis, cuts)
    clock.lap("check")
    base = fit_metrics(baseline_music(analysis, cue.style, work), analysis, cuts)
    audio = next(s for s in probe_streams(out) if s["codec_type"] == "audio")
    err_frames = abs(float(audio["duration"]) - analysis.info.duration_s) * analysis.info.fps  # type: ignore[arg-type]
    return {
        "analysis": analysis,
        "cue": cue,
        "ours": ours,
        "base": base,
        "t": clock.wall,
        "cpu": clock.cpu,
        "err": err_frames,
        "cuts": cuts,
    }


def _f(x: float | None, spec: str = ".2f") -> str:
    return "  n/a" if x is None else format(x, spec)


def report(name: str, r: dict[str, object]) -> float | None:
    a: VideoAnalysis = r["analysis"]  # type: ignore[assignment]
    ours, base = r["ours"], r["base"]  # type: ignore[assignment]
    cue = r["cue"]
    t = r["t"]  # type: ignore[assignment]
    print(
        f"{name}: {a.info.duration_s:.2f} s, {a.info.width}x{a.info.height} @ {a.info.fps:.2f} fps, "
        f"{len(r['cuts'])} cuts, style {cue.style}, {cue.tempo_bpm:.1f} BPM "  # type: ignore[attr-defined, arg-type]
        f"({cue.tempo_min_bpm:.1f}-{cue.tempo_max_bpm:.1f}, from {cue.tempo_source}; grid puts "  # type: ignore[attr-defined]
        f"{cue.predicted_alignment:.2f} of the cuts on a beat)"  # type: ignore[attr-defined]
    )
    for label, m in (("ours    ", ours), ("baseline", base)):
        print(
            f"  {label} beat-cut alignment {_f(m['bca'])}  beat alignment score {_f(m['bas'])}  "  # type: ignore[index]
            f"motion/loudness corr {_f(m['corr'])}  heard tempo {_f(m['tempo'], '.1f')}"  # type: ignore[index]
        )
    ratio = (ours["bca"] / base["bca"]) if ours["bca"] is not None and base["bca"] else None  # type: ignore[index]
    print(f"  ratio ours/baseline (beat-cut alignment): {_f(ratio)}; length error {r['err']:.2f} frames")
    print("  wall seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in t.items()))  # type: ignore[attr-defined]
    print("  CPU seconds:  " + ", ".join(f"{k} {v:.2f}" for k, v in r["cpu"].items()))  # type: ignore[attr-defined]
    print("  analysis stages (wall s): " + ", ".join(f"{k} {v:.2f}" for k, v in a.timings_s.items()))
    return ours["bca"]  # type: ignore[index, no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clips", type=Path, default=CLIPS, help="folder of real clips")
    parser.add_argument("--skip-speed", action="store_true", help="leave out the 60 s 720p run")
    parser.add_argument("--dance", action="store_true", help="add the dancer-tempo check and cold speed")
    parser.add_argument(
        "--dance-only", action="store_true", help="only the dancer-tempo check and cold speed"
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.dance or args.dance_only:
            from tools.video import pose as pose_mod

            if pose_mod.check_pose() is not None:
                print(f"(dancer tempo skipped: {pose_mod.check_pose()})")
            else:
                cold_score_video(root)
                dance_report(root)
            if args.dance_only:
                return 0
        if args.clips.is_dir():
            for clip in sorted(args.clips.glob("*.mp4")):
                work = root / clip.stem
                work.mkdir()
                report(clip.name, score_clip(clip, work))
        else:
            print(f"(no real clips: {args.clips} is absent; skipping them)")
        work = root / "known"
        work.mkdir()
        clip = make_clip(work / "known_cuts.mp4", KNOWN_CUTS, 24.0, 25, (480, 270))
        r = score_clip(clip, work, cuts_truth=KNOWN_CUTS)
        detected = [c.time_s for c in r["analysis"].cuts]  # type: ignore[attr-defined]
        found = metrics.beat_cut_alignment(KNOWN_CUTS, detected, 1 / 25 + 1e-3)
        print(
            f"\n(generated clip: {len(detected)} cuts detected, {_f(found)} of the true cuts within a frame)"
        )
        report("known_cuts.mp4 (true cut times)", r)
        if not args.skip_speed:
            work = root / "speed"
            work.mkdir()
            cuts = list(np.cumsum(np.random.default_rng(3).uniform(1.0, 4.0, 40)))
            cuts = [round(float(c), 2) for c in cuts if c < 59.0]
            t0 = time.perf_counter()
            clip = make_clip(work / "long720.mp4", cuts, 60.0, 30, (1280, 720))
            print(f"\n(made a 60 s 1280x720 30 fps clip in {time.perf_counter() - t0:.1f} s)")
            t0 = time.perf_counter()
            r = score_clip(clip, work, cuts_truth=cuts)
            t = r["t"]  # type: ignore[assignment]
            total = sum(v for k, v in t.items() if k != "check")  # type: ignore[attr-defined]
            cpu = sum(v for k, v in r["cpu"].items() if k != "check")  # type: ignore[attr-defined]
            report("long720.mp4 (60 s 720p)", r)
            print(
                f"  end to end (analysis + cue + compose + render + mux): {total:.2f} s wall, "
                f"{cpu:.2f} s CPU (goal < 20 s wall); with the metric check "
                f"{total + t['check']:.2f} s wall; load average now {os.getloadavg()[0]:.2f}"  # type: ignore[index]
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
