"""The one table of tools. Planner schemas, API docs, Ray deployments and eval checks come from here.

Entries are ``"module:Class"`` so reading the list imports nothing heavy; a tool class is imported
(and its declaration validated) the first time it is asked for.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from tools.base import Tool, ToolError, ToolSpec

TOOL_TABLE: dict[str, str] = {
    # audio facts and basic edits
    "describe_audio": "tools.editing.describe:DescribeAudio",
    "trim": "tools.editing.trim:Trim",
    "fade": "tools.editing.fade:Fade",
    "gain": "tools.editing.gain:Gain",
    "normalize_loudness": "tools.editing.normalize:NormalizeLoudness",
    "convert": "tools.editing.convert:Convert",
    # music understanding and captions
    "analyze": "tools.understanding.analyze:Analyze",
    "caption": "tools.captioning.captions:Caption",
    "answer_question": "tools.captioning.questions:AnswerQuestion",
    # session history
    "undo": "tools.session.history:Undo",
    "redo": "tools.session.history:Redo",
    "select_version": "tools.session.history:SelectVersion",
    "list_versions": "tools.session.history:ListVersions",
    "export": "tools.session.export:Export",
    # song generation (an editable song project) and its edits
    "compose": "tools.generation.compose_tool:Compose",
    "song_tempo": "tools.generation.edit_tools:SongTempo",
    "song_key": "tools.generation.edit_tools:SongKey",
    "song_instrument": "tools.generation.edit_tools:SongInstrument",
    "song_section": "tools.generation.edit_tools:SongSection",
    "song_mute": "tools.generation.edit_tools:SongMute",
    "song_regenerate": "tools.generation.edit_tools:SongRegenerate",
    "song_mix": "tools.generation.edit_tools:SongMix",
    "song_lyrics": "tools.generation.edit_tools:SongLyrics",
    "song_variations": "tools.generation.edit_tools:SongVariations",
    "song_add_section": "tools.generation.form_tools:SongAddSection",
    "song_remove_section": "tools.generation.form_tools:SongRemoveSection",
    "song_move_section": "tools.generation.form_tools:SongMoveSection",
    "song_extend": "tools.generation.form_tools:SongExtend",
    "song_inpaint": "tools.generation.form_tools:SongInpaint",
    "song_style": "tools.generation.form_tools:SongStyle",
    "song_reference": "tools.generation.form_tools:SongReference",
    "song_compare": "tools.generation.form_tools:SongCompare",
    "song_export": "tools.generation.export_tool:SongExport",
    # music for a video (cue sheet, scoring, muxing) and its edits
    "score_video": "tools.video.tools:ScoreVideo",
    "video_rescore": "tools.video.tools:VideoRescore",
    # separation and editing of uploads (issue 15)
    "separate": "tools.separation.tool:Separate",
    "time_stretch": "tools.editing.time_stretch:TimeStretch",
    "pitch_shift": "tools.editing.pitch_shift:PitchShift",
    "remix_stems": "tools.editing.remix:RemixStems",
    "effects": "tools.editing.effects:Effects",
    "loop_crop": "tools.editing.loop_crop:LoopCrop",
    "restore": "tools.editing.restore:Restore",
    "splice": "tools.editing.splice:Splice",
    "combine_stems": "tools.editing.combine_stems:CombineStems",
    "timbre_transfer": "tools.editing.timbre_transfer:TimbreTransfer",
    "accompany": "tools.editing.accompany:Accompany",
    # recommendation: find tracks in the user's indexed library, refine, use one for the video
    "recommend": "tools.recommend.tools:Recommend",
    "recommend_more": "tools.recommend.tools:RecommendMore",
    "recommend_next": "tools.recommend.tools:RecommendNext",
    "recommend_refine": "tools.recommend.tools:RecommendRefine",
    "recommend_for_video": "tools.recommend.tools:RecommendForVideo",
}


def tool_names() -> list[str]:
    """Registered tool names, in table order."""
    return list(TOOL_TABLE)


@cache
def tool_class(name: str) -> type[Tool]:
    """The class registered as ``name``; raises ToolError for an unknown name."""
    target = TOOL_TABLE.get(name)
    if target is None:
        raise ToolError(
            f"There is no tool called '{name}'. Known tools: {', '.join(TOOL_TABLE)}.", code="unknown_tool"
        )
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    if not (isinstance(cls, type) and issubclass(cls, Tool)) or cls.name != name:
        raise TypeError(f"registry entry {name!r} -> {target} is not a Tool named {name!r}")
    return cls


@cache
def get_tool(name: str) -> Tool:
    """The process-wide instance of tool ``name`` (tools keep loaded models across calls)."""
    return tool_class(name)()


def tool_spec(name: str) -> ToolSpec:
    """The generated description of one tool: schemas, resources, backends with availability."""
    cls = tool_class(name)
    backends: list[dict[str, Any]] = []
    for b in cls.backends:
        reason = b.unavailable_reason()
        backends.append(
            {
                "name": b.name,
                "licence": b.licence,
                "permissive": b.permissive,
                "available": reason is None,
                "reason": reason,
                "description": b.description,
            }
        )
    return ToolSpec(
        name=cls.name,
        description=cls.description,
        input_schema=cls.Input.model_json_schema(),
        output_schema=cls.Output.model_json_schema(),
        resources=cls.resources,
        changes_current=cls.changes_current,
        backends=backends,
    )


def tool_specs() -> list[ToolSpec]:
    """Specs of every registered tool, in table order."""
    return [tool_spec(n) for n in TOOL_TABLE]


def openai_tool_schemas() -> list[dict[str, Any]]:
    """Tool definitions in the OpenAI chat-completions ``tools`` format (for LLM planners)."""
    return [
        {
            "type": "function",
            "function": {"name": s.name, "description": s.description, "parameters": s.input_schema},
        }
        for s in tool_specs()
    ]
