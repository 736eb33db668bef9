"""The HTTP API (InProcessBackend) with its state in a real PostgreSQL server.

Two API servers on one shared home and one database stand for two replicas behind a load balancer:
what one creates, the other lists, continues, undoes and serves, and each key still sees only its
own sessions.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pyloudnorm
import pytest
import soundfile as sf

from tests.postgres_server import PostgresServer
from tests.serving.conftest import Served, client, start_api

pytestmark = pytest.mark.slow


def _lufs(data: bytes) -> float:
    audio, sr = sf.read(io.BytesIO(data))
    return float(pyloudnorm.Meter(sr).integrated_loudness(audio))


@pytest.fixture
def pg_url(postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh database, selected for everything in this test through BANDLEADER_DATABASE_URL."""
    url = postgres_server.create_database(f"api_{uuid.uuid4().hex[:12]}")
    monkeypatch.setenv("BANDLEADER_DATABASE_URL", url)
    return url


@pytest.fixture
def two_replicas(pg_url: str, tmp_path: Path) -> Iterator[tuple[Served, Served]]:
    settings = {"api_keys": ["key-alice", "key-bob"], "rate_per_minute": 0, "upload_dir": tmp_path / "up"}
    first = start_api(tmp_path / "home", **settings)
    second = start_api(tmp_path / "home", **settings)
    a, b = next(first), next(second)
    try:
        yield a, b
    finally:
        for gen in (first, second):
            gen.close()
        for served in (a, b):
            served.backend.agent.close()  # type: ignore[attr-defined]


def test_api_on_postgres_serves_one_session_from_two_replicas(
    two_replicas: tuple[Served, Served], song: Path, pg_url: str
) -> None:
    one, two = two_replicas
    with client(one.url, "key-alice") as alice_1, client(two.url, "key-alice") as alice_2:
        sid = alice_1.post("/v1/sessions", json={"title": "on postgres"}).json()["id"]
        r = alice_1.post(
            f"/v1/sessions/{sid}/messages", data={"text": "make it 6 dB louder"},
            files=[("files", ("song.wav", song.read_bytes(), "audio/wav"))],
        )  # fmt: skip
        assert r.status_code == 200 and r.json()["ok"], r.text
        upload, louder = r.json()["artifacts"]

        assert [s["id"] for s in alice_2.get("/v1/sessions").json()["sessions"]] == [sid]
        r2 = alice_2.post(f"/v1/sessions/{sid}/messages", data={"text": "make it 3 dB quieter"})
        assert r2.status_code == 200 and r2.json()["ok"], r2.text
        quieter = r2.json()["current"]
        assert quieter["parent"] == louder["id"] and quieter["version"] == 3

        got = alice_1.get(f"/v1/artifacts/{quieter['id']}")  # replica 1 serves replica 2's file
        assert got.status_code == 200
        gained = alice_1.get(f"/v1/artifacts/{louder['id']}").content
        assert _lufs(got.content) - _lufs(gained) == pytest.approx(-3.0, abs=0.3)

        assert alice_2.post(f"/v1/sessions/{sid}/undo").json()["id"] == louder["id"]
        versions = alice_1.get(f"/v1/sessions/{sid}/versions").json()
        assert [v["version"] for v in versions["versions"]] == [1, 2, 3]
        assert versions["current"]["id"] == louder["id"]

        with client(two.url, "key-bob") as bob:
            assert bob.get("/v1/sessions").json()["sessions"] == []
            assert bob.get(f"/v1/artifacts/{upload['id']}").status_code == 404
            assert bob.delete(f"/v1/sessions/{sid}").status_code == 404

        assert alice_2.delete(f"/v1/sessions/{sid}").status_code == 204
        assert alice_1.get(f"/v1/sessions/{sid}/versions").status_code == 404
    assert not (one.home / "workspace.db").exists() and not (one.home / "checkpoints.db").exists()
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0
