"""Filters stay exact on an IVF-indexed catalogue: a search first probes a few partitions, and a filter
that few tracks meet must still find every one of them (the search then reads all partitions).

The catalogue is made here: 3,000 rows with spread tempos, lengths, keys and vocals, captions embedded
by MiniLM, and partitions of 250 rows (PARTITION_ROWS is lowered so 3,000 rows make about 12 of them,
and one partition is probed first)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tools.recommend import Catalogue, SearchFilters
from tools.recommend import catalogue as catalogue_module
from tools.recommend.features import signature_of
from tools.recommend.store import catalogue_info, open_table, schema, set_catalogue_info
from tools.recommend.vectors import AUDIO_DIM, text_vectors

N = 3000
KEYS = [f"{t} {m}" for t in ("C", "D", "E", "F", "G", "A", "Bb") for m in ("major", "minor")]
CAPTIONS = [
    "calm solo piano, slow and quiet",
    "energetic drums and bass dance track",
    "a string quartet playing a slow movement",
    "acoustic guitar and a singing voice",
    "bright brass fanfare",
    "dark ambient synth pads",
]

QUERIES = ["music for a study session", "a soundtrack for a road trip", "a dance track for a party"]
"""Words that parse into no hard constraint (the filters are given apart)."""


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict]]:
    """(catalogue path, rows by path) of an indexed catalogue of N rows."""
    import pyarrow as pa

    rng = np.random.default_rng(7)
    base = text_vectors(CAPTIONS)
    src = rng.integers(0, len(CAPTIONS), N)
    text = base[src] + rng.normal(0, 0.05, (N, base.shape[1])).astype(np.float32)
    text /= np.linalg.norm(text, axis=1, keepdims=True)
    keys = [KEYS[i] for i in rng.integers(0, len(KEYS), N)]
    rows = {
        "path": [f"/made/{i:05d}.wav" for i in range(N)],
        "name": [f"{i:05d}.wav" for i in range(N)],
        "root": ["/made"] * N,
        "sha256": [f"{i:064x}" for i in range(N)],
        "size": [1000] * N,
        "mtime": [0.0] * N,
        "kind": ["audio"] * N,
        "duration_s": rng.uniform(20, 400, N).round(2),
        "tempo_bpm": rng.uniform(60, 180, N).round(1),
        "key": keys,
        "mode": [k.split()[1] for k in keys],
        "key_signature": [signature_of(k) for k in keys],
        "loudness_lufs": rng.uniform(-30, -8, N),
        "energy": rng.uniform(0, 1, N),
        "valence": rng.uniform(0, 1, N),
        "instruments": [",piano," if s == 0 else ",drums,bass," if s == 1 else ",strings," for s in src],
        "vocals": [("vocals", "instrumental")[i] for i in rng.integers(0, 2, N)],
        "tags": [","] * N,
        "caption": [CAPTIONS[s] for s in src],
        "features": ["{}"] * N,
    }
    vectors = {
        "text_vec": text,
        "audio_vec": rng.uniform(0, 1, (N, AUDIO_DIM)).astype(np.float32),
        "mood_vec": rng.uniform(0, 1, (N, 3)).astype(np.float32),
    }
    sch = schema()
    cols = {
        f.name: pa.FixedSizeListArray.from_arrays(pa.array(vectors[f.name].reshape(-1)), f.type.list_size)
        if f.name in vectors
        else pa.array(rows[f.name], type=f.type)
        for f in sch
    }
    path = tmp_path_factory.mktemp("indexed") / "cat"
    open_table(path, create=True).add(pa.table(cols, schema=sch))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(catalogue_module, "PARTITION_ROWS", 250)
        built = Catalogue(path).optimize(force=True)
    assert {"text_vec", "audio_vec", "tempo_bpm", "duration_s", "key_signature"} <= set(built)
    kept = ("tempo_bpm", "duration_s", "key", "vocals", "instruments")
    by_path = {p: {k: rows[k][i] for k in kept} for i, p in enumerate(rows["path"])}
    return path, by_path


def meets(row: dict, f: SearchFilters) -> bool:
    """Whether a made row meets ``f`` (the key by its signature: a relative key counts)."""
    return (
        (f.tempo_min_bpm is None or row["tempo_bpm"] >= f.tempo_min_bpm)
        and (f.tempo_max_bpm is None or row["tempo_bpm"] <= f.tempo_max_bpm)
        and (f.duration_min_s is None or row["duration_s"] >= f.duration_min_s)
        and (f.duration_max_s is None or row["duration_s"] <= f.duration_max_s)
        and (f.key is None or signature_of(row["key"]) == signature_of(f.key))
        and (f.vocals is None or row["vocals"] == ("vocals" if f.vocals else "instrumental"))
        and all(f",{i}," in row["instruments"] for i in f.instruments)
        and not any(f",{i}," in row["instruments"] for i in f.exclude_instruments)
    )


@pytest.fixture()
def one_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    """Searches probe one partition first (of about 12)."""
    monkeypatch.setattr(catalogue_module, "PARTITION_ROWS", 250)
    monkeypatch.setattr(catalogue_module, "NPROBES", 1)
    monkeypatch.setattr(catalogue_module, "NPROBE_SHARE", 0.0)


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(tempo_min_bpm=90, tempo_max_bpm=110),
        SearchFilters(duration_max_s=60),
        SearchFilters(key="D minor", vocals=False),
        SearchFilters(tempo_min_bpm=120, duration_min_s=200, key="G major"),
        SearchFilters(instruments=["bass"], tempo_max_bpm=100),
        SearchFilters(exclude_instruments=["piano", "strings"], vocals=True),
        SearchFilters(instruments=["drums"], exclude_instruments=["bass"]),  # no track: nearest instead
    ],
)
def test_every_result_meets_the_filters(indexed, one_probe, filters: SearchFilters) -> None:
    path, rows = indexed
    found = Catalogue(path).search("music for a study session", filters=filters, k=10)
    matching = sum(meets(r, filters) for r in rows.values())
    if matching == 0:
        assert not found.exact and len(found.results) == 10
        return
    assert found.exact and len(found.results) == min(10, matching)
    for r in found.results:
        assert meets(rows[r.path], filters), (r.path, rows[r.path])


def test_a_narrow_filter_finds_every_track_that_meets_it(indexed, one_probe) -> None:
    """A tempo window and a key that only a handful of the 3,000 rows meet: all of them come back,
    wherever their partitions are."""
    path, rows = indexed
    filters = SearchFilters(tempo_min_bpm=100, tempo_max_bpm=104, key="E minor", vocals=True)
    want = {p for p, r in rows.items() if meets(r, filters)}
    assert 2 <= len(want) <= 10  # few, and more than one partition is likely to hold them
    for words in QUERIES:  # whatever the words, the same tracks meet the filter
        found = Catalogue(path).search(words, filters=filters, k=10)
        assert found.exact and {r.path for r in found.results} == want


def test_text_search_without_filters_returns_the_nearest_captions(indexed, one_probe) -> None:
    path, _ = indexed
    found = Catalogue(path).search("a dance track for a party", k=10)
    assert len(found.results) == 10
    assert all(r.caption == "energetic drums and bass dance track" for r in found.results)


def test_vector_indexes_of_an_older_layout_are_rebuilt(indexed, monkeypatch) -> None:
    """optimize records how the vector indexes were built; a catalogue without that record (indexes
    made before PARTITION_ROWS) gets new ones, and one with it is left alone."""
    path, _ = indexed
    monkeypatch.setattr(catalogue_module, "PARTITION_ROWS", 250)
    assert catalogue_info(path)["vector_index"] == catalogue_module.INDEX_LAYOUT
    assert Catalogue(path).optimize(force=False, compact=False) == []  # under INDEX_MIN_ROWS: nothing
    set_catalogue_info(path, vector_index=None)
    monkeypatch.setattr(catalogue_module, "INDEX_MIN_ROWS", 1000)
    assert Catalogue(path).optimize(compact=False) == ["text_vec", "audio_vec"]
    assert catalogue_info(path)["vector_index"] == catalogue_module.INDEX_LAYOUT
    assert Catalogue(path).optimize(compact=False) == []


def test_instrument_filters_read_the_recorded_values_of_this_version_only(indexed, one_probe) -> None:
    """optimize records every instruments value with the table version; rows added after it (a new
    version) are still found by an instrument filter, before the next optimize records them."""
    import pyarrow as pa

    path, _ = indexed
    recorded = catalogue_info(path)["instrument_values"]
    assert recorded["values"] == [",drums,bass,", ",piano,", ",strings,"]
    table = Catalogue(path)._open(create=False)
    assert recorded["version"] == table.version
    organ = Catalogue(path).search("music for a study session", filters=SearchFilters(instruments=["organ"]))
    assert not organ.exact  # no organ yet
    new = table.search().limit(3).to_arrow()
    new = new.set_column(
        new.schema.get_field_index("path"), "path", pa.array([f"/made/organ{i}.wav" for i in range(3)])
    )
    new = new.set_column(new.schema.get_field_index("instruments"), "instruments", pa.array([",organ,"] * 3))
    table.add(new.select(schema().names))
    found = Catalogue(path).search("music for a study session", filters=SearchFilters(instruments=["organ"]))
    assert found.exact and sorted(r.path for r in found.results) == [f"/made/organ{i}.wav" for i in range(3)]
