"""Soak: ``bandleader serve`` under steady load for a bounded time; memory per process, leaked files, zombies.

--sessions clients (default 8) loop for --minutes (default 10) over a session cycle on 127.0.0.1: upload
a track and ask how loud it is, make it louder, ask its key, undo; every fourth cycle of a client also
composes a song and speeds it up; then the session is deleted. The server runs the shipped
serving/config.yaml's agent and family settings (two agent replicas).

Measured, with the server's process tree sampled every --sample-s seconds from /proc:

- RSS of every process (Ray's workers by their name: ServeReplica:bandleader:agent, ...), from the end
  of a warm-up cycle (every client once: models and imports loaded) to the end. A process "grows" when
  the median of its last fifth of samples is above the median of its first fifth by more than
  --growth-mb MB and --growth-frac of its warm size (the bound: both must be passed to fail);
- zombie processes: the same zombie (pid and name) in two samples in a row (--sample-s apart) is one
  nobody reaps; a child seen once between its exit and its parent's wait() is not (those are counted
  and printed apart); and any process of the server left after it stopped;
- leaked files: the server runs with its own TMPDIR, which must hold nothing but Ray's session folder
  (``ray/``, kept by Ray by design) after it stops; the store's upload folder must be empty and, with
  every session deleted, its sessions folder too.

Prints the machine's load (it is shared and busy when this runs: read turns/min against that), the
turns done and failed, a per-process table and PASS/FAIL per check; --json writes it all.
Run: nice -n 10 .venv/bin/python benchmarks/serve_soak.py [--minutes 10] [--sessions 8]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import statistics
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

from benchmarks.serve_load import pick_track  # noqa: E402
from serving.ray.config import DEFAULT_CONFIG, load_config  # noqa: E402
from serving.ray.local import free_port, start_server, write_config  # noqa: E402

CYCLE: list[tuple[str, str, bool]] = [
    ("loudness", "how loud is it?", True),
    ("edit", "make it 3 dB louder", False),
    ("ask", "what key is it in?", False),
    ("undo", "undo", False),
]
"""(turn type, message, carries the upload) of every cycle."""
SONG: list[tuple[str, str, bool]] = [
    ("compose", "compose a short upbeat pop song in C major", False),
    ("tempo", "make it faster", False),
]
"""Added to every fourth cycle of a client."""


def process_table(root_pid: int) -> dict[int, dict[str, Any]]:
    """Every process in ``root_pid``'s tree: {pid: {"name", "rss_mb", "state"}} (from /proc)."""
    parent: dict[int, int] = {}
    info: dict[int, dict[str, Any]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            stat = (entry / "stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            rss_kb = 0
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss_kb = int(line.split()[1])
        except OSError:
            continue
        parent[pid] = int(fields[1])
        name = cmdline or stat[stat.index("(") + 1 : stat.rindex(")")]
        info[pid] = {"name": name[:70], "rss_mb": rss_kb / 1024, "state": fields[0]}
    tree, todo = {}, [root_pid]
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        if pid in info:
            tree[pid] = info[pid]
        todo.extend(children.get(pid, []))
    return tree


class Sampler:
    """Samples :func:`process_table` every ``every_s`` seconds in a thread."""

    def __init__(self, pid: int, every_s: float) -> None:
        self.pid, self.every_s = pid, every_s
        self.samples: list[tuple[float, dict[int, dict[str, Any]]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        """Starts sampling now."""
        self._thread.start()

    def _run(self) -> None:
        while True:
            self.samples.append((time.monotonic(), process_table(self.pid)))
            if self._stop.wait(self.every_s):
                return

    def stop(self) -> None:
        """Stops sampling (after one last sample)."""
        self._stop.set()
        self._thread.join()


def run_client(url: str, track: Path, deadline: float, n: int, tally: dict[str, list[Any]],
               cycles: int | None = None) -> None:  # fmt: skip
    """Client ``n``: session cycles until ``deadline`` (at most ``cycles``); appends (type, seconds, ok,
    detail) per turn to ``tally["turns"]``. A cycle cut short by the deadline still deletes its session."""
    cycle = 0
    with httpx.Client(base_url=url, timeout=900) as c:
        while time.monotonic() < deadline and (cycles is None or cycle < cycles):
            cycle += 1
            sid = c.post("/v1/sessions", json={}).json()["id"]
            script = CYCLE + (SONG if (cycle + n) % 4 == 0 else [])
            for kind, text, upload in script:
                if time.monotonic() >= deadline:
                    break
                files = [("files", (track.name, track.read_bytes(), "audio/wav"))] if upload else None
                started = time.perf_counter()
                try:
                    r = c.post(f"/v1/sessions/{sid}/messages", data={"text": text}, files=files)
                    ok = r.status_code == 200 and bool(r.json().get("ok"))
                    detail = "" if ok else r.text[:200]
                except httpx.HTTPError as exc:
                    ok, detail = False, repr(exc)
                tally["turns"].append((kind, time.perf_counter() - started, ok, detail))
            deleted = c.delete(f"/v1/sessions/{sid}")
            tally["deletes"].append(deleted.status_code)


def growth_report(samples: list[tuple[float, dict[int, dict[str, Any]]]], warm_at: float, growth_mb: float,
                  growth_frac: float) -> list[dict[str, Any]]:  # fmt: skip
    """Per process alive from warm-up to the end: warm, end and peak RSS (MB), growth, within bound."""
    after = [(t, table) for t, table in samples if t >= warm_at]
    if len(after) < 5:
        return []
    fifth = max(1, len(after) // 5)
    first, last = after[:fifth], after[-fifth:]
    rows = []
    for pid, proc in after[-1][1].items():
        early = [table[pid]["rss_mb"] for _t, table in first if pid in table]
        late = [table[pid]["rss_mb"] for _t, table in last if pid in table]
        if len(early) < fifth:  # started after warm-up (a restarted replica): no baseline
            continue
        warm, end = statistics.median(early), statistics.median(late)
        peak = max(table[pid]["rss_mb"] for _t, table in after if pid in table)
        growth = end - warm
        within = growth <= growth_mb or growth <= growth_frac * warm
        rows.append({"pid": pid, "name": proc["name"], "warm_mb": warm, "end_mb": end, "peak_mb": peak,
                     "growth_mb": growth, "within_bound": within})  # fmt: skip
    return sorted(rows, key=lambda r: -r["end_mb"])


def leftovers(tmp: Path, store: Path) -> list[str]:
    """Files the stopped server left: in its TMPDIR (but Ray's ``ray/``), uploads, deleted sessions."""
    left = [str(p) for p in tmp.iterdir() if p.name != "ray"] if tmp.is_dir() else []
    uploads = store / "uploads"
    if uploads.is_dir():
        left += [str(p) for p in uploads.rglob("*") if p.is_file()]
    sessions = store / "sessions"
    if sessions.is_dir():
        left += [str(p) for p in sessions.rglob("*") if p.is_file()]
    return left


def server_processes(sid: int) -> list[str]:
    """Processes still in the server's session (it was started in a session of its own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == sid:
                    found.append(f"{entry.name} {(entry / 'comm').read_text().strip()}")
            except OSError:
                continue
    return found


def main() -> int:
    """Runs the soak; prints the tables and checks; returns 0 when every check passes, else 1."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0, help="how long the clients loop")
    parser.add_argument("--sessions", type=int, default=8, help="clients looping at once")
    parser.add_argument("--sample-s", type=float, default=10.0, help="seconds between /proc samples")
    parser.add_argument("--growth-mb", type=float, default=64.0, help="RSS growth allowed per process, MB")
    parser.add_argument("--growth-frac", type=float, default=0.15, help="...or this share of its warm RSS")
    parser.add_argument("--num-cpus", type=float, default=2.0, help="CPUs for the local Ray")
    parser.add_argument("--data", help="the shared data folder (default ../shared/data)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON here")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks: stop the server
    scratch = Path(tempfile.mkdtemp(prefix="bandleader-serve-soak-"))
    track = pick_track(args.data, scratch)
    print(f"machine load (1/5/15 min) at the start: {os.getloadavg()}, {os.cpu_count()} CPUs")
    store, tmp = scratch / "store", scratch / "tmp"
    tmp.mkdir()
    shipped = load_config(DEFAULT_CONFIG)
    config = write_config(
        scratch / "serve.yaml", store, free_port(), agent=shipped.agent.model_dump(),
        default_family=shipped.default_family.model_dump(),
        families={k: v.model_dump() for k, v in shipped.families.items()},
    )  # fmt: skip
    # the server's own temporary files go to TMPDIR; Ray's session folder stays in /tmp/ray (its socket
    # paths must stay short)
    os.environ.update(BANDLEADER_FEATURE_CACHE=str(scratch / "features"), BANDLEADER_API_RATE_PER_MIN="0",
                      TMPDIR=str(tmp), RAY_TMPDIR="/tmp")  # fmt: skip
    server = start_server(config, store, scratch / "ray.log", num_cpus=args.num_cpus)
    sampler = Sampler(server.proc.pid, args.sample_s)
    tally: dict[str, list[Any]] = {"turns": [], "deletes": []}
    zombies: set[str] = set()
    passing: set[str] = set()
    try:
        sampler.start()
        warm_started = time.monotonic()
        with ThreadPoolExecutor(args.sessions) as pool:  # warm-up: one cycle per client
            warm: dict[str, list[Any]] = {"turns": [], "deletes": []}
            far = time.monotonic() + 3600
            list(
                pool.map(
                    lambda i: run_client(server.url, track, far, i, warm, cycles=1), range(args.sessions)
                )
            )
        warm_at = time.monotonic()
        print(f"warm-up: {len(warm['turns'])} turns in {warm_at - warm_started:.0f} s "
              f"({sum(not ok for _k, _s, ok, _d in warm['turns'])} failed)")  # fmt: skip
        deadline = warm_at + args.minutes * 60
        with ThreadPoolExecutor(args.sessions) as pool:
            list(pool.map(lambda i: run_client(server.url, track, deadline, i, tally), range(args.sessions)))
        soaked = time.monotonic() - warm_at
    finally:
        sampler.stop()
        seen = [
            {f"{pid} {p['name']}" for pid, p in table.items() if p["state"] == "Z"}
            for _t, table in sampler.samples
        ]
        passing = set().union(*seen) if seen else set()
        zombies = {z for before, after in itertools.pairwise(seen) for z in before & after}
        server_sid = server.proc.pid  # started in a session of its own
        server.stop()
    time.sleep(5)
    left_procs = server_processes(server_sid)
    left_files = leftovers(tmp, store)
    rows = growth_report(sampler.samples, warm_at, args.growth_mb, args.growth_frac)
    turns = tally["turns"]
    failed = [(k, d) for k, _s, ok, d in turns if not ok]
    print(f"\nsoak: {args.sessions} clients for {soaked / 60:.1f} min: {len(turns)} turns "
          f"({len(turns) / max(soaked / 60, 1e-9):.1f}/min), {len(failed)} failed, "
          f"{len(tally['deletes'])} sessions deleted")  # fmt: skip
    for kind in dict.fromkeys(k for k, *_ in turns):
        times = sorted(s for k, s, ok, _d in turns if k == kind and ok)
        if times:
            print(
                f"  {kind:9s} n={len(times):4d}  p50 {statistics.median(times):6.1f} s  "
                f"max {times[-1]:6.1f} s"
            )
    for kind, detail in failed[:5]:
        print(f"  failed {kind}: {detail}")
    print(f"\nRSS per process (MB; samples every {args.sample_s:.0f} s; bound: +{args.growth_mb:.0f} MB "
          f"or +{args.growth_frac:.0%} of warm)")  # fmt: skip
    print(f"{'warm':>8} {'end':>8} {'peak':>8} {'growth':>8}  ok   process")
    for r in rows:
        print(f"{r['warm_mb']:8.0f} {r['end_mb']:8.0f} {r['peak_mb']:8.0f} {r['growth_mb']:+8.0f}  "
              f"{'yes' if r['within_bound'] else 'NO ':3s}  {r['pid']} {r['name']}")  # fmt: skip
    total_warm = sum(r["warm_mb"] for r in rows)
    total_end = sum(r["end_mb"] for r in rows)
    print(f"{total_warm:8.0f} {total_end:8.0f} {'':8s} {total_end - total_warm:+8.0f}       (all of them)")
    checks = {
        "no failed turns": not failed,
        "no process grew beyond the bound": bool(rows) and all(r["within_bound"] for r in rows),
        "no zombie processes while serving": not zombies,
        "no server process left after stopping": not left_procs,
        "no leaked temp files, uploads or deleted sessions' files": not left_files,
    }
    print()
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    for line in sorted(zombies)[:5] + left_procs[:5] + left_files[:10]:
        print(f"      {line}")
    if passing - zombies:
        print(f"      (reaped within a sample: {', '.join(sorted(passing - zombies)[:5])})")
    print(f"\nmachine load (1/5/15 min) at the end: {os.getloadavg()}")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "minutes": soaked / 60, "sessions": args.sessions, "turns": len(turns), "failed": len(failed),
            "processes": rows, "zombies": sorted(zombies), "reaped_zombies": sorted(passing - zombies),
            "left_processes": left_procs,
            "left_files": left_files, "checks": checks,
        }, indent=2))  # fmt: skip
    print(f"(scratch: {scratch}; remove it when done)")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
