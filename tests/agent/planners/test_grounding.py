"""Grounding: the numbers, times, keys and chords of a reply must come from the tool outputs."""

from __future__ import annotations

from agent.planners.grounding import check_grounding, facts_in, grounded_reply

SHEET = {
    "duration_s": 31.79,
    "tempo_bpm": 119.6,
    "key": "D",
    "mode": "minor",
    "chords": [{"label": "C", "start_s": 0.0}, {"label": "G"}, {"label": "Am"}, {"label": "F"}],
    "integrated_lufs": -14.23,
}


def test_a_reply_built_from_the_outputs_is_grounded() -> None:
    reply = "It's 0:31.8 long, about 120 BPM, in D minor, at -14.2 LUFS. The chords go C - G - Am - F."
    result = check_grounding(reply, [SHEET])
    assert result.ok, result.unsupported
    kinds = sorted({f.kind for f in result.facts})
    assert kinds == ["chord", "key", "number", "time"]


def test_invented_facts_are_listed() -> None:
    reply = "It's 0:35 long, at 128 BPM, in E minor; the chords go C - G - Em - F."
    bad = {f.text for f in check_grounding(reply, [SHEET]).unsupported}
    assert bad == {"0:35", "128", "E minor", "Em"}


def test_enharmonic_keys_and_the_users_own_numbers_count() -> None:
    assert check_grounding("Now in Eb minor.", [{"key": "D#", "mode": "minor"}]).ok
    assert check_grounding("Done: 110 BPM as you asked.", [{}], user_text="make it 110 BPM").ok
    assert not check_grounding("Done: 110 BPM.", [{}]).ok


def test_precision_follows_the_reply() -> None:
    assert check_grounding("It lasts 31.8 s", [{"duration_s": 31.79}]).ok
    assert not check_grounding("It lasts 31.5 s", [{"duration_s": 31.79}]).ok
    assert check_grounding("It lasts 32 seconds", [{"duration_s": 31.79}]).ok


def test_counts_articles_and_words_are_not_facts() -> None:
    assert facts_in("A nice track: version 3, 2 takes. I made it.") == []
    assert [f.text for f in facts_in("Chords: C, F and G")] == ["C", "F", "G"]


def test_numbers_inside_output_strings_support_a_reply() -> None:
    assert check_grounding("It's at 96 BPM now.", ["tempo 90 → 96 BPM"]).ok


def test_fallback_replaces_an_ungrounded_reply() -> None:
    assert grounded_reply("It's 0:40 long.", "It's 0:31.8 long.", [SHEET]) == "It's 0:31.8 long."
    assert grounded_reply("It's 0:31.8 long!", "fallback", [SHEET]) == "It's 0:31.8 long!"
    assert grounded_reply("", "fallback", [SHEET]) == "fallback"
