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


@pytest.mark.skipif(ray_importable(), reason="Ray is installed here")
def test_without_ray_the_default_is_local_processes() -> None:
    from evals.runner import EvalUnavailableError, RunConfig, check_config, choose_backend

    assert choose_backend(RunConfig()) == "processes"
    with pytest.raises(EvalUnavailableError, match="needs Ray"):
        check_config(RunConfig(backend="ray"))


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
