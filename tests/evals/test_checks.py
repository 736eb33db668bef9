"""Every check type against crafted turn results, passing and failing."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from evals.checks import TurnObservation, normalise_key, numbers_in, plan_checks, run_checks
from evals.measure import register_measurement
from evals.results import CheckResult
from evals.scenario import Expect
from tests.evals.conftest import artifact, call, turn_result, write_tone
from tools.base import ArtifactInfo


def check(expect: dict[str, Any], result: Any, history: list[ArtifactInfo] | None = None,
          currents: list[str | None] | None = None) -> list[CheckResult]:  # fmt: skip
    current = result.current
    obs = TurnObservation(
        turn=len(currents) if currents else 1,
        result=result,
        history=history if history is not None else ([current] if current else []),
        currents=currents or [current.id if current else None],
    )
    return run_checks(Expect.model_validate(expect), obs)


def outcome(results: list[CheckResult]) -> dict[str, bool]:
    return {r.label: r.passed for r in results}


# ------------------------------------------------------------------ ok and tools


def test_ok() -> None:
    assert outcome(check({"ok": True}, turn_result(ok=True))) == {"ok": True}
    [r] = check({"ok": True}, turn_result(ok=False))
    assert not r.passed and r.actual == "false"
    assert outcome(check({"ok": False}, turn_result(ok=False))) == {"ok": True}


def test_tools_include_exclude_sequence() -> None:
    r = turn_result(calls=[call("trim", duration_s=10.0), call("fade", fade_out_s=2.0)])
    expect = {"tools": {"include": ["trim", "fade"], "exclude": ["gain"], "sequence": ["trim", "fade"]}}
    assert outcome(check(expect, r)) == {"tools.include": True, "tools.exclude": True, "tools.sequence": True}
    expect = {"tools": {"include": ["trim", "gain"], "exclude": ["fade"], "sequence": ["fade", "trim"]}}
    results = check(expect, r)
    assert outcome(results) == {"tools.include": False, "tools.exclude": False, "tools.sequence": False}
    assert "not called: gain" in results[0].reason and "fade" in results[1].reason


def test_an_empty_include_means_no_call() -> None:
    assert outcome(check({"tools": {"include": []}}, turn_result())) == {"tools.include": True}
    [r] = check({"tools": {"include": []}}, turn_result(calls=[call("describe_audio")]))
    assert not r.passed and "expected no tool call" in r.reason


def test_pinned_arguments() -> None:
    r = turn_result(calls=[call("normalize_loudness", target_lufs=-14.0), call("trim", duration_s=9.97)])
    expect = {
        "tools": {
            "args": {
                "normalize_loudness": {"target_lufs": -14},  # int pin, float call: equal
                "trim": {"duration_s": {"near": 10, "tol": 0.05}},
            }
        }
    }
    assert all(outcome(check(expect, r)).values())
    expect = {"tools": {"args": {"trim": {"duration_s": {"near": 10, "tol": 0.01}, "start_s": 0}}}}
    res = outcome(check(expect, r))
    assert res == {"tools.args.trim.duration_s": False, "tools.args.trim.start_s": False}
    [missing] = check({"tools": {"args": {"gain": {"gain_db": 3}}}}, r)
    assert not missing.passed and missing.reason == "gain was not called"


def test_pinned_arguments_use_the_best_matching_call() -> None:
    r = turn_result(calls=[call("gain", gain_db=-3.0), call("gain", gain_db=6.0)])
    assert all(outcome(check({"tools": {"args": {"gain": {"gain_db": 6}}}}, r)).values())
    assert not any(outcome(check({"tools": {"args": {"gain": {"gain_db": 5}}}}, r)).values())


# ------------------------------------------------------------------ reply


def test_reply_text_checks_are_case_insensitive() -> None:
    r = turn_result(reply="Normalised to -14.0 LUFS at 72 bpm in D Minor.")
    expect = {
        "reply": {
            "contains_any": ["d minor", "e minor"],
            "contains_all": ["lufs", "NORMALISED"],
            "not_contains": ["error"],
            "regex": "7[0-4] ?BPM",
            "number": {"near": 72, "tol_pct": 3},
        }
    }
    assert outcome(check(expect, r)) == {
        "reply.contains_any": True,
        "reply.contains_all": True,
        "reply.not_contains": True,
        "reply.regex": True,
        "reply.number": True,
    }
    expect = {
        "reply": {
            "contains_any": ["F major"],
            "contains_all": ["lufs", "dBFS"],
            "not_contains": ["Normalised"],
            "regex": "^7[0-4]",
            "number": {"near": -16, "tol": 0.5},
        }
    }
    results = check(expect, r)
    assert not any(outcome(results).values())
    assert results[1].reason == "missing from the reply: ['dBFS']"
    assert "-14" in results[4].actual


def test_numbers_in_replies() -> None:
    assert numbers_in("from -23.9 LUFS to -14.0 LUFS (+9.8 dB)") == [-23.9, -14.0, 9.8]
    assert numbers_in("It is 0:12 long (12.00 s), 22050 Hz") == [0, 12, 12.0, 22050]
    assert numbers_in("bars 10-20, \u221216 LUFS") == [10, 20, -16]
    assert numbers_in("no numbers") == []
    [r] = check({"reply": {"number": {"near": 3, "tol": 0}}}, turn_result(reply="no numbers here"))
    assert not r.passed and r.actual == "(no number)"


# ------------------------------------------------------------------ artifact


def test_artifact_measurements_from_real_audio(tmp_path: Path) -> None:
    path = write_tone(tmp_path / "a.wav", seconds=3.0, amplitude=0.1)
    cur = artifact(path, version=2, tool="trim")
    r = turn_result(made=[cur], current=cur)
    # 0.1-amplitude stereo sine: 10*log10(2 * 0.1**2 / 2) - 0.691 = -20.69 LUFS (K-weighting ~0 dB at 440 Hz)
    expected_lufs = 10 * math.log10(2 * 0.1**2 / 2) - 0.691
    expect = {
        "artifact": {
            "kind": "audio",
            "duration_s": {"near": 3, "tol": 0.001},
            "loudness_lufs": {"near": expected_lufs, "tol": 0.3},
            "streams": ["audio"],
            "new": True,
            "channels": 2,
            "sample_rate_hz": 22050,
            "format": "wav",
        }
    }
    results = check(expect, r)
    assert all(c.passed for c in results), [c for c in results if not c.passed]
    expect = {
        "artifact": {
            "kind": "video",
            "duration_s": {"near": 4, "tol": 0.5},
            "loudness_lufs": {"near": -14, "tol": 1},
            "streams": ["video", "audio"],
            "new": False,
            "channels": 1,
            "sample_rate_hz": 44100,
            "format": "mp3",
        }
    }
    results = check(expect, r)
    assert not any(c.passed for c in results), [c for c in results if c.passed]
    by = {c.name: c for c in results}
    assert by["duration_s"].actual == "3 s" and "outside 4 ± 0.5 s" in by["duration_s"].reason
    assert by["streams"].reason == "missing streams: video"


def test_missing_analysers_fail_with_a_reason(tmp_path: Path) -> None:
    silent = write_tone(tmp_path / "silent.wav", seconds=3.0, amplitude=0.0)
    r = turn_result(current=artifact(silent))
    expect = {"artifact": {"tempo_bpm": {"near": 72, "tol_pct": 2}, "key": "D minor", "stems": ["piano"]}}
    results = check(expect, r)
    assert [(c.name, c.passed) for c in results] == [("tempo_bpm", False), ("key", False), ("stems", False)]
    by = {c.name: c for c in results}
    assert by["tempo_bpm"].reason == "no tempo: the analyser found silence"
    assert by["key"].reason == "no key: the analyser found silence"
    assert by["stems"].reason == "no stems analyser installed yet"
    assert all(c.actual is None for c in results)  # nothing invented


def test_an_analyser_plugs_in_through_the_registry(tone: Path) -> None:
    cur = artifact(tone)
    r = turn_result(current=cur)
    register_measurement("tempo_bpm", lambda a: 71.0)
    register_measurement("key", lambda a: "Dm")
    register_measurement("stems", lambda a: ["piano", "bass"])
    try:
        ok = check(
            {"artifact": {"tempo_bpm": {"near": 72, "tol_pct": 2}, "key": "D minor", "stems": ["piano"]}}, r
        )
        bad = check(
            {"artifact": {"tempo_bpm": {"near": 80, "tol": 2}, "key": "A minor", "stems": ["drums"]}}, r
        )
    finally:
        for name in ("tempo_bpm", "key", "stems"):
            register_measurement(name, None)
    assert all(c.passed for c in ok) and not any(c.passed for c in bad)
    assert "no tempo" in check({"artifact": {"tempo_bpm": {"near": 1, "tol": 1}}}, r)[0].reason


def test_no_current_artifact_fails_every_artifact_check() -> None:
    results = check({"artifact": {"kind": "audio", "new": False}}, turn_result())
    assert [(c.passed, c.reason) for c in results] == [(False, "the session has no current artifact")] * 2


def test_unreadable_artifacts_fail_with_the_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.flac"
    bad.write_bytes(b"fLaC" + bytes(range(256)) * 8)
    [r] = check({"artifact": {"duration_s": {"near": 1, "tol": 1}}}, turn_result(current=artifact(bad)))
    assert not r.passed and r.reason.startswith("could not measure duration_s:") and "bad.flac" in r.reason


def test_new_means_made_by_a_tool_this_turn(tone: Path) -> None:
    upload = artifact(tone)
    r = turn_result(attached=[upload], current=upload)  # an upload is not a new version "made"
    assert outcome(check({"artifact": {"new": False}}, r)) == {"artifact.new": True}
    assert outcome(check({"artifact": {"new": True}}, r)) == {"artifact.new": False}


def test_keys_compare_in_any_spelling() -> None:
    assert normalise_key("Dm") == normalise_key("d minor") == normalise_key("D  min") == "D minor"
    assert normalise_key("F#") == "F# major" and normalise_key("Bb minor") == "Bb minor"


# ------------------------------------------------------------------ state


def test_state_checks(tone: Path) -> None:
    v1, v2, v3 = (artifact(tone, version=i) for i in (1, 2, 3))
    history = [v1, v2, v3]
    r = turn_result(current=v2)
    currents = [v2.id, v3.id, v2.id]  # turn 1 made v2, turn 2 made v3, turn 3 undid
    expect = {"state": {"versions": {"min": 2, "max": 3}, "current_is_turn": 1, "current_version": 2}}
    assert all(outcome(check(expect, r, history, currents)).values())
    expect = {"state": {"versions": 4, "current_is_turn": 2, "current_version": 3}}
    results = check(expect, r, history, currents)
    assert not any(outcome(results).values())
    assert results[0].reason == "3 versions, expected == 4"
    assert results[1].reason == "current is v2; after turn 2 it was v3"


def test_plan_checks_order_and_not_run() -> None:
    expect = Expect.model_validate({"state": {"versions": 1}, "ok": True, "reply": {"regex": "x"}})
    planned = plan_checks(expect)
    assert [(c.category, c.name) for c in planned] == [
        ("ok", "ok"),
        ("reply", "regex"),
        ("state", "versions"),
    ]
    r = planned[0].not_run(3, "not played: timed out")
    assert not r.passed and r.turn == 3 and r.reason == "not played: timed out"
    assert plan_checks(None) == []
