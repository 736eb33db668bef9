"""Play one scenario against the in-process agent: run its turns, record traces, run its checks.

This is what a worker process (or a Ray task) runs. Each scenario gets a fresh ``Agent`` home and a
fresh session; the agent's planner is loaded once per worker process. Artifacts the turns make are
copied into the report's media folder so the HTML report can play them after the home is removed.
"""

from __future__ import annotations

import shutil
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from evals.checks import TurnObservation, plan_checks, run_checks
from evals.measure import Measurer
from evals.results import ArtifactTrace, ScenarioResult, TurnTrace
from evals.scenario import Scenario

if TYPE_CHECKING:
    from tools.base import ArtifactInfo

MAX_MEDIA_COPY_BYTES = 50_000_000
"""Artifacts larger than this (bytes) are not copied into the report folder."""


class Job(BaseModel):
    """One scenario to play, with where to play it and where to put its media."""

    scenario: Scenario
    file: str = Field(description="The scenario's YAML file.")
    base_dir: str = Field(description="Folder attachments are relative to.")
    home: str = Field(description="A fresh, empty Agent home for this scenario.")
    media_dir: str = Field(description="Absolute folder for copies of the artifacts.")
    media_prefix: str = Field(description="media_dir relative to the report folder, e.g. 'media/<id>'.")
    timeout_s: float = Field(description="Time limit of the whole scenario, seconds.")
    planner: str = "local"


TurnCallback = Callable[[TurnTrace], None]


def warm_up() -> None:
    """Load the local planner (and its embedding model) once per worker process."""
    from agent.planners.local import default_local_planner

    default_local_planner()


def _copy_media(job: Job, artifact: ArtifactInfo, copied: dict[str, str | None]) -> str | None:
    if artifact.id in copied:
        return copied[artifact.id]
    rel: str | None = None
    src = Path(artifact.path)
    if artifact.kind in ("audio", "video") and src.is_file() and src.stat().st_size <= MAX_MEDIA_COPY_BYTES:
        name = f"v{artifact.version}{src.suffix}"
        dest = Path(job.media_dir) / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        rel = f"{job.media_prefix}/{name}"
    copied[artifact.id] = rel
    return rel


def _trace(job: Job, artifact: ArtifactInfo | None, copied: dict[str, str | None]) -> ArtifactTrace | None:
    if artifact is None:
        return None
    return ArtifactTrace(
        id=artifact.id,
        kind=artifact.kind,
        label=artifact.label,
        version=artifact.version,
        parent=artifact.parent,
        tool=artifact.tool,
        path=artifact.path,
        media=_copy_media(job, artifact, copied),
    )


def not_played(scenario: Scenario, start: int, reason: str) -> list[TurnTrace]:
    """Traces for turns ``start``.. (1-based) that never ran: every planned check fails with ``reason``."""
    traces: list[TurnTrace] = []
    for index, turn in enumerate(scenario.turns[start - 1 :], start):
        checks = [c.not_run(index, reason) for c in plan_checks(turn.expect)]
        traces.append(
            TurnTrace(
                index=index,
                user=turn.user,
                attach=turn.attach,
                played=False,
                expect=turn.expect,
                checks=checks,
            )
        )
    return traces


def status_of(turns: list[TurnTrace], error: str | None) -> str:
    """The status: "error" when anything raised, else "passed" when every turn passed, else "failed"."""
    if error is not None or any(t.error for t in turns):
        return "error"
    return "passed" if all(t.passed for t in turns) else "failed"


def play_scenario(job: Job, on_turn: TurnCallback | None = None) -> ScenarioResult:
    """Play every turn of ``job.scenario`` in a fresh session; never raises for a scenario's failure.

    ``on_turn`` is called with each turn's trace as soon as it is complete (the runner keeps these
    so a scenario that later times out still shows how far it got).
    """
    from agent.agent import Agent

    if job.planner != "local":
        raise ValueError(f"the {job.planner} planner is not available yet")
    scenario = job.scenario
    started = time.perf_counter()
    agent = Agent(home=Path(job.home))
    session = scenario.id
    measurer = Measurer()
    copied: dict[str, str | None] = {}
    currents: list[str | None] = []
    turns: list[TurnTrace] = []
    try:
        for index, turn in enumerate(scenario.turns, 1):
            attachments = [Path(job.base_dir) / a for a in turn.attach]
            t0 = time.perf_counter()
            try:
                result = agent.turn(turn.user, session, attachments)
            except Exception as exc:
                reason = f"turn {index} raised {type(exc).__name__}: {exc}"
                checks = [c.not_run(index, reason) for c in plan_checks(turn.expect)]
                trace = TurnTrace(
                    index=index,
                    user=turn.user,
                    attach=turn.attach,
                    seconds=time.perf_counter() - t0,
                    error=f"{reason}\n{traceback.format_exc()}",
                    expect=turn.expect,
                    checks=checks,
                )
                turns.append(trace)
                if on_turn:
                    on_turn(trace)
                turns += not_played(scenario, index + 1, f"not played: {reason}")
                break
            seconds = time.perf_counter() - t0
            history = agent.open_session(result.session).history()
            currents.append(result.current.id if result.current else None)
            obs = TurnObservation(
                turn=index, result=result, history=history, currents=currents, measurer=measurer
            )
            trace = TurnTrace(
                index=index,
                user=turn.user,
                attach=turn.attach,
                ok=result.ok,
                reply=result.reply,
                tool_calls=[c.model_dump() for c in result.tool_calls],
                artifacts=[_trace(job, a, copied) for a in result.artifacts],
                current=_trace(job, result.current, copied),
                versions=sum(a.companion_of is None for a in history),
                seconds=seconds,
                expect=turn.expect,
                checks=run_checks(turn.expect, obs),
            )
            turns.append(trace)
            if on_turn:
                on_turn(trace)
    finally:
        agent.workspace.close()
    return ScenarioResult(
        id=scenario.id,
        file=job.file,
        tags=scenario.tags,
        description=scenario.description,
        status=status_of(turns, None),
        seconds=time.perf_counter() - started,
        turns=turns,
    )
