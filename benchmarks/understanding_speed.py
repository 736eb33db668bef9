"""Speed of the feature sheet on this machine: real-time factor per task for a 3-minute track.

Real-time factor = audio seconds / wall seconds (higher is faster). The baseline, measured in the same
run on the same excerpt, is madmom's stock processors (8-network downbeat ensemble, numpy key CNN).
The whole sheet is timed twice: warm (models loaded by a first sheet in this process, no cached
sheet) and cold (a fresh Python process: imports, model loading and the analysis, as the first upload
after a start; the issue's ">= 15x real time cold" is this figure). Also analyses a 10-minute track in a
subprocess and reports its peak RSS.

    [BANDLEADER_DATA=../shared/data] .venv/bin/python benchmarks/understanding_speed.py

The benchmark's children inherit ``OPENBLAS_CORETYPE`` as the app's would (:mod:`tools.blas`; set it
in the environment to compare another choice, e.g. ``Prescott``, OpenBLAS 0.3.23's fallback).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.blas import use_fast_openblas_kernels  # noqa: E402

use_fast_openblas_kernels()  # before numpy, as the app does; the cold children inherit it

import numpy as np  # noqa: E402

DATA = Path(os.environ.get("BANDLEADER_DATA", ROOT.parent / "shared" / "data"))
TRACK = DATA / "debian_game_music" / "frontiers.mp3"
EXCERPT_S = 180.0
COLD_RUNS = 3
BASELINE_S = 60.0


def _cut(src: Path, dst: Path, seconds: float, loop: bool = False) -> Path:
    args = ["ffmpeg", "-v", "error", "-y"] + (["-stream_loop", "2"] if loop else [])
    subprocess.run(
        [*args, "-i", str(src), "-t", str(seconds), "-ac", "2", "-ar", "44100", str(dst)], check=True
    )
    return dst


def main() -> int:
    if not TRACK.exists():
        print(f"No benchmark track at {TRACK} (../shared/data is absent): skipped.")
        return 0
    if "--child" in sys.argv:  # a cold run in its own process (also a clean peak RSS for the 10-minute one)
        t0 = time.perf_counter()
        from tools.understanding.sheet import compute_sheet

        sheet = compute_sheet(sys.argv[-1], use_cache=False)
        print(f"{sheet.duration_s:.1f} {time.perf_counter() - t0:.2f}", flush=True)
        return 0
    from tools.understanding.backends import import_madmom
    from tools.understanding.sheet import compute_sheet
    from tools.understanding.signal import load_analysis_audio

    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        os.environ["BANDLEADER_FEATURE_CACHE"] = str(tmpd / "cache")
        three = _cut(TRACK, tmpd / "three.wav", EXCERPT_S)
        compute_sheet(_cut(TRACK, tmpd / "warm.wav", 10.0), use_cache=False)  # imports, JIT, model loading
        rows = {}
        for mode in ("default", "permissive"):
            if mode == "permissive":
                os.environ["BANDLEADER_PERMISSIVE_ONLY"] = "1"
                compute_sheet(tmpd / "warm.wav", use_cache=False)
            t0 = time.perf_counter()
            sheet = compute_sheet(three, use_cache=False)
            rows[mode] = (time.perf_counter() - t0, sheet)
        os.environ.pop("BANDLEADER_PERMISSIVE_ONLY", None)

        # beats and key on their own (in the sheet they share the 2 cores with the note transcriber)
        from tools.understanding.rhythm import analyze_rhythm
        from tools.understanding.tonality import analyze_key

        audio = load_analysis_audio(three)
        x44, x22 = audio.samples, audio.dsp_samples()
        t0 = time.perf_counter()
        analyze_rhythm(x44, x22)
        alone_beats = EXCERPT_S / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        analyze_key(x44, None, audio.duration_s)
        alone_key = EXCERPT_S / (time.perf_counter() - t0)

        # baseline: madmom's stock processors on a 60 s excerpt
        base = _cut(TRACK, tmpd / "base.wav", BASELINE_S)
        x = load_analysis_audio(base).samples
        import_madmom()
        from madmom.audio.signal import Signal
        from madmom.features.downbeats import DBNDownBeatTrackingProcessor, RNNDownBeatProcessor
        from madmom.features.key import CNNKeyRecognitionProcessor

        sig = Signal(x, sample_rate=44100, num_channels=1)
        t0 = time.perf_counter()
        DBNDownBeatTrackingProcessor(beats_per_bar=[3, 4], fps=100)(RNNDownBeatProcessor()(sig))
        base_beats = BASELINE_S / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        CNNKeyRecognitionProcessor()(sig)
        base_key = BASELINE_S / (time.perf_counter() - t0)

        cold = []
        for _ in range(COLD_RUNS):  # from launching the child (interpreter start included) to its sheet
            t0 = time.perf_counter()
            with subprocess.Popen(
                [sys.executable, __file__, "--child", str(three)], stdout=subprocess.PIPE, text=True
            ) as child:
                assert child.stdout is not None
                child.stdout.readline()  # printed as soon as the sheet is ready (not the interpreter's exit)
                cold.append(time.perf_counter() - t0)
            if child.returncode:
                raise RuntimeError(f"the cold child failed with exit status {child.returncode}")
        ten = _cut(TRACK, tmpd / "ten.wav", 600.0, loop=True)
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(ten)], capture_output=True, text=True, check=True
        ).stdout.split()
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"Feature-sheet speed on a {EXCERPT_S:.0f} s excerpt of {TRACK.name}, {os.cpu_count()} CPU cores")
    print("real-time factor = audio seconds / wall seconds (higher is faster)")
    print(f"{'task':12s} {'default':>10s} {'permissive':>11s}")
    tasks = sorted(set(rows["default"][1].timings_s) | set(rows["permissive"][1].timings_s))
    for task in tasks:
        vals = []
        for mode in ("default", "permissive"):
            secs = rows[mode][1].timings_s.get(task)
            vals.append(f"{EXCERPT_S / secs:9.1f}x" if secs else "        -")
        print(f"{task:12s} {vals[0]:>10s} {vals[1]:>11s}")
    print("(notes are transcribed in a worker thread while rhythm, key, chords and structure run: their")
    print(" times overlap, so per-task factors under-state each task's own speed; the whole sheet is exact)")
    for mode in ("default", "permissive"):
        print(f"whole sheet ({mode}): {rows[mode][0]:.1f} s = {EXCERPT_S / rows[mode][0]:.1f}x real time")
    cold_s = float(np.median(cold))
    print(
        "whole sheet (default), cold process (launch to sheet: interpreter, imports, models, analysis; "
        f"median of {COLD_RUNS}): "
        f"{cold_s:.1f} s = {EXCERPT_S / cold_s:.1f}x real time (runs: {', '.join(f'{c:.1f}' for c in cold)})"
    )
    print(f"beats alone (rhythm task, default): {alone_beats:.1f}x real time; key alone: {alone_key:.1f}x")
    print(f"baseline madmom stock (60 s): beats {base_beats:.1f}x, key {base_key:.1f}x real time")
    print(
        f"ratio ours/baseline (alone): beats {alone_beats / base_beats:.1f}x faster, "
        f"key {alone_key / base_key:.1f}x faster"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (other processes share the cores)")
    core = os.environ.get("OPENBLAS_CORETYPE", "(OpenBLAS's own choice)")
    print(f"numpy's OpenBLAS kernels: OPENBLAS_CORETYPE={core}")
    print(
        f"10-minute track: {float(out[1]):.1f} s wall ({float(out[0]) / float(out[1]):.1f}x real time), "
        f"peak RSS {peak_mb:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
