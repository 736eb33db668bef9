"""trim keeps exactly the asked-for stretch, sample-accurate, with click-free cuts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.conftest import SR, Media, MemoryStore, ToolRun, assert_human_error, read_back
from tools.audio.probe import probe_media
from tools.base import ToolError
from tools.editing.trim import Trim


def test_trim_middle(call_tool: Callable[..., ToolRun], uploaded: Callable, store: MemoryStore) -> None:
    src = uploaded("tone_wav")
    run = call_tool(Trim, start_s=0.5, end_s=2.0)
    out = run.output
    assert out.artifact.label == "trimmed to 0:00.5–0:02"
    assert out.artifact.parent == src.id and out.artifact.tool == "trim"
    assert store.current() == out.artifact and run.ctx.produced == [out.artifact]
    assert out.start_s == 0.5 and out.end_s == 2.0 and out.source_duration_s == 3.0
    assert out.format == "wav" and Path(out.artifact.path).suffix == ".wav"

    source = read_back(src.path)
    trimmed = read_back(out.artifact.path)
    assert trimmed.n_samples == round(1.5 * SR)  # sample-exact
    assert out.duration_s == 1.5
    fade = round(0.005 * SR)
    kept = source.samples[:, round(0.5 * SR) : round(2.0 * SR)]
    np.testing.assert_allclose(trimmed.samples[:, fade:-fade], kept[:, fade:-fade], atol=1 / 32768)
    # 5 ms fades at both cuts: the first and last samples are (near) silent, then full level
    assert np.abs(trimmed.samples[:, :3]).max() < 1e-3
    assert np.abs(trimmed.samples[:, -3:]).max() < 1e-3
    assert np.abs(trimmed.samples[:, fade : 2 * fade]).max() > 0.05


def test_keep_first_seconds_with_duration(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("tone_wav")
    out = call_tool(Trim, duration_s=1.0).output
    assert out.artifact.label == "trimmed to 0:00–0:01"
    trimmed = read_back(out.artifact.path)
    assert trimmed.n_samples == SR
    assert np.abs(trimmed.samples[:, :10]).max() > 0  # no fade at the untouched start


def test_remove_the_last_seconds(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("tone_wav")  # 3 s
    out = call_tool(Trim, remove_end_s=1.0).output
    assert (out.start_s, out.end_s) == (0.0, 2.0)
    assert read_back(out.artifact.path).n_samples == 2 * SR


def test_keep_the_last_seconds(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("tone_wav")
    out = call_tool(Trim, keep_last_s=0.5).output
    assert (out.start_s, out.end_s) == (2.5, 3.0)
    assert read_back(out.artifact.path).n_samples == SR // 2


def test_trimming_from_the_end_refuses_mixed_or_too_long_requests(
    call_tool: Callable[..., ToolRun], uploaded: Callable
) -> None:
    uploaded("tone_wav")
    with pytest.raises(ToolError) as err:
        call_tool(Trim, remove_end_s=1.0, start_s=0.5)
    assert_human_error(err.value, "invalid_argument", "one way to trim")
    with pytest.raises(ToolError) as err:
        call_tool(Trim, remove_end_s=3.0)
    assert_human_error(err.value, "invalid_argument", "0:03", "all of it")


def test_cut_the_beginning_keeps_mp3(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("tone_mp3")
    out = call_tool(Trim, start_s=1.0).output
    assert out.format == "mp3" and probe_media(out.artifact.path).codec == "mp3"
    assert out.end_s == pytest.approx(3.0, abs=1e-3)
    assert read_back(out.artifact.path).duration_s == pytest.approx(2.0, abs=0.002)


def test_trim_video_sound_to_wav(call_tool: Callable[..., ToolRun], uploaded: Callable) -> None:
    uploaded("video_mp4", kind="video")
    out = call_tool(Trim, end_s=0.5).output
    assert out.format == "wav" and out.artifact.kind == "audio"
    assert read_back(out.artifact.path).n_samples == SR // 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"start_s": 5.0}, "The track is 0:03 long, so it can't be trimmed to start at 0:05."),
        ({"start_s": 1.0, "end_s": 4.0}, "can't be trimmed to end at 0:04"),
        ({"start_s": 2.0, "end_s": 1.0}, "must come after the start"),
        ({"start_s": 2.0, "duration_s": 5.0}, "only 0:01 left"),
        ({}, "Nothing to trim"),
        ({"end_s": 3.0}, "whole track"),
        ({"start_s": 1.0, "end_s": 2.0, "duration_s": 3.0}, "not both"),
    ],
)
def test_bad_ranges(call_tool: Callable[..., ToolRun], uploaded: Callable, args: dict, expected: str) -> None:
    uploaded("tone_wav")
    with pytest.raises(ToolError) as err:
        call_tool(Trim, **args)
    assert_human_error(err.value, "invalid_argument", expected)


def _tone_in_noise(tmp_path: Path, lead_s: float, tone_s: float, tail_s: float) -> Path:
    """A 440 Hz tone at -6 dBFS with ``lead_s`` and ``tail_s`` seconds of room hiss (-60 dBFS) around it."""
    rng = np.random.default_rng(0)
    n_lead, n_tone, n_tail = round(lead_s * SR), round(tone_s * SR), round(tail_s * SR)
    hiss = rng.normal(0.0, 10 ** (-60 / 20) / 3, n_lead + n_tone + n_tail).astype(np.float32)
    t = np.arange(n_tone) / SR
    hiss[n_lead : n_lead + n_tone] += 0.5 * np.sin(2 * np.pi * 440 * t).astype(np.float32)
    path = tmp_path / "hiss_tone_hiss.wav"
    sf.write(path, np.stack([hiss, hiss], axis=1), SR, subtype="PCM_16")
    return path


@pytest.mark.parametrize(
    ("where", "start_s", "end_s"), [("start", 0.9, 4.0), ("end", 0.0, 2.6), ("both", 0.9, 2.6)]
)
def test_cut_the_silence_at_the_edges(
    call_tool: Callable[..., ToolRun],
    store: MemoryStore,
    tmp_path: Path,
    where: str,
    start_s: float,
    end_s: float,
) -> None:
    # 1 s of hiss, 1.5 s of tone, 1.5 s of hiss: the hiss counts as silence, 0.1 s of it is kept at a cut
    store.import_file(_tone_in_noise(tmp_path, 1.0, 1.5, 1.5), kind="audio", label="take.wav")
    out = call_tool(Trim, silence=where).output
    assert out.start_s == pytest.approx(start_s, abs=0.011)
    assert out.end_s == pytest.approx(end_s, abs=0.011)
    assert out.source_duration_s == pytest.approx(4.0)
    assert out.artifact.label.startswith("silence cut: kept ")
    kept = read_back(out.artifact.path)
    assert kept.duration_s == pytest.approx(end_s - start_s, abs=0.011)
    # the whole tone survives: its level over the kept part is that of 1.5 s of a -6 dBFS sine
    energy = float(np.sum(kept.samples[0] ** 2)) / SR
    assert energy == pytest.approx(0.125 * 1.5, rel=0.02)


def test_cutting_silence_that_is_not_there_says_so(
    call_tool: Callable[..., ToolRun], uploaded: Callable, store: MemoryStore, media: Media
) -> None:
    uploaded("tone_wav")  # sound from its first sample to its last
    with pytest.raises(ToolError) as err:
        call_tool(Trim, silence="both")
    assert_human_error(err.value, "invalid_argument", "no silence at either end")
    uploaded("silent_wav")
    with pytest.raises(ToolError) as err:
        call_tool(Trim, silence="end")
    assert_human_error(err.value, "invalid_argument", "silent all the way through")
    with pytest.raises(ToolError) as err:
        call_tool(Trim, silence="end", start_s=1.0)
    assert_human_error(err.value, "invalid_argument", "one way to trim")
