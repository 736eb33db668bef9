"""Everyday phrasings from issue 13 become the right calls (planned in a song session, run nothing)."""

from __future__ import annotations

from typing import Any

import pytest

from agent.planners.dry_run import dry_plan
from agent.planners.local import default_local_planner
from agent.planners.phrasings.score import arguments_match, judge
from agent.planners.slots import compound_numbers, key_request

SONG_CASES: list[tuple[str, list[tuple[str, dict[str, Any]]]]] = [
    ("speed it up to 95", [("song_tempo", {"bpm": 95.0})]),
    ("make it faster, 110 BPM", [("song_tempo", {"bpm": 110.0})]),
    ("make it ninety five bpm", [("song_tempo", {"bpm": 95.0})]),
    ("transpose it up a whole step", [("song_key", {"key": "up 2 semitones"})]),
    ("put it a semitone higher", [("song_key", {"key": "up 1 semitones"})]),
    ("take the drums out", [("song_instrument", {"action": "remove", "instrument": "drums"})]),
    ("add a piano too", [("song_instrument", {"action": "add", "instrument": "piano"})]),
    (
        "swap the electric piano for an organ",
        [("song_instrument", {"action": "swap", "instrument": "electric piano", "new_instrument": "organ"})],
    ),
    ("redo the chorus, I don't like it", [("song_regenerate", {"section": "chorus"})]),
    ("go back to the very first version", [("select_version", {"version": "version:1"})]),
    ("actually go back to the first one", [("select_version", {"version": "version:1"})]),
    ("undo the last two changes", [("undo", {}), ("undo", {})]),
]


@pytest.mark.parametrize(("message", "expected"), SONG_CASES)
def test_issue_examples(message: str, expected: list[tuple[str, dict[str, Any]]]) -> None:
    plan = dry_plan(default_local_planner(), message, "song")
    assert [c["tool"] for c in plan["calls"]] == [t for t, _ in expected], plan
    for (tool, want), got in zip(expected, plan["calls"], strict=True):
        assert arguments_match(tool, want, got["arguments"]), (want, got["arguments"])
    assert plan["question"] is None


def test_questions_about_the_track() -> None:
    planner = default_local_planner()
    assert [c["tool"] for c in dry_plan(planner, "roughly how many beats per minute?", "audio")["calls"]] == [
        "answer_question"
    ]
    assert [c["tool"] for c in dry_plan(planner, "how long is the track?", "audio")["calls"]] == [
        "describe_audio"
    ]


def test_opposite_tempo_changes_still_ask() -> None:
    plan = dry_plan(default_local_planner(), "faster and slower", "song")
    assert plan["calls"] == [] and "opposite" in plan["reply"]


def test_number_words_and_key_requests() -> None:
    assert compound_numbers("ninety five bpm") == "95 bpm"
    assert compound_numbers("a hundred and twenty") == "120"
    assert key_request("take it down a half step") == "down 1 semitones"
    assert key_request("in E flat major") == "Eb major"
    assert key_request("make it minor") == "minor"
    assert key_request("make it nicer") is None


def test_scoring_treats_equivalent_arguments_as_equal() -> None:
    assert arguments_match("song_tempo", {"change_bpm": -10}, {"change_bpm": 10, "direction": "slower"})
    assert not arguments_match("song_tempo", {"bpm": 95}, {"direction": "faster"})
    assert arguments_match("song_key", {"key": "Bb major"}, {"key": "put it in B flat major"})
    said = {"track": "electric piano", "section": "the second verse", "song": "@c1"}
    assert arguments_match("song_mute", {"track": "keys", "section": "verse 2"}, said)
    assert arguments_match("compose", {"tempo_bpm": 105, "key": "E minor"},
                           {"prompt": "a funky groove in E minor at 105 bpm"})  # fmt: skip
    assert not arguments_match("compose", {"tempo_bpm": 105}, {"prompt": "a funky groove at 120 bpm"})
    # the search filters the recommender reads from its query count as given; a wrong one does not
    q = "calm tracks between 70 and 80 bpm, nothing with singing"
    assert arguments_match("recommend", {"query": q, "filters": {"tempo_min_bpm": 70, "tempo_max_bpm": 80}},
                           {"query": q})  # fmt: skip
    assert not arguments_match("recommend", {"query": q}, {"query": q, "filters": {"mode": "minor"}})
    # the voice alone or everything but it plays the same from a two- or a four-stem split; drums do not
    assert arguments_match("separate", {"keep": ["vocals"]}, {"keep": ["vocals"], "layout": "two"})
    assert not arguments_match("separate", {"keep": ["drums"]}, {"keep": ["vocals"]})
    assert not arguments_match("separate", {}, {"layout": "two"})
    # the song tools read 'breakdown' as a break; one stem with its gain or one effect is a list of one
    assert arguments_match("song_add_section", {"section": "breakdown", "after": "chorus 2"},
                           {"section": "break", "after": "the second chorus"})  # fmt: skip
    assert not arguments_match("song_add_section", {"section": "bridge"}, {"section": "break"})
    assert arguments_match("remix_stems", {"gains_db": {"drums": -6}}, {"stem": "drums", "gain_db": -6})
    assert not arguments_match("remix_stems", {"gains_db": {"drums": -6}}, {"stem": "drums", "gain_db": 6})
    assert arguments_match("effects", {"effects": [{"name": "delay"}], "stem": "vocals"},
                           {"effect": "delay", "stem": "vocals"})  # fmt: skip
    strong = {"effects": [{"name": "delay", "amount": 0.9}]}
    assert not arguments_match("effects", strong, {"effect": "delay"})
    row = {"calls": [], "question": True}
    assert judge(row, {"calls": [], "question": "Which key?"}).exact
    assert not judge(row, {"calls": [{"tool": "song_key", "arguments": {}}], "question": None}).exact


@pytest.mark.parametrize(
    ("message", "context", "tool", "want"),
    [
        ("the bass is too quiet, bring it up", "song", "song_mix", {"track": "bass", "gain_db": 3.0}),
        ("i can barely hear the keys, turn them up", "song", "song_mix", {"track": "keys", "gain_db": 3.0}),
        ("bass up 4 db", "song", "song_mix", {"track": "bass", "gain_db": 4.0}),
        # on an upload the bass is a stem: separated, then raised in the remix
        ("the bass is too quiet, bring it up", "audio", "remix_stems", {"stem": "bass", "gain_db": 3.0}),
        ("make it louder", "song", "gain", {"gain_db": 3.0}),
    ],
)
def test_a_named_instrument_in_a_song_is_its_track_in_the_mix(
    message: str, context: str, tool: str, want: dict[str, Any]
) -> None:
    plan = dry_plan(default_local_planner(), message, context)
    assert [c["tool"] for c in plan["calls"]] == [tool], plan
    assert arguments_match(tool, want, plan["calls"][0]["arguments"]), plan


@pytest.mark.parametrize("context", ["none", "song"])
def test_a_described_new_piece_is_composed_even_in_a_song(context: str) -> None:
    message = "make a 30 second funky groove in E minor at 105 bpm with bass, drums and electric piano"
    plan = dry_plan(default_local_planner(), message, context)
    assert [c["tool"] for c in plan["calls"]] == ["compose"], plan
    assert arguments_match("compose", {"tempo_bpm": 105, "key": "E minor"}, plan["calls"][0]["arguments"])
    edit = dry_plan(default_local_planner(), "make it 95 bpm and add a piano", "song")
    assert [c["tool"] for c in edit["calls"]] == ["song_tempo", "song_instrument"], edit
