"""Tool schemas for LLM planners come from the registry; planners are built by name."""

from __future__ import annotations

import pytest

from agent.planners import make_planner
from agent.planners.factory import PlannerUnavailableError
from agent.planners.schemas import openai_tool_schemas
from tools.registry import tool_names, tool_specs


def test_one_schema_per_registered_tool_with_its_real_arguments() -> None:
    schemas = openai_tool_schemas(tool_specs())
    assert [s["function"]["name"] for s in schemas] == tool_names()
    by_name = {s["function"]["name"]: s["function"] for s in schemas}
    tempo = by_name["song_tempo"]["parameters"]
    assert {"bpm", "change_bpm", "percent", "direction"} <= set(tempo["properties"])
    assert tempo["properties"]["direction"]["anyOf"][0]["enum"] == ["faster", "slower"]
    assert by_name["gain"]["parameters"]["required"] == ["gain_db"]
    assert "x-artifact" not in str(schemas)
    assert "title" not in tempo and "title" not in tempo["properties"]["bpm"]
    assert "title" in by_name["compose"]["parameters"]["properties"]  # an argument called title stays


def test_make_planner_builds_the_local_planner_and_refuses_unknown_names() -> None:
    assert make_planner("local").name == "local"
    with pytest.raises(PlannerUnavailableError, match="no planner called"):
        make_planner("oracle")
