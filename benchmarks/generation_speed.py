"""How fast is song generation? Composes and renders a 3-minute, 5-track song with stems, then one
edit (a tempo change) re-rendered, and prints each as a multiple of real time (song seconds per wall
second) on this machine. Goal: >= 20x for the whole song, and an edit faster than that. Also the same
song with words (a sixth stem: the sung guide vocal, by the singer this machine uses).

    .venv/bin/python benchmarks/generation_speed.py [--seconds 180] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.generation.compose.arrange import compose
from tools.generation.compose.request import ComposeRequest
from tools.generation.compose_tool import compose_song
from tools.generation.edits import change_mix, set_tempo
from tools.generation.render.pipeline import render_project, singer_name

PROMPT = "a 3 minute pop song in A major at 120 BPM with synth lead, piano, bass, drums and synth pad"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=180.0, help="song length, in seconds")
    parser.add_argument("--repeat", type=int, default=2, help="runs; the best is reported")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.2f}")
    best_song = best_edit = best_mix = float("inf")
    for run in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            project = compose(ComposeRequest(prompt=PROMPT, duration_s=args.seconds, seed=1))
            compose_s = time.perf_counter() - t0
            res = render_project(project, Path(tmp) / "song", stem_cache=Path(tmp) / "cache")
            song_s = time.perf_counter() - t0
            assert len(project.tracks) == 5 and len(res.stems) == 5
            t1 = time.perf_counter()
            faster, _, _ = set_tempo(project, project.tempo_bpm * 1.1)
            edit = render_project(faster, Path(tmp) / "edit")
            edit_s = time.perf_counter() - t1
            t2 = time.perf_counter()  # a mix edit re-uses the cached dry stems of unchanged tracks
            louder, _ = change_mix(project, "drums", gain_db=3.0)
            render_project(louder, Path(tmp) / "mix", stem_cache=Path(tmp) / "cache")
            mix_s = time.perf_counter() - t2
        best_song, best_edit, best_mix = min(best_song, song_s), min(best_edit, edit_s), min(best_mix, mix_s)
        print(
            f"run {run + 1}: song {res.duration_s:.1f} s: compose {compose_s:.2f} s + render "
            f"{res.seconds} = {song_s:.2f} s ({res.duration_s / song_s:.1f}x real time); tempo edit "
            f"{edit.duration_s:.1f} s rendered in {edit_s:.2f} s ({edit.duration_s / edit_s:.1f}x); mix edit "
            f"{mix_s:.2f} s ({res.duration_s / mix_s:.1f}x)",
            flush=True,
        )
    best_sung = float("inf")
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            sung = compose_song(
                ComposeRequest(prompt=PROMPT + " about a summer road trip", duration_s=args.seconds, seed=1)
            )
            sung_res = render_project(sung, Path(tmp) / "sung")
            best_sung = min(best_sung, time.perf_counter() - t0)
            assert "vocals" in sung_res.stems
    print(
        f"song with words: {len(sung_res.stems)} stems incl. the sung vocal ({singer_name()} singer): "
        f"{args.seconds / best_sung:.1f}x real time ({best_sung:.2f} s; render {sung_res.seconds})"
    )
    print(
        f"\nbest: whole song {args.seconds / best_song:.1f}x real time ({best_song:.2f} s for "
        f"{args.seconds:g} s with 5 stems); tempo edit re-render {edit.duration_s / best_edit:.1f}x "
        f"({best_edit:.2f} s); mix edit (louder drums, cached stems) {args.seconds / best_mix:.1f}x "
        f"({best_mix:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
