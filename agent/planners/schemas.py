"""Tool schemas in the OpenAI chat-completions ``tools`` format, generated from the registry.

One function shared by the LLM planner (what the model sees) and ``bandleader tools --schemas``.
"""

from __future__ import annotations

from typing import Any

from tools.base import ARTIFACT_FIELD_MARK, ToolSpec


def _clean(schema: Any) -> Any:
    """The JSON schema without pydantic's 'title' noise and our internal 'x-artifact' marks (both
    cost tokens and tell the model nothing its description does not)."""
    if isinstance(schema, dict):
        return {
            k: _clean(v)
            for k, v in schema.items()
            if k != ARTIFACT_FIELD_MARK and not (k == "title" and isinstance(v, str))
        }
    if isinstance(schema, list):
        return [_clean(v) for v in schema]
    return schema


def openai_tool_schemas(specs: list[ToolSpec]) -> list[dict[str, Any]]:
    """One ``{"type": "function", "function": {name, description, parameters}}`` per spec, in order;
    ``parameters`` is the tool's pydantic Input schema (titles and internal marks removed)."""
    out = []
    for spec in specs:
        parameters = _clean(spec.input_schema)
        parameters.setdefault("type", "object")
        parameters.setdefault("properties", {})
        out.append(
            {
                "type": "function",
                "function": {"name": spec.name, "description": spec.description, "parameters": parameters},
            }
        )
    return out
