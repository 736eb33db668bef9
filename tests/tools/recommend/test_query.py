"""Reading hard constraints and wishes from words; contradictions are refused."""

from __future__ import annotations

import pytest

from tools.base import ToolError
from tools.recommend.query import SearchFilters, merge_filters, parse_query, where_clause


def test_upbeat_around_120_major_under_3_minutes() -> None:
    q = parse_query("an upbeat track around 120 BPM in a major key, under 3 minutes")
    assert q.filters.tempo_min_bpm == pytest.approx(114.0)
    assert q.filters.tempo_max_bpm == pytest.approx(126.0)
    assert q.filters.mode == "major" and q.filters.key is None
    assert q.filters.duration_max_s == 180.0
    assert q.wishes == ["energetic"]


def test_key_instruments_vocals() -> None:
    q = parse_query("something in F# minor with violin and no drums, instrumental")
    assert q.filters.key == "F# minor"
    assert q.filters.instruments == ["strings"] and q.filters.exclude_instruments == ["drums"]
    assert q.filters.vocals is False
    assert "key_signature = 'A'" in (where_clause(q.filters) or "")  # F# minor shares A major's notes


def test_ranges_and_calm_words() -> None:
    q = parse_query("calm piano between 60 and 80 bpm, longer than 2 minutes, with vocals")
    assert (q.filters.tempo_min_bpm, q.filters.tempo_max_bpm) == (60.0, 80.0)
    assert q.filters.duration_min_s == 120.0 and q.filters.vocals is True
    assert q.filters.instruments == ["piano"] and q.wishes == ["calm"]


def test_article_a_is_not_the_note_a() -> None:
    assert parse_query("a minor key ballad").filters.mode == "minor"
    assert parse_query("a major change of pace").filters.key is None
    assert parse_query("in A major").filters.key == "A major"


@pytest.mark.parametrize(
    "text",
    [
        "with vocals, instrumental only",
        "under 60 bpm and over 100 bpm",
        "D minor in a major key",
        "with drums but no drums",
        "shorter than 1 minute and longer than 2 minutes",
        "in C major or in E minor",
    ],
)
def test_contradictions_are_refused(text: str) -> None:
    with pytest.raises(ToolError) as err:
        parse_query(text)
    assert err.value.code == "contradictory_filters"


def test_merge_intersects_and_refuses_conflicts() -> None:
    merged = merge_filters(parse_query("around 100 bpm").filters, SearchFilters(tempo_max_bpm=102))
    assert (merged.tempo_min_bpm, merged.tempo_max_bpm) == (95.0, 102.0)
    with pytest.raises(ToolError):
        merge_filters(parse_query("with vocals").filters, SearchFilters(vocals=False))
    with pytest.raises(ToolError):
        merge_filters(SearchFilters(), SearchFilters(instruments=["kazoo"]))


def test_a_mode_said_without_a_note() -> None:
    f = parse_query("anything between 90 and 100 bpm thats in minor?").filters
    assert f.mode == "minor" and f.key is None and (f.tempo_min_bpm, f.tempo_max_bpm) == (90.0, 100.0)
    assert parse_query("sad songs in minor keys").filters.mode == "minor"
    assert parse_query("something in a minor").filters.key == "A minor"  # the note, said with 'in'
    assert parse_query("a tune with a minor third hook").filters.mode is None
