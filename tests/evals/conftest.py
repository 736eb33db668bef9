"""Crafted turn results and small real audio files for the eval tests (made here, nothing downloaded)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf

from agent.agent import ToolCallRecord, TurnResult
from tools.base import ArtifactInfo

SR = 22050
_ids = itertools.count(1)


def write_tone(path: Path, seconds: float = 3.0, amplitude: float = 0.1, channels: int = 2) -> Path:
    """A 440 Hz sine of ``seconds`` seconds at ``amplitude`` (full scale 1.0)."""
    t = np.arange(int(seconds * SR)) / SR
    mono = amplitude * np.sin(2 * np.pi * 440 * t)
    sf.write(path, np.stack([mono] * channels, axis=1).astype(np.float32), SR)
    return path


def artifact(
    path: Path | str, version: int = 1, kind: str = "audio", tool: str | None = None
) -> ArtifactInfo:
    """An ArtifactInfo record for ``path`` (a fresh id each call)."""
    return ArtifactInfo(
        id=f"a-{next(_ids):012x}",
        kind=kind,
        label=Path(path).name,
        path=str(path),
        thread="t-1",
        version=version,
        tool=tool,
        created=0.0,
        sha256=f"fake-{version}-{Path(path).name}",
    )


def call(name: str, ok: bool = True, **arguments: Any) -> ToolCallRecord:
    """A tool call record."""
    return ToolCallRecord(name=name, arguments=arguments, ok=ok)


def turn_result(
    reply: str = "",
    ok: bool = True,
    calls: list[ToolCallRecord] | None = None,
    made: list[ArtifactInfo] | None = None,
    attached: list[ArtifactInfo] | None = None,
    current: ArtifactInfo | None = None,
) -> TurnResult:
    """A TurnResult as Agent.turn returns it (attachments first in ``artifacts``)."""
    attached = attached or []
    return TurnResult(
        session="s",
        reply=reply,
        ok=ok,
        tool_calls=calls or [],
        artifacts=attached + (made or []),
        current=current,
        attachments=attached,
    )


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    """3 s stereo 440 Hz sine at amplitude 0.1."""
    return write_tone(tmp_path / "tone.wav")
