"""The HTTP API as a FastAPI app: ``build_app(backend, settings)``.

Routes (all under ``/v1`` need ``Authorization: Bearer KEY`` when API keys are configured):

- ``POST /v1/sessions`` -> ``{"id"}``; ``GET /v1/sessions``; ``DELETE /v1/sessions/{id}``
- ``POST /v1/sessions/{id}/messages`` (multipart: ``text``, zero or more ``files``) -> the
  ``bandleader ask --json`` object, or with ``Accept: text/event-stream`` Server-Sent Events
  (``turn_started``, ``tool`` ..., then ``result`` or ``error``)
- ``GET /v1/sessions/{id}/versions``, ``POST .../undo``, ``POST .../redo``, ``PUT .../current``,
  ``GET .../conversation``, ``GET .../artifacts/{artifact}/facts``
- ``GET /v1/artifacts/{id}`` (the file), ``GET /healthz``, ``GET /readyz``
- ``POST /v1/chat/completions`` (OpenAI-compatible, streaming too) and ``GET /v1/models``

Every error is ``{"error": {"code", "message"}}`` with a 4xx status (5xx only for a real server
fault). The app holds no state of its own and imports nothing from Ray.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, File, Form, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from agent.workspace.manager import SESSION_ID
from agent.workspace.models import SessionSummary
from serving.api import chat
from serving.api.backend import AgentBackend
from serving.api.guard import Guard
from serving.api.models import (
    Conversation,
    CreateSession,
    ErrorEvent,
    ErrorResponse,
    Health,
    ResultEvent,
    SessionCreated,
    SessionList,
    StreamEvent,
    TurnJson,
    Versions,
)
from serving.api.settings import ApiSettings
from serving.api.uploads import save_uploads
from tools.base import ArtifactInfo, ToolError

T = TypeVar("T")

ID_PATTERN = SESSION_ID.pattern
"""What a session or artifact id in a URL must look like (anything else is refused before lookup)."""

STATUS_FOR_CODE: dict[str, int] = {
    "unknown_session": 404,
    "not_an_artifact": 404,
    "missing_file": 404,
    "nothing_to_undo": 409,
    "nothing_to_redo": 409,
    "no_current": 409,
    "session_exists": 409,
    "session_busy": 409,
    "too_large": 413,
    "unsupported_type": 415,
    "unsupported_media_type": 415,
    "timeout": 504,
    "workspace_busy": 503,
    "unavailable": 503,
    "storage_full": 507,
}
"""HTTP status of each ToolError code; any other code is a 400 (the request cannot be done as sent)."""

ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorResponse} for s in (400, 401, 404, 409, 413, 415, 422, 429, 504)
}


MAX_TEXT_CHARS = 20_000
"""Longest message text the form accepts, in characters (settings may lower it)."""

_bearer = HTTPBearer(auto_error=False, description="An API key from BANDLEADER_API_KEYS (when set).")


def _owner(request: Request, _key: Annotated[Any, Depends(_bearer)] = None) -> str | None:
    """The caller the guard authenticated (None: the local user)."""
    return request.scope.get("state", {}).get("owner")


Owner = Annotated[str | None, Depends(_owner)]
SessionId = Annotated[str, PathParam(pattern=ID_PATTERN, max_length=64, description="A session id.")]
ArtifactId = Annotated[str, PathParam(pattern=ID_PATTERN, max_length=64, description="An artifact id.")]
MessageText = Annotated[str, Form(min_length=1, max_length=MAX_TEXT_CHARS, description="What to do.")]
MessageFiles = Annotated[list[UploadFile] | None, File(description="Audio, MIDI or video files.")]


class ApiError(Exception):
    """An error response: HTTP status, a short code and a message a person can act on."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> tuple[int, str, str]:
    parts = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            return 400, "bad_json", "The request body is not valid JSON: check quotes, commas and brackets."
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        where = "'" + ".".join(loc) + "'" if loc else "the request body"
        parts.append(f"{where}: {err.get('msg', 'is not valid')}")
    return 422, "bad_request", "The request is not valid. " + "; ".join(parts[:5])


def _status(exc: ToolError) -> int:
    return STATUS_FOR_CODE.get(exc.code, 400)


