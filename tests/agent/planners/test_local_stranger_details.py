"""The details strangers give with a request (issue 13, after the fresh11 blind set): intervals for a key
change, amounts and curves said in words, a speed said as a share of the original, a style for an
accompaniment, the hook as the chorus, bars said loosely, the lyrics as a file, stem levels without 'dB';
and clauses that only give a reason ('undo that, the reverb was too much') or point back at what an
earlier clause named ('the sax is grating, swap it for a trumpet'). Phrasings written for these tests
(neither in the corpus nor in intents.yaml nor in any stranger set)."""

from __future__ import annotations

from typing import Any

import pytest

from agent.planners.dry_run import dry_plan
from agent.planners.local import default_local_planner
from agent.planners.phrasings.score import arguments_match
from agent.planners.slots import interval_semitones, key_request
from tests.agent.planners.plan_checks import assert_plans

Call = tuple[str, dict[str, Any]]
CASES: list[tuple[str, str, list[Call]]] = [
    # intervals: a key change said the way musicians say it (not 'A minor' for 'a minor third')
    ("drop it a minor third", "song", [("song_key", {"key": "down 3 semitones"})]),
    ("take it up a fifth", "song", [("song_key", {"key": "up 7 semitones"})]),
    ("bring it down a fourth", "song", [("song_key", {"key": "down 5 semitones"})]),
    ("put it a major third higher for my voice", "song", [("song_key", {"key": "up 4 semitones"})]),
    ("pitch it down a minor third", "audio", [("pitch_shift", {"semitones": -3.0})]),
    ("could we have it in b flat major", "song", [("song_key", {"key": "Bb major"})]),
    # amounts, curves and speeds said in words
    ("go easy on the delay", "audio", [("effects", {"effect": "delay", "amount": 0.25})]),
    ("slap a ton of reverb on it", "audio", [("effects", {"effect": "reverb", "amount": 0.9})]),
    ("exponential fade out over 6 secs, nice and smooth", "audio",
     [("fade", {"fade_out_s": 6.0, "curve": "exponential"})]),
    ("fade in 2 and fade out 4", "audio", [("fade", {"fade_in_s": 2.0, "fade_out_s": 4.0})]),
    ("play it at 75 percent speed", "audio", [("time_stretch", {"ratio": 0.75})]),
    ("can it run at 90% of the speed", "audio", [("time_stretch", {"ratio": 0.9})]),
    ("speed it up by a third", "song", [("song_tempo", {"percent": 33.0, "direction": "faster"})]),
    ("slow it down by a quarter", "song", [("song_tempo", {"percent": 25.0, "direction": "slower"})]),
    # what else a request names
    ("put some drums and bass behind my guitar, kinda jazzy", "audio",
     [("accompany", {"drums": True, "bass": True, "style": "jazz"})]),
    ("add strings under this, something cinematic please", "audio",
     [("accompany", {"strings": True, "style": "cinematic"})]),
    ("this is me whistling, make it a flute", "audio", [("timbre_transfer", {"instrument": "flute"})]),
    ("give me three takes on the hook", "song", [("song_variations", {"n": 3, "section": "chorus"})]),
    ("keep looping the hook, four times", "audio",
     [("loop_crop", {"action": "loop", "times": 4, "section": "chorus"})]),
    ("skip ahead three pages", "recommend", [("recommend_next", {"pages": 3})]),
    ("two pages further please", "recommend", [("recommend_next", {"pages": 2})]),
    ("gimme some horns on top", "song", [("song_instrument", {"action": "add", "instrument": "horns"})]),
    ("bring in a double bass to play the bassline", "song",
     [("song_instrument", {"action": "add", "instrument": "double bass", "role": "bass"})]),
    ("the outro drags, cut four bars off it", "song",
     [("song_section", {"section": "outro", "change_bars": -4})]),
    ("add a short 2 bar intro at the start", "song", [("song_add_section", {"section": "intro", "bars": 2})]),
    ("i need the lyric file and the stems", "song", [("song_export", {"formats": ["lrc", "stems"]})]),
    ("could i get this as a 48k mono flac", "audio",
     [("convert", {"format": "flac", "sample_rate": 48000, "channels": 1})]),
    ("play version 2 then straight into version 4 with a 2 second crossfade", "audio",
     [("splice", {"first": "version:2", "second": "version:4", "crossfade_s": 2.0})]),
    ("vocals up 3 and bass down 2", "audio", [("remix_stems", {"gains_db": {"vocals": 3.0, "bass": -2.0}})]),
    ("piano up 2 and drums down 4", "song",
     [("song_mix", {"track": "piano", "gain_db": 2.0}), ("song_mix", {"track": "drums", "gain_db": -4.0})]),
    ("can i get an acapella of this", "audio", [("separate", {"keep": ["vocals"], "layout": "two"})]),
    ("split this into vocals drums bass and other", "audio", [("separate", {})]),
    # two steps after a number ('... to 90 and ...' is no '90 and a half')
    ("slow it to 90 and put it in a minor", "song",
     [("song_tempo", {"bpm": 90.0}), ("song_key", {"key": "A minor"})]),
    ("go back to version 2 and make that one slower", "song",
     [("select_version", {"version": "version:2"}), ("song_tempo", {"direction": "slower"})]),
    # a reason is no request; a pronoun points at what the clause before named
    ("ugh undo, that echo was way over the top", "audio", [("undo", {})]),
    ("undo that, the reverb was too much", "audio", [("undo", {})]),
    ("undo that and the change before it as well", "song", [("undo", {}), ("undo", {})]),
    ("ok the original was nicer, go back to that", "song", [("select_version", {"version": "original"})]),
    ("honestly version 2 was better, can we go back to it", "song",
     [("select_version", {"version": "version:2"})]),
    ("the sax is getting on my nerves, swap it for a trumpet", "song",
     [("song_instrument", {"action": "swap", "instrument": "sax", "new_instrument": "trumpet"})]),
    # questions
    ("wat key is this in", "audio", [("answer_question", {})]),
    ("does this feel sad or hopeful to you", "audio", [("answer_question", {})]),
]  # fmt: skip


