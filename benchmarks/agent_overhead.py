"""Agent overhead: what the graph + LocalPlanner add to a turn on top of the tools' own work.

Prints:
- per-turn overhead (turn wall time minus time inside tools) over N varied turns: median, p95 (ms);
- a normalize_loudness turn vs the bare tool call on the same file (ratio, measured in this run).

Reads a real track from ../shared/data when present (say which), else synthesises one.
Run: .venv/bin/python benchmarks/agent_overhead.py [--turns 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED_TRACK = ROOT.parent / "shared" / "data" / "librosa_data_tracks" / "Kevin_MacLeod_-_Vibe_Ace.ogg"

MESSAGES = [
    "list the versions",
    "show me the history",
    "which version is current",
    "what versions do I have",
    "undo",
    "redo",
    "go back to version 1",
    "thanks",
    "hello",
    "what can you do",
]


def _track(tmp: Path) -> Path:
    if SHARED_TRACK.is_file():
        print(f"track: {SHARED_TRACK.relative_to(ROOT.parent)} (real recording)")
        return SHARED_TRACK
    import soundfile as sf

    print("track: ../shared/data absent; using a synthesised 60 s test signal")
    sr = 44100
    t = np.arange(60 * sr) / sr
    sig = 0.1 * np.sin(2 * np.pi * 220 * t) * (1 + 0.5 * np.sin(2 * np.pi * 0.5 * t))
    path = tmp / "synth.wav"
    sf.write(path, np.stack([sig, sig], 1).astype(np.float32), sr)
    return path


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5, help="normalize turns / bare calls to time")
    args = parser.parse_args()

    from agent.agent import Agent
    from agent.executor import InProcessExecutor
    from agent.plan import ToolCall

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        track = _track(tmp)
        t0 = time.perf_counter()
        agent = Agent(home=tmp / "home")
        _ = agent.planner, agent.graph
        print(f"start-up (planner + graph): {time.perf_counter() - t0:.2f} s")

        first = agent.turn("normalise this to -14 LUFS", "bench", [track])
        assert first.ok, first.reply
        overheads: list[float] = []
        for i in range(args.turns):
            # a fresh phrasing each turn so the embedding cache does not flatter the figure
            msg = f"{MESSAGES[i % len(MESSAGES)]}{' please' * (i // len(MESSAGES) % 3)}{' now' * (i // 30)}"
            result = agent.turn(msg, "bench")
            overheads.append((result.seconds - result.tool_seconds) * 1000)
        print(
            f"overhead per turn over {args.turns} turns: median {statistics.median(overheads):.1f} ms, "
            f"p95 {_pct(overheads, 95):.1f} ms (goal < 30 ms)"
        )

        session = agent.open_session("bench")
        original = session.resolve("original")
        executor = InProcessExecutor()
        bare, turns = [], []
        for i in range(args.repeats):
            t = time.perf_counter()
            res = executor.call(
                ToolCall(
                    id=f"b{i}",
                    tool="normalize_loudness",
                    arguments={"audio": original.id, "target_lufs": -14},
                ),
                session,
            )
            bare.append(time.perf_counter() - t)
            assert res.ok, res.error
            session.set_current(original.id)
            t = time.perf_counter()
            result = agent.turn("normalise the original to -14 LUFS", "bench")
            turns.append(time.perf_counter() - t)
            assert result.ok, result.reply
        b, tt = statistics.median(bare), statistics.median(turns)
        print(
            f"normalize_loudness: bare tool call {b * 1000:.0f} ms, full turn {tt * 1000:.0f} ms, "
            f"ratio turn/bare {tt / b:.3f}"
        )


if __name__ == "__main__":
    main()
