"""Load on the HTTP API: N concurrent sessions, each a 5-turn script, on Ray Serve vs the in-process agent.

Each session uploads a track and runs: analyse ("give me the full analysis of this song"), ask
("what key is it in?"), compose, edit ("make it faster"), undo. For N in --sessions (default
1,4,16,32) and for both servers, measured in the same run on 127.0.0.1:

- ``inprocess``: ``python -m serving.api`` (uvicorn, the in-process agent, serving/api InProcessBackend)
- ``ray``: ``bandleader serve`` with the shipped serving/config.yaml's agent and family settings
  (two agent replicas; ingress -> agent -> tool-family deployments)

Each level is bounded in time (--level-timeout): turns not started by then are counted as "not run",
apart from failed turns (an error or a reply that is not ok).

Each server gets its own empty feature cache, so the cold turn really analyses the track; later
sessions upload the same track, so their analyse turns read the cache (as repeat uploads do).

prints throughput (turns/s), p50/p95/p99 latency per turn type (s), failed and not-run turns, the server's
peak memory (sum of RSS over its process tree, MB), then the ray/in-process ratios. The first turn of
each server (cold: models and imports load) is reported on its own line before the levels (warm).

Reads a track from ../shared/data (gtzan_tempo_beat/country.00000.wav; --data or
BANDLEADER_BENCH_DATA to point elsewhere) and says so; synthesises a 10 s song when it is absent.
Run: nice -n 10 .venv/bin/python benchmarks/serve_load.py [--sessions 1,4,16,32] [--level-timeout 900]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from serving.ray.config import DEFAULT_CONFIG, load_config  # noqa: E402
from serving.ray.local import free_port, start_server, write_config  # noqa: E402

SCRIPT: list[tuple[str, str, bool]] = [
    ("analyse", "give me the full analysis of this song", True),
    ("ask", "what key is it in?", False),
    ("compose", "compose a short upbeat pop song in C major", False),
    ("edit", "make it faster", False),
    ("undo", "undo", False),
]
"""(turn type, message, carries the upload) of every session."""

DEFAULT_TRACK = ROOT.parent / "shared" / "data" / "gtzan_tempo_beat" / "country.00000.wav"


def pick_track(data: str | None, scratch: Path) -> Path:
    """The track every session uploads: from the shared data when present, else a synthesised one."""
    folder = data or os.environ.get("BANDLEADER_BENCH_DATA")
    track = Path(folder) / "gtzan_tempo_beat" / "country.00000.wav" if folder else DEFAULT_TRACK
    if track.is_file():
        print(f"track: {track} (shared data)")
        return track
    from tests.agent.conftest import write_song

    print(f"shared data not found at {track}: using a synthesised 10 s song")
    return write_song(scratch / "song.wav", seconds=10.0)


def tree_rss_mb(pid: int) -> float:
    """Sum of resident memory of ``pid`` and all its descendants, in MB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total_kb, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


class PeakMemory:
    """Samples :func:`tree_rss_mb` of a process every ``every_s`` seconds in a thread; keeps the peak."""

    def __init__(self, pid: int, every_s: float = 0.5) -> None:
        self.pid, self.every_s, self.peak = pid, every_s, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            self.peak = max(self.peak, tree_rss_mb(self.pid))

    def stop(self) -> float:
        """Stops sampling; returns the peak, in MB."""
        self._stop.set()
        self._thread.join()
        return max(self.peak, tree_rss_mb(self.pid))


def run_session(url: str, track: Path, deadline: float) -> list[tuple[str, float, bool | None]]:
    """Plays the 5-turn script in a new session; returns (turn type, seconds, ok) per turn, ok None for
    a turn not run because the level's time ran out."""
    out: list[tuple[str, float, bool | None]] = []
    with httpx.Client(base_url=url, timeout=900) as c:
        sid = c.post("/v1/sessions", json={}).json()["id"]
        for kind, text, upload in SCRIPT:
            if time.monotonic() > deadline:
                out.append((kind, 0.0, None))
                continue
            files = [("files", (track.name, track.read_bytes(), "audio/wav"))] if upload else None
            started = time.perf_counter()
            try:
                r = c.post(f"/v1/sessions/{sid}/messages", data={"text": text}, files=files)
                ok = r.status_code == 200 and bool(r.json().get("ok"))
            except httpx.HTTPError:
                ok = False
            out.append((kind, time.perf_counter() - started, ok))
    return out


