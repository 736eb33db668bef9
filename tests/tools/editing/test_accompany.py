"""accompany on a real recording with no drums (Tchaikovsky's Sugar Plum Fairy played by Kevin MacLeod,
CC BY 3.0): the added drums hit the recording's beats, the bass plays the roots of its chords, and the
recording itself is left untouched as its own stem."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.tools.conftest import MemoryStore, ToolRun, read_back
from tools.base import ToolError
from tools.editing.accompany import Accompany, check_fluidsynth
from tools.editing.play_along_measures import bass_root_agreement, beat_miss_ms, onset_times_s
from tools.separation.resample import resample
from tools.separation.stems_store import stem_companions
from tools.understanding.sheet import compute_sheet

CLIP = Path(__file__).resolve().parents[2] / "data" / "editing" / "sugar_plum_excerpt.flac"

pytestmark = pytest.mark.skipif(check_fluidsynth() is not None, reason="FluidSynth or a GM SoundFont missing")


@pytest.mark.slow
def test_drums_on_the_beats_and_bass_on_the_chord_roots(
    call_tool: Callable[..., ToolRun], store: MemoryStore
) -> None:
    copy = store.root / "sugar_plum.flac"
    shutil.copyfile(CLIP, copy)
    upload = store.import_file(copy, kind="audio", label="sugar_plum.flac")
    out = call_tool(Accompany, drums=True, bass=True).output
    assert out.parts == ["drums", "bass"] and out.bars >= 3
    stems = stem_companions(store, out.artifact)
    assert set(stems) == {"recording", "drums", "bass"}
    original = read_back(upload.path)
    kept = read_back(stems["recording"].path)
    expected = resample(original.samples, original.sample_rate, kept.sample_rate, length=kept.n_samples)
    assert np.abs(kept.samples[0] - expected[0]).max() < 1e-3  # the recording is untouched
    mix = read_back(out.artifact.path).samples
    drums = read_back(stems["drums"].path)
    bass = read_back(stems["bass"].path)
    if out.limited:  # a loud recording: the limiter keeps the fuller mix under -1 dBFS
        assert np.abs(mix).max() < 10 ** (-0.9 / 20)
    else:  # the new version is the recording plus the new stems, nothing else
        assert np.abs(mix - (kept.samples + drums.samples + bass.samples)).max() < 2e-3

    sheet = compute_sheet(upload.path)
    beats = np.array([b for b in sheet.beats if out.start_s - 0.01 <= b <= original.duration_s - 0.3])
    miss_ms = beat_miss_ms(onset_times_s(drums.samples.mean(axis=0), drums.sample_rate), beats)
    assert len(beats) >= 8 and np.median(miss_ms) < 30 and np.mean(miss_ms < 50) > 0.8

    per_bar = int((sheet.meter or "4/4").split("/")[0])
    agree = bass_root_agreement(bass.samples.mean(axis=0), bass.sample_rate, beats, per_bar, out.chords)
    assert len(agree) >= 3 and np.mean(agree) >= 0.6, (out.chords, agree)


def test_silent_or_beatless_recordings_get_clear_messages(
    call_tool: Callable[..., ToolRun], store: MemoryStore, tmp_path: Path
) -> None:
    import soundfile as sf

    sr = 22050
    sf.write(tmp_path / "silence.wav", np.zeros(sr * 3, dtype=np.float32), sr)
    store.import_file(tmp_path / "silence.wav", kind="audio", label="silence.wav")
    with pytest.raises(ToolError) as err:
        call_tool(Accompany, drums=True)
    assert "silent" in err.value.message
    t = np.arange(sr) / sr
    sf.write(tmp_path / "blip.wav", (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), sr)
    store.import_file(tmp_path / "blip.wav", kind="audio", label="blip.wav")
    with pytest.raises(ToolError) as err:
        call_tool(Accompany, drums=True)
    assert err.value.code == "no_beat" and "beat" in err.value.message
    with pytest.raises(ToolError) as err:
        call_tool(Accompany, drums=True, style="polka-dubstep")
    assert err.value.code == "unknown_style" and "jazz" in err.value.message
