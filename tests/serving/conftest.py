"""A real uvicorn server on a free 127.0.0.1 port around the API, and small generated audio files."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from tests.agent.conftest import write_song


@dataclass
class Served:
    """A running API: its base URL and the backend behind it."""

    url: str
    backend: object
    home: Path


def serve(app: object) -> tuple[uvicorn.Server, threading.Thread, str]:
    """Starts ``app`` on a free 127.0.0.1 port in a thread; returns the server, thread and URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"


def stop(server: uvicorn.Server, thread: threading.Thread) -> None:
    """Stops a server started by :func:`serve`."""
    server.should_exit = True
    thread.join(timeout=15)


def start_api(home: Path, **settings: object) -> Iterator[Served]:
    """The API on an in-process agent at ``home`` with ``settings`` overrides, for one test."""
    from serving.api.app import build_app
    from serving.api.backend import InProcessBackend
    from serving.api.settings import ApiSettings

    backend = InProcessBackend.at(home)
    app = build_app(backend, ApiSettings(**settings))
    server, thread, url = serve(app)
    try:
        yield Served(url=url, backend=backend, home=home)
    finally:
        stop(server, thread)


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Served]:
    """An API without keys (the local user)."""
    yield from start_api(tmp_path / "home", rate_per_minute=0)


@pytest.fixture
def keyed_api(tmp_path: Path) -> Iterator[Served]:
    """An API with two keys, "key-alice" and "key-bob", a 1 MB upload limit and 2 files a message."""
    yield from start_api(
        tmp_path / "home", api_keys=["key-alice", "key-bob"], max_upload_bytes=1_000_000, max_files=2,
        rate_per_minute=0, upload_dir=tmp_path / "uploads",
    )  # fmt: skip


@pytest.fixture
def song(tmp_path: Path) -> Path:
    return write_song(tmp_path / "song.wav", seconds=3.0)


def client(url: str, key: str | None = None) -> httpx.Client:
    """An HTTP client for ``url`` sending ``key`` as a Bearer token."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=url, headers=headers, timeout=120)
