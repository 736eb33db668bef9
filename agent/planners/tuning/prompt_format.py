"""What the fine-tuned planner sees and how its completion is read back.

The prompt is one system turn (who it is, what is current in the session, the rules) with the k
tools Tool RAG chose, as compact JSON schemas, and the user's message. The chat template
(hermes-style, ``serving/llm/templates/smollm2_tool_chat.jinja``) lists the tools in ``<tools>``;
the model answers with ``<tool_call>{"name": ..., "arguments": {...}}</tool_call>`` (one per call,
in order) or with a plain sentence: a clarifying question (ends with '?') or a reply.

Compact schemas keep sequences short on CPU: the description cut to 90 characters (at a sentence
end where one fits), per argument only its type, enum and 40 characters of description. Media arguments
(the session fills them), ``check``, ``seed`` and ``backend`` are left out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tools.base import ToolError
from tools.registry import openai_tool_schemas, tool_class

HIDDEN_ARGUMENTS = {"check", "seed", "backend", "melody_from", "structure"}
"""Arguments the planner never sets (defaults are right; session and composer handle them)."""

CONTEXT_TEXT = {
    "none": "Nothing has been made or uploaded yet.",
    "audio": "The current version is an uploaded audio track.",
    "song": "The current version is a song you composed (an editable song project).",
    "video": "The current version is a video you scored with music.",
}

SYSTEM_TEMPLATE = (
    "You are Bandleader, a music assistant. {context} Call tools for what the user asks, in order; ask one "
    "short question if something needed is missing; else reply in one sentence."
)

_CALL = re.compile(r"<tool_call>\s*(\{.*?\})\s*</tool_call>", re.S)


def _short(text: str, limit: int) -> str:
    """``text`` cut at a sentence end (or a word) at most ``limit`` characters in."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    ends = [m.end() - 2 for m in re.finditer(r"(?<!e\.g)(?<!i\.e)[.;] ", cut)]
    end = ends[-1] if ends else -1
    if end > limit // 3:
        return cut[: end + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "..."


def _compact_property(prop: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    variants = [v for v in prop.get("anyOf", [prop]) if v.get("type") != "null"]
    base = variants[0] if variants else prop
    for key in ("type", "enum"):
        if key in base:
            out[key] = base[key]
    if base.get("type") == "array" and "items" in base:
        out["items"] = {k: v for k, v in base["items"].items() if k in ("type", "enum")}
    if prop.get("description"):
        out["description"] = _short(prop["description"], 40)
    return out


@cache
def compact_tool_schema(name: str) -> dict[str, Any]:
    """The OpenAI ``{"type": "function", "function": {...}}`` schema of tool ``name``, compacted (see
    the module docstring)."""
    full = next(t for t in openai_tool_schemas() if t["function"]["name"] == name)["function"]
    media = set(tool_class(name).artifact_fields())
    params = full.get("parameters", {})
    props = {
        arg: _compact_property(p)
        for arg, p in params.get("properties", {}).items()
        if arg not in media and arg not in HIDDEN_ARGUMENTS
    }
    required = [r for r in params.get("required", []) if r in props]
    parameters: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        parameters["required"] = required
    return {
        "type": "function",
        "function": {"name": name, "description": _short(full["description"], 90), "parameters": parameters},
    }


def prompt_tool(name: str) -> dict[str, Any]:
    """The tool as the fine-tuned 135M planner sees it in its prompt: the name alone.

    On these 2 shared cores every prompt token costs training time, so the small model learns the
    arguments, their units and meanings from its training targets (it knows the registry) and Tool
    RAG's names only say which tools are likely. A large model (Llama-3.1-8B) gets
    :func:`compact_tool_schema` instead."""
    return {"type": "function", "function": {"name": name}}


def build_messages(
    message: str, context: str, history: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """OpenAI-style chat messages for one planning turn: the system turn for ``context`` ('none',
    'audio', 'song' or 'video'), earlier turns (``history``, already in OpenAI form) and ``message``."""
    system = SYSTEM_TEMPLATE.format(context=CONTEXT_TEXT.get(context, CONTEXT_TEXT["none"]))
    return [{"role": "system", "content": system}, *(history or []), {"role": "user", "content": message}]


def assistant_message(calls: list[dict[str, Any]], text: str | None = None) -> dict[str, Any]:
    """The assistant turn for ``calls`` ([{"tool", "arguments"}], in order) or plain ``text``."""
    if calls:
        return {
            "role": "assistant",
            "content": "",
            "tool_calls": [
                {"type": "function", "function": {"name": c["tool"], "arguments": c["arguments"]}}
                for c in calls
            ],
        }
    return {"role": "assistant", "content": text or ""}


@dataclass
class ParsedCompletion:
    """A completion read back: calls (tool, arguments) in order, else a question or a reply."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    question: str | None = None
    reply: str | None = None
    invalid: list[str] = field(default_factory=list)
    """Tool-call blocks that were not JSON with a known tool name (what a repair loop would see)."""


def parse_completion(text: str, allowed: set[str] | None = None) -> ParsedCompletion:
    """Read the model's completion: every ``<tool_call>`` block with JSON ``name`` (a registered tool,
    and one of ``allowed`` when given) and object ``arguments``; with no call, text ending in '?' is a
    question, other text a reply."""
    out = ParsedCompletion()
    for block in _CALL.findall(text):
        try:
            obj = json.loads(block)
            name, args = obj["name"], obj.get("arguments") or {}
            tool_class(name)
            if (allowed is not None and name not in allowed) or not isinstance(args, dict):
                raise ValueError(name)
        except (ValueError, KeyError, TypeError, ToolError):
            out.invalid.append(block)
            continue
        out.calls.append({"tool": name, "arguments": args})
    if out.calls or out.invalid:
        return out
    plain = _CALL.sub("", text).replace("<|im_end|>", "").strip()
    if plain.endswith("?"):
        out.question = plain
    elif plain:
        out.reply = plain
    return out
