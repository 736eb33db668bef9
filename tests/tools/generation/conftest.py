"""Fixtures for the generation tests: small composed projects (no audio unless a test renders)."""

from __future__ import annotations

import pytest

from tools.generation.compose.arrange import compose
from tools.generation.compose.request import ComposeRequest
from tools.generation.project import SongProject


def make(prompt: str, seed: int = 5, **slots: object) -> SongProject:
    """A composed project for ``prompt`` (fixed seed)."""
    return compose(ComposeRequest(prompt=prompt, seed=seed, **slots))  # type: ignore[arg-type]


@pytest.fixture
def ballad() -> SongProject:
    return make("a 40 second piano ballad in D minor at 72 BPM")


@pytest.fixture
def band() -> SongProject:
    return make(
        "a 30 second pop song in A major at 120 BPM with piano, bass and drums about a summer road trip"
    )
