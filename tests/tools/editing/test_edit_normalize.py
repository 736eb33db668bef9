"""normalize_loudness lands within ±0.5 LU of the target, measured on the saved file, without overs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.conftest import SR, MemoryStore, ToolRun, assert_human_error, read_back
from tools.audio.loudness import integrated_loudness_lufs, true_peak_dbfs
from tools.base import ToolError
from tools.editing.normalize import NormalizeLoudness


def measured(path: str) -> float:
    return integrated_loudness_lufs(read_back(path))


def test_quiet_tone_up_to_minus_14(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    src = uploaded("tone_wav")
    before = measured(src.path)
    out = call_tool(NormalizeLoudness).output
    assert out.artifact.label == "normalised to -14 LUFS"
    assert out.before_lufs == pytest.approx(before, abs=0.01)
    assert measured(out.artifact.path) == pytest.approx(-14.0, abs=0.5)
    assert out.after_lufs == pytest.approx(measured(out.artifact.path), abs=0.05)
    assert out.gain_db == pytest.approx(-14.0 - before, abs=0.1)
    assert out.limited is False
    assert true_peak_dbfs(read_back(out.artifact.path)) <= -1.0 + 0.1


def test_peaky_drums_need_the_limiter(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    src = uploaded("drums_wav")
    assert measured(src.path) < -17.0  # plain gain to -14 would push peaks far over 0 dBFS
    out = call_tool(NormalizeLoudness, target_lufs=-14.0).output
    assert out.limited is True
    result = read_back(out.artifact.path)
    assert integrated_loudness_lufs(result) == pytest.approx(-14.0, abs=0.5)
    assert true_peak_dbfs(result) <= -1.0 + 0.1
    assert out.true_peak_dbfs <= -0.9


def test_loud_input_comes_down(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("drums_wav")
    out = call_tool(NormalizeLoudness, target_lufs=-30.0, true_peak_ceiling_dbfs=-2.0).output
    assert out.gain_db < 0 and out.limited is False
    assert measured(out.artifact.path) == pytest.approx(-30.0, abs=0.5)


def test_mp3_stays_mp3_and_on_target(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("tone_mp3")
    out = call_tool(NormalizeLoudness, target_lufs=-16.0).output
    assert out.format == "mp3" and out.artifact.path.endswith(".mp3")
    assert measured(out.artifact.path) == pytest.approx(-16.0, abs=0.5)


def test_silent_input_is_refused(
    call_tool: Callable[..., ToolRun], uploaded: Callable, store: MemoryStore
) -> None:
    uploaded("silent_wav")
    with pytest.raises(ToolError) as err:
        call_tool(NormalizeLoudness)
    assert_human_error(err.value, "silent", "'silent.wav' is silent")  # named by its label, not its hash
    assert len(store.items) == 1


def test_unreachable_target_says_so(
    call_tool: Callable[..., ToolRun], store: MemoryStore, tmp_path: Path
) -> None:
    impulses = np.zeros((2, 3 * SR), dtype=np.float32)
    impulses[:, :: SR // 2] = 0.5  # lone clicks: almost no energy however hard they are limited
    path = tmp_path / "ticks.wav"
    sf.write(path, impulses.T, SR, subtype="PCM_16")
    store.import_file(path)
    with pytest.raises(ToolError) as err:
        call_tool(NormalizeLoudness, target_lufs=-5.0)
    assert_human_error(err.value, "target_unreachable", "-5 LUFS", "lower target")


def test_target_range_is_validated() -> None:
    with pytest.raises(ValueError):
        NormalizeLoudness.Input(target_lufs=-3.0)
    with pytest.raises(ValueError):
        NormalizeLoudness.Input(target_lufs=-41.0)
