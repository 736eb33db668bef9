"""What people type instead of words (agent/planners/typed_forms.py): emoji, command-line pairs, a number
corrected halfway, dictated homophones and courtesies, said in the words the planner reads."""

from __future__ import annotations

import pytest

from agent.planners.slots import normalise_text
from agent.planners.typed_forms import number_corrected, plain_typed_forms


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("🥁❌ intro", "mute the drums in the intro"),
        ("🚫🎷", "mute the saxophone"),
        ("this is giving 🐢", "this is too slow"),
        ("tempo=96 key=F#m", "96 bpm, key F#m"),
        ("convert fmt=flac sr=48000", "convert flac, 48000 hz"),
        ("score_video no_drums", "score video no drums"),
        ("turn the bass up for db", "turn the bass up 4 db"),
        ("fade in for to seconds", "fade in for 2 seconds"),
        ("Kindly do the needful: make it slower", "make it slower"),
        ("kindly send the stems", "please send the stems"),
        ("make e no too fast o", "make e no too fast"),
    ],
)
def test_typed_forms_are_said_in_words(typed: str, said: str) -> None:
    assert plain_typed_forms(typed) == said


def test_words_that_only_look_like_typed_forms_stay() -> None:
    for text in ("go to the chorus", "a song for my mum", "fade in, then out", "no drums in the intro :)"):
        assert plain_typed_forms(text) == text


@pytest.mark.parametrize(
    ("message", "normalised"),
    [
        ("ninety bpm... actually scratch that, ninety four", "94 bpm"),
        ("speed it up 15% for the trend, no wait, 10 is enough", "speed it up 10% for the trend"),
        ("make it 100 bpm, no wait, 110", "make it 110 bpm"),
        ("fade out 4 seconds, sorry, 6", "fade out 6 seconds"),
    ],
)
def test_a_corrected_number_takes_the_place_of_the_first(message: str, normalised: str) -> None:
    assert number_corrected(message)
    assert normalise_text(message) == normalised


def test_a_message_that_corrects_nothing_keeps_its_numbers() -> None:
    for message in ("make it 2 minutes with no 808s", "add 2 bars, then 4 more", "no, 3 is fine"):
        assert not number_corrected(message)
    # the 808s keep their number (and are said as the sub bass they are)
    assert normalise_text("make it 2 minutes with no 808s") == "make it 2 minutes with no 808 bass"