def pct(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values`` (nearest rank); 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def run_level(url: str, pid: int, track: Path, n: int, timeout_s: float) -> dict[str, Any]:
    """N sessions at once; returns throughput, per-type percentiles, failures and peak memory."""
    memory = PeakMemory(pid)
    deadline = time.monotonic() + timeout_s
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=n) as pool:
        sessions = list(pool.map(lambda _i: run_session(url, track, deadline), range(n)))
    wall = time.perf_counter() - started
    peak = memory.stop()
    turns = [t for s in sessions for t in s]
    by_kind: dict[str, dict[str, float]] = {}
    for kind, _text, _upload in SCRIPT:
        times = [sec for k, sec, ok in turns if k == kind and ok]
        by_kind[kind] = {"p50": pct(times, 50), "p95": pct(times, 95), "p99": pct(times, 99)}
    ok_turns = sum(1 for *_rest, ok in turns if ok)
    not_run = sum(1 for *_rest, ok in turns if ok is None)
    return {
        "sessions": n, "turns": len(turns), "failed": len(turns) - ok_turns - not_run, "not_run": not_run,
        "wall_s": wall,
        "turns_per_s": ok_turns / wall if wall else 0.0, "peak_rss_mb": peak, "latency_s": by_kind,
    }  # fmt: skip


