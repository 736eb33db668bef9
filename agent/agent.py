"""The agent as the rest of the product uses it: one call per user turn, events streamed.

``Agent.stream_turn`` imports attachments into the session's workspace, runs the LangGraph graph
under the session id, yields tool progress events as they happen and finally a :class:`TurnResult`.
The CLI, the UI, the HTTP API and the eval runner all go through here.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from agent.executor import Executor, InProcessExecutor, ToolEvent
from agent.graph import build_graph
from agent.plan import CallResult, Planner
from agent.state import open_state
from agent.workspace import SessionWorkspace, Workspace
from tools.base import ArtifactInfo, ToolError


def default_home() -> Path:
    """Where sessions and checkpoints live (``BANDLEADER_HOME`` or ``~/.local/share/bandleader``)."""
    return Path(os.environ.get("BANDLEADER_HOME", "~/.local/share/bandleader")).expanduser()


class ToolCallRecord(BaseModel):
    """A call made during a turn, as reported to users and scripts."""

    name: str
    arguments: dict[str, Any]
    ok: bool
    error: str | None = None
    seconds: float = 0.0
    output: dict[str, Any] | None = None


def session_title(message: str, limit: int = 60) -> str:
    """A session's title from its first request: one line, at most ``limit`` characters."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class TurnStarted(BaseModel):
    """First item of a turn's stream: the session it runs in (new chats learn their id here) and
    the attachments already saved as versions, so a UI can show them before any tool finishes."""

    session: str
    attachments: list[ArtifactInfo] = Field(default_factory=list)
    attachment_errors: list[str] = Field(default_factory=list)


class TurnResult(BaseModel):
    """What one user turn did: the reply, the calls in order, new artifacts, the current one."""

    session: str
    reply: str
    ok: bool = Field(
        description="False when a call failed, an attachment was refused or nothing was understood."
    )
    tool_calls: list[ToolCallRecord] = Field(default_factory=list)
    artifacts: list[ArtifactInfo] = Field(default_factory=list, description="Made this turn, oldest first.")
    current: ArtifactInfo | None = None
    attachments: list[ArtifactInfo] = Field(default_factory=list)
    seconds: float = Field(0.0, description="Wall time of the whole turn, in seconds.")
    tool_seconds: float = Field(0.0, description="Wall time spent inside tools, in seconds.")


def _import_attachment(workspace: SessionWorkspace, path: Path) -> ArtifactInfo:
    """Check an uploaded file and store it as a new thread of work; ToolError when unusable."""
    from tools.audio.decode import check_decodable
    from tools.audio.limits import upload_too_large
    from tools.audio.probe import detect_kind

    name = path.name
    if not path.is_file():
        raise ToolError(
            f"I can't find the file {name!s}: check the path and attach it again.", code="missing_file"
        )
    size = path.stat().st_size
    if size == 0:
        raise ToolError(f"{name} is empty (0 bytes): upload the file again.", code="empty_file")
    refusal = upload_too_large(name, size)
    if refusal:
        raise ToolError(refusal, code="too_large")
    kind = detect_kind(path)
    if kind == "audio":
        check_decodable(path, display_name=name)
    return workspace.import_file(path, kind=kind, label=name)


