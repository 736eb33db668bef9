"""LocalPlanner generalisation (issue 13): the training split as examples, one request said in several
clauses, chat spellings, and slots said loosely. Phrasings written fresh for these tests (neither in
the corpus nor in intents.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from agent.plan import Message, PlannerInput
from agent.planners.corpus import load_rows
from agent.planners.dry_run import _specs, dry_plan, fake_session
from agent.planners.local import default_local_planner, strip_politeness
from agent.planners.phrasings.score import arguments_match
from agent.planners.slots import normalise_text, strip_filler
from tests.agent.planners.plan_checks import assert_asks

FRESH: list[tuple[str, str, list[tuple[str, dict[str, Any]]]]] = [
    # a complaint, then what to do about it: one request
    ("the verse is a bit dull, give me a new one", "song", [("song_regenerate", {"section": "verse"})]),
    ("cello instead of the viola please", "song",
     [("song_instrument", {"action": "swap", "instrument": "viola", "new_instrument": "cello"})]),
    ("mute teh strings pls", "song", [("song_mute", {"track": "strings"})]),
    ("hmm ok so take it to minus 20 lufs", "audio", [("normalize_loudness", {"target_lufs": -20.0})]),
    ("make it 25 percent slower", "song", [("song_tempo", {"percent": 25.0, "direction": "slower"})]),
    ("compare v3 with v1", "song", [("song_compare", {"a": "version:1", "b": "version:3"})]),
    ("a dreamy synthwave tune for my stream", "none", [("compose", {})]),
    # how it was at the start is the original, not one undo and not a reference track
    ("ugh go back to how it sounded at the very beginning", "song",
     [("select_version", {"version": "original"})]),
    ("honestly i liked it better the way it was to start with", "song",
     [("select_version", {"version": "original"})]),
    ("put it back how it was originally", "audio", [("select_version", {"version": "original"})]),
]  # fmt: skip


@pytest.mark.parametrize(("message", "context", "expected"), FRESH)
def test_fresh_phrasings(message: str, context: str, expected: list[tuple[str, dict[str, Any]]]) -> None:
    plan = dry_plan(default_local_planner(), message, context)
    assert [c["tool"] for c in plan["calls"]] == [t for t, _ in expected], plan
    for (tool, want), got in zip(expected, plan["calls"], strict=True):
        assert arguments_match(tool, want, got["arguments"]), (want, got["arguments"])
    assert plan["question"] is None


@pytest.mark.parametrize("message", ["switch it to some other key", "swap the organ"])
def test_a_change_without_its_target_is_asked(message: str) -> None:
    assert_asks(message, "song")


def test_the_answer_to_which_instrument_completes_the_swap() -> None:
    planner = default_local_planner()
    session = fake_session("song")
    said = [Message(role="user", content="swap the organ")]
    asked = planner.plan(PlannerInput(conversation=said, session=session, tools=_specs()))
    assert asked.question is not None and asked.question.tool == "song_instrument"
    done = planner.plan(
        PlannerInput(
            conversation=[Message(role="user", content="a flute")],
            session=session,
            pending=asked.question,
            tools=_specs(),
        )
    )
    got = [(c.tool, c.arguments.get("instrument"), c.arguments.get("new_instrument")) for c in done.calls]
    assert got == [("song_instrument", "organ", "flute")]


def test_training_requests_teach_the_intent_that_reproduces_their_arguments() -> None:
    planner = default_local_planner()
    rows = [
        {"message": "drums down 4 dB", "context": "audio", "family": "x", "question": False,
         "calls": [{"tool": "remix_stems", "arguments": {"stem": "drums", "gain_db": -4.0}}]},
        {"message": "cheers", "context": "song", "family": "thanks_x", "calls": [], "question": False},
        {"message": "change it", "context": "song", "family": "ask_x", "calls": [], "question": True},
        {"message": "make it faster and put it in D minor", "context": "song", "family": "multi",
         "calls": [{"tool": "song_tempo", "arguments": {"direction": "faster"}},
                   {"tool": "song_key", "arguments": {"key": "D minor"}}], "question": False},
    ]  # fmt: skip
    pairs = planner.examples_in(rows)
    assert [(text, intent.name) for text, intent in pairs] == [
        ("drums down 4 dB", "remix_stems"),  # the first intent whose patterns read stem and dB
        ("cheers", "thanks"),
        ("make it faster", "song_tempo"),
        ("put it in D minor", "song_key"),
    ]


def test_the_default_planner_learns_from_the_training_split() -> None:
    taught = len(load_rows())
    assert taught > 3000
    planner = default_local_planner()
    examples = sum(len(i.vectors) for i in planner.intents)
    assert examples > 1000  # intents.yaml alone has a few hundred


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("mute teh piano pls", "mute the piano please"),
        ("level it to minus 16 LUFS", "level it to -16 lufs"),
        ("add a minute and a half more", "add 90 seconds more"),
        ("give the chorus eight extra bars", "give the chorus 8 extra bars"),
        ("diff version 1 against version six", "diff version 1 against version 6"),
        ("put it in e min", "put it in e min"),
    ],
)
def test_chat_spellings_and_numbers_are_normalised(text: str, normal: str) -> None:
    assert normalise_text(text) == normal


def test_politeness_and_fillers_are_not_part_of_a_value() -> None:
    assert strip_politeness("can you mute the pad for now please?") == "mute the pad"
    assert strip_politeness("please") == "please"
    assert strip_filler("Ok so find a song for a rainy day") == "find a song for a rainy day"


def test_section_lengths_score_by_what_the_tool_does() -> None:
    """A direction next to a target length or factor changes nothing the tool does; next to a change in
    bars it signs it."""
    assert arguments_match("song_section", {"section": "chorus", "factor": 2.0},
                           {"section": "chorus", "factor": 2.0, "direction": "longer"})  # fmt: skip
    assert arguments_match("song_section", {"section": "outro", "bars": 2},
                           {"section": "outro", "bars": 2.0, "direction": "shorter"})  # fmt: skip
    assert arguments_match("song_section", {"section": "intro", "change_bars": -2},
                           {"section": "intro", "change_bars": 2, "direction": "shorter"})  # fmt: skip
    assert not arguments_match("song_section", {"section": "intro", "change_bars": 2},
                               {"section": "intro", "change_bars": 2, "direction": "shorter"})  # fmt: skip
    assert not arguments_match("song_section", {"section": "intro", "direction": "longer"},
                               {"section": "intro", "direction": "shorter"})  # fmt: skip


def test_keeping_up_to_a_time_is_keeping_that_long_from_the_start() -> None:
    assert arguments_match("trim", {"end_s": 90.0}, {"duration_s": 90.0})
    assert not arguments_match("trim", {"start_s": 10.0, "end_s": 90.0}, {"duration_s": 90.0})
