"""How the fine-tuned planner's prompt differs from the LLM planner's, and how its output is read.

The messages and the Tool RAG selection are the LLM planner's own
(:func:`agent.planners.llm.prompt.planner_request`), rendered by the serving chat template
(``serving/llm/templates/smollm2_tool_chat.jinja``) with one change, :func:`names_only_template`:
tools are listed by name alone. On these 2 shared cores every prompt token costs training time, so
the 135M model learns the arguments, their units and meanings from its targets (it knows the
registry); Tool RAG's names say which tools are likely. The request still carries full schemas, so
a server can validate and constrain decoding. The model answers with
``<tool_call>{"name": ..., "arguments": {...}}</tool_call>`` lines, or a sentence: a clarifying
question (it has a '?') or a reply.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from tools.base import ToolError
from tools.registry import tool_class

_CALL = re.compile(r"<tool_call>\s*(\{.*?\})\s*</tool_call>", re.S)
_TOOL_JSON = "((tool['function'] if tool['function'] is defined else tool) | tojson)"
_TOOL_NAME_JSON = "({'name': (tool['function'] if tool['function'] is defined else tool)['name']} | tojson)"


def names_only_template(template: str) -> str:
    """The serving chat template changed to list each tool of the request's ``tools`` by name alone
    (``{"name": ...}``), everything else as it is. ValueError when the template has no tools line."""
    if _TOOL_JSON not in template:
        raise ValueError("the chat template's tools line changed: update names_only_template")
    return template.replace(_TOOL_JSON, _TOOL_NAME_JSON)


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
    and one of ``allowed`` when given) and object ``arguments``; with no call, text with a '?' is a
    question, other text a reply."""
    out = ParsedCompletion()
    for block in _CALL.findall(text):
        try:
            obj = json.loads(block)
            name, args = obj["name"], obj.get("arguments") or {}
            if isinstance(args, str):
                args = json.loads(args)
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
    if "?" in plain:
        out.question = plain
    elif plain:
        out.reply = plain
    return out
