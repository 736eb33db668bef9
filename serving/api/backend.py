"""What the HTTP API talks to: the :class:`AgentBackend` protocol and its in-process implementation.

Every method takes ``owner``: None for the local user (no API keys configured: every session is
visible) or the hashed API key a request carries, which sees only the sessions it created. A session
or artifact that is not the caller's is reported exactly like one that does not exist. The Ray
side implements the same protocol with deployment handles.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from agent.workspace.lookup import unknown_session
from agent.workspace.models import SessionSummary
from agent.workspace.refs import not_an_artifact
from serving.api.models import (
    ArtifactJson,
    Conversation,
    ErrorEvent,
    ResultEvent,
    StartedEvent,
    StreamEvent,
    ToolProgressEvent,
    TurnJson,
    Versions,
)
from tools.base import ArtifactInfo, ToolError


class Upload(BaseModel):
    """A file a message carries: where the API saved it and the (cleaned) name it was sent with."""

    path: str
    name: str


class ArtifactFile(BaseModel):
    """A stored file the API may send: its path on the server, a download name and its media type."""

    path: str
    filename: str
    media_type: str
    size_bytes: int


class AgentBackend(Protocol):
    """Sessions, messages, versions and artifact files for one owner at a time."""

    def ready(self) -> bool:
        """True once the backend can take messages."""
        ...

    def create_session(self, owner: str | None, title: str = "") -> str:
        """Creates an empty session owned by ``owner``; returns its id."""
        ...

    def list_sessions(self, owner: str | None) -> list[SessionSummary]:
        """The owner's sessions, most recently changed first."""
        ...

    def delete_session(self, owner: str | None, session_id: str) -> None:
        """Deletes a session (versions, files, conversation); ToolError("unknown_session")."""
        ...

    def stream_message(
        self, owner: str | None, session_id: str, text: str, uploads: Sequence[Upload]
    ) -> Iterator[StreamEvent]:
        """Checks the session now (ToolError), then yields a StartedEvent, ToolProgressEvents and a
        ResultEvent (or an ErrorEvent) as the turn runs."""
        ...

    def post_message(
        self, owner: str | None, session_id: str, text: str, uploads: Sequence[Upload]
    ) -> TurnJson:
        """Runs one turn to the end; returns what ``bandleader ask --json`` prints."""
        ...

    def versions(self, owner: str | None, session_id: str) -> Versions:
        """Every version of the session, the current one and the redo stack."""
        ...

    def undo(self, owner: str | None, session_id: str) -> ArtifactInfo:
        """Steps back to the current version's parent; ToolError("nothing_to_undo")."""
        ...

    def redo(self, owner: str | None, session_id: str) -> ArtifactInfo:
        """Brings back the last undone version; ToolError("nothing_to_redo")."""
        ...

    def set_current(self, owner: str | None, session_id: str, artifact_id: str) -> ArtifactInfo:
        """Makes any version of the session current; returns it."""
        ...

    def conversation(self, owner: str | None, session_id: str) -> Conversation:
        """The session's checkpointed conversation."""
        ...

    def describe(self, owner: str | None, session_id: str, artifact_id: str) -> dict[str, Any] | None:
        """``describe_audio``'s facts about a version, None when it is not audio."""
        ...

    def artifact_file(self, owner: str | None, artifact_id: str) -> ArtifactFile:
        """The stored file of an artifact; ToolError("not_an_artifact") when it is not the owner's."""
        ...


def media_type(label: str, path: str) -> str:
    """The MIME type to send a file as, guessed from its label then its stored name."""
    for name in (label, path):
        guessed, _ = mimetypes.guess_type(name)
        if guessed:
            return guessed
    return "application/octet-stream"


def turn_events(items: Iterator[Any]) -> Iterator[StreamEvent]:
    """Turns ``Agent.stream_turn``'s items into API stream events (TurnStarted, ToolEvent, TurnResult)."""
    from agent.agent import TurnResult, TurnStarted
    from agent.executor import ToolEvent

    for item in items:
        if isinstance(item, TurnStarted):
            yield StartedEvent(
                session=item.session,
                attachments=[ArtifactJson.of(a) for a in item.attachments],
                attachment_errors=list(item.attachment_errors),
            )
        elif isinstance(item, ToolEvent):
            yield ToolProgressEvent(
                event=item.type,
                call_id=item.call_id,
                tool=item.tool,
                fraction=item.fraction,
                message=item.message,
                time=item.time,
            )
        elif isinstance(item, TurnResult):
            yield ResultEvent(result=TurnJson.of(item))


def turn_result(events: Iterable[StreamEvent]) -> TurnJson:
    """The result that ends a turn's event stream; ToolError when the stream ends in an error or with
    no result. Every backend's ``post_message`` is this over its own ``stream_message``."""
    for event in events:
        if isinstance(event, ResultEvent):
            return event.result
        if isinstance(event, ErrorEvent):
            raise ToolError(event.message, code=event.code)
    raise ToolError("The turn ended without a result; send the message again.", code="no_result")


