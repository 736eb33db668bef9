"""What an evaluation records: check outcomes, per-turn traces and per-scenario results."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from evals.scenario import Expect

CheckCategory = Literal["ok", "tools", "reply", "artifact", "state"]
Status = Literal["passed", "failed", "error", "timeout"]


class CheckResult(BaseModel):
    """One check of one turn: what was expected, what was found, and whether it held."""

    turn: int = Field(description="1-based turn number.")
    category: CheckCategory
    name: str = Field(description="E.g. 'contains_any', 'loudness_lufs', 'args.trim.duration_s'.")
    passed: bool
    expected: str
    actual: str | None = None
    reason: str = Field("", description="Why it failed (or a note when it passed).")

    @property
    def label(self) -> str:
        """``category.name``, e.g. ``reply.number``."""
        return self.category if self.name == self.category else f"{self.category}.{self.name}"


class ToolCallTrace(BaseModel):
    """A tool call made during a turn."""

    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    ok: bool
    error: str | None = None
    seconds: float = 0.0
    output: dict[str, Any] | None = None


class ArtifactTrace(BaseModel):
    """An artifact seen during a turn; ``media`` is its copy, relative to the report folder."""

    id: str
    kind: str
    label: str
    version: int
    parent: str | None = None
    tool: str | None = None
    path: str = Field(description="Where the agent stored it (gone once the run's home is removed).")
    media: str | None = Field(None, description="Copy for the report's players, relative to the out dir.")


class TurnTrace(BaseModel):
    """One turn as it was played (or not played, when the scenario stopped before it)."""

    index: int = Field(description="1-based turn number.")
    user: str
    attach: list[str] = Field(default_factory=list)
    played: bool = True
    ok: bool | None = None
    reply: str = ""
    tool_calls: list[ToolCallTrace] = Field(default_factory=list)
    artifacts: list[ArtifactTrace] = Field(default_factory=list, description="Made or attached this turn.")
    current: ArtifactTrace | None = None
    versions: int | None = Field(None, description="Versions in the session after the turn.")
    seconds: float | None = Field(None, description="Wall time of the turn in seconds.")
    error: str | None = Field(None, description="Exception raised while playing the turn, if any.")
    expect: Expect | None = None
    checks: list[CheckResult] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Played without an exception and every check held."""
        return self.played and self.error is None and all(c.passed for c in self.checks)


class ScenarioResult(BaseModel):
    """The outcome of one scenario."""

    id: str
    file: str
    tags: list[str] = Field(default_factory=list)
    description: str = ""
    status: Status
    seconds: float = Field(0.0, description="Wall time of the scenario in seconds.")
    error: str | None = None
    turns: list[TurnTrace] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when the status is "passed"."""
        return self.status == "passed"

    @property
    def checks(self) -> list[CheckResult]:
        """Every check of every turn, in order."""
        return [c for t in self.turns for c in t.checks]

    @property
    def failed_checks(self) -> list[CheckResult]:
        """The checks that did not hold."""
        return [c for c in self.checks if not c.passed]


class SkippedScenario(BaseModel):
    """A scenario that was not played because something it ``requires`` is absent."""

    id: str
    file: str
    tags: list[str] = Field(default_factory=list)
    reason: str


class TagSummary(BaseModel):
    """Success of the scenarios carrying one tag."""

    scenarios: int
    passed: int
    success_rate: float


class Summary(BaseModel):
    """The figures of a run; each metric is defined in evals/README.md. Rates are fractions in
    [0, 1] (None when nothing was measured); latencies are seconds per played turn."""

    scenarios: int
    passed: int
    success_rate: float | None
    turns: int = Field(description="Turns played (turns never reached are not counted).")
    tool_precision: float | None
    tool_recall: float | None
    argument_accuracy: float | None
    answer_accuracy: float | None
    artifact_checks_passed: int
    artifact_checks: int
    artifact_accuracy: float | None
    checks_passed: int
    checks: int
    errors: int = Field(description="Scenarios that raised or whose worker crashed.")
    timeouts: int
    latency_p50_s: float | None
    latency_p95_s: float | None
    latency_mean_s: float | None
    by_tag: dict[str, TagSummary] = Field(default_factory=dict)
    by_suite: dict[str, TagSummary] = Field(
        default_factory=dict, description="Per suite: the folder holding the scenario files."
    )
    mcq_questions: int = Field(0, description="Multiple-choice checks (reply.choice), played or not.")
    mcq_correct: int = 0
    mcq_accuracy: float | None = Field(None, description="mcq_correct / mcq_questions.")
    skipped: int = Field(0, description="Scenarios not played because a required path is absent.")


class RunReport(BaseModel):
    """Everything a run wrote: configuration, summary and every scenario's full trace."""

    summary: Summary
    results: list[ScenarioResult]
    planner: str
    backend: str
    workers: int
    timeout_s: float
    started: float = Field(description="Start time, seconds since the Unix epoch.")
    seconds: float = Field(description="Wall time of the whole run, seconds.")
    paths: list[str] = Field(default_factory=list, description="Scenario files and folders given.")
    home: str | None = Field(None, description="The run's Agent home, when it was kept.")
    skipped: list[SkippedScenario] = Field(default_factory=list, description="Scenarios not played.")
