"""A throw-away PostgreSQL server on 127.0.0.1 for the state tests (Debian's ``postgresql`` package).

``initdb`` into a temporary folder (as the ``postgres`` user when the tests run as root, since the
server refuses to run as root), ``pg_ctl start`` on a free port, trust authentication for local
connections only, and ``pg_ctl stop`` plus removal of the folder afterwards.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PostgresServer:
    """A running server: the URL of its ``postgres`` database and how to make fresh databases."""

    host: str
    port: int
    bin_dir: Path
    data: Path
    as_postgres: tuple[str, ...] = ()

    def url(self, database: str = "postgres") -> str:
        """``postgresql://postgres@127.0.0.1:PORT/database``."""
        return f"postgresql://postgres@{self.host}:{self.port}/{database}"

    def restart(self) -> None:
        """Stops the server (dropping every connection) and starts it again on the same port."""
        subprocess.run(
            [*self.as_postgres, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l",
             str(self.data.parent / "log"), "-m", "fast", "-w", "-t", "60", "restart"],
            check=True, capture_output=True,
        )  # fmt: skip

    def create_database(self, name: str) -> str:
        """Creates an empty database ``name``; returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def postgres_bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<N>/bin`` holding ``initdb``, or None when not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_postgres(bin_dir: Path) -> Iterator[PostgresServer]:
    """Starts a server from ``bin_dir`` in a temporary data folder; stops it and removes the folder."""
    base = Path(tempfile.mkdtemp(prefix="bandleader-pg-"))
    data, sockets = base / "data", base / "sock"
    sockets.mkdir()
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    base.chmod(0o755)
    port = _free_port()
    subprocess.run(
        [*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
         "--no-sync", "-E", "UTF8", "--locale", "C"],
        check=True, capture_output=True,
    )  # fmt: skip
    options = f"-h 127.0.0.1 -p {port} -k {sockets} -c fsync=off -c max_connections=60"
    subprocess.run(
        [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "log"),
         "-w", "-t", "60", "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield PostgresServer(
            host="127.0.0.1", port=port, bin_dir=bin_dir, data=data, as_postgres=tuple(as_postgres)
        )
    finally:
        subprocess.run(
            [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)
