"""fade shapes the level over time: silent at the edges, rising/falling RMS, untouched elsewhere."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from tests.tools.conftest import SR, ToolRun, assert_human_error, read_back
from tools.base import ToolError
from tools.editing.fade import Fade, fade_curve


def window_rms(x: np.ndarray, seconds: float = 0.1) -> np.ndarray:
    n = round(seconds * SR)
    frames = x[: len(x) // n * n].reshape(-1, n)
    return np.sqrt(np.mean(frames**2, axis=1))


def test_fade_in_and_out(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    src = uploaded("tone_wav")
    out = call_tool(Fade, fade_in_s=1.0, fade_out_s=0.5).output
    assert out.artifact.label == "fade in 1 s, fade out 0.5 s"
    assert out.duration_s == 3.0
    source = read_back(src.path).samples
    faded = read_back(out.artifact.path).samples
    assert np.abs(faded[:, :5]).max() < 1e-3 and np.abs(faded[:, -5:]).max() < 1e-3
    # the level relative to the source rises through the fade-in and falls through the fade-out
    rise = window_rms(faded[0, :SR]) / window_rms(source[0, :SR])
    assert np.all(np.diff(rise) > 0) and rise[0] < 0.1 and rise[-1] > 0.9
    fall = window_rms(faded[0, -SR // 2 :]) / window_rms(source[0, -SR // 2 :])
    assert np.all(np.diff(fall) < 0) and fall[0] > 0.8 and fall[-1] < 0.15
    middle = slice(SR + 10, round(2.5 * SR) - 10)
    np.testing.assert_allclose(faded[:, middle], source[:, middle], atol=1 / 32768)
    # linear: half-way through the fade-in the gain is 0.5
    i = SR // 2
    ratio = np.abs(faded[0, i - 200 : i + 200]).max() / np.abs(source[0, i - 200 : i + 200]).max()
    assert ratio == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize(("curve", "midpoint_gain"), [("equal_power", 0.7071), ("exponential", 0.0307)])
def test_curves(
    call_tool: Callable[..., ToolRun], uploaded: Callable, curve: str, midpoint_gain: float
) -> None:
    src = uploaded("tone_wav")
    out = call_tool(Fade, fade_out_s=2.0, curve=curve).output
    assert out.artifact.label == f"fade out 2 s ({curve.replace('_', '-')})"
    source = read_back(src.path).samples[0]
    faded = read_back(out.artifact.path).samples[0]
    i = 2 * SR  # one second into the 2 s fade-out
    ratio = np.abs(faded[i - 100 : i + 100]).max() / np.abs(source[i - 100 : i + 100]).max()
    assert ratio == pytest.approx(midpoint_gain, rel=0.03)


def test_curve_shapes() -> None:
    for curve in ("linear", "exponential", "equal_power"):
        g = fade_curve(1000, curve)  # type: ignore[arg-type]
        assert g[0] == 0.0 and 0.98 < g[-1] <= 1.0 and np.all(np.diff(g) > 0)


@pytest.mark.parametrize(
    ("args", "expected"),
    [({}, "both are 0"), ({"fade_out_s": 5.0}, "doesn't fit"), ({"fade_in_s": 3.5}, "at most 3 s")],
)
def test_bad_fades(call_tool: Callable[..., ToolRun], uploaded: Callable, args: dict, expected: str) -> None:
    uploaded("tone_wav")
    with pytest.raises(ToolError) as err:
        call_tool(Fade, **args)
    assert_human_error(err.value, "invalid_argument", expected)


def test_negative_fade_is_refused_by_the_schema() -> None:
    with pytest.raises(ValueError):
        Fade.Input(fade_in_s=-1.0)
