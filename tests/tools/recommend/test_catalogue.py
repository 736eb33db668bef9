"""Indexing a real + rendered library and finding the right tracks in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools.base import ToolError
from tools.recommend import Catalogue, SearchFilters

pytestmark = pytest.mark.slow


def names(found) -> list[str]:
    return [r.name for r in found.results]


def test_index_reports_what_it_did(catalogue_path: Path, library: Path) -> None:
    report = Catalogue(catalogue_path).index(library, workers=1)  # second run: nothing changed
    assert report.indexed == 0 and report.unchanged == 6 and report.removed == []
    assert [Path(s.path).name for s in report.skipped] == ["notes.mp3"]
    assert "not audio" in report.skipped[0].reason
    assert report.total == 6


def test_calm_piano_finds_the_piano_piece(catalogue_path: Path) -> None:
    found = Catalogue(catalogue_path).search("something calm with piano for a study video", k=3)
    assert found.exact and found.results[0].name == "calm_piano.wav"
    top = found.results[0]
    assert top.tempo_bpm == pytest.approx(76, abs=2) and top.key == "D minor"
    assert "piano" in top.reason and "76 BPM" in top.reason and "D minor" in top.reason


def test_tempo_range_and_instruments(catalogue_path: Path) -> None:
    found = Catalogue(catalogue_path).search("energetic drums and bass around 128 BPM", k=5)
    assert names(found) == ["dance_drums_bass.wav"]
    assert found.results[0].tempo_bpm == pytest.approx(128, abs=2)
    assert "drums" in found.results[0].instruments


def test_key_filter(catalogue_path: Path) -> None:
    found = Catalogue(catalogue_path).search("something in D minor", k=5)
    assert found.results and all(r.key in ("D minor", "F major") for r in found.results)
    assert found.results[0].name == "calm_piano.wav"


def test_vocals_filter_finds_the_singer(catalogue_path: Path) -> None:
    found = Catalogue(catalogue_path).search("a track with vocals", k=5)
    assert names(found)[0] == "voice.flac"
    assert all(r.vocals == "vocals" for r in found.results)


def test_explicit_filters_and_pagination(catalogue_path: Path) -> None:
    cat = Catalogue(catalogue_path)
    page1 = cat.search(filters=SearchFilters(tempo_min_bpm=60, tempo_max_bpm=200), k=2)
    page2 = cat.search(filters=SearchFilters(tempo_min_bpm=60, tempo_max_bpm=200), k=2, offset=2)
    assert len(page1.results) == 2 and page2.results
    assert not set(names(page1)) & set(names(page2))
    assert page2.results[0].rank == 3


def test_more_like_this(catalogue_path: Path, library: Path) -> None:
    found = Catalogue(catalogue_path).search(like=library / "generated" / "calm_piano.wav", k=3)
    assert "calm_piano.wav" not in names(found)  # the example itself is not a result
    assert found.mode == "like" and "like calm_piano.wav" in found.results[0].reason


def test_no_match_says_so_and_offers_nearest(catalogue_path: Path) -> None:
    found = Catalogue(catalogue_path).search("heavy metal at 200 bpm", k=3)
    assert not found.exact and len(found.results) == 3
    assert found.message.startswith("Nothing in the catalogue is 192-208 BPM")
    assert all("slower than asked" in r.reason for r in found.results)


def test_contradictory_filters_are_an_error(catalogue_path: Path) -> None:
    with pytest.raises(ToolError, match="vocals and for an instrumental"):
        Catalogue(catalogue_path).search("instrumental with vocals")
    with pytest.raises(ToolError, match="tempo limits contradict"):
        Catalogue(catalogue_path).search("piano", filters={"tempo_min_bpm": 120, "tempo_max_bpm": 90})


def test_not_a_catalogue(tmp_path: Path, library: Path) -> None:
    with pytest.raises(ToolError) as err:
        Catalogue(library).search("piano")
    assert err.value.code == "not_catalogue"
    with pytest.raises(ToolError) as err:
        Catalogue(tmp_path / "nothing-here").search("piano")
    assert err.value.code == "no_catalogue"
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ToolError):
        Catalogue(tmp_path / "a-file")


def test_empty_library(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    cat = Catalogue(tmp_path / "cat")
    report = cat.index(tmp_path / "empty")
    assert report.indexed == 0 and report.total == 0
    with pytest.raises(ToolError, match="catalogue is empty"):
        cat.search("piano")


def test_incremental_reindex_skips_adds_and_drops(tmp_path: Path, library: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(library / "generated" / "calm_piano.wav", lib / "a.wav")
    shutil.copy(library / "chorale.mid", lib / "b.mid")
    cat = Catalogue(tmp_path / "cat")
    first = cat.index(lib, workers=1)
    assert (first.indexed, first.unchanged, first.total) == (2, 0, 2)
    (lib / "b.mid").unlink()
    shutil.copy(library / "generated" / "dance_drums_bass.wav", lib / "c.wav")
    shutil.copy(library / "jazz.flac", lib / "d.flac")
    second = cat.index(lib, workers=2)  # the process pool
    assert (second.indexed, second.unchanged, second.total) == (2, 1, 3)
    assert [Path(p).name for p in second.removed] == ["b.mid"]
    (lib / "a.wav").touch()  # newer time, same bytes: re-hashed, not re-analysed
    third = cat.index(lib, workers=1)
    assert (third.indexed, third.unchanged) == (0, 3)
    found = cat.search("drums and bass around 128 bpm", k=3)
    assert found.results[0].name == "c.wav"


def test_duplicates_are_suppressed(tmp_path: Path, library: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    for i in range(3):  # three copies of one piece and one other track
        shutil.copy(library / "generated" / "calm_piano.wav", lib / f"copy{i}.wav")
    shutil.copy(library / "generated" / "dance_drums_bass.wav", lib / "dance.wav")
    cat = Catalogue(tmp_path / "cat")
    cat.index(lib, workers=1)
    found = cat.search("calm piano in D minor", k=4)
    assert sum(n.startswith("copy") for n in names(found)) == 1


def test_video_query(catalogue_path: Path) -> None:
    video = Path(__file__).resolve().parents[2] / "data" / "video" / "bikes.mp4"
    found = Catalogue(catalogue_path).search(video=video, k=3)
    assert found.mode == "video" and len(found.results) == 3
    assert all("fits the video" in r.reason and "picture" in r.reason for r in found.results)
    calm = Catalogue(catalogue_path).search("calm", video=video, k=1)
    assert calm.results[0].energy < 0.5


def test_indexed_search_on_a_larger_catalogue(catalogue_path: Path, tmp_path: Path) -> None:
    """IVF_SQ and scalar indexes (built here from 300 rows instead of INDEX_MIN_ROWS): text, like and a
    narrow filter still find the right tracks (a filter that few rows meet probes more partitions)."""
    import numpy as np

    from tools.recommend.store import open_table

    rows = Catalogue(catalogue_path)._open(create=False).search().limit(10).to_list()
    rng = np.random.default_rng(0)
    copies = []
    for i in range(300):
        r = dict(rows[i % len(rows)])
        r["path"], r["sha256"] = f"/synthetic/{i:04d}/{r['name']}", f"{i:064x}"
        r["text_vec"] = list(np.asarray(r["text_vec"]) + rng.normal(0, 0.02, len(r["text_vec"])))
        r["audio_vec"] = list(np.asarray(r["audio_vec"]) + rng.normal(0, 0.02, len(r["audio_vec"])))
        copies.append(r)
    big = tmp_path / "big"
    open_table(big, create=True).add(copies)
    cat = Catalogue(big)
    built = cat.optimize(force=True)
    assert {"text_vec", "audio_vec", "path", "tempo_bpm", "key_signature"} <= set(built)
    found = cat.search("something calm with piano", k=5)
    assert found.exact and found.results[0].name == "calm_piano.wav"
    assert all("piano" in r.instruments for r in found.results)
    like = cat.search(like="/synthetic/0007/" + rows[7 % len(rows)]["name"], k=3)
    assert like.results and like.results[0].name == rows[7 % len(rows)]["name"]
    narrow = cat.search("in D minor, 71-81 bpm", k=10)
    assert narrow.exact and len(narrow.results) == 10
    assert all(r.key in ("D minor", "F major") and 71 <= r.tempo_bpm <= 81 for r in narrow.results)
