"""The LocalPlanner sends upload edits to separate / time_stretch / pitch_shift, and song edits still to
the song tools."""

from __future__ import annotations

from typing import Any

import pytest

from agent.planners.dry_run import dry_plan
from agent.planners.local import default_local_planner


@pytest.mark.parametrize(
    ("context", "message", "tool", "arguments"),
    [
        ("audio", "remove the vocals", "separate", {"keep": ["accompaniment"], "layout": "two"}),
        ("audio", "karaoke version please", "separate", {"keep": ["accompaniment"]}),
        ("audio", "give me the drums only", "separate", {"keep": ["drums"]}),
        ("audio", "isolate the vocals", "separate", {"keep": ["vocals"]}),
        ("audio", "take the drums out", "separate", {"keep": ["vocals", "bass", "other"]}),
        ("audio", "separate the stems", "separate", {}),
        ("audio", "slow this to 90 BPM without changing the pitch", "time_stretch", {"bpm": 90.0}),
        ("audio", "slow it down", "time_stretch", {"direction": "slower"}),
        ("audio", "speed it up 10 percent", "time_stretch", {"percent": 10.0, "direction": "faster"}),
        ("audio", "put it in E minor", "pitch_shift", {"target_key": "e minor"}),
        ("audio", "transpose down a whole step", "pitch_shift", {"semitones": -2.0}),
        ("audio", "transpose it up 3 semitones", "pitch_shift", {"semitones": 3.0}),
        ("audio", "vocals up 3 dB", "remix_stems", {"stem": "vocals", "gain_db": 3.0}),
        ("audio", "make the drums quieter", "remix_stems", {"stem": "drums", "gain_db": -3.0}),
        ("audio", "add reverb to the vocals", "effects", {"effect": "reverb", "stem": "vocals"}),
        ("audio", "more bass", "effects", {"effects": [{"name": "eq", "low_db": 4.0}]}),
        ("audio", "cut the intro", "loop_crop", {"section": "intro", "action": "remove"}),
        ("audio", "loop bars 1 to 4 four times", "loop_crop", {"start_bar": 1, "end_bar": 4, "times": 4}),
        ("audio", "clean up the hiss", "restore", {"fixes": ["denoise"]}),
        ("audio", "remove the hum", "restore", {"fixes": ["dehum"]}),
        ("audio", "put version 2 after version 4", "splice", {"first": "version:4", "second": "version:2"}),
        (
            "audio",
            "the vocals from version 2 over the drums of version 4",
            "combine_stems",
            {"vocals": "version:2", "drums": "version:4"},
        ),
        (
            "audio",
            "put version 3's vocals on the original's accompaniment",
            "combine_stems",
            {"vocals": "version:3", "accompaniment": "original"},
        ),
        ("audio", "turn my humming into a saxophone", "timbre_transfer", {"instrument": "saxophone"}),
        ("audio", "make my whistling sound like a flute", "timbre_transfer", {"instrument": "flute"}),
        (
            "audio",
            "add a bass line and drums to my guitar recording",
            "accompany",
            {"bass": True, "drums": True},
        ),
        ("audio", "put some strings behind it", "accompany", {"strings": True}),
        ("song", "add drums", "song_instrument", {"instrument": "drums"}),
        ("song", "remove the intro", "song_remove_section", {"section": "intro"}),
        ("song", "louder drums", "song_mix", {"track": "drums", "gain_db": 3.0}),
        ("song", "make it faster", "song_tempo", {"direction": "faster"}),
        ("song", "put it in A major", "song_key", {"key": "A major"}),
    ],
)
def test_upload_edits_reach_their_tools(
    context: str, message: str, tool: str, arguments: dict[str, Any]
) -> None:
    plan = dry_plan(default_local_planner(), message, context)
    assert [c["tool"] for c in plan["calls"]] == [tool], plan
    got = plan["calls"][0]["arguments"]
    assert all(got.get(k) == v for k, v in arguments.items()), got
