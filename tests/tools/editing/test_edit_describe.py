"""describe_audio reports measured facts and makes no new version."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.tools.conftest import TONE_PEAK_DBFS, MemoryStore, ToolRun, assert_human_error
from tools.base import ToolError
from tools.editing.describe import DescribeAudio
from tools.registry import tool_spec


def test_describe_tone(call_tool: Callable[..., ToolRun], uploaded: Callable, store: MemoryStore) -> None:
    src = uploaded("tone_wav")
    out = call_tool(DescribeAudio).output
    assert out.artifact_id == src.id and out.kind == "audio"
    assert out.duration_s == 3.0 and out.sample_rate == 44100 and out.channels == 2
    assert out.format == "wav" and out.codec == "pcm_s16le" and out.bits_per_sample == 16
    assert out.peak_dbfs == pytest.approx(TONE_PEAK_DBFS, abs=0.02)
    assert out.true_peak_dbfs == pytest.approx(TONE_PEAK_DBFS, abs=0.1)
    assert -30 < out.integrated_lufs < -20
    assert out.silent is False and out.silence_ranges == []
    assert len(store.items) == 1  # nothing new was saved


def test_describe_silence(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("silent_wav")
    out = call_tool(DescribeAudio).output
    assert out.silent is True
    assert out.peak_dbfs is None and out.integrated_lufs is None and out.true_peak_dbfs is None
    assert [(r.start_s, r.end_s) for r in out.silence_ranges] == [(0.0, 2.0)]
    assert '"integrated_lufs":null' in out.model_dump_json()


def test_describe_video_sound_track(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("video_mp4", kind="video")
    out = call_tool(DescribeAudio).output
    assert out.kind == "video" and out.codec == "aac"
    assert out.duration_s == pytest.approx(1.0, abs=0.05)


def test_describe_refuses_midi(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("midi", kind="midi")
    with pytest.raises(ToolError) as err:
        call_tool(DescribeAudio)
    assert_human_error(err.value, "wrong_kind", "midi", "not audio")


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("describe_audio", False),
        ("trim", True),
        ("fade", True),
        ("gain", True),
        ("normalize_loudness", True),
        ("convert", True),
    ],
)
def test_registered_and_declared(name: str, changes: bool) -> None:
    spec = tool_spec(name)
    assert spec.changes_current is changes
    assert spec.input_schema["properties"]["audio"]["x-artifact"] == "audio"
    assert all(b["available"] and b["permissive"] for b in spec.backends)
    if changes:
        assert "artifact" in spec.output_schema["properties"]
