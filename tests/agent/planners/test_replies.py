"""Replies a person reads: whole sentences, results from the tool outputs, no field or tool names."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from pydantic import ValidationError

from agent.executor import InProcessExecutor
from agent.plan import CallResult, ToolCall
from agent.planners.grounding import check_grounding
from agent.planners.replies import (
    capabilities_text,
    capability_sentence,
    describe_result,
    first_sentence,
    generic_result,
    invalid_arguments_text,
)
from tools.registry import tool_class, tool_names


def _field_names() -> set[str]:
    names: set[str] = set()
    for tool in tool_names():
        cls = tool_class(tool)
        names |= {n for n in (*cls.Input.model_fields, *cls.Output.model_fields) if "_" in n}
    return names


def test_first_sentence_does_not_stop_at_eg() -> None:
    assert first_sentence("Trim it, e.g. 'keep 30 s'. Adds fades.") == "Trim it, e.g. 'keep 30 s'."
    assert first_sentence("Change the volume (e.g. +3 dB louder). If louder would clip...") == (
        "Change the volume (e.g. +3 dB louder)."
    )


def test_capabilities_are_whole_sentences_without_argument_names() -> None:
    text = capabilities_text()
    lines = [line.removeprefix("• ") for line in text.splitlines()[1:-1]]
    assert len(lines) == len(tool_names())
    names = _field_names()
    for line in lines:
        assert line[0].isupper() and line.endswith("."), line
        assert not re.search(r"\be\.?g\.?$|\be\.g\b(?!\.)", line), line
        assert line.count("(") == line.count(")"), line
        assert not [n for n in names if re.search(rf"\b{n}\b", line)], line
    assert capability_sentence("trim") == "Trim the audio to keep one stretch."
    assert capability_sentence("gain") == "Change the volume by a number of decibels."


def _refusal(tool: str, args: dict) -> str:
    with pytest.raises(ValidationError) as info:
        tool_class(tool).Input.model_validate(args)
    return invalid_arguments_text(tool, list(info.value.errors()))


@pytest.mark.parametrize(
    ("tool", "args", "says"),
    [
        ("song_mute", {}, "instrument"),
        ("gain", {}, "decibels"),
        ("song_key", {}, "key"),
        ("convert", {"format": "aiff"}, "'mp3'"),
        ("trim", {"start_s": -5}, "greater than or equal to 0"),
        ("gain", {"gain_db": "loud"}, "number"),
    ],
)
def test_validation_failures_are_plain_sentences(tool: str, args: dict, says: str) -> None:
    text = _refusal(tool, args)
    assert says in text
    assert "Field required" not in text and "Input should" not in text
    assert "_" not in tool or tool not in text
    assert not [n for n in _field_names() if re.search(rf"\b{n}\b", text)], text
    assert text.endswith(("?", "."))
    if not args:
        assert text.endswith("?")  # something missing: a question back


def _tone(path: Path, seconds: float) -> Path:
    t = np.arange(int(seconds * 22050)) / 22050
    sf.write(path, (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), 22050)
    return path


def _run(tmp_path: Path, tool: str, args: dict) -> CallResult:
    from agent.workspace import Workspace

    ws = Workspace(tmp_path / "home").create_session(title="replies")
    art = ws.import_file(_tone(tmp_path / "tone.wav", 3.25), kind="audio")
    return InProcessExecutor().call(ToolCall(id="c1", tool=tool, arguments={"audio": art.id, **args}), ws)


def test_executor_refusal_reaches_the_user_without_field_names(tmp_path: Path) -> None:
    result = _run(tmp_path, "gain", {})
    assert not result.ok and result.error_code == "invalid_arguments"
    assert "gain_db" not in result.error and "decibels" in result.error, result.error


def test_generic_reply_says_the_results(tmp_path: Path) -> None:
    result = _run(tmp_path, "describe_audio", {})
    assert result.ok
    text = generic_result(result)
    assert "3.25" in text and not text.startswith("Done")
    assert not [n for n in _field_names() if re.search(rf"\b{n}\b", text)], text
    assert check_grounding(text, [result.output]).ok


def test_a_broken_output_falls_back_to_the_generic_reply(tmp_path: Path) -> None:
    result = _run(tmp_path, "describe_audio", {})
    broken = result.model_copy(update={"output": {**result.output, "channels": None, "sample_rate": None}})
    text = describe_result(broken)
    assert "Done" not in text and "3.25" in text
    assert describe_result(result).startswith("It's 0:03.2 long") or describe_result(result).startswith(
        "It's 0:03.3 long"
    )


def test_every_tool_has_its_own_reply() -> None:
    from agent.planners.replies import FORMATTERS

    assert sorted(n for n in tool_names() if n not in FORMATTERS) == []


@pytest.mark.parametrize(
    ("tool", "args", "words"),
    [
        ("fade", {"fade_in_s": 0.5, "fade_out_s": 1.0}, ["0.5 s fade-in", "1 s fade-out", "version 2"]),
        ("trim", {"start_s": 0.5, "end_s": 2.0}, ["Kept 0.5-2.0 s", "3.2 s original", "1.5 s"]),
        ("convert", {"format": "flac", "channels": 1}, ["to FLAC", "mono", "version 2"]),
    ],
)
def test_upload_edits_reply_in_words(tmp_path: Path, tool: str, args: dict, words: list[str]) -> None:
    result = _run(tmp_path, tool, args)
    assert result.ok, result.error
    text = describe_result(result)
    assert all(w in text for w in words), text
    assert not text.startswith("Result") and not [n for n in _field_names() if re.search(rf"\b{n}\b", text)]
