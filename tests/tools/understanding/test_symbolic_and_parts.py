"""MIDI uploads, the key CNN port, the melody line and the loudness curve."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from tests.tools.understanding.signals import DATA
from tools.audio.types import Audio
from tools.understanding.loudness_curve import analyze_loudness
from tools.understanding.models import Note
from tools.understanding.notes import melody_line
from tools.understanding.sheet import compute_sheet


def test_bach_chorale_midi_is_in_d_major_at_120_qpm() -> None:
    sheet = compute_sheet(DATA / "bwv80.8.mid")
    assert sheet.kind == "midi" and sheet.content == "symbolic"
    assert sheet.key == "D major"
    assert sheet.tempo_bpm == pytest.approx(120.0)
    assert sheet.meter == "4/4"
    assert sheet.beats[1] - sheet.beats[0] == pytest.approx(0.5)  # 120 QPM: exact from the tempo map
    assert all(36 <= n.pitch <= 84 for n in sheet.notes)  # four voices, SATB range
    assert sheet.chords[-1].label.startswith("D")  # a chorale ends on its tonic


def test_midi_progression_chords_are_exact(progression: tuple[Path, Path, list]) -> None:
    midi, _, truth = progression
    sheet = compute_sheet(midi)
    labels = [c.label for c in sheet.chords]
    assert labels == [t for *_, t in truth]
    assert sheet.key == "C major"


def test_key_cnn_in_numpy_matches_madmom(progression: tuple[Path, Path, list]) -> None:
    from tools.understanding.backends import import_madmom
    from tools.understanding.key_cnn import key_probabilities, key_spectrogram

    import_madmom()
    from madmom.audio.signal import Signal
    from madmom.features.key import CNNKeyRecognitionProcessor

    _, wav, _ = progression
    samples = np.asarray(Signal(str(wav), sample_rate=44100, num_channels=1), dtype=np.float32) / 32768.0
    ours = key_probabilities(key_spectrogram(samples[: 44100 * 8]))
    theirs = CNNKeyRecognitionProcessor()(Signal(samples[: 44100 * 8], sample_rate=44100))[0]
    assert np.abs(ours - theirs).max() < 1e-4


def test_chord_cnn_in_numpy_and_the_shared_stft_match_madmom(progression: tuple[Path, Path, list]) -> None:
    from tools.understanding.backends import import_madmom
    from tools.understanding.harmony import cnn_chord_features
    from tools.understanding.spectra import tonal_spectrograms

    import_madmom()
    from madmom.audio.signal import Signal
    from madmom.features.chords import CNNChordFeatureProcessor

    _, wav, _ = progression
    samples = np.asarray(Signal(str(wav), sample_rate=44100, num_channels=1), dtype=np.float32) / 32768.0
    x = samples[: 44100 * 4 + 777]  # not a whole number of frames
    key_spec, chord_spec = tonal_spectrograms(x)
    ours = cnn_chord_features(chord_spec)
    theirs = CNNChordFeatureProcessor()(Signal(x, sample_rate=44100))
    assert ours.shape == theirs.shape
    assert np.abs(ours - theirs).max() < 1e-4
    assert key_spec.shape[0] == int(np.ceil(len(x) / 8820))  # the key CNN's 5 fps frames


def test_melody_is_the_highest_voice_without_overlaps() -> None:
    notes = [
        Note(start=0.0, end=1.0, pitch=48, velocity=80),
        Note(start=0.0, end=0.5, pitch=72, velocity=80),
        Note(start=0.5, end=1.0, pitch=74, velocity=80),
        Note(start=0.9, end=1.5, pitch=76, velocity=80),
    ]
    line = melody_line(notes)
    assert [n.pitch for n in line] == [72, 74, 76]
    assert all(a.end <= b.start + 1e-9 for a, b in itertools.pairwise(line))


def test_loudness_curve_follows_a_step_in_level() -> None:
    sr = 44100
    t = np.arange(10 * sr) / sr
    x = 0.05 * np.sin(2 * np.pi * 1000 * t)
    x[5 * sr :] *= 10  # +20 dB half way
    out = analyze_loudness(Audio(x[None, :].astype(np.float32), sr))
    curve = out.short_term_lufs
    assert curve[-1] - curve[0] == pytest.approx(20.0, abs=0.5)
    assert out.loudness_range_lu is not None and out.loudness_range_lu > 15


def test_both_convolution_paths_equal_a_direct_correlation() -> None:
    import torch  # noqa: F401 - the torch path is only taken when torch is already imported
    from scipy.signal import correlate

    from tools.understanding.convnet import _numpy_conv2d, _torch_conv2d

    rng = np.random.default_rng(7)
    for cin, kt, kf in ((3, 4, 5), (3, 1, 1)):  # a 1x1 kernel keeps negative strides from madmom's flip
        # madmom's (in, out, kt, kf), laid out as its model files are (the last axis varies slowest)
        weights = rng.standard_normal((kf, kt, 2, cin)).astype(np.float32).transpose(3, 2, 1, 0)
        taps = np.ascontiguousarray(weights[:, :, ::-1, ::-1].transpose(2, 3, 1, 0))  # as load_network
        x = rng.standard_normal((cin, 20, 17)).astype(np.float32)
        bias = np.array([0.5, -1.0], np.float32)
        direct = np.stack(
            [
                sum(correlate(x[c], taps[:, :, o, c], mode="valid") for c in range(cin)) + bias[o]
                for o in range(2)
            ]
        )
        assert direct.shape == (2, 21 - kt, 18 - kf)
        for conv in (_numpy_conv2d, _torch_conv2d):
            assert np.abs(conv(x, taps, bias) - direct).max() < 1e-4
