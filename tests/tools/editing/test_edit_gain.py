"""gain changes the level by the asked-for dB, and limits rather than clips when it would clip."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from tests.tools.conftest import TONE_PEAK_DBFS, ToolRun, assert_human_error, read_back
from tools.audio.loudness import peak_dbfs, true_peak_dbfs
from tools.audio.units import rms_dbfs
from tools.base import ToolError
from tools.editing.gain import Gain


@pytest.mark.parametrize("gain_db", [-6.0, 3.5])
def test_gain_is_measured_in_db(
    call_tool: Callable[..., ToolRun], uploaded: Callable, gain_db: float
) -> None:
    src = uploaded("tone_wav")
    out = call_tool(Gain, gain_db=gain_db).output
    assert out.limited is False and out.note is None
    assert out.artifact.label == f"gain {gain_db:+g} dB"
    before = read_back(src.path)
    after = read_back(out.artifact.path)
    assert rms_dbfs(after.samples) - rms_dbfs(before.samples) == pytest.approx(gain_db, abs=0.01)
    assert out.peak_dbfs == pytest.approx(TONE_PEAK_DBFS + gain_db, abs=0.02)
    assert out.peak_dbfs_before == pytest.approx(TONE_PEAK_DBFS, abs=0.02)


def test_gain_that_would_clip_is_limited(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    src = uploaded("drums_wav")
    out = call_tool(Gain, gain_db=12.0).output
    assert out.limited is True
    assert "limiter" in out.note and "-1 dBFS" in out.note
    after = read_back(out.artifact.path)
    assert peak_dbfs(after) <= -1.0 + 0.01
    assert true_peak_dbfs(after) <= -1.0 + 0.1
    # it is still louder overall, and nothing sits flat at full scale
    assert rms_dbfs(after.samples) > rms_dbfs(read_back(src.path).samples) + 6.0
    assert np.sum(np.abs(after.samples) >= 0.999) == 0


def test_zero_gain_and_out_of_range(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("tone_wav")
    with pytest.raises(ToolError) as err:
        call_tool(Gain, gain_db=0.0)
    assert_human_error(err.value, "invalid_argument", "0 dB")
    with pytest.raises(ValueError):
        Gain.Input(gain_db=30.0)
    with pytest.raises(ValueError):
        Gain.Input(gain_db=-61.0)
