"""Indexing through a real local Ray (one task per file) gives the same catalogue rows as the process pool.

The test starts its own local Ray inside this process (as tests/serving/test_batch.py does) and the
indexer shuts it down again; the served-cluster tests join their cluster from a fresh subprocess, so
the auth token this process keeps does not matter to them."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.tools.recommend.conftest import REAL
from tools.recommend import Catalogue

pytestmark = [pytest.mark.slow]
ray = pytest.importorskip("ray")

COMPARED = ("name", "sha256", "kind", "duration_s", "tempo_bpm", "key", "mode", "instruments", "vocals",
            "tags", "caption", "features")  # fmt: skip


def _rows(cat: Catalogue) -> dict[str, dict]:
    table = cat._open(create=False)
    return {r["name"]: r for r in table.search().limit(100).to_list()}


def test_ray_indexing_matches_the_process_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = tmp_path / "lib"
    (lib / "sub").mkdir(parents=True)
    shutil.copy(REAL["flute.wav"], lib / "flute.wav")
    shutil.copy(REAL["chorale.mid"], lib / "sub" / "chorale.mid")
    shutil.copy(REAL["jazz.flac"], lib / "jazz.flac")
    (lib / "broken.wav").write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt this is not audio at all" * 20)

    pool = Catalogue(tmp_path / "pool").index(lib, workers=2, backend="processes")  # the usual cache

    ray_cache = tmp_path / "cache-ray"  # a fresh cache: the Ray tasks analyse every file themselves
    monkeypatch.setenv("BANDLEADER_FEATURE_CACHE", str(ray_cache))
    assert not ray.is_initialized()
    seen: list[float] = []
    on_ray = Catalogue(tmp_path / "ray").index(
        lib, workers=2, backend="ray", progress=lambda fraction, message: seen.append(fraction)
    )
    assert not ray.is_initialized()  # the local Ray started for the run was shut down
    assert on_ray.backend == "ray" and pool.backend == "processes"
    assert (on_ray.indexed, on_ray.total) == (pool.indexed, pool.total) == (3, 3)
    assert (
        [Path(s.path).name for s in on_ray.skipped]
        == [Path(s.path).name for s in pool.skipped]
        == ["broken.wav"]
    )
    assert seen and seen[-1] == pytest.approx(1.0)
    assert any(ray_cache.rglob("*")), "the Ray workers wrote no feature sheets"

    a, b = _rows(Catalogue(tmp_path / "pool")), _rows(Catalogue(tmp_path / "ray"))
    assert sorted(a) == sorted(b) == ["chorale.mid", "flute.wav", "jazz.flac"]
    for name in a:
        for column in COMPARED:
            assert a[name][column] == b[name][column], (name, column)
        for column in ("text_vec", "audio_vec", "mood_vec"):
            np.testing.assert_allclose(a[name][column], b[name][column], atol=1e-6)
    assert a["chorale.mid"]["kind"] == "midi" and a["flute.wav"]["kind"] == "audio"  # each file's own row
    assert a["jazz.flac"]["tempo_bpm"] and a["jazz.flac"]["tempo_bpm"] > 60