def build_app(backend: AgentBackend, settings: ApiSettings | None = None) -> FastAPI:
    """The Bandleader HTTP API in front of ``backend`` (see the module docstring for the routes)."""
    settings = settings or ApiSettings.from_env()
    app = FastAPI(
        title="Bandleader API",
        version="1",
        description="Sessions, messages (streamed), versions and artifacts of the Bandleader music "
        "assistant, and an OpenAI-compatible chat endpoint.",
        responses=ERRORS,
    )
    app.state.backend = backend
    app.state.settings = settings
    app.add_middleware(Guard, settings=settings)  # keys, rate limit, body limit: before any parsing

    async def call(fn: Callable[..., T], *args: Any) -> T:
        try:
            return await asyncio.wait_for(run_in_threadpool(fn, *args), settings.request_timeout_s)
        except TimeoutError:
            raise ApiError(
                504, "timeout",
                f"The request took longer than {settings.request_timeout_s:.0f} s and was stopped waiting; "
                "what was saved so far is in the session's versions.",
            ) from None  # fmt: skip

    @app.exception_handler(ToolError)
    async def tool_error(_request: Request, exc: ToolError) -> JSONResponse:
        return _error(_status(exc), exc.code, exc.message)

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(*_validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {
            404: "There is no such endpoint: see /docs for the API.",
            405: "This endpoint does not take that method: see /docs for the API.",
        }
        message = messages.get(exc.status_code, str(exc.detail))
        return _error(
            exc.status_code,
            {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request"),
            message,
            getattr(exc, "headers", None),
        )

    # ------------------------------------------------------------------ health

    @app.get("/healthz", response_model=Health, tags=["health"])
    async def healthz() -> Health:
        """Liveness: the process answers."""
        return Health(status="ok")

    @app.get("/readyz", response_model=Health, tags=["health"], responses={503: {"model": Health}})
    async def readyz() -> Any:
        """Readiness: the backend can take messages (503 while it starts or when it is down)."""
        try:
            ready = await asyncio.wait_for(run_in_threadpool(backend.ready), settings.request_timeout_s)
        except Exception as exc:  # any failure means "not ready"
            return JSONResponse(
                Health(status="unavailable", detail=str(exc)[:300]).model_dump(), status_code=503
            )
        if not ready:
            return JSONResponse(Health(status="starting").model_dump(), status_code=503)
        return Health(status="ok")

    # ------------------------------------------------------------------ sessions

    @app.post("/v1/sessions", response_model=SessionCreated, status_code=201, tags=["sessions"])
    async def create_session(who: Owner, body: CreateSession | None = None) -> SessionCreated:
        """Creates an empty session owned by the caller's key."""
        title = body.title if body else ""
        return SessionCreated(id=await call(backend.create_session, who, title))

    @app.get("/v1/sessions", response_model=SessionList, tags=["sessions"])
    async def list_sessions(who: Owner) -> SessionList:
        """The caller's sessions, most recently changed first."""
        sessions: list[SessionSummary] = await call(backend.list_sessions, who)
        return SessionList(sessions=sessions)

    @app.delete("/v1/sessions/{session_id}", status_code=204, tags=["sessions"])
    async def delete_session(who: Owner, session_id: SessionId) -> Response:
        """Deletes a session: its versions, files and conversation."""
        await call(backend.delete_session, who, session_id)
        return Response(status_code=204)

    # ------------------------------------------------------------------ messages

    def form_content(request: Request) -> None:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("multipart/form-data", "application/x-www-form-urlencoded"):
            raise ApiError(
                415, "unsupported_media_type",
                "Send the message as multipart/form-data with a 'text' field and optional 'files'.",
            )  # fmt: skip

    @app.post(
        "/v1/sessions/{session_id}/messages",
        response_model=TurnJson,
        tags=["messages"],
        dependencies=[Depends(form_content)],
        responses={200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}}},
    )
    async def post_message(
        request: Request,
        who: Owner,
        session_id: SessionId,
        text: MessageText,
        files: MessageFiles = None,
    ) -> Any:
        """Runs one turn; returns what ``bandleader ask --json`` prints, or streams progress events
        ending with it when the request accepts ``text/event-stream``."""
        if len(text) > settings.max_text_chars:
            raise ApiError(413, "too_large", f"The message is over {settings.max_text_chars} characters.")
        folder, uploads = await save_uploads(
            list(files or []), settings.upload_dir, settings.max_upload_bytes, settings.max_files
        )
        try:
            events = await call(backend.stream_message, who, session_id, text, uploads)
        except BaseException:
            _remove(folder)
            raise
        if "text/event-stream" in request.headers.get("accept", ""):
            return StreamingResponse(
                _sse(events, folder, settings.request_timeout_s), media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )  # fmt: skip
        try:
            return await _final(events, settings.request_timeout_s)
        finally:
            _remove(folder)

    # ------------------------------------------------------------------ versions

    @app.get("/v1/sessions/{session_id}/versions", response_model=Versions, tags=["versions"])
    async def versions(who: Owner, session_id: SessionId) -> Versions:
        """Every saved version of the session (oldest first), the current one and the redo stack."""
        return await call(backend.versions, who, session_id)

    @app.post("/v1/sessions/{session_id}/undo", response_model=ArtifactInfo, tags=["versions"])
    async def undo(who: Owner, session_id: SessionId) -> ArtifactInfo:
        """Makes the current version's parent current; returns it (409 when there is none)."""
        return await call(backend.undo, who, session_id)

    @app.post("/v1/sessions/{session_id}/redo", response_model=ArtifactInfo, tags=["versions"])
    async def redo(who: Owner, session_id: SessionId) -> ArtifactInfo:
        """Brings back the last undone version; returns it (409 when nothing was undone)."""
        return await call(backend.redo, who, session_id)

    @app.put(
        "/v1/sessions/{session_id}/current/{artifact_id}", response_model=ArtifactInfo, tags=["versions"]
    )
    async def set_current(who: Owner, session_id: SessionId, artifact_id: ArtifactId) -> ArtifactInfo:
        """Makes any version of the session current; returns it."""
        return await call(backend.set_current, who, session_id, artifact_id)

    @app.get("/v1/sessions/{session_id}/conversation", response_model=Conversation, tags=["versions"])
    async def conversation(who: Owner, session_id: SessionId) -> Conversation:
        """The session's conversation: user, tool and assistant messages, oldest first."""
        return await call(backend.conversation, who, session_id)

    @app.get("/v1/sessions/{session_id}/artifacts/{artifact_id}/facts", tags=["versions"])
    async def facts(who: Owner, session_id: SessionId, artifact_id: ArtifactId) -> dict[str, Any] | None:
        """Facts about an audio version (length s, loudness LUFS, peak dBFS...); null if not audio."""
        return await call(backend.describe, who, session_id, artifact_id)

    @app.get(
        "/v1/artifacts/{artifact_id}",
        tags=["artifacts"],
        response_class=FileResponse,
        responses={200: {"content": {"application/octet-stream": {}}, "description": "The stored file."}},
    )
    async def artifact(who: Owner, artifact_id: ArtifactId) -> FileResponse:
        """The stored file of one of the caller's artifacts."""
        found = await call(backend.artifact_file, who, artifact_id)
        return FileResponse(found.path, media_type=found.media_type, filename=found.filename)

    # ------------------------------------------------------------------ OpenAI-compatible chat

    @app.get("/v1/models", tags=["chat"])
    async def models() -> dict[str, Any]:
        """The one model this server offers to chat clients: ``bandleader``."""
        return {
            "object": "list",
            "data": [{"id": "bandleader", "object": "model", "created": 0, "owned_by": "bandleader"}],
        }

    @app.post(
        "/v1/chat/completions",
        response_model=chat.ChatCompletion,
        tags=["chat"],
        responses={200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}}},
    )
    async def chat_completions(who: Owner, body: chat.ChatRequest) -> Any:
        """An OpenAI-compatible chat endpoint: the last user message is the turn; ``session`` (an
        extra field) continues a session, otherwise a new one is made."""
        text = chat.last_user_text(body)
        if body.session is not None and not SESSION_ID.match(body.session):
            raise ApiError(422, "bad_request", f"{body.session!r} is not a session id.")
        session_id = body.session or await call(backend.create_session, who, text[:60])
        events = await call(backend.stream_message, who, session_id, text, [])
        headers = {"X-Bandleader-Session": session_id}
        if not body.stream:
            turn = await _final(events, settings.request_timeout_s)
            return JSONResponse(chat.completion(turn, body.model).model_dump(mode="json"), headers=headers)
        return StreamingResponse(
            _chat_sse(events, body.model, session_id, settings.request_timeout_s),
            media_type="text/event-stream", headers={**headers, "Cache-Control": "no-cache"},
        )  # fmt: skip

    return app


