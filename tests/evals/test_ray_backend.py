"""The Ray path's control flow, against a stand-in ``ray`` module (Ray itself is not installed here).

The stand-in runs tasks on threads and mirrors the Ray calls the backend uses (init, remote, wait,
get, cancel, shutdown), so ordering, timeouts and failed tasks are exercised without Ray.
"""

from __future__ import annotations

import sys
import types
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from pathlib import Path
from typing import Any

import pytest

from evals.loader import load_scenarios
from evals.play import Job
from evals.ray_backend import ray_importable, run_jobs_with_ray


def fake_ray() -> types.ModuleType:
    ray = types.ModuleType("ray")
    pool = ThreadPoolExecutor(max_workers=4)
    state = {"initialized": False, "cancelled": 0}

    def remote(**_options: Any) -> Any:
        def wrap(fn: Any) -> Any:
            return types.SimpleNamespace(remote=lambda *args: pool.submit(fn, *args))

        return wrap

    def wait(refs: list[Future], num_returns: int = 1, timeout: float | None = None) -> tuple[list, list]:
        done, rest = wait_futures(refs, timeout=timeout, return_when=FIRST_COMPLETED)
        return list(done), list(rest)

    def cancel(ref: Future, force: bool = False) -> None:
        state["cancelled"] += 1
        ref.cancel()

    ray.init = lambda **_kw: state.update(initialized=True)  # type: ignore[attr-defined]
    ray.is_initialized = lambda: state["initialized"]  # type: ignore[attr-defined]
    ray.shutdown = lambda: state.update(initialized=False)  # type: ignore[attr-defined]
    ray.remote = remote  # type: ignore[attr-defined]
    ray.wait = wait  # type: ignore[attr-defined]
    ray.get = lambda ref: ref.result()  # type: ignore[attr-defined]
    ray.cancel = cancel  # type: ignore[attr-defined]
    ray.state = state  # type: ignore[attr-defined]
    return ray


def test_without_a_running_ray_cluster_the_default_is_local_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from evals.runner import RunConfig, choose_backend

    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    monkeypatch.delitem(sys.modules, "ray", raising=False)  # no ray.init() in this process
    assert choose_backend(RunConfig()) == "processes"
    assert choose_backend(RunConfig(backend="ray")) == "ray"


def test_asking_for_ray_without_ray_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import evals.runner as runner

    monkeypatch.setattr(runner, "ray_importable", lambda: False)
    with pytest.raises(runner.EvalUnavailableError, match="needs Ray"):
        runner.check_config(runner.RunConfig(backend="ray"))


@pytest.mark.slow
@pytest.mark.skipif(not ray_importable(), reason="Ray is not installed (pip install -e '.[dev]')")
def test_real_ray_tasks_play_real_scenarios(tmp_path: Path) -> None:
    """Two core scenarios played as tasks of a real local Ray instance, with the real agent."""
    from evals.runner import RunConfig, run_eval

    core = Path(__file__).resolve().parents[2] / "evals" / "scenarios" / "core"
    report = run_eval(
        [core / "describe.yaml", core / "edit-session.yaml"],
        tmp_path / "out",
        RunConfig(backend="ray", workers=2),
    )
    assert report.backend == "ray"
    assert [r.status for r in report.results] == ["passed", "passed"], [
        r.failed_checks for r in report.results
    ]
    assert (tmp_path / "out" / "report.html").is_file()


def test_ray_path_orders_results_and_handles_timeouts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ray = fake_ray()
    monkeypatch.setitem(sys.modules, "ray", ray)
    turns = "turns:\n  - user: one\n  - user: two\n"
    for sid in ("ok-a", "hang-b", "crash-c", "ok-d"):
        (tmp_path / f"{sid}.yaml").write_text(f"id: {sid}\n{turns}")
    jobs = [
        Job(
            scenario=item.scenario,
            file=str(item.path),
            base_dir=str(item.base_dir),
            home=str(tmp_path / "home" / item.scenario.id),
            media_dir=str(tmp_path / "media"),
            media_prefix="media",
            timeout_s=0.5,
        )
        for item in load_scenarios([tmp_path])
    ]
    seen: list[str] = []
    results = run_jobs_with_ray(
        jobs, 2, "tests.evals.players:misbehaving_player", lambda r: seen.append(r.id)
    )
    assert [r.id for r in results] == [j.scenario.id for j in jobs]
    assert {r.id: r.status for r in results} == {
        "crash-c": "error",
        "hang-b": "timeout",
        "ok-a": "passed",
        "ok-d": "passed",
    }
    assert sorted(seen) == sorted(r.id for r in results)
    assert ray.state["cancelled"] >= 1 and not ray.state["initialized"]  # started here, shut down here