def start_inprocess(home: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``python -m serving.api`` on a free port (no rate limit); returns the process and its URL."""
    port = free_port()
    env = dict(os.environ, BANDLEADER_HOME=str(home), BANDLEADER_API_RATE_PER_MIN="0", HF_HUB_OFFLINE="1")
    env["BANDLEADER_FEATURE_CACHE"] = str(home.parent / "inprocess-features")  # cold means cold
    proc = subprocess.Popen(
        [sys.executable, "-m", "serving.api", "--port", str(port), "--home", str(home)],
        stdout=log.open("ab"), stderr=subprocess.STDOUT, env=env, cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/readyz", timeout=60).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise RuntimeError("the in-process API did not start")


def cold_turn(url: str, track: Path) -> float:
    """Seconds of the first analyse turn a fresh server answers (imports and models load)."""
    with httpx.Client(base_url=url, timeout=900) as c:
        sid = c.post("/v1/sessions", json={}).json()["id"]
        files = [("files", (track.name, track.read_bytes(), "audio/wav"))]
        started = time.perf_counter()
        c.post(f"/v1/sessions/{sid}/messages", data={"text": SCRIPT[0][1]}, files=files)
        return time.perf_counter() - started


def knee(rows: list[dict[str, Any]]) -> str:
    """Where the server saturates: the first level whose throughput is under 1.1x the previous level's
    (more sessions only wait longer), or the last level's N with '>=' when throughput still grew."""
    for before, after in itertools.pairwise(rows):
        gain = after["turns_per_s"] / max(before["turns_per_s"], 1e-9)
        if gain < 1.1:
            return f"N={after['sessions']} (throughput x{gain:.2f} from N={before['sessions']})"
    return f"N>={rows[-1]['sessions']} (throughput still growing)" if rows else "n/a"


def print_table(name: str, cold: float, rows: list[dict[str, Any]]) -> None:
    """One server's results: a cold line, then one line per level."""
    print(f"\n== {name}: cold first analyse turn {cold:.1f} s")
    kinds = [k for k, _t, _u in SCRIPT]
    head = "   N  turns fail skip  turns/s  peakMB  " + "  ".join(f"{k + ' p50/p95/p99':>22}" for k in kinds)
    print(head)
    for r in rows:
        lat = "  ".join("{p50:6.1f}/{p95:6.1f}/{p99:6.1f}".format(**r["latency_s"][k]) for k in kinds)
        counts = (
            f"{r['sessions']:4d} {r['turns']:6d} {r['failed']:4d} {r['not_run']:4d} {r['turns_per_s']:8.3f}"
        )
        print(f"{counts} {r['peak_rss_mb']:7.0f}  {lat}")
    print(f"knee: {knee(rows)}")


def main() -> int:
    """Runs both servers through every level; prints the tables and ratios; returns 0."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", default="1,4,16,32", help="comma-separated concurrency levels")
    parser.add_argument("--data", help="the shared data folder (default ../shared/data)")
    parser.add_argument(
        "--level-timeout", type=float, default=900.0, help="seconds per level before turns are skipped"
    )
    parser.add_argument("--num-cpus", type=float, default=2.0, help="CPUs for the local Ray")
    parser.add_argument("--only", choices=["inprocess", "ray"], help="run one server only")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON here")
    args = parser.parse_args()
    levels = [int(x) for x in args.sessions.split(",") if x.strip()]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks: stop the servers
    scratch = Path(tempfile.mkdtemp(prefix="bandleader-serve-load-"))
    track = pick_track(args.data, scratch)
    print(f"machine load (1/5/15 min) at the start: {os.getloadavg()}, {os.cpu_count()} CPUs")
    results: dict[str, Any] = {}
    if args.only in (None, "inprocess"):
        proc, url = start_inprocess(scratch / "inprocess", scratch / "inprocess.log")
        try:
            cold = cold_turn(url, track)
            rows = [run_level(url, proc.pid, track, n, args.level_timeout) for n in levels]
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
        results["inprocess"] = {"cold_s": cold, "levels": rows}
        print_table("in-process (uvicorn + InProcessBackend)", cold, rows)
    if args.only in (None, "ray"):
        store = scratch / "ray-store"
        os.environ["BANDLEADER_FEATURE_CACHE"] = str(scratch / "ray-features")  # its own cold cache
        os.environ["BANDLEADER_API_RATE_PER_MIN"] = "0"
        shipped = load_config(DEFAULT_CONFIG)  # the agent replicas and family resources people run
        config = write_config(
            scratch / "serve.yaml", store, free_port(), agent=shipped.agent.model_dump(),
            default_family=shipped.default_family.model_dump(),
            families={k: v.model_dump() for k, v in shipped.families.items()},
        )  # fmt: skip
        server = start_server(config, store, scratch / "ray.log", num_cpus=args.num_cpus)
        try:
            cold = cold_turn(server.url, track)
            rows = [run_level(server.url, server.proc.pid, track, n, args.level_timeout) for n in levels]
        finally:
            server.stop()
        results["ray"] = {"cold_s": cold, "levels": rows}
        print_table("Ray Serve (bandleader serve)", cold, rows)
    if "inprocess" in results and "ray" in results:
        print("\n== ray / in-process (same run)")
        for a, b in zip(results["ray"]["levels"], results["inprocess"]["levels"], strict=True):
            ratio = a["turns_per_s"] / b["turns_per_s"] if b["turns_per_s"] else float("nan")
            p50 = {}
            for k, _t, _u in SCRIPT:
                base = b["latency_s"][k]["p50"]
                p50[k] = a["latency_s"][k]["p50"] / base if base else float("nan")
            memory = a["peak_rss_mb"] / b["peak_rss_mb"] if b["peak_rss_mb"] else float("nan")
            print(
                f"N={a['sessions']:3d} throughput x{ratio:.2f}  memory x{memory:.2f}  "
                + "  ".join(f"{k} p50 x{v:.2f}" for k, v in p50.items())
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    print(f"\nmachine load (1/5/15 min) at the end: {os.getloadavg()}")
    print(f"(scratch: {scratch}; remove it when done)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