class Agent:
    """Bandleader's orchestrator bound to a home folder, a planner and an executor.

    Sessions' index and checkpoints live in SQLite files under ``home``, or in the PostgreSQL
    database at ``database_url`` (default ``$BANDLEADER_DATABASE_URL``); artifact files stay in
    ``home`` either way (see :mod:`agent.state`).
    """

    def __init__(
        self,
        home: Path | None = None,
        planner: Planner | None = None,
        executor: Executor | None = None,
        database_url: str | None = None,
    ) -> None:
        self.home = Path(home) if home else default_home()
        self.home.mkdir(parents=True, exist_ok=True)
        self.state = open_state(self.home, database_url)
        self.workspace: Workspace = self.state.workspace
        self._planner = planner
        self.executor = executor or InProcessExecutor()
        self._sessions: dict[str, SessionWorkspace] = {}
        self._lock = threading.Lock()

    @cached_property
    def planner(self) -> Planner:
        """The planner in use (LocalPlanner unless one was given)."""
        if self._planner is not None:
            return self._planner
        from agent.planners.local import default_local_planner

        return default_local_planner()

    @cached_property
    def graph(self) -> Any:
        """The compiled, checkpointed LangGraph graph."""
        return build_graph(self.planner, self.executor, self.open_session, self.state.checkpointer)

    def open_session(self, session_id: str) -> SessionWorkspace:
        """The workspace of an existing session (cached per process); ToolError when unknown."""
        with self._lock:
            ws = self._sessions.get(session_id)
            if ws is None:
                ws = self.workspace.open_session(session_id)
                self._sessions[session_id] = ws
            return ws

    def _session_for_turn(self, session_id: str | None, message: str) -> SessionWorkspace:
        """The turn's session; a new one is titled with the first request (shown in session lists)."""
        title = session_title(message)
        if session_id is None:
            ws = self.workspace.create_session(title=title)
            with self._lock:
                self._sessions[ws.session_id] = ws
            return ws
        with self._lock:
            ws = self._sessions.get(session_id)
            if ws is None:
                ws = self._sessions[session_id] = self.workspace.open_or_create(session_id, title=title)
            return ws

    def stream_turn(
        self, message: str, session_id: str | None = None, attachments: Sequence[Path | str] = ()
    ) -> Iterator[TurnStarted | ToolEvent | TurnResult]:
        """Run one user turn; yields a TurnStarted once attachments are saved, ToolEvents while tools
        run, then the TurnResult (last item)."""
        started = time.perf_counter()
        ws = self._session_for_turn(session_id, message)
        attached: list[ArtifactInfo] = []
        errors: list[str] = []
        for path in attachments:
            try:
                attached.append(_import_attachment(ws, Path(path)))
            except ToolError as exc:
                errors.append(exc.message)
        yield TurnStarted(session=ws.session_id, attachments=attached, attachment_errors=errors)
        user = {"role": "user", "content": message, "attachments": [a.id for a in attached], "results": []}
        state_in = {
            "session_id": ws.session_id,
            "conversation": [user],
            "attachments": [a.model_dump(mode="json") for a in attached],
            "attachment_errors": errors,
            "observations": [],
            "plan": None,
            "rounds": 0,
            "reply": "",
        }
        config = {"configurable": {"thread_id": ws.session_id}}
        final: dict[str, Any] = {}
        # durability="exit": one checkpoint write per turn instead of one per step (~10 ms a turn).
        # A turn is the unit of resumption; versions are saved by the workspace as tools finish.
        stream = self.graph.stream(state_in, config, stream_mode=["custom", "values"], durability="exit")
        for mode, payload in stream:
            if mode == "custom":
                yield ToolEvent.model_validate(payload)
            else:
                final = payload
        results = [CallResult.model_validate(o) for o in final.get("observations") or []]
        plan = final.get("plan") or {}
        produced = [a for r in results for a in r.artifacts]
        yield TurnResult(
            session=ws.session_id,
            reply=final.get("reply", ""),
            ok=not errors and plan.get("understood", True) and all(r.ok for r in results),
            tool_calls=[
                ToolCallRecord(
                    name=r.tool,
                    arguments=r.arguments,
                    ok=r.ok,
                    error=r.error,
                    seconds=r.seconds,
                    output=r.output,
                )
                for r in results
            ],
            artifacts=attached + produced,
            current=ws.current(),
            attachments=attached,
            seconds=time.perf_counter() - started,
            tool_seconds=sum(r.seconds for r in results),
        )

    def turn(
        self, message: str, session_id: str | None = None, attachments: Sequence[Path | str] = ()
    ) -> TurnResult:
        """Run one user turn to completion and return its result (events are dropped)."""
        result: TurnResult | None = None
        for item in self.stream_turn(message, session_id, attachments):
            if isinstance(item, TurnResult):
                result = item
        assert result is not None
        return result

    def conversation(self, session_id: str) -> list[dict[str, Any]]:
        """The checkpointed conversation of a session (empty when it has none yet)."""
        snapshot = self.graph.get_state({"configurable": {"thread_id": session_id}})
        return list((snapshot.values or {}).get("conversation", []))

    def call_tool(
        self, session_id: str, tool: str, arguments: dict[str, Any], emit: Any = None
    ) -> CallResult:
        """Runs one registered tool on a session outside the conversation and returns its result.

        For panels that need facts without a chat turn (the UI's version compare reads
        ``describe_audio``). Nothing is added to the conversation; failures come back in the result.
        ``emit`` receives the call's ToolEvents (started, progress, finished/failed) when given.
        """
        from agent.plan import ToolCall

        call = ToolCall(id="panel", tool=tool, arguments=dict(arguments))
        return self.executor.call(call, self.open_session(session_id), emit or (lambda _event: None))

    def delete_session(self, session_id: str) -> None:
        """Deletes a session: its versions, its files and its checkpointed conversation.

        Raises ToolError("unknown_session") when there is no such session.
        """
        self.workspace.delete_session(session_id)
        with self._lock:
            self._sessions.pop(session_id, None)
        self.state.checkpointer.delete_thread(session_id)

    def close(self) -> None:
        """Closes the session index and the checkpoint store; the agent must not be used afterwards."""
        self.state.close()
