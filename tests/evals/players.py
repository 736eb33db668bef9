"""Stand-in scenario players for runner tests: they hang, raise or kill their worker on purpose.

Imported by spawned worker processes by name ("tests.evals.players:misbehaving_player"), so this
module stays light (no agent, no models).
"""

from __future__ import annotations

import os
import time

from evals.play import Job, TurnCallback, status_of
from evals.results import ScenarioResult, TurnTrace


def misbehaving_player(job: Job, on_turn: TurnCallback | None = None) -> ScenarioResult:
    """Plays turns without an agent; scenario ids decide how it misbehaves on its second turn:
    ``hang-*`` sleeps for three times the scenario's time limit, ``crash-*`` raises, ``die-*`` kills
    its own process."""
    sid = job.scenario.id
    turns: list[TurnTrace] = []
    for index, turn in enumerate(job.scenario.turns, 1):
        if index == 2:
            if sid.startswith("hang"):
                time.sleep(3 * job.timeout_s)
            elif sid.startswith("crash"):
                raise RuntimeError("the player blew up on purpose")
            elif sid.startswith("die"):
                os._exit(3)
        trace = TurnTrace(index=index, user=turn.user, ok=True, reply=f"echo: {turn.user}", seconds=0.01)
        turns.append(trace)
        if on_turn:
            on_turn(trace)
    return ScenarioResult(
        id=sid, file=job.file, tags=job.scenario.tags, status=status_of(turns, None), turns=turns
    )