class InProcessBackend:
    """The backend for one process: wraps an :class:`agent.agent.Agent` (its workspace and graph)."""

    def __init__(self, agent: Any) -> None:
        self.agent = agent

    @classmethod
    def at(cls, home: Path | None = None) -> InProcessBackend:
        """A backend on a new Agent with the LocalPlanner at ``home`` (default: BANDLEADER_HOME)."""
        from agent.agent import Agent

        return cls(Agent(home=home))

    def ready(self) -> bool:
        """True once the planner and graph are loaded (the first call loads them)."""
        _ = self.agent.graph
        return True

    # ------------------------------------------------------------------ ownership

    def _check(self, owner: str | None, session_id: str) -> None:
        ws = self.agent.workspace
        if not ws.session_exists(session_id):
            raise unknown_session(session_id)
        if owner is not None and ws.owner_of(session_id) != owner:
            raise unknown_session(session_id)

    def _session(self, owner: str | None, session_id: str) -> Any:
        self._check(owner, session_id)
        return self.agent.open_session(session_id)

    # ------------------------------------------------------------------ sessions

    def create_session(self, owner: str | None, title: str = "") -> str:
        """Creates an empty session owned by ``owner``; returns its id."""
        ws = self.agent.workspace.create_session(title=title)
        if owner is not None:
            self.agent.workspace.set_owner(ws.session_id, owner)
        return ws.session_id

    def list_sessions(self, owner: str | None) -> list[SessionSummary]:
        """The owner's sessions (all of them for the local user), most recently changed first."""
        return self.agent.workspace.list_sessions(owner=owner)

    def delete_session(self, owner: str | None, session_id: str) -> None:
        """Deletes the session, its files and its conversation."""
        from serving.api.turn_lock import remove_turn_lock

        self._check(owner, session_id)
        self.agent.delete_session(session_id)
        remove_turn_lock(self.agent.home, session_id)

    # ------------------------------------------------------------------ messages

    def stream_message(
        self, owner: str | None, session_id: str, text: str, uploads: Sequence[Upload]
    ) -> Iterator[StreamEvent]:
        """Checks the session, then returns the turn's events (see :class:`AgentBackend`)."""
        self._check(owner, session_id)
        return self._events(session_id, text, [Path(u.path) for u in uploads])

    def _events(self, session_id: str, text: str, paths: list[Path]) -> Iterator[StreamEvent]:
        from serving.api.turn_lock import session_turn_lock

        try:
            # one turn per session at a time, in this process and in every replica on the same store
            with session_turn_lock(self.agent.home, session_id):
                yield from turn_events(self.agent.stream_turn(text, session_id, paths))
        except ToolError as exc:
            yield ErrorEvent(code=exc.code, message=exc.message)

    def post_message(
        self, owner: str | None, session_id: str, text: str, uploads: Sequence[Upload]
    ) -> TurnJson:
        """Runs the turn to the end and returns its result; ToolError when it could not finish."""
        return turn_result(self.stream_message(owner, session_id, text, uploads))

    # ------------------------------------------------------------------ versions

    def versions(self, owner: str | None, session_id: str) -> Versions:
        """Every version of the session (oldest first), the current one and the redo stack."""
        s = self._session(owner, session_id)
        return Versions(session=session_id, current=s.current(), versions=s.history(), redo=s.redo_stack())

    def undo(self, owner: str | None, session_id: str) -> ArtifactInfo:
        """Steps back to the current version's parent; returns the new current version."""
        return self._session(owner, session_id).undo()

    def redo(self, owner: str | None, session_id: str) -> ArtifactInfo:
        """Brings back the last undone version; returns it."""
        return self._session(owner, session_id).redo()

    def set_current(self, owner: str | None, session_id: str, artifact_id: str) -> ArtifactInfo:
        """Makes a version current; returns it."""
        return self._session(owner, session_id).set_current(artifact_id)

    def conversation(self, owner: str | None, session_id: str) -> Conversation:
        """The session's checkpointed conversation, oldest message first."""
        self._check(owner, session_id)
        return Conversation(session=session_id, messages=self.agent.conversation(session_id))

    def describe(self, owner: str | None, session_id: str, artifact_id: str) -> dict[str, Any] | None:
        """``describe_audio``'s facts about a version (length s, LUFS, dBFS...), None if not audio."""
        self._check(owner, session_id)
        result = self.agent.call_tool(session_id, "describe_audio", {"audio": artifact_id})
        return result.output if result.ok else None

    def artifact_file(self, owner: str | None, artifact_id: str) -> ArtifactFile:
        """The artifact's stored file; ToolError("not_an_artifact") when it is not the owner's."""
        session_id = self.agent.workspace.artifact_session(artifact_id)
        if session_id is None:
            raise not_an_artifact(artifact_id)
        try:
            self._check(owner, session_id)
        except ToolError:
            raise not_an_artifact(artifact_id) from None
        info = self.agent.open_session(session_id).get(artifact_id)
        path = Path(info.path)
        if not path.is_file():
            raise ToolError(f"The file of {info.label!r} is missing on the server.", code="missing_file")
        suffix = path.suffix
        name = info.label if Path(info.label).suffix else f"{info.label}{suffix}"
        return ArtifactFile(
            path=str(path), filename=name, media_type=media_type(name, str(path)), size_bytes=info.size_bytes
        )
