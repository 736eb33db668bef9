"""Fixtures of the understanding tests: a private feature cache and rendered signals (made once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.understanding.signals import click_track, progression_midi, render


@pytest.fixture(autouse=True)
def _private_feature_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "feature-cache"
    monkeypatch.setenv("BANDLEADER_FEATURE_CACHE", str(cache))
    return cache


@pytest.fixture(scope="session")
def signals_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("signals")


@pytest.fixture(scope="session")
def click_120(signals_dir: Path) -> Path:
    return click_track(signals_dir / "click120.wav", 120.0)


@pytest.fixture(scope="session")
def progression(signals_dir: Path) -> tuple[Path, Path, list[tuple[float, float, str]]]:
    midi, truth = progression_midi(signals_dir / "progression.mid")
    return midi, render(midi, signals_dir / "progression.wav"), truth
