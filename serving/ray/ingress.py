"""The ingress deployment: serving/api's FastAPI app, unchanged, on a backend that forwards to the agent.

:class:`RayBackend` implements :class:`serving.api.backend.AgentBackend` with the agent
deployment's handle: unary methods are retried once when the agent replica dies (the session is
checkpointed, so a new replica carries on); a turn streams the agent's events and, if the replica
dies mid-turn, ends with a clear error event instead of hanging.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ray import serve

from agent.workspace.models import SessionSummary
from serving.api.backend import ArtifactFile, Upload, turn_result
from serving.api.models import Conversation, ErrorEvent, StreamEvent, TurnJson, Versions
from tools.base import ArtifactInfo, ToolError

log = logging.getLogger("ray.serve")


def _replica_died(exc: BaseException) -> bool:
    from serving.ray.executor import _replica_died as died

    return died(exc)


class RayBackend:
    """An AgentBackend whose every call goes to the agent deployment (see the module docstring)."""

    def __init__(self, agent: Any, timeout_s: float = 600.0, retry_pause_s: float = 1.0) -> None:
        self.agent = agent
        self.timeout_s = timeout_s
        self.retry_pause_s = retry_pause_s

    def _invoke(self, method: str, *args: Any) -> Any:
        for attempt in (1, 2):
            try:
                reply = self.agent.invoke.remote(method, list(args)).result(timeout_s=self.timeout_s)
                break
            except TimeoutError:
                raise ToolError(
                    f"The assistant did not answer within {self.timeout_s:.0f} s; try again.", code="timeout"
                ) from None
            except Exception as exc:
                if _replica_died(exc) and attempt == 1:
                    log.warning("agent replica died during %s; retrying once", method)
                    time.sleep(self.retry_pause_s)
                    continue
                log.error("agent call %s failed: %s", method, exc)
                raise ToolError(
                    "The assistant is restarting; your sessions are saved. Try again in a few seconds.",
                    code="unavailable",
                ) from None
        if "error" in reply:
            raise ToolError(reply["error"]["message"], code=reply["error"]["code"])
        return reply["value"]

    def ready(self) -> bool:
        """True once the agent replica has loaded its planner and graph."""
        return bool(self._invoke("ready"))

    def create_session(self, owner: str | None, title: str = "") -> str:
        """Creates an empty session owned by ``owner``; returns its id."""
        return str(self._invoke("create_session", owner, title))

    def list_sessions(self, owner: str | None) -> list[SessionSummary]:
        """The owner's sessions, most recently changed first."""
        return list(self._invoke("list_sessions", owner))

    def delete_session(self, owner: str | None, session_id: str) -> None:
        """Deletes a session (versions, files, conversation)."""
        self._invoke("delete_session", owner, session_id)

    def stream_message(
        self, owner: str | None, session_id: str, text: str, uploads: Sequence[Upload]
    ) -> Iterator[StreamEvent]:
        """Checks the session now (ToolError), then returns the turn's events as the agent yields them."""
        self._invoke("check", owner, session_id)
        # started here, in the request's context, so the agent and tools log this request's id
        stream = self.agent.options(stream=True).stream.remote(owner, session_id, text, list(uploads))
        return self._events(session_id, stream)

    def _events(self, session_id: str, stream: Any) -> Iterator[Any]:
        try:
            yield from stream
        except Exception as exc:
            log.error("turn stream on %s broke: %s", session_id, exc)
            yield ErrorEvent(
                code="unavailable",
                message="The assistant restarted while working on your message. Everything saved "
                "before that is kept; send the message again.",
            )

    def post_message(
        self, owner: str | None, session_id: str, text: str, uploads: Sequence[Upload]
    ) -> TurnJson:
        """Runs one turn to the end; returns what ``bandleader ask --json`` prints."""
        return turn_result(self.stream_message(owner, session_id, text, uploads))

    def versions(self, owner: str | None, session_id: str) -> Versions:
        """Every version of the session, the current one and the redo stack."""
        return self._invoke("versions", owner, session_id)

    def undo(self, owner: str | None, session_id: str) -> ArtifactInfo:
        """Steps back to the current version's parent."""
        return self._invoke("undo", owner, session_id)

    def redo(self, owner: str | None, session_id: str) -> ArtifactInfo:
        """Brings back the last undone version."""
        return self._invoke("redo", owner, session_id)

    def set_current(self, owner: str | None, session_id: str, artifact_id: str) -> ArtifactInfo:
        """Makes any version of the session current; returns it."""
        return self._invoke("set_current", owner, session_id, artifact_id)

    def conversation(self, owner: str | None, session_id: str) -> Conversation:
        """The session's checkpointed conversation."""
        return self._invoke("conversation", owner, session_id)

    def describe(self, owner: str | None, session_id: str, artifact_id: str) -> dict[str, Any] | None:
        """``describe_audio``'s facts about a version, None when it is not audio."""
        return self._invoke("describe", owner, session_id, artifact_id)

    def artifact_file(self, owner: str | None, artifact_id: str) -> ArtifactFile:
        """The artifact's file in the shared store (read by the ingress directly, not sent)."""
        return self._invoke("artifact_file", owner, artifact_id)


@serve.deployment(name="ingress")
@serve.ingress()
class IngressDeployment:
    """Serves ``serving.api.app.build_app`` on a :class:`RayBackend` (uploads wait in the store)."""

    def __init__(self, agent: Any, store: str, request_timeout_s: float | None = None) -> None:
        self.agent = agent
        self.store = Path(store)
        self.request_timeout_s = request_timeout_s

    def __serve_build_asgi_app__(self) -> Any:
        from serving.api.app import build_app
        from serving.api.settings import ApiSettings

        overrides: dict[str, object] = {"upload_dir": self.store / "uploads"}
        if self.request_timeout_s:
            overrides["request_timeout_s"] = self.request_timeout_s
        settings = ApiSettings.from_env(**overrides)
        (self.store / "uploads").mkdir(parents=True, exist_ok=True)
        return build_app(RayBackend(self.agent, timeout_s=settings.request_timeout_s), settings)

