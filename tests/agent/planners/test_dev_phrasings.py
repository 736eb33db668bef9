"""New phrasings written the way strangers talk (not from the corpus; the general rules they needed):
hedged numbers, reasons after a request, a bare complaint plus the number, yes/no questions about the
track, synonyms of 'the original', a short answer to a clarifying question."""

from __future__ import annotations

from typing import Any

import pytest

from agent.plan import Message, PlannerInput
from agent.planners.dry_run import _specs, dry_plan, fake_session
from agent.planners.local import default_local_planner
from agent.planners.phrasings.score import arguments_match

DEV: list[tuple[str, str, list[tuple[str, dict[str, Any]]]]] = [
    ("hey can u chop this down to like 5 secs", "audio", [("trim", {"duration_s": 5.0})]),
    ("ok now let it fade out at the end, 2 sec or so", "audio", [("fade", {"fade_out_s": 2.0})]),
    ("its way too quiet, turn it up 6db", "audio", [("gain", {"gain_db": 6.0})]),
    ("it's way too loud, knock it down 4 db", "audio", [("gain", {"gain_db": -4.0})]),
    ("lose the first 2 seconds, it's just noise", "audio", [("trim", {"start_s": 2.0})]),
    ("is this loud enough for spotify?", "audio", [("describe_audio", {})]),
    ("are the drums too loud?", "audio", [("describe_audio", {})]),
    ("nah take me back to the untouched one", "audio", [("select_version", {"version": "original"})]),
    ("go back to what i uploaded", "song", [("select_version", {"version": "original"})]),
    ("set it around 128 bpm", "song", [("song_tempo", {"bpm": 128.0})]),
    ("put it up a tone", "song", [("song_key", {"key": "up 2 semitones"})]),
    ("make it a tone lower", "song", [("song_key", {"key": "down 2 semitones"})]),
    ("hmm go back 2 steps", "song", [("undo", {}), ("undo", {})]),
    ("turn it up 3 db", "audio", [("gain", {"gain_db": 3.0})]),
    # one fade, one version (as the corpus's stranger sets say it)
    ("fade in 1 s and fade out 2 s", "audio", [("fade", {"fade_in_s": 1.0, "fade_out_s": 2.0})]),
]


@pytest.mark.parametrize(("message", "context", "expected"), DEV)
def test_dev_phrasings(message: str, context: str, expected: list[tuple[str, dict[str, Any]]]) -> None:
    plan = dry_plan(default_local_planner(), message, context)
    assert [c["tool"] for c in plan["calls"]] == [t for t, _ in expected], plan
    for (tool, want), got in zip(expected, plan["calls"], strict=True):
        assert arguments_match(tool, want, got["arguments"]), (want, got["arguments"])


@pytest.mark.parametrize(
    ("answer", "tool", "want"),
    [
        ("like 7 seconds", "trim", {"duration_s": 7.0}),
        ("7", "trim", {"duration_s": 7.0}),
        ("eh, 12 secs or so", "trim", {"duration_s": 12.0}),
        ("actually fade it out over 3 s", "fade", {"fade_out_s": 3.0}),
    ],
)
def test_short_answers_complete_the_question(answer: str, tool: str, want: dict[str, Any]) -> None:
    planner = default_local_planner()
    session = fake_session("audio")
    asked = planner.plan(
        PlannerInput(
            conversation=[Message(role="user", content="make it shorter")], session=session, tools=_specs()
        )
    )
    assert asked.question is not None and not asked.calls
    plan = planner.plan(
        PlannerInput(
            conversation=[Message(role="user", content=answer)], session=session, pending=asked.question,
            tools=_specs(),
        )
    )  # fmt: skip
    assert [c.tool for c in plan.calls] == [tool]
    assert arguments_match(tool, want, plan.calls[0].arguments), plan.calls[0].arguments
