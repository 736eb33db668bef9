"""The runner end to end: the bundled scenarios pass; hangs, crashes and dead workers don't stop a run;
reports are written and self-contained."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from evals.loader import ScenarioError
from evals.runner import EvalUnavailableError, RunConfig, run_eval
from ui.cli import main

SCENARIOS = Path(__file__).resolve().parents[2] / "evals" / "scenarios"
TWO_TURNS = "turns:\n  - user: one\n  - user: two\n    expect: {ok: true, reply: {contains_any: [two]}}\n"


def assert_self_contained(html: str, out: Path) -> None:
    assert not re.search(r"https?://", html), "the HTML report refers to the network"
    assert "<link" not in html and "<script src" not in html
    for src in re.findall(r'<(?:audio|video)[^>]* src="([^"]+)"', html):
        assert not src.startswith(("/", "file:")) and (out / src).is_file(), src


@pytest.mark.slow
def test_the_ci_subset_of_the_bundled_scenarios_passes_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI's fast subset: the bundled scenarios tagged ``ci`` (``make eval`` runs them all)."""
    out = tmp_path / "out"
    t0 = time.perf_counter()
    code = main(["eval", str(SCENARIOS), "--tags", "ci", "--out", str(out), "--workers", "2", "--json"])
    seconds = time.perf_counter() - t0
    summary = json.loads(capsys.readouterr().out)
    with capsys.disabled():
        figures = {k: v for k, v in summary.items() if k not in ("results", "by_tag", "by_suite", "reports")}
        print(f"\neval over evals/scenarios --tags ci ({seconds:.1f} s): {json.dumps(figures)}")
    failed = {r["id"]: r["failed_checks"] or r["error"] for r in summary["results"] if not r["passed"]}
    assert failed == {} and code == 0
    for key in ("scenarios", "passed", "success_rate", "turns", "tool_precision", "tool_recall",
                "argument_accuracy", "answer_accuracy", "artifact_checks_passed", "latency_p50_s",
                "latency_p95_s", "mcq_accuracy", "by_suite", "results"):  # fmt: skip
        assert key in summary, key
    assert summary["scenarios"] >= 8 and summary["success_rate"] == 1.0
    assert all("ci" in r["tags"] and "known_failure" not in r["tags"] for r in summary["results"])
    assert summary["mcq_questions"] >= 2 and summary["mcq_accuracy"] == 1.0
    assert {"core", "questions", "mcq", "adversarial"} <= set(summary["by_suite"])
    assert summary["artifact_checks_passed"] > 20 and summary["latency_p95_s"] >= summary["latency_p50_s"] > 0
    report = json.loads((out / "report.json").read_text())
    assert report["summary"]["passed"] == summary["passed"]
    edit = next(r for r in report["results"] if r["id"] == "edit-session")
    assert edit["turns"][0]["tool_calls"][0]["arguments"]["target_lufs"] == -14.0
    html = (out / "report.html").read_text()
    assert_self_contained(html, out)
    assert html.count("<audio") >= 10 and "data:image/png;base64," in html
    assert "## Scenarios" in (out / "report.md").read_text()
    assert (out / "plots" / "latency.png").stat().st_size > 1000


def test_the_bundled_suites_load_with_known_failures_tagged() -> None:
    from evals.loader import load_scenarios

    loaded = load_scenarios([SCENARIOS])
    assert len(loaded) >= 60
    suites = {item.path.parent.name for item in loaded}
    assert {"core", "questions", "edits", "adversarial", "shared-data", "mcq"} <= suites
    ci = [i for i in loaded if "ci" in i.scenario.tags]
    assert 6 <= len(ci) <= 12 and not any("known_failure" in i.scenario.tags for i in ci)
    for item in loaded:
        if "known_failure" in item.scenario.tags:  # each says why, in a comment
            assert "Known failure" in item.path.read_text(), item.path
        if item.path.parent.name == "shared-data":
            assert item.scenario.requires, item.path
    edits = [i for i in loaded if i.path.parent.name == "edits"]
    assert all(5 <= len(i.scenario.turns) <= 12 for i in edits)


def write_scenarios(folder: Path) -> Path:
    folder.mkdir()
    for sid in ("ok-first", "hang-two", "crash-two", "die-two", "ok-last"):
        timeout = "timeout_s: 2\n" if sid.startswith("hang") else ""
        (folder / f"{sid}.yaml").write_text(f"id: {sid}\ntags: [robust]\n{timeout}{TWO_TURNS}")
    return folder


def test_hangs_crashes_and_dead_workers_do_not_stop_the_run(tmp_path: Path) -> None:
    folder = write_scenarios(tmp_path / "scenarios")
    seen: list[str] = []
    config = RunConfig(workers=2, player="tests.evals.players:misbehaving_player", backend="processes")
    report = run_eval([folder], tmp_path / "out", config, on_result=lambda r: seen.append(r.id))
    status = {r.id: r.status for r in report.results}
    assert status == {
        "crash-two": "error",
        "die-two": "error",
        "hang-two": "timeout",
        "ok-first": "passed",
        "ok-last": "passed",
    }
    assert sorted(seen) == sorted(status)
    by_id = {r.id: r for r in report.results}
    hang = by_id["hang-two"]
    assert hang.error == "timed out after 2 s" and 2 <= hang.seconds < 30
    assert [t.played for t in hang.turns] == [True, False]  # turn 1's trace survived the kill
    assert [c.reason for c in hang.failed_checks] == ["not played: timed out after 2 s"] * 2
    assert "the player blew up on purpose" in by_id["crash-two"].error
    assert by_id["die-two"].error == "the worker process died (exit code 3)"
    s = report.summary
    assert (s.scenarios, s.passed, s.errors, s.timeouts) == (5, 2, 2, 1)
    html = (tmp_path / "out" / "report.html").read_text()
    assert_self_contained(html, tmp_path / "out")
    assert "timed out after 2 s" in html and "TIMEOUT" in html


def test_unavailable_planner_and_api_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(SCENARIOS), "--out", str(tmp_path), "--planner", "llm"]) == 2
    assert "the LLM planner is not available yet" in capsys.readouterr().err
    assert main(["eval", str(SCENARIOS), "--out", str(tmp_path), "--api", "http://127.0.0.1:9"]) == 2
    assert "not available yet" in capsys.readouterr().err
    with pytest.raises(EvalUnavailableError, match="LLM planner"):
        run_eval([SCENARIOS], tmp_path, RunConfig(planner="llm"))
    assert not (tmp_path / "report.json").exists()


def test_invalid_scenarios_stop_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nturns:\n  - user: hi\n    expect: {tools: {include: [levitate]}}\n")
    assert main(["eval", str(bad), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:4:" in err and "unknown tool 'levitate'" in err
    with pytest.raises(ScenarioError):
        run_eval([tmp_path / "nothing-here"], tmp_path / "out")
    assert not (tmp_path / "out").exists()
