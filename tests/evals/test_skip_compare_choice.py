"""Scenario-level ``requires`` (skipped, not failed), tag filters, ``--compare`` and multiple-choice
scoring (``reply.choice``, ``mcq_accuracy``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.checks import chosen_options
from evals.loader import load_scenario
from evals.runner import RunConfig, run_eval
from tests.evals.conftest import turn_result
from tests.evals.test_checks import check
from ui.cli import main

PLAYER = "tests.evals.players:misbehaving_player"
TWO_TURNS = "turns:\n  - user: one\n  - user: two\n    expect: {ok: true, reply: {contains_any: [two]}}\n"


def test_a_missing_requirement_skips_the_scenario(tmp_path: Path) -> None:
    f = tmp_path / "needs.yaml"
    f.write_text(
        "id: needs\nrequires: [../absent/data]\nturns:\n  - user: hi\n    attach: [../absent/data/x.wav]\n"
    )
    loaded = load_scenario(f)
    assert loaded.skip_reason and "requires ../absent/data" in loaded.skip_reason
    (tmp_path / "here.wav").write_bytes(b"")
    f.write_text("id: needs\nrequires: [here.wav]\nturns:\n  - user: hi\n    attach: [missing.wav]\n")
    with pytest.raises(Exception, match="does not exist"):  # present: attachments are checked again
        load_scenario(f)


def test_skipped_and_filtered_scenarios_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "ok-first.yaml").write_text(f"id: ok-first\ntags: [a]\n{TWO_TURNS}")
    (folder / "ok-last.yaml").write_text(f"id: ok-last\ntags: [b]\n{TWO_TURNS}")
    (folder / "gone.yaml").write_text(f"id: gone\ntags: [a]\nrequires: [../nowhere]\n{TWO_TURNS}")
    config = RunConfig(workers=1, player=PLAYER, backend="processes", exclude_tags=["b"])
    report = run_eval([folder], tmp_path / "out", config)
    assert [r.id for r in report.results] == ["ok-first"]
    assert [s.id for s in report.skipped] == ["gone"] and report.summary.skipped == 1
    assert report.summary.scenarios == 1 and report.summary.by_suite == {"s": report.summary.by_tag["a"]}
    assert "gone" in (tmp_path / "out" / "report.md").read_text()
    assert "SKIPPED" in (tmp_path / "out" / "report.html").read_text()
    only_b = run_eval([folder], tmp_path / "out2", RunConfig(workers=1, player=PLAYER, tags=["b"]))
    assert [r.id for r in only_b.results] == ["ok-last"] and only_b.summary.skipped == 0


def test_the_chosen_option_is_read_from_the_reply() -> None:
    assert chosen_options("Answer: (B) 100 BPM. About 100 BPM.") == ["B"]
    assert chosen_options("The answer is C") == ["C"]
    assert chosen_options("(A) 60 or (B) 100") == ["A", "B"]
    assert chosen_options("I can't tell which option is right (60 BPM / 100 BPM)") == []
    r = turn_result(reply="Answer: (B) E minor.")
    assert [c.passed for c in check({"reply": {"choice": "B"}}, r)] == [True]
    [bad] = check({"reply": {"choice": "B"}}, turn_result(reply="(A) or (B)"))
    assert not bad.passed and "several options" in bad.reason


def test_compare_shows_what_got_better_or_worse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    for sid in ("ok-first", "crash-two", "ok-last"):
        (folder / f"{sid}.yaml").write_text(f"id: {sid}\n{TWO_TURNS}")
    run_eval([folder], tmp_path / "a", RunConfig(workers=1, player=PLAYER))
    data = json.loads((tmp_path / "a" / "report.json").read_text())
    for r in data["results"]:  # run B: crash-two got fixed, ok-last broke
        r["status"] = {"crash-two": "passed", "ok-last": "failed"}.get(r["id"], r["status"])
    data["summary"]["passed"] = 2
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "report.json").write_text(json.dumps(data))
    assert main(["eval", "--compare", str(tmp_path / "a"), str(tmp_path / "b" / "report.json")]) == 1
    text = capsys.readouterr().out
    assert "WORSE (passed in A, not in B): 1" in text and "ok-last: passed -> failed" in text
    assert "BETTER (passes now): 1" in text and "crash-two: error -> passed" in text
    assert main(["eval", "--compare", str(tmp_path / "a"), str(tmp_path / "a"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["worse"] == [] and {f["name"] for f in data["figures"]} >= {"success_rate", "latency_p95_s"}
    assert main(["eval", "--compare", str(tmp_path / "a"), str(tmp_path / "nothing")]) == 2
    assert main(["eval", str(folder)]) == 2  # running needs --out


def test_make_eval_fails_only_on_unexpected_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from evals.gate import main as gate

    results = [
        {"id": "good", "tags": [], "passed": True},
        {"id": "known", "tags": ["known_failure"], "passed": False},
        {"id": "fixed", "tags": ["known_failure"], "passed": True},
    ]
    summary = {"passed": 2, "scenarios": 3, "success_rate": 2 / 3, "seconds": 1.0, "latency_p50_s": 0.5,
               "latency_p95_s": None, "by_suite": {"s": {"passed": 2, "scenarios": 3}},
               "results": results}  # fmt: skip
    f = tmp_path / "summary.json"
    f.write_text(json.dumps(summary))
    assert gate([str(f)]) == 0
    out = capsys.readouterr().out
    assert "known failures (1): known" in out and "remove the tag): fixed" in out
    results.append({"id": "broke", "tags": [], "passed": False})
    f.write_text(json.dumps(summary))
    assert gate([str(f)]) == 1 and "unexpected failures (1): broke" in capsys.readouterr().out
