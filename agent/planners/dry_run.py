"""Run a planner on a message without executing anything (``bandleader plan``, the benchmark).

A session context stands in for a real session: 'none' (nothing yet), 'audio' (an uploaded track
is current), 'song' (a song made by compose is current, three versions so far) or 'video' (a video
scored by score_video is current) or 'recommend' (a list of library suggestions is current).
"""

from __future__ import annotations

import time
from typing import Any, Literal

from agent.plan import Message, PendingQuestion, Plan, Planner, PlannerInput, SessionSummary
from tools.base import ArtifactInfo
from tools.registry import tool_specs

Context = Literal["none", "audio", "song", "video", "recommend"]
CONTEXTS: tuple[str, ...] = ("none", "audio", "song", "video", "recommend")

_CURRENT: dict[str, dict[str, Any]] = {
    "audio": {"id": "a-upload", "kind": "audio", "label": "track.wav", "tool": None, "version": 1},
    "song": {"id": "a-song3", "kind": "audio", "label": "song (mix)", "tool": "compose", "version": 3},
    "video": {"id": "a-video2", "kind": "video", "label": "clip scored", "tool": "score_video", "version": 2},
    "recommend": {"id": "a-recs2", "kind": "report", "label": "picks", "tool": "recommend", "version": 2},
}


def fake_session(context: str, session_id: str = "plan") -> SessionSummary:
    """A session summary standing in for ``context`` (see the module docstring)."""
    if context not in CONTEXTS:
        raise ValueError(f"context must be one of {', '.join(CONTEXTS)}, not {context!r}")
    spec = _CURRENT.get(context)
    if spec is None:
        return SessionSummary(session_id=session_id)
    current = ArtifactInfo(path="/dev/null", thread="t1", created=0.0, **spec)
    return SessionSummary(session_id=session_id, current=current, n_versions=spec["version"])


def plan_json(plan: Plan) -> dict[str, Any]:
    """The printable form of a plan: calls (tool, arguments), question (text or None), reply."""
    return {
        "calls": [{"tool": c.tool, "arguments": c.arguments} for c in plan.calls],
        "question": plan.question.question if plan.question else None,
        "reply": plan.reply,
        "understood": plan.understood,
    }


def dry_plan(
    planner: Planner,
    message: str,
    context: str = "none",
    *,
    session: SessionSummary | None = None,
    history: list[Message] | None = None,
    pending: PendingQuestion | None = None,
) -> dict[str, Any]:
    """What ``planner`` would do with ``message`` (nothing runs): :func:`plan_json` of its plan plus
    the message, the context and ``seconds`` (planning wall time, in seconds)."""
    summary = session or fake_session(context)
    request = PlannerInput(
        conversation=[*(history or []), Message(role="user", content=message)],
        session=summary,
        pending=pending,
        tools=_specs(),
    )
    start = time.perf_counter()
    plan = planner.plan(request)
    seconds = time.perf_counter() - start
    return {"message": message, "context": context, **plan_json(plan), "seconds": round(seconds, 4)}


_SPECS: list[Any] = []


def _specs() -> list[Any]:
    if not _SPECS:
        _SPECS.extend(tool_specs())
    return _SPECS