def _remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


_END = object()


async def _pump(events: Iterator[StreamEvent], timeout_s: float) -> AsyncIterator[StreamEvent]:
    """Runs the backend's (blocking) event iterator in one thread of its own and hands its events to
    the event loop; stops with an ErrorEvent after ``timeout_s`` seconds."""
    if hasattr(events, "__aiter__"):  # a backend may stream asynchronously (Ray handles)

        async def run_async() -> AsyncIterator[StreamEvent]:
            async for e in events:  # type: ignore[attr-defined]
                yield e

        source = run_async()
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                yield await asyncio.wait_for(source.__anext__(), max(deadline - time.monotonic(), 0.001))
            except StopAsyncIteration:
                return
            except TimeoutError:
                yield _timeout_event(timeout_s)
                return
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Any] = asyncio.Queue()

    def work() -> None:
        try:
            for event in events:
                loop.call_soon_threadsafe(queue.put_nowait, event)
        except ToolError as exc:
            loop.call_soon_threadsafe(queue.put_nowait, ErrorEvent(code=exc.code, message=exc.message))
        except Exception as exc:  # reported to the client as an error event
            loop.call_soon_threadsafe(
                queue.put_nowait,
                ErrorEvent(code="server_error", message=f"The turn failed on the server: {exc}"),
            )
        finally:
            loop.call_soon_threadsafe(queue.put_nowait, _END)

    threading.Thread(target=work, name="bandleader-api-turn", daemon=True).start()
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            item = await asyncio.wait_for(queue.get(), max(deadline - time.monotonic(), 0.001))
        except TimeoutError:
            yield _timeout_event(timeout_s)
            return
        if item is _END:
            return
        yield item


