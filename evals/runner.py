"""Run scenarios: load them, play them in parallel, compute the figures and write the reports.

``run_eval`` is what ``bandleader eval`` calls. Every run plays against a fresh Agent home (a new
temporary folder; each scenario gets its own sub-folder and session) and is parallel: local worker
processes by default, Ray tasks when Ray is importable (see ``evals.ray_backend``). One scenario's
failure (an exception, a crashed worker, a timeout) never stops the run.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from evals.loader import ScenarioError, load_scenarios
from evals.metrics import summarize
from evals.play import Job
from evals.pool import ResultCallback, run_jobs_in_processes
from evals.ray_backend import ray_cluster_running, ray_importable, run_jobs_with_ray
from evals.results import RunReport, SkippedScenario

DEFAULT_PLAYER = "evals.play:play_scenario"


class EvalUnavailableError(Exception):
    """The run asks for something that does not exist yet (the LLM planner, a served API, Ray)."""


class RunConfig(BaseModel):
    """How to run an evaluation."""

    workers: int = Field(2, ge=1, description="Scenarios played at once.")
    planner: Literal["local", "llm"] = "local"
    api: str | None = Field(None, description="URL of a served Bandleader API (not available yet).")
    timeout_s: float = Field(300.0, gt=0, description="Default time limit per scenario, seconds.")
    backend: Literal["auto", "processes", "ray"] = Field(
        "auto",
        description="auto: Ray tasks when a Ray cluster is running (RAY_ADDRESS set, or ray.init() done in "
        "this process), else local worker processes; ray: always Ray (starting a local instance).",
    )
    player: str = Field(DEFAULT_PLAYER, description="'module:function' that plays one Job.")
    keep_home: bool = Field(False, description="Keep the run's Agent home (else it is deleted).")
    tags: list[str] = Field(default_factory=list, description="Run only scenarios with any of these tags.")
    exclude_tags: list[str] = Field(
        default_factory=list, description="Skip scenarios with any of these tags."
    )


def keep(tags: list[str], config: RunConfig) -> bool:
    """Whether a scenario with ``tags`` passes the run's tag filters."""
    if config.tags and not set(tags) & set(config.tags):
        return False
    return not set(tags) & set(config.exclude_tags)


def check_config(config: RunConfig) -> None:
    """EvalUnavailableError when the configuration asks for something not built yet."""
    if config.planner == "llm":
        raise EvalUnavailableError(
            "the LLM planner is not available yet: it arrives with the LLM-planner issue; "
            "use --planner local (the default)"
        )
    if config.api:
        raise EvalUnavailableError(
            "evaluating a served API (--api) is not available yet: the HTTP API arrives with the "
            "serving issue; leave --api out to evaluate the in-process agent"
        )
    if config.backend == "ray" and not ray_importable():
        raise EvalUnavailableError("--backend ray needs Ray, which is not installed here")


def choose_backend(config: RunConfig) -> str:
    """The backend to use for this configuration: "ray" or "processes"."""
    if config.backend == "ray" or (config.backend == "auto" and ray_cluster_running()):
        return "ray"
    return "processes"


def run_eval(
    paths: Iterable[Path | str],
    out_dir: Path | str,
    config: RunConfig | None = None,
    on_result: ResultCallback | None = None,
) -> RunReport:
    """Play every scenario in ``paths`` and write report.json, report.md and report.html to ``out_dir``.

    Raises ScenarioError (invalid scenario files, nothing run) or EvalUnavailableError before any
    scenario is played. ``on_result`` is called with each scenario's result as it finishes.
    """
    from evals.report import write_reports

    config = config or RunConfig()
    check_config(config)
    paths = [Path(p) for p in paths]
    loaded = [item for item in load_scenarios(paths) if keep(item.scenario.tags, config)]
    skipped = [
        SkippedScenario(id=i.scenario.id, file=str(i.path), tags=i.scenario.tags, reason=i.skip_reason)
        for i in loaded
        if i.skip_reason
    ]
    loaded = [i for i in loaded if not i.skip_reason]
    if not loaded and not skipped:
        raise ScenarioError([f"no scenario left after the tag filters in {', '.join(map(str, paths))}"])
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    home_root = Path(tempfile.mkdtemp(prefix="bandleader-eval-home-"))
    jobs: list[Job] = []
    for item in loaded:
        sid = item.scenario.id
        media = out / "media" / sid
        if media.exists():
            shutil.rmtree(media)  # our own copies from an earlier run into this folder
        jobs.append(
            Job(
                scenario=item.scenario,
                file=str(item.path),
                base_dir=str(item.base_dir),
                home=str(home_root / sid),
                media_dir=str(media),
                media_prefix=f"media/{sid}",
                timeout_s=item.scenario.timeout_s or config.timeout_s,
                planner=config.planner,
            )
        )
    backend = choose_backend(config)
    started_wall = time.time()
    t0 = time.perf_counter()
    try:
        if backend == "ray":
            results = run_jobs_with_ray(jobs, config.workers, config.player, on_result)
        else:
            results = run_jobs_in_processes(jobs, config.workers, config.player, on_result)
    finally:
        if not config.keep_home:
            shutil.rmtree(home_root, ignore_errors=True)
    report = RunReport(
        skipped=skipped,
        summary=summarize(results, skipped=len(skipped)),
        results=results,
        planner=config.planner,
        backend=backend,
        workers=config.workers,
        timeout_s=config.timeout_s,
        started=started_wall,
        seconds=time.perf_counter() - t0,
        paths=[str(p) for p in paths],
        home=str(home_root) if config.keep_home else None,
    )
    write_reports(report, out)
    return report
