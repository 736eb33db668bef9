"""Requests found missing at the start of stop 25 (issue 13): silence cut from the start or end of a
recording (a new ``trim`` argument), a change asked for in several sections at once ('the first and
second verse', 'verses 1 and 2', 'the intro and outro'), a level change in one section is the mixer's
(never a mute), 'an older version' names no version, 'i just want the file' hands it over, and a request
to delete everything is answered as one. Phrasings written for these tests (in no corpus, intents.yaml or
stranger set), with cases that must keep their old reading."""

from __future__ import annotations

from typing import Any

import pytest

from tests.agent.planners.plan_checks import assert_asks, assert_plans

Call = tuple[str, dict[str, Any]]
CASES: list[tuple[str, str, list[Call]]] = [
    # silence at the edges of a recording
    ("can you lose the silence at the very end", "audio", [("trim", {"silence": "end"})]),
    ("strip the leading silence pls", "audio", [("trim", {"silence": "start"})]),
    ("kill the dead air before the music starts", "audio", [("trim", {"silence": "start"})]),
    ("remove silence from both ends of my voice memo", "audio", [("trim", {"silence": "both"})]),
    ("theres a silent bit at the beginning, chop it off", "audio", [("trim", {"silence": "start"})]),
    ("there's about 2 seconds of nothing before it starts, can you cut that", "audio",
     [("trim", {"start_s": 2.0})]),
    ("theres 6 secs of silence at the end, lose it", "audio", [("trim", {"remove_end_s": 6.0})]),
    # ... and what must stay as it was
    ("how much silence is there at the end", "audio", [("describe_audio", {})]),
    ("chop the first 4 seconds off, its silent", "audio", [("trim", {"start_s": 4.0})]),
    # several sections at once
    ("take the drums out of the first and second chorus", "song",
     [("song_mute", {"track": "drums", "section": "chorus 1"}),
      ("song_mute", {"track": "drums", "section": "chorus 2"})]),
    ("no bass in verses 1 and 2", "song",
     [("song_mute", {"track": "bass", "section": "verse 1"}),
      ("song_mute", {"track": "bass", "section": "verse 2"})]),
    ("just strings in the intro and the outro", "song",
     [("song_mute", {"track": "strings", "section": "intro", "solo": True}),
      ("song_mute", {"track": "strings", "section": "outro", "solo": True})]),
    ("write new words for verse 1 and 2", "song",
     [("song_lyrics", {"section": "verse 1"}), ("song_lyrics", {"section": "verse 2"})]),
    ("regenerate the 1st and 2nd verse", "song",
     [("song_regenerate", {"section": "verse 1"}), ("song_regenerate", {"section": "verse 2"})]),
    ("swap the first and second chorus", "song",
     [("song_move_section", {"section": "chorus 1", "swap_with": "chorus 2"})]),
    # a level change in one section is a level change
    ("push the guitar up 2 db in the bridge", "song", [("song_mix", {"track": "guitar", "gain_db": 2.0})]),
    ("bring the keys down in the verse", "song",
     [("song_mix", {"track": "electric piano", "gain_db": -3.0})]),
    ("mute the keys in the verse", "song", [("song_mute", {"track": "electric piano", "section": "verse"})]),
    # the file as it is; deleting everything
    ("honestly i just need the file", "audio", [("export", {})]),
    ("i want the file as an mp3", "audio", [("convert", {"format": "mp3"})]),
    ("wipe all my uploads and the chat", "none", []),
    ("delete the last chorus", "song", [("song_remove_section", {"section": "last chorus"})]),
]  # fmt: skip


@pytest.mark.parametrize(("message", "context", "expected"), CASES)
def test_requests(message: str, context: str, expected: list[Call]) -> None:
    assert_plans(message, context, expected)


@pytest.mark.parametrize("message", ["take me back to an older version", "can i get an old version back"])
def test_an_older_version_names_none_and_gets_a_question(message: str) -> None:
    assert_asks(message, "song")
