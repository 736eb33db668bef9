"""``bandleader index`` and ``bandleader recommend`` print what the issue asks for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui.cli import main

pytestmark = pytest.mark.slow


def test_index_and_recommend_json(tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cat = tmp_path / "cat"
    assert main(["index", str(library), "--catalogue", str(cat), "--json", "--workers", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["indexed"] == 6 and report["skipped_count"] == 1 and report["removed_count"] == 0
    assert report["skipped"][0]["path"].endswith("notes.mp3")
    assert main(["recommend", "calm piano in D minor", "--catalogue", str(cat), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    first = out["results"][0]
    assert Path(first["path"]).name == "calm_piano.wav"
    assert first["key"] == "D minor" and abs(first["tempo_bpm"] - 76) <= 2
    assert {"path", "score", "reason", "tempo_bpm", "key"} <= set(first)
    scores = [r["score"] for r in out["results"]]
    assert scores == sorted(scores, reverse=True) or len(scores) == 1


def test_recommend_errors_are_plain_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recommend", "piano", "--catalogue", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert "no catalogue" in err and "Traceback" not in err
