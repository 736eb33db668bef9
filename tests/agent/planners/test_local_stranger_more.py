"""More of how strangers talk (issue 13, after the fresh12 blind set): a new score asked for on a video
that already has one, the moments it must hit and a tempo said bare; two stem levels in one breath; a
fade length said after a comma; bars named in words; 'redo just those' after naming bars; a voice
humming is no mains hum; a recording that distorts is repaired; 'have it in ...' asks for it; two
sections that share a noun swapped; an ordinal in digits before a section; an instrument playing
'again'; a pan all the way over; reverb said as 'too much' or 'about half'; one step back said twice;
'change it up a bit' names no change. Phrasings written for these tests (in no corpus, intents.yaml
or stranger set), with negative cases that must keep their old reading."""

from __future__ import annotations

from typing import Any

import pytest

from agent.planners.dry_run import dry_plan
from agent.planners.local import default_local_planner
from tests.agent.planners.plan_checks import assert_asks, assert_plans

Call = tuple[str, dict[str, Any]]
CASES: list[tuple[str, str, list[Call]]] = [
    # a new score in its own words on a scored video; a change to the music stays a re-score
    ("my reel needs an upbeat disco soundtrack", "video", [("score_video", {})]),
    ("lofi at 85 for my youtube intro", "video", [("score_video", {"tempo_bpm": 85.0})]),
    ("put a song under this, ditch the camera sound", "video", [("score_video", {"original_audio": "drop"})]),
    (
        "new music for this clip that lands on 0:05 and 0:19",
        "video",
        [("score_video", {"hit_s": [5.0, 19.0]})],
    ),
    ("make the music for this clip a lot darker", "video", [("video_rescore", {})]),
    ("the soundtrack needs less drums", "video", [("video_rescore", {})]),
    # levels, lengths and bars said loosely
    ("bass up 3 and drums down 2", "audio", [("remix_stems", {"gains_db": {"bass": 3.0, "drums": -2.0}})]),
    (
        "quick fade in and a slow fade out, about 6",
        "audio",
        [("fade", {"fade_in_s": 1.0, "fade_out_s": 6.0})],
    ),
    (
        "bars five to eight are off, redo only those",
        "song",
        [("song_inpaint", {"first_bar": 5, "last_bar": 8})],
    ),
    # humming, distortion
    (
        "thats me humming the tune, turn it into a violin",
        "audio",
        [("timbre_transfer", {"instrument": "violin"})],
    ),
    ("theres a hum from the fridge, get rid of it", "audio", [("restore", {"fixes": ["dehum"]})]),
    ("the mic distorts on the loud notes, fix that", "audio", [("restore", {"fixes": ["declip"]})]),
    ("put some distortion on it", "audio", [("effects", {"effect": "distortion"})]),
    # song edits
    ("have it in e minor instead", "song", [("song_key", {"key": "E minor"})]),
    (
        "swap the second and third chorus",
        "song",
        [("song_move_section", {"section": "chorus 2", "swap_with": "chorus 3"})],
    ),
    (
        "drop a short bridge in after the 1st chorus",
        "song",
        [("song_add_section", {"section": "bridge", "after": "chorus 1"})],
    ),
    (
        "let the bass play again in the outro",
        "song",
        [("song_mute", {"track": "bass", "section": "outro", "muted": False})],
    ),
    ("shove the piano all the way to the right", "song", [("song_mix", {"track": "piano", "pan": 1.0})]),
    (
        "theres too much echo on the guitar",
        "song",
        [("song_mix", {"track": "guitar", "reverb_change": -0.2})],
    ),
    ("put the reverb on the strings at half", "song", [("song_mix", {"track": "strings", "reverb": 0.5})]),
    ("nah i liked it better before, take it back", "song", [("undo", {})]),
    ("undo, undo", "song", [("undo", {}), ("undo", {})]),
    # a section judged, then 'a new one' of it; a style 'version'; a question after 'wait'
    ("the outro is so flat, could you do a new one", "song", [("song_regenerate", {"section": "outro"})]),
    ("a reggae version at 90 bpm", "song", [("song_style", {"style": "reggae", "bpm": 90.0})]),
    ("hold on, what tempo is it at now", "song", [("answer_question", {})]),
    ("it finishes way too early, stretch it by 20 seconds", "song", [("song_extend", {"seconds": 20.0})]),
    ("nah put that back", "song", [("redo", {})]),
    # a list of suggestions is current: 'same but ...' narrows it
    ("same thing but no drums", "recommend", [("recommend_refine", {})]),
    ("the second one but without the singing", "recommend", [("recommend_refine", {"pick": 2})]),
    # nothing made yet: a song for someone, described in pieces, is one song
    ("lullaby for my niece, soft, harp and strings, 40 seconds", "none",
     [("compose", {"duration_s": 40.0, "instruments": ["harp", "strings"]})]),
]


@pytest.mark.parametrize(("message", "context", "expected"), CASES)
def test_stranger_requests(message: str, context: str, expected: list[Call]) -> None:
    assert_plans(message, context, expected)


@pytest.mark.parametrize(
    "message", ["could you switch it up a little", "change it up", "mix things up a bit"]
)
def test_a_change_that_names_nothing_gets_a_question(message: str) -> None:
    assert_asks(message, "song")


def test_a_named_change_is_no_vague_ask() -> None:
    plan = dry_plan(default_local_planner(), "change it to g major", "song")
    assert [c["tool"] for c in plan["calls"]] == ["song_key"], plan
