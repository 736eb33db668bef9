"""Test-wide settings: no network, no hub, and every test's data in its own temporary home."""

from __future__ import annotations

import os

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real ~/.local/share/bandleader from a test."""
    monkeypatch.setenv("BANDLEADER_HOME", str(tmp_path_factory.mktemp("bandleader-home")))