@pytest.mark.parametrize(("message", "context", "expected"), CASES)
def test_the_details_of_a_request_are_read(message: str, context: str, expected: list[Call]) -> None:
    assert_plans(message, context, expected)


@pytest.mark.parametrize(
    ("message", "context", "expected"),
    [
        # the details above must not leak into requests that do not give them
        ("put it in a minor", "song", [("song_key", {"key": "A minor"})]),
        ("speed it up by 20 percent", "song", [("song_tempo", {"percent": 20.0})]),
        ("speed it up 10 percent", "audio", [("time_stretch", {"percent": 10.0, "direction": "faster"})]),
        ("add some reverb", "audio", [("effects", {"effect": "reverb"})]),
        ("more reverb on the vocals", "song", [("song_mix", {"track": "vocals", "reverb_change": 0.2})]),
        ("turn the vocals up 3 db", "audio", [("remix_stems", {"stem": "vocals", "gain_db": 3.0})]),
        ("new lyrics for verse 2", "song", [("song_lyrics", {"section": "verse 2"})]),
        ("convert it to mp3", "audio", [("convert", {"format": "mp3"})]),
        ("undo", "song", [("undo", {})]),
        ("take the vocals out", "audio", [("separate", {"keep": ["accompaniment"], "layout": "two"})]),
    ],
)
def test_plain_requests_are_read_as_before(message: str, context: str, expected: list[Call]) -> None:
    plan = dry_plan(default_local_planner(), message, context)
    assert [c["tool"] for c in plan["calls"]] == [t for t, _ in expected], plan
    for (tool, want), got in zip(expected, plan["calls"], strict=True):
        assert arguments_match(tool, want, got["arguments"]), (want, got["arguments"])


@pytest.mark.parametrize(
    ("text", "semitones"),
    [("down a minor third", -3), ("up a perfect fifth", 7), ("an octave lower", -12), ("up a 4th", 5),
     ("by a major second", 2), ("a tritone up", 6), ("put it in a minor", None), ("the third verse", None),
     ("a second take", None)],
)  # fmt: skip
def test_intervals_are_semitones(text: str, semitones: int | None) -> None:
    assert interval_semitones(text) == semitones
    if semitones is not None:
        assert key_request(text) == f"{'down' if semitones < 0 else 'up'} {abs(semitones)} semitones"
