"""Tempo, key and meter artifact checks measured by the understanding analysers on synthesised loops
whose tempo and key are known by construction (evals/synth.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import soundfile as sf

from evals.synth import loop
from tests.evals.conftest import artifact, turn_result
from tests.evals.test_checks import check

SR = 16000


@pytest.fixture(scope="module")
def loop_100_em(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4 bars at 100 BPM in E minor (Em Am Em B7): kick, snare, hats and chords."""
    path = tmp_path_factory.mktemp("loops") / "em100.flac"
    sf.write(path, loop(100.0, ["Em", "Am", "Em", "B7"], 4, SR), SR, format="FLAC", subtype="PCM_16")
    return path


@pytest.fixture(scope="module")
def loop_120_c(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4 bars at 120 BPM in C major (C G Am F)."""
    path = tmp_path_factory.mktemp("loops") / "c120.wav"
    sf.write(path, loop(120.0, ["C", "G", "Am", "F"], 4, SR), SR)
    return path


@pytest.mark.slow
def test_tempo_and_key_of_a_known_loop_pass(loop_100_em: Path, loop_120_c: Path) -> None:
    r = turn_result(current=artifact(loop_100_em))
    results = check({"artifact": {"tempo_bpm": {"near": 100, "tol_pct": 2}, "key": "Em", "meter": "4/4"}}, r)
    assert [(c.name, c.passed) for c in results] == [("tempo_bpm", True), ("key", True), ("meter", True)]
    assert abs(float(results[0].actual.split()[0]) - 100) < 2 and results[1].actual == "E minor"
    r2 = turn_result(current=artifact(loop_120_c))
    assert all(
        c.passed for c in check({"artifact": {"tempo_bpm": {"near": 120, "tol": 1}, "key": "C major"}}, r2)
    )


@pytest.mark.slow
def test_wrong_tempo_and_key_fail_with_the_measured_value(loop_100_em: Path) -> None:
    r = turn_result(current=artifact(loop_100_em))
    results = check({"artifact": {"tempo_bpm": {"near": 72, "tol_pct": 2}, "key": "D minor"}}, r)
    assert not any(c.passed for c in results)
    assert "outside 72 ± 1.44 (2%) BPM" in results[0].reason
    assert results[1].actual == "E minor" and "expected D minor" in results[1].reason


def test_tempo_of_a_non_audio_artifact_is_not_measurable(tmp_path: Path) -> None:
    doc = tmp_path / "session.zip"
    doc.write_bytes(b"PK\x05\x06" + bytes(18))
    [res] = check(
        {"artifact": {"tempo_bpm": {"near": 100, "tol": 1}}},
        turn_result(current=artifact(doc, kind="project")),
    )
    assert not res.passed and res.actual is None and "no tempo analyser for project artifacts" in res.reason
