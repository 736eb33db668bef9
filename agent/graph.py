"""The orchestrator: a LangGraph ``StateGraph`` plan -> act -> observe -> (plan | answer).

Checkpointed under the session id (LangGraph's SQLite or PostgreSQL saver: see agent.state), so
the conversation and any pending clarifying question survive a process restart. Progress events
from tools are written to LangGraph's custom stream. Runtime objects (planner, executor,
workspaces) are closed over, never stored in the checkpointed state, which holds plain JSON-able
dicts only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypedDict

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph

from agent.executor import Executor, ToolEvent, run_calls
from agent.plan import CallResult, Message, PendingQuestion, Plan, Planner, PlannerInput, SessionSummary
from agent.planners.replies import compose_reply
from agent.workspace import SessionWorkspace
from tools.base import ArtifactInfo
from tools.registry import tool_specs

MAX_ROUNDS = 4
"""Plan/act rounds per turn before the graph answers with what it has."""

MAX_CONVERSATION = 200
"""Messages kept in the checkpointed conversation (older ones drop off; versions are never lost)."""


def _append_conversation(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return (old + new)[-MAX_CONVERSATION:]


class TurnState(TypedDict, total=False):
    """The checkpointed state of a session's graph (plain dicts so it serialises as JSON)."""

    session_id: str
    conversation: Annotated[list[dict[str, Any]], _append_conversation]
    attachments: list[dict[str, Any]]
    attachment_errors: list[str]
    plan: dict[str, Any] | None
    observations: list[dict[str, Any]]
    pending: dict[str, Any] | None
    rounds: int
    reply: str


def open_checkpointer(path: Path) -> SqliteSaver:
    """A SQLite checkpointer at ``path`` (WAL mode), safe to share between threads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    saver = SqliteSaver(conn)
    saver.setup()
    return saver


def build_graph(
    planner: Planner,
    executor: Executor,
    open_workspace: Callable[[str], SessionWorkspace],
    checkpointer: BaseCheckpointSaver[Any] | None,
) -> Any:
    """The compiled graph for one agent (planner + executor), checkpointed by ``checkpointer``."""
    specs = tool_specs()

    def plan_node(state: TurnState) -> dict[str, Any]:
        rounds = state.get("rounds", 0) + 1
        errors = state.get("attachment_errors") or []
        if errors:
            return {"plan": Plan(reply="\n".join(errors)).model_dump(), "rounds": rounds}
        workspace = open_workspace(state["session_id"])
        observations = [CallResult.model_validate(o) for o in state.get("observations") or []]
        if rounds > MAX_ROUNDS:
            return {"plan": Plan(reply=compose_reply(observations)).model_dump(), "rounds": rounds}
        pending = state.get("pending")
        summary = workspace.summary()  # one read: current version and number of versions
        request = PlannerInput(
            conversation=[Message.model_validate(m) for m in state.get("conversation", [])],
            observations=observations,
            pending=PendingQuestion.model_validate(pending) if pending else None,
            session=SessionSummary(
                session_id=state["session_id"],
                current=summary.current,
                n_versions=summary.n_artifacts,
                attachments=[ArtifactInfo.model_validate(a) for a in state.get("attachments") or []],
            ),
            tools=specs,
        )
        return {"plan": planner.plan(request).model_dump(), "rounds": rounds}

    def route_after_plan(state: TurnState) -> str:
        plan = state.get("plan") or {}
        return "act" if plan.get("calls") else "answer"

    def act_node(state: TurnState) -> dict[str, Any]:
        writer = get_stream_writer()
        plan = Plan.model_validate(state["plan"])

        def emit(event: ToolEvent) -> None:
            writer(event.model_dump())

        results = run_calls(plan.calls, open_workspace(state["session_id"]), executor, emit)
        observations = list(state.get("observations") or []) + [r.model_dump(mode="json") for r in results]
        return {"observations": observations}

    def observe_node(state: TurnState) -> dict[str, Any]:
        plan = Plan.model_validate(state["plan"])
        done = {c.id for c in plan.calls}
        results = [CallResult.model_validate(o) for o in state.get("observations") or []]
        this_round = [r for r in results if r.call_id in done][-len(plan.calls) :]
        summary = "; ".join(f"{r.tool}: {'ok' if r.ok else r.error}" for r in this_round)
        message = Message(role="tool", content=summary, results=this_round)
        return {"conversation": [message.model_dump(mode="json")]}

    def answer_node(state: TurnState) -> dict[str, Any]:
        plan = Plan.model_validate(state.get("plan") or {})
        parts = [p for p in (plan.reply, plan.question.question if plan.question else None) if p]
        reply = "\n".join(parts) or "Done."
        message = Message(role="assistant", content=reply)
        return {
            "reply": reply,
            "pending": plan.question.model_dump() if plan.question else None,
            "conversation": [message.model_dump(mode="json")],
        }

    graph = StateGraph(TurnState)
    graph.add_node("plan", plan_node)
    graph.add_node("act", act_node)
    graph.add_node("observe", observe_node)
    graph.add_node("answer", answer_node)
    graph.add_edge(START, "plan")
    graph.add_conditional_edges("plan", route_after_plan, {"act": "act", "answer": "answer"})
    graph.add_edge("act", "observe")
    graph.add_edge("observe", "plan")
    graph.add_edge("answer", END)
    return graph.compile(checkpointer=checkpointer)
