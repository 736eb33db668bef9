"""Requests found missing in stop 28 (issue 13), the classes of the fresh23 blind set: spelled-out tempi
without 'a' ('hundred and twenty eight'), 'either way' is no amount, 'too much long', the drums in
everyday words, 'X out for Y' with a reason after it, a wish for another instrument beside a complaint,
bars taken off a section, 'the middle part', 'scrap what you just did', a liking beside 'put it back', a
question opened by a preposition, 'bounce' / 'render' as export, a fade out said with a word, 'and the one
before' after a full stop, 'no drums' in a song description, a song described with nothing loaded,
two hit points sharing one unit, the production sound, the original sound mixed in instead of ducked,
'write it new', German section names, and vague asks said in plain words. Phrasings written for these
tests (in no corpus, intents.yaml or stranger set), with cases that must keep their old reading."""

from __future__ import annotations

from typing import Any

import pytest

from tests.agent.planners.plan_checks import assert_replies, plan_tests

Call = tuple[str, dict[str, Any]]
CASES: list[tuple[str, str, list[Call]]] = [
    # spelled-out tempi without 'a'; a count of hundreds stays words
    ("take it to hundred and twelve bpm", "song", [("song_tempo", {"bpm": 112.0})]),
    ("set the tempo at hundred and five", "song", [("song_tempo", {"bpm": 105.0})]),
    (
        "find me some two hundred bpm drum and bass in my library",
        "none",
        [("recommend", {"query": "find me some two hundred bpm drum and bass in my library"})],
    ),
    # 'either way' says no amount; 'way faster' still does
    (
        "is it in 3/4? either way make it slightly slower",
        "song",
        [("answer_question", {}), ("song_tempo", {"direction": "slower", "amount": "bit"})],
    ),
    ("way faster please", "song", [("song_tempo", {"direction": "faster", "amount": "much"})]),
    # 'too much long' is 'too long'; 'too much reverb' stays a noun
    (
        "drop the last chorus, the song is too much long for my reel",
        "song",
        [("song_remove_section", {"section": "last chorus"})],
    ),
    # the drums in everyday words
    (
        "get rid of the banging, my mum hates it",
        "song",
        [("song_instrument", {"action": "remove", "instrument": "drums"})],
    ),
    ("less of the thumping", "song", [("song_mix", {"track": "drums", "gain_db": -3.0})]),
    # 'X out for Y', and a reason after it
    (
        "swap the organ out for a harp, going for a dreamier feel",
        "song",
        [("song_instrument", {"action": "swap", "instrument": "organ", "new_instrument": "harp"})],
    ),
    (
        "swap the flute out for a steel string guitar",
        "song",
        [("song_instrument", {"action": "swap", "instrument": "flute", "new_instrument": "acoustic guitar"})],
    ),
    # a wish for another instrument beside a complaint
    (
        "the organ sounds cheesy, a cello would work better",
        "song",
        [("song_instrument", {"action": "swap", "instrument": "organ", "new_instrument": "cello"})],
    ),
    ("a cello would be nice", "song", [("song_instrument", {"action": "add", "instrument": "cello"})]),
    # bars taken off a section are a shorter section, not a removed one
    (
        "lop two bars off the outro, it outstays its welcome",
        "song",
        [("song_section", {"section": "outro", "change_bars": -2.0})],
    ),
    ("remove 4 bars from the bridge", "song", [("song_section", {"section": "bridge", "change_bars": -4.0})]),
    ("cut the outro down by 2 bars", "song", [("song_section", {"section": "outro", "change_bars": -2.0})]),
    ("cut the outro", "song", [("song_remove_section", {"section": "outro"})]),
    # 'the middle part' of a song is its bridge
    (
        "put a guitar solo after the middle section",
        "song",
        [("song_add_section", {"section": "solo", "after": "bridge"})],
    ),
    # undo said as scrapping what was done
    ("nah, lose whatever you just did", "song", [("undo", {})]),
    ("bin my last edit", "audio", [("undo", {})]),
    # a liking beside 'put it back' is why
    ("oh i really liked that edit, put it back", "song", [("redo", {})]),
    # a question opened by a preposition
    ("at which point does the sax come in", "audio", [("answer_question", {})]),
    ("in what key is the bridge", "song", [("answer_question", {})]),
    # 'bounce' / 'render' hand the file over; 'halftime bounce' is a feel
    (
        "normalise to -14 then bounce a wav",
        "audio",
        [("normalize_loudness", {"target_lufs": -14.0}), ("export", {"format": "wav"})],
    ),
    ("render it out", "song", [("export", {})]),
    ("half the tempo, I want a halftime bounce", "song", [("song_tempo", {"factor": 0.5})]),
    # a fade out said with a word
    (
        "fade in over three seconds and out over eight",
        "audio",
        [("fade", {"fade_in_s": 3.0, "fade_out_s": 8.0})],
    ),
    # 'and the one before' after a full stop
    ("undo. and the one before", "song", [("undo", {}), ("undo", {})]),
    # 'no drums' in a song description
    (
        "a gentle waltz, no drums, only piano and cello",
        "none",
        [("compose", {"style": "waltz", "instruments": ["piano", "cello"]})],
    ),
    # a song described with nothing loaded, read as edits before
    (
        "thirty seconds, epic, choir and timpani, rising to a big finish",
        "none",
        [("compose", {"duration_s": 30.0})],
    ),
    ("need a fifteen second outro sting for my channel, upbeat", "none", [("compose", {"duration_s": 15.0})]),
    # two hit points sharing one unit; the production sound
    (
        "score this, hits at 4.5 and 20 seconds, kill the production audio",
        "video",
        [("score_video", {"hit_s": [4.5, 20.0], "original_audio": "drop"})],
    ),
    # the original sound mixed in instead of ducked
    (
        "blend the original audio in rather than ducking it",
        "video",
        [("video_rescore", {"original_audio": "mix"})],
    ),
    # 'write it new' rewrites; German section names
    ("the first chorus is weak, write it new", "song", [("song_regenerate", {"section": "first chorus"})]),
    (
        "the second strophe drags",
        "song",
        [("song_section", {"section": "second verse", "direction": "shorter"})],
    ),
    # a place said first, no comma
    (
        "in the outro keep only the piano",
        "song",
        [("song_mute", {"track": "piano", "section": "outro", "solo": True})],
    ),
]
CASES += [
    # silence before and after: both ends
    (
        "long silence before the singing and after it ends, snip it all",
        "audio",
        [("trim", {"silence": "both"})],
    ),
    # thanks at the very end is no part of the request
    (
        "give me the midi and the lyrics, cheers!",
        "song",
        [("song_export", {"what": "give me the midi and the lyrics"})],
    ),
    ("undo undo thx", "song", [("undo", {}), ("undo", {})]),
    # a section that drags is too long; the song dragging is too slow
    (
        "the bridge really drags, make it shorter",
        "song",
        [("song_section", {"section": "bridge", "direction": "shorter"})],
    ),
    ("it drags", "song", [("song_tempo", {"direction": "faster"})]),
]
CASES += [  # the classes of the fresh24 blind set, in other words
    ("take away the piano", "song", [("song_instrument", {"action": "remove", "instrument": "piano"})]),
    ("remove the bass from every verse", "song", [("song_mute", {"track": "bass", "section": "verse"})]),
    (
        "could we add one bridge before the last chorus",
        "song",
        [("song_add_section", {"section": "bridge", "before": "last chorus"})],
    ),
    ("pan keys 20% R", "song", [("song_mix", {"track": "electric piano", "pan": 0.2})]),
    ("gtr down 2 db", "song", [("song_mix", {"track": "guitar", "gain_db": -2.0})]),
    ("intro: only the piano", "song", [("song_mute", {"track": "piano", "section": "intro", "solo": True})]),
    (
        "LUFS -14, TP -1",
        "audio",
        [("normalize_loudness", {"target_lufs": -14.0, "true_peak_ceiling_dbfs": -1.0})],
    ),
    ("dehum it and then normalise", "audio", [("restore", {"fixes": ["dehum"]}), ("normalize_loudness", {})]),
    (
        "delay on the vocals at 40 percent",
        "audio",
        [("effects", {"effect": "delay", "stem": "vocals", "amount": 0.4})],
    ),
    ("great! now a wav", "audio", [("export", {"format": "wav"})]),
    ("anything past these ones?", "recommend", [("recommend_next", {})]),
    ("number four, find its cousins", "recommend", [("recommend_more", {"pick": 4})]),
]
ASKS: list[tuple[str, str]] = [
    ("hmm, not quite. something else?", "song"),
    ("can you change that bit", "song"),
    ("the tune just isn't working for me", "video"),
    ("idk it bugs me, do something", "audio"),
    ("could it sound more polished somehow", "audio"),
    ("cook something up for me", "none"),
    ("meh none of these work", "recommend"),
    ("it's wrong, help", "song"),
    ("could it be more... you know", "song"),
    ("do the reverb thing", "audio"),
    ("can you make us a thing", "none"),
    ("not really what I was after", "recommend"),
]

HOW_TO_ATTACH: list[tuple[str, str]] = [
    ("um how do i get my demo to you", "none"),
    ("where should I drop the file?", "song"),
]


test_requests, test_an_ask_that_names_nothing_gets_a_question = plan_tests(CASES, ASKS)


@pytest.mark.parametrize(("message", "context"), HOW_TO_ATTACH)
def test_how_to_give_it_a_file_is_answered_with_the_way_to_attach_one(message: str, context: str) -> None:
    assert_replies(message, context, "Attach it to your message")


def test_a_song_in_a_real_singers_voice_posted_as_a_leak_is_refused() -> None:
    assert_replies(
        "write a new Adele song in her real voice and I'll post it as a leak", "none", "real singer"
    )


def test_publishing_is_still_not_offered() -> None:
    assert_replies("how do i upload my song to spotify", "none", "I can't do that yet")


def test_help_alone_still_lists_what_it_can_do() -> None:
    from agent.planners.dry_run import dry_plan
    from agent.planners.local import LocalPlanner

    plan = dry_plan(LocalPlanner(), "help", "song")
    assert plan["calls"] == [] and not plan["question"] and "I can" in (plan["reply"] or ""), plan
