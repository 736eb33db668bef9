"""The LLM planner's prompt: Tool RAG picks the right tools, messages are compact data, and the
SmolLM2 tool chat template renders calls the hermes parser reads back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from agent.plan import CallResult, ToolCall
from agent.planners.llm.prompt import (
    ALWAYS_TOOLS,
    SYSTEM_PROMPT,
    assistant_message,
    build_messages,
    compact_result,
    compact_tool_schemas,
    planner_request,
    select_tools,
)
from tools.registry import tool_class

TEMPLATE = Path(__file__).resolve().parents[3] / "serving" / "llm" / "templates" / "smollm2_tool_chat.jinja"
HERMES_CALL = re.compile(r"<tool_call>(.*?)</tool_call>", re.DOTALL)  # what vLLM's hermes parser matches


@pytest.mark.parametrize(
    ("message", "context", "tool"),
    [
        ("speed it up to 95", "song", "song_tempo"),
        ("take the drums out", "song", "song_mute"),
        ("go back to the very first version", "song", "select_version"),
        ("how long is the track?", "audio", "describe_audio"),
        ("transpose it up a whole step", "song", "song_key"),
        ("make a 30 second funky groove in E minor at 105 bpm with bass and drums", "none", "compose"),
    ],
)
def test_tool_rag_lists_the_tool_the_request_needs(message: str, context: str, tool: str) -> None:
    names = select_tools(message, context, k=6)
    assert tool in names
    assert set(ALWAYS_TOOLS) <= set(names)
    assert len(names) <= 6 + len(ALWAYS_TOOLS) + 1


def test_compact_schemas_validate_like_the_tools() -> None:
    (schema,) = compact_tool_schemas(["song_tempo"])
    props = schema["function"]["parameters"]["properties"]
    assert props["bpm"]["type"] == "number"  # anyOf [number, null] collapsed
    assert "title" not in json.dumps(schema)
    # a call written against the compact schema is accepted by the tool's own input model
    tool_class("song_tempo").Input.model_validate({"bpm": 95})


def test_messages_carry_session_and_history_as_data() -> None:
    messages = build_messages("make it faster", "song", history_summary="The user composed a jazz song.")
    assert messages[0]["role"] == "system" and messages[0]["content"].startswith(SYSTEM_PROMPT)
    assert "version 3" in messages[0]["content"] and "compose" in messages[0]["content"]
    assert "jazz song" in messages[0]["content"]
    assert messages[-1] == {"role": "user", "content": "make it faster"}


def test_tool_results_enter_as_compact_data_never_arrays() -> None:
    result = CallResult(
        call_id="c1",
        tool="analyze",
        arguments={"audio": "current"},
        ok=True,
        output={"tempo_bpm": 119.61234, "beats_s": [0.5 * i for i in range(400)], "key": "A minor"},
    )
    text = compact_result(result)
    data = json.loads(text)
    assert data["tempo_bpm"] == 119.6
    assert data["beats_s"] == "400 numbers"
    assert data["key"] == "A minor"
    messages = build_messages("analyze it", "audio", observations=[result])
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "tool"]
    assert messages[-1]["content"] == text


def _render(messages: list[dict], tools: list[dict]) -> str:
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)  # as transformers does
    env.filters["tojson"] = lambda x, indent=None: json.dumps(x, ensure_ascii=False, indent=indent)
    return env.from_string(TEMPLATE.read_text()).render(
        messages=messages, tools=tools, add_generation_prompt=False
    )


def test_template_lists_tools_and_renders_calls_the_hermes_parser_reads() -> None:
    messages, tools = planner_request("speed it up to 95 and then mute the drums", "song")
    calls = [
        ToolCall(id="c1", tool="song_tempo", arguments={"bpm": 95}),
        ToolCall(id="c2", tool="song_mute", arguments={"track": "drums"}),
    ]
    text = _render([*messages, assistant_message(calls)], tools)
    listed = text.split("<tools>", 1)[1].split("</tools>", 1)[0].strip().splitlines()
    assert [json.loads(line)["name"] for line in listed] == [t["function"]["name"] for t in tools]
    parsed = [json.loads(m) for m in HERMES_CALL.findall(text.rsplit("<|im_start|>assistant", 1)[1])]
    assert parsed == [
        {"name": "song_tempo", "arguments": {"bpm": 95}},
        {"name": "song_mute", "arguments": {"track": "drums"}},
    ]
    assert text.count("<|im_start|>") == text.count("<|im_end|>") == 3
