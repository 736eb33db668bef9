"""The API's request and response bodies (pydantic), shared with ``bandleader ask --json``.

:class:`TurnJson` is the object ``bandleader ask --json`` prints and ``POST
/v1/sessions/{id}/messages`` returns; the OpenAPI document is generated from these models.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from agent.workspace.models import SessionSummary
from tools.base import ArtifactInfo


class ArtifactJson(BaseModel):
    """A saved version as a turn reports it (the file itself: ``GET /v1/artifacts/{id}``)."""

    id: str
    kind: str
    label: str
    path: str = Field(description="Where the server stored the file (read it over HTTP with its id).")
    parent: str | None = None
    version: int = Field(description="1-based version number within the session.")

    @classmethod
    def of(cls, a: ArtifactInfo | None) -> ArtifactJson | None:
        """The JSON form of an ArtifactInfo (None stays None)."""
        if a is None:
            return None
        return cls(id=a.id, kind=a.kind, label=a.label, path=a.path, parent=a.parent, version=a.version)


class ToolCallJson(BaseModel):
    """One tool call of a turn: its name, arguments and whether it worked."""

    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    ok: bool
    error: str | None = None


class TurnJson(BaseModel):
    """What one message did: the same object ``bandleader ask --json`` prints."""

    session: str
    reply: str
    ok: bool = Field(description="False when a call failed, an upload was refused or nothing was understood.")
    tool_calls: list[ToolCallJson] = Field(default_factory=list)
    artifacts: list[ArtifactJson | None] = Field(
        default_factory=list, description="Made this turn, oldest first."
    )
    current: ArtifactJson | None = None
    seconds: float = Field(0.0, description="Wall time of the whole turn, in seconds (3 decimals).")

    @classmethod
    def of(cls, result: Any) -> TurnJson:
        """The JSON form of an :class:`agent.agent.TurnResult`."""
        return cls(
            session=result.session,
            reply=result.reply,
            ok=result.ok,
            tool_calls=[
                ToolCallJson(name=c.name, arguments=c.arguments, ok=c.ok, error=c.error)
                for c in result.tool_calls
            ],
            artifacts=[ArtifactJson.of(a) for a in result.artifacts],
            current=ArtifactJson.of(result.current),
            seconds=round(result.seconds, 3),
        )


class StartedEvent(BaseModel):
    """First event of a streamed turn: the session and the uploads already saved as versions."""

    type: Literal["turn_started"] = "turn_started"
    session: str
    attachments: list[ArtifactJson | None] = Field(default_factory=list)
    attachment_errors: list[str] = Field(default_factory=list)


class ToolProgressEvent(BaseModel):
    """A tool started, progressed (fraction 0-1), finished or failed."""

    type: Literal["tool"] = "tool"
    event: Literal["started", "progress", "finished", "failed"]
    call_id: str
    tool: str
    fraction: float = Field(0.0, description="How far the tool is, 0 to 1.")
    message: str = ""
    time: float = Field(0.0, description="Seconds since the Unix epoch.")


class ResultEvent(BaseModel):
    """Last event of a streamed turn: the turn's result."""

    type: Literal["result"] = "result"
    result: TurnJson


class ErrorEvent(BaseModel):
    """Last event of a streamed turn that could not finish: what went wrong, in words."""

    type: Literal["error"] = "error"
    code: str
    message: str


StreamEvent = StartedEvent | ToolProgressEvent | ResultEvent | ErrorEvent
"""What a backend's message stream yields, in order: StartedEvent, ToolProgressEvents, then a
ResultEvent (or an ErrorEvent)."""


class SessionCreated(BaseModel):
    """The new session's id."""

    id: str


class CreateSession(BaseModel):
    """Optional body of ``POST /v1/sessions``."""

    title: str = Field("", max_length=200, description="Shown in session lists.")


class SessionList(BaseModel):
    """The caller's sessions, most recently changed first."""

    sessions: list[SessionSummary]


class Versions(BaseModel):
    """Every saved version of a session (oldest first), the current one and what redo brings back."""

    session: str
    current: ArtifactInfo | None = None
    versions: list[ArtifactInfo] = Field(default_factory=list)
    redo: list[ArtifactInfo] = Field(
        default_factory=list, description="What redo would bring back, next first."
    )


class Conversation(BaseModel):
    """A session's checkpointed conversation (user, tool and assistant messages), oldest first."""

    session: str
    messages: list[dict[str, Any]] = Field(default_factory=list)


class Health(BaseModel):
    """Liveness or readiness."""

    status: Literal["ok", "starting", "unavailable"]
    detail: str = ""


class ErrorBody(BaseModel):
    """Every 4xx/5xx body: a short code and a message a person can act on."""

    code: str
    message: str


class ErrorResponse(BaseModel):
    """``{"error": {"code": ..., "message": ...}}``."""

    error: ErrorBody
