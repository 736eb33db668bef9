"""What PostgreSQL costs the workspace index against the embedded SQLite default, in one run.

Starts a throw-away PostgreSQL server on 127.0.0.1 (Debian's ``postgresql``; see
tests/postgres_server.py), then for each backend: opening the workspace (cold: schema set-up),
saving N versions, N "current" look-ups and N/2 undo+redo pairs; then the same saves from two
processes at once on one session (the replicas case; PostgreSQL only, SQLite shown for reference on
one machine). Prints milliseconds per operation and PostgreSQL / SQLite ratios.

    .venv/bin/python benchmarks/state_backends.py [--n 200]

Needs no data set (the file saved is made here).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.workspace import Workspace
from tests.postgres_server import postgres_bin_dir, running_postgres


def _saves(root: str, url: str, source: str, n: int, tag: str) -> None:
    with Workspace(Path(root), database_url=url) as ws:
        s = ws.open_session("bench")
        for i in range(n):
            s.add(Path(source), kind="audio", label=f"{tag}-{i}", parent="current", tool="gain")


def measure(root: Path, url: str, source: Path, n: int) -> dict[str, float]:
    """Milliseconds per operation for one backend (``url`` "" = SQLite under ``root``)."""
    out: dict[str, float] = {}
    t = time.perf_counter()
    ws = Workspace(root, database_url=url)
    out["open (cold, ms)"] = (time.perf_counter() - t) * 1000
    s = ws.create_session("bench")
    s.import_file(source, kind="audio")
    t = time.perf_counter()
    for i in range(n):
        s.add(source, kind="audio", label=f"v{i}", parent="current", tool="gain")
    out["save a version (ms)"] = (time.perf_counter() - t) * 1000 / n
    t = time.perf_counter()
    for _ in range(n):
        s.resolve("current")
    out["resolve current (ms)"] = (time.perf_counter() - t) * 1000 / n
    t = time.perf_counter()
    for _ in range(n // 2):
        s.undo()
        s.redo()
    out["undo + redo (ms)"] = (time.perf_counter() - t) * 1000 / max(1, n // 2)
    ws.close()
    t = time.perf_counter()
    Workspace(root, database_url=url).close()
    out["open (warm, ms)"] = (time.perf_counter() - t) * 1000
    spawn = multiprocessing.get_context("spawn")
    procs = [spawn.Process(target=_saves, args=(str(root), url, str(source), n, f"p{k}")) for k in range(2)]
    t = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    wall = time.perf_counter() - t
    with Workspace(root, database_url=url) as check:
        versions = [a.version for a in check.open_session("bench").history()]
    out["2 processes: versions/s (incl. start)"] = 2 * n / wall
    out["2 processes: versions unique"] = float(len(versions) == len(set(versions)) == 1 + 3 * n)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="operations of each kind (default 200)")
    args = parser.parse_args()
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        print("PostgreSQL is not installed (apt-get install postgresql); nothing to compare.")
        return 1
    with tempfile.TemporaryDirectory(prefix="bandleader-state-bench-") as tmp:
        base = Path(tmp)
        source = base / "take.wav"
        source.write_bytes(b"RIFF" + bytes(range(256)) * 64)  # the index is measured, not decoding
        sqlite = measure(base / "sqlite", "", source, args.n)
        with running_postgres(bin_dir) as server:
            pg = measure(base / "pg", server.create_database("bench"), source, args.n)
    print(f"workspace index, n = {args.n} (same run, same machine)")
    print(f"{'':40s} {'SQLite':>10s} {'PostgreSQL':>11s} {'PG/SQLite':>10s}")
    for key in sqlite:
        ratio = pg[key] / sqlite[key] if sqlite[key] else float("nan")
        print(f"{key:40s} {sqlite[key]:10.2f} {pg[key]:11.2f} {ratio:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