def _timeout_event(timeout_s: float) -> ErrorEvent:
    return ErrorEvent(
        code="timeout",
        message=f"The turn took longer than {timeout_s:.0f} s; "
        "what was saved so far is in the session's versions.",
    )


async def _final(events: Iterator[StreamEvent], timeout_s: float) -> TurnJson:
    """The turn's result; ApiError/ToolError when it ended with an error event."""
    async for event in _pump(events, timeout_s):
        if isinstance(event, ResultEvent):
            return event.result
        if isinstance(event, ErrorEvent):
            raise ApiError(
                STATUS_FOR_CODE.get(event.code, 400 if event.code != "server_error" else 500),
                event.code,
                event.message,
            )
    raise ApiError(500, "no_result", "The turn ended without a result; send the message again.")


def _sse_line(event: str, data: str) -> str:
    return f"event: {event}\ndata: {data}\n\n"


async def _sse(events: Iterator[StreamEvent], folder: Path | None, timeout_s: float) -> AsyncIterator[str]:
    try:
        async for event in _pump(events, timeout_s):
            yield _sse_line(event.type, event.model_dump_json())
    finally:
        _remove(folder)


async def _chat_sse(
    events: Iterator[StreamEvent], model: str, session: str, timeout_s: float
) -> AsyncIterator[str]:
    cid = f"chatcmpl-{session}-{int(time.time() * 1000)}"
    yield "data: " + json.dumps(chat.chunk(cid, model, {"role": "assistant", "content": ""})) + "\n\n"
    async for event in _pump(events, timeout_s):
        if isinstance(event, ResultEvent):
            yield "data: " + json.dumps(chat.chunk(cid, model, {"content": event.result.reply})) + "\n\n"
            final = chat.chunk(
                cid, model, {}, "stop", session=session, bandleader=event.result.model_dump(mode="json")
            )
            yield "data: " + json.dumps(final) + "\n\n"
        elif isinstance(event, ErrorEvent):
            yield (
                "data: "
                + json.dumps(
                    chat.chunk(
                        cid,
                        model,
                        {"content": event.message},
                        "stop",
                        session=session,
                        error=event.model_dump(),
                    )
                )
                + "\n\n"
            )
        else:
            yield (
                "data: "
                + json.dumps(chat.chunk(cid, model, {}, bandleader_event=event.model_dump(mode="json")))
                + "\n\n"
            )
    yield "data: [DONE]\n\n"


def make_app(settings: ApiSettings | None = None, home: Path | None = None) -> FastAPI:
    """``build_app`` on an in-process backend (an Agent with the LocalPlanner at ``home``)."""
    from serving.api.backend import InProcessBackend

    return build_app(InProcessBackend.at(home), settings or ApiSettings.from_env())
