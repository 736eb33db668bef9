"""The typed plan every planner produces and the records a turn leaves behind.

A planner (local or LLM) turns the conversation into a :class:`Plan`: tool calls (with the calls
each depends on), and/or a reply, and/or a clarifying question. The graph does not know which
planner ran.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

from tools.base import ArtifactInfo, ToolSpec

CALL_REF_PREFIX = "@"
"""An argument value '@c1' means: the artifact produced by call c1 of the same plan."""


class ToolCall(BaseModel):
    """One planned call of a registered tool."""

    id: str = Field(description="Unique within the plan, e.g. 'c1'.")
    tool: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    depends_on: list[str] = Field(default_factory=list, description="Ids of calls that must finish first.")


class PendingQuestion(BaseModel):
    """A call waiting for a missing argument: asked this turn, completed by the user's answer."""

    tool: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    missing: list[str] = Field(description="Argument names the question asks for.")
    question: str


class Plan(BaseModel):
    """What to do next: calls to run, and/or a reply, and/or a clarifying question."""

    calls: list[ToolCall] = Field(default_factory=list)
    reply: str | None = None
    question: PendingQuestion | None = None
    understood: bool = Field(True, description="False when the planner could not make sense of the request.")


class CallResult(BaseModel):
    """What happened to one call (success or a clear error)."""

    call_id: str
    tool: str
    arguments: dict[str, Any]
    ok: bool
    output: dict[str, Any] | None = None
    error: str | None = None
    error_code: str | None = None
    artifacts: list[ArtifactInfo] = Field(default_factory=list)
    seconds: float = Field(0.0, description="Wall time of the tool's own work, in seconds.")


class Message(BaseModel):
    """One entry of the conversation (persisted by the checkpointer)."""

    role: Literal["user", "assistant", "tool"]
    content: str
    attachments: list[str] = Field(default_factory=list, description="Artifact ids attached to a user turn.")
    results: list[CallResult] = Field(default_factory=list, description="For role 'tool': the call results.")


class SessionSummary(BaseModel):
    """What a planner may know about the session's media without opening files."""

    session_id: str
    current: ArtifactInfo | None = None
    n_versions: int = 0
    attachments: list[ArtifactInfo] = Field(default_factory=list, description="Attached this turn.")


class PlannerInput(BaseModel):
    """Everything a planner sees for one planning step."""

    conversation: list[Message]
    observations: list[CallResult] = Field(
        default_factory=list, description="Results of calls made earlier in this turn."
    )
    pending: PendingQuestion | None = Field(None, description="A question asked on the previous turn.")
    session: SessionSummary
    tools: list[ToolSpec]


class Planner(Protocol):
    """Turns the conversation and session state into a plan (LocalPlanner, LLMPlanner, scripted)."""

    name: str

    def plan(self, request: PlannerInput) -> Plan: ...
