"""Typing slips put right before a request is read (agent/planners/spelling.py), and what is never touched."""

from __future__ import annotations

import pytest

from agent.planners.dry_run import dry_plan
from agent.planners.local import LocalPlanner
from agent.planners.spelling import correct_spelling, corrected_word


@pytest.mark.parametrize(
    ("slip", "word"),
    [
        ("fasetr", "faster"),  # neighbours swapped
        ("brigde", "bridge"),
        ("mintues", "minutes"),
        ("chorsues", "choruses"),
        ("vioiln", "violin"),
        ("colletcion", "collection"),
        ("trumpett", "trumpet"),  # a letter doubled
        ("secnds", "seconds"),  # a letter left out
        ("guitsr", "guitar"),  # a neighbouring key
    ],
)
def test_a_slip_is_put_right_to_the_word_meant(slip: str, word: str) -> None:
    assert corrected_word(slip) == word


@pytest.mark.parametrize(
    "word",
    ["signing", "faster", "tempo", "diff", "bruh", "jare", "thats", "lofi", "karaoke", "Tycho", "xyzzyq"],
)
def test_known_words_short_words_and_far_strings_are_left_alone(word: str) -> None:
    assert correct_spelling(f"make it {word}") == f"make it {word}"


def test_names_quotes_file_names_and_lyrics_keep_their_spelling() -> None:
    assert correct_spelling("something like Tycho but fasetr") == "something like Tycho but faster"
    assert correct_spelling('call it "Moonlite Drvie" and make it fasetr') == (
        'call it "Moonlite Drvie" and make it faster'
    )
    assert correct_spelling("name it Moonlite") == "name it Moonlite"
    assert correct_spelling("louder on my_mixx_final.wav") == "louder on my_mixx_final.wav"
    lyrics = "add lyrics: oohh babby i lvoe you tonihgt"
    assert correct_spelling(lyrics) == lyrics


def test_case_is_kept_where_the_word_is_put_right() -> None:
    assert correct_spelling("MAKE IT FASETR NOW") == "MAKE IT FASTER NOW"
    assert correct_spelling("Fasetr please") == "Faster please"


@pytest.mark.parametrize(
    ("context", "message", "tool", "arguments"),
    [
        ("song", "stick a brigde in after the first verse", "song_add_section", {"section": "bridge"}),
        ("song", "make it fasetr", "song_tempo", {"direction": "faster"}),
        ("audio", "raise the pitch by a seimtone", "pitch_shift", {"semitones": 1}),
        ("audio", "chop the last 8 seocnds off", "trim", {}),
        ("song", "throw a turmpet in there somewhere", "song_instrument", {"instrument": "trumpet"}),
        ("none", "dig up some high energy stuff from my libarry for running", "recommend", {}),
    ],
)
def test_a_request_with_a_slip_is_planned_as_the_same_request_typed_right(
    context: str, message: str, tool: str, arguments: dict[str, object]
) -> None:
    plan = dry_plan(LocalPlanner(), message, context)
    assert [c["tool"] for c in plan["calls"]] == [tool]
    for name, value in arguments.items():
        assert plan["calls"][0]["arguments"].get(name) == value
