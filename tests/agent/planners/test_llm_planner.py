"""LLMPlanner pieces that need no model: validation, references, memory, safety and the visible
fallback when no server answers (a real refused connection, not a mock)."""

from __future__ import annotations

import pytest

from agent.plan import CallResult, Message, PlannerInput, ToolCall
from agent.planners.dry_run import fake_session
from agent.planners.llm.planner import (
    LLMPlanner,
    LLMSettings,
    parse_answer,
    settings_from_env,
    summarise_history,
    validate_call,
)
from agent.planners.llm.safety import enforce_explicit_request
from agent.planners.local import default_local_planner
from serving.llm.server import free_port
from tools.registry import tool_specs


def test_validate_call_accepts_valid_and_explains_invalid() -> None:
    assert validate_call("song_tempo", '{"bpm": 95, "factor": null}') == {"bpm": 95}
    with pytest.raises(ValueError, match="gain_db"):
        validate_call("gain", {})
    with pytest.raises(ValueError, match="no tool called"):
        validate_call("make_coffee", {})
    with pytest.raises(ValueError, match="not valid JSON"):
        validate_call("gain", '{"gain_db": ')


@pytest.mark.parametrize(
    ("value", "message", "expected"),
    [
        ("1", "go back to the first one", "version:1"),
        ("the very first version", "go back to the very first version", "original"),
        ("version 3", "use version 3", "version:3"),
        ("first", "actually go back to the first one", "version:1"),
    ],
)
def test_version_references_become_tool_references(value: str, message: str, expected: str) -> None:
    assert validate_call("select_version", {"version": value}, message)["version"] == expected


def test_parse_answer_reads_server_calls_and_inline_blocks() -> None:
    server = parse_answer(
        {"content": None, "tool_calls": [{"function": {"name": "undo", "arguments": "{}"}}]}
    )
    assert server.calls == [("undo", "{}")]
    inline = parse_answer(
        {"content": 'ok <tool_call>{"name": "gain", "arguments": {"gain_db": 3}}</tool_call>'}
    )
    assert inline.calls == [("gain", {"gain_db": 3})]
    assert inline.text == "ok"


def test_history_summary_keeps_the_newest_and_fits() -> None:
    conversation = []
    for i in range(40):
        conversation.append(Message(role="user", content=f"make it faster number {i} " + "x" * 50))
        result = CallResult(call_id="c1", tool="song_tempo", arguments={}, ok=True, output={})
        conversation.append(Message(role="tool", content="song_tempo: ok", results=[result]))
    summary = summarise_history(conversation, max_chars=400)
    assert len(summary) <= 440
    assert "number 39" in summary and "number 0 " not in summary
    assert "earlier messages left out" in summary


def test_destructive_calls_need_an_explicit_request_in_this_message() -> None:
    undo = [ToolCall(id="c1", tool="undo"), ToolCall(id="c2", tool="undo")]
    assert len(enforce_explicit_request(undo, "undo the last two changes").calls) == 2
    check = enforce_explicit_request(undo, "undo that")  # one undo asked for, two planned
    assert check.calls == [] and "undo" in check.notes[0]
    remove = [ToolCall(id="c1", tool="song_remove_section", arguments={"section": "bridge"})]
    assert enforce_explicit_request(remove, "make it brighter").calls == []
    assert enforce_explicit_request(remove, "cut the bridge").calls == remove


def test_unconfigured_endpoint_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BANDLEADER_LLM_URL", raising=False)
    with pytest.raises(ValueError, match="BANDLEADER_LLM_URL"):
        settings_from_env()


def test_unreachable_server_falls_back_visibly_to_the_local_planner() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there: the connection is refused
    planner = LLMPlanner(LLMSettings(url=url, model="m", timeout_s=3), fallback=default_local_planner())
    request = PlannerInput(
        conversation=[Message(role="user", content="speed it up to 95")],
        session=fake_session("song"),
        tools=tool_specs(),
    )
    plan = planner.plan(request)
    assert [(c.tool, c.arguments.get("bpm")) for c in plan.calls] == [("song_tempo", 95)]
    assert plan.reply and "built-in planner" in plan.reply and "could not be reached" in plan.reply
    assert planner.last_trace[-1]["fallback"]
    # the note is repeated with the reply once the calls ran
    done = CallResult(call_id="c1", tool="song_tempo", arguments={"bpm": 95}, ok=True, output={"bpm": 95})
    reply = planner.plan(request.model_copy(update={"observations": [done]})).reply
    assert reply is not None and reply.startswith("(The language model couldn't plan this")


def test_only_short_plain_sentences_pass_as_replies() -> None:
    from agent.planners.llm.planner import looks_like_a_sentence

    assert looks_like_a_sentence("Which key would you like it in?")
    assert not looks_like_a_sentence("You can use this code:\n```\n#!/usr/bin/python\n```")
    assert not looks_like_a_sentence("Momo!🌆**ohhh,")
    assert not looks_like_a_sentence("word " * 80)
