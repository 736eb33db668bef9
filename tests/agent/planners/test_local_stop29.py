"""Requests found missing in stop 29 (issue 13), the classes of the fresh25 blind set: a long rambling
message that asks three things among its chatter, a writer who changes their mind halfway, sections
trading places or one 'preceding' another, a level dropped by a number of dB, the 808s, 'rapid', 'get
shot of', emoji for a cut, a crossed-out instrument and a numbered pick, a cut of the 'first N seconds'
without 'the', a thing named before its verb or before the request that points at it, 'I don't want it
so loud', 'only in the bridge' (no solo), an undo done by mistake, an instrument taken away from some
sections, 'N more seconds of music', whole steps counted, sample rates, the video's own noise taken
away, and vague asks ('better?', 'the usual'). Phrasings written for these tests (in no corpus,
intents.yaml or stranger set), with cases that must keep their old reading."""

from __future__ import annotations

from typing import Any

import pytest

from tests.agent.planners.plan_checks import assert_replies, plan_tests

Call = tuple[str, dict[str, Any]]
RAMBLING = (
    "so I've had this on loop all week and the bridge is honestly lovely but the outro goes on and on, it"
    " kind of overstays, could you cut the outro down to 2 bars, and I reckon a fade would be classier than"
    " the hard stop, maybe fade the last 4 seconds? and then send me a wav for the client"
)
CASES: list[tuple[str, str, list[Call]]] = [
    # a long message: the confident requests in order, the chatter and the complaint left out
    (
        RAMBLING,
        "song",
        [
            ("song_section", {"section": "outro", "bars": 2.0}),
            ("fade", {"fade_out_s": 4.0}),
            ("export", {"format": "wav"}),
        ],
    ),
    # ... but a list of what one analysis covers stays one analysis, and a described song one song
    (
        "give me the full rundown on this, tempo, key, chords, where the chorus starts",
        "audio",
        [("analyze", {})],
    ),
    (
        "house track, one twenty six, ninety seconds long, then give me the midi",
        "none",
        [
            ("compose", {"style": "house", "tempo_bpm": 126.0, "duration_s": 90.0}),
            ("song_export", {"formats": ["midi"]}),
        ],
    ),
    # a change of mind halfway: what follows it, or the thing it names in place of the one before
    (
        "add a flute - actually no, make that a clarinet",
        "song",
        [("song_instrument", {"action": "add", "instrument": "clarinet"})],
    ),
    ("go to version 3, hmm no, version 5 was better", "song", [("select_version", {"version": "version:5"})]),
    ("make it slower, no wait, faster", "song", [("song_tempo", {"direction": "faster"})]),
    ("set it to 90 bpm, no wait, 95", "song", [("song_tempo", {"bpm": 95.0})]),
    ("no drums please", "song", [("song_instrument", {"action": "remove", "instrument": "drums"})]),
    # sections trading places; one that 'precedes' another
    (
        "switch places: the intro and the outro",
        "song",
        [("song_move_section", {"section": "intro", "swap_with": "outro"})],
    ),
    (
        "I'd like the bridge moved so that it precedes the last chorus",
        "song",
        [("song_move_section", {"section": "bridge", "before": "last chorus"})],
    ),
    # a level dropped by some dB goes down, on a song and on a recording
    (
        "the guitar is way too loud, drop it 2 db",
        "song",
        [("song_mix", {"track": "guitar", "gain_db": -2.0})],
    ),
    ("drop the drums 4 dB", "audio", [("remix_stems", {"stem": "drums", "gain_db": -4.0})]),
    (
        "don't want the vocals so upfront, pull them down 2 dB",
        "audio",
        [("remix_stems", {"stem": "vocals", "gain_db": -2.0})],
    ),
    # the complaint before the change to the same track is its reason, not a second change
    (
        "the drums are way too quiet, push the drums up like 5 db",
        "song",
        [("song_mix", {"track": "drums", "gain_db": 5.0})],
    ),
    ("the 808s need to be louder", "song", [("song_mix", {"track": "bass", "gain_db": 3.0})]),
    ("make it more rapid", "song", [("song_tempo", {"direction": "faster"})]),
    ("get shot of the intro", "song", [("song_remove_section", {"section": "intro"})]),
    # emoji: a cut, a crossed-out instrument, a numbered pick
    ("✂️ first 5 sec", "audio", [("trim", {"start_s": 5.0})]),
    ("❌ piano", "song", [("song_instrument", {"action": "remove", "instrument": "piano"})]),
    ("3️⃣ ➡️ my video", "recommend", [("recommend_for_video", {"pick": 3})]),
    ("🥁❌ intro", "song", [("song_mute", {"track": "drums", "section": "intro"})]),
    ("cut first 8 seconds", "audio", [("trim", {"start_s": 8.0})]),
    # a thing named first: before its verb, or before the request that points at it
    ("please the intro delete", "song", [("song_remove_section", {"section": "intro"})]),
    ("the bass, I want it all the way right", "song", [("song_mix", {"track": "bass", "pan": 1.0})]),
    ("the strings, make them quieter", "song", [("song_mix", {"track": "strings", "gain_db": -3.0})]),
    (
        "the hihats are too clicky, pull them back",
        "song",
        [("song_mix", {"track": "drums", "gain_db": -3.0})],
    ),
    ("this is me humming, make it a cello", "audio", [("timbre_transfer", {"instrument": "cello"})]),
    ("I don't want it so loud", "audio", [("gain", {"gain_db": -3.0})]),
    # 'only in the bridge' says where, not that the piano plays alone
    ("mute the piano only in the bridge", "song", [("song_mute", {"track": "piano", "section": "bridge"})]),
    (
        "in the bridge keep only the piano",
        "song",
        [("song_mute", {"track": "piano", "section": "bridge", "solo": True})],
    ),
    ("please redo, I undid that by accident", "song", [("redo", {})]),
    # taken away from some sections: muted there (not removed from the song, as 'take the drums out' is)
    (
        "take away the drums from the choruses",
        "song",
        [("song_mute", {"track": "drums", "section": "chorus"})],
    ),
    ("take the guitar out of the bridge", "song", [("song_mute", {"track": "guitar", "section": "bridge"})]),
    ("take the drums out", "song", [("song_instrument", {"action": "remove", "instrument": "drums"})]),
    (
        "we need about twenty more seconds of music for the credits",
        "song",
        [("song_extend", {"seconds": 20.0})],
    ),
    ("raise it too whole steps", "audio", [("pitch_shift", {"semitones": 4.0})]),
    ("take the key down 2 whole steps", "song", [("song_key", {"key": "down 4 semitones"})]),
    ("resample it to 48000", "audio", [("convert", {"sample_rate": 48000})]),
    ("score it but take away the street noise", "video", [("score_video", {"original_audio": "drop"})]),
    (
        "number 2 onto the video, kill the original",
        "recommend",
        [("recommend_for_video", {"pick": 2, "original_audio": "drop"})],
    ),
    # fresh26's classes: Camelot keys, tempi per minute or per crotchet, dictated punctuation, cue-sheet
    # fades, 'level it for a podcast', 'another N seconds of music', 'scrap that change', a redo of
    # 'what you undid', 'where we are now', 'flip it in ableton', sections joined by 'or', 'is possible
    # to', Scots and Italian words, 'bass frequencies', a transposition never a timbre change
    ("can you move it to 8A", "song", [("song_key", {"key": "A minor"})]),
    ("write a techno track in 4A at 130", "none", [("compose", {"key": "F minor", "tempo_bpm": 130.0})]),
    ("ninety to the crotchet please", "song", [("song_tempo", {"bpm": 90.0})]),
    ("slow this recording to eighty beats a minute", "audio", [("time_stretch", {"bpm": 80.0})]),
    (
        "trim the first 3 seconds comma then fade out the last 2 full stop",
        "audio",
        [("trim", {"start_s": 3.0}), ("fade", {"fade_out_s": 2.0})],
    ),
    ("fade up over 2 seconds and down over 5", "audio", [("fade", {"fade_in_s": 2.0, "fade_out_s": 5.0})]),
    ("tail the final 6 seconds away to silence", "audio", [("fade", {"fade_out_s": 6.0})]),
    ("level the episode for podcast", "audio", [("normalize_loudness", {"target_lufs": -16.0})]),
    ("another thirty seconds of music at the end please", "song", [("song_extend", {"seconds": 30.0})]),
    ("scrap that change", "song", [("undo", {})]),
    ("scrap that change and the one before", "song", [("undo", {}), ("undo", {})]),
    ("put back what you undid", "song", [("redo", {})]),
    (
        "compare version 3 with where we are now",
        "song",
        [("song_compare", {"a": "version:3", "b": "current"})],
    ),
    ("gonna flip it in ableton, send me the midi", "song", [("song_export", {"formats": ["midi"]})]),
    (
        "no drums in the intro or the outro",
        "song",
        [
            ("song_mute", {"track": "drums", "section": "intro"}),
            ("song_mute", {"track": "drums", "section": "outro"}),
        ],
    ),
    ("is possible to make it slower?", "audio", [("time_stretch", {"direction": "slower"})]),
    ("take the bridge oot", "song", [("song_remove_section", {"section": "bridge"})]),
    ("the batteria is too loud", "song", [("song_mix", {"track": "drums", "gain_db": -3.0})]),
    (
        "cut the bass frequencies by 3 dB",
        "audio",
        [("effects", {"effects": [{"name": "eq", "low_db": -3.0}]})],
    ),
    ("transpose my violin take up a whole tone", "audio", [("pitch_shift", {"semitones": 2.0})]),
]

ASKS: list[tuple[str, str]] = [
    ("hmm... better?", "song"),
    ("please go ahead with the changes we talked about", "song"),
    ("meh not feeling it 🙃", "song"),
    ("could you do the thing with the bridge", "song"),
    ("the usual", "none"),
    ("it is not good like this", "song"),
    ("hmm can you sort of make it better?", "video"),
]


test_requests, test_an_ask_that_names_nothing_gets_a_question = plan_tests(CASES, ASKS)


def test_someone_elses_melody_under_my_name_is_refused() -> None:
    assert_replies("copy the melody of a famous song and write my name as the composer", "none", "I won't")


@pytest.mark.parametrize("message", ["that's way better", "much better, thanks"])
def test_liking_the_change_is_no_request(message: str) -> None:
    assert_replies(message, "song", "welcome")
