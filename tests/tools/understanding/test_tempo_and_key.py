"""Tempo octave choice, the fast beat network and the combined key estimate, on signals with known truth."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.models import Segment
from tools.understanding.rhythm import global_tempo, tempo_prior
from tools.understanding.sheet import compute_sheet
from tools.understanding.tonality import combine_experts, gated_experts, key_label


def _clicks(path: Path, times: np.ndarray, levels: np.ndarray, seconds: float, sr: int = 44100) -> Path:
    """5 ms 1 kHz bursts at ``times`` (s) with peak ``levels`` (0-1), written as a WAV file."""
    x = np.zeros(int(seconds * sr), dtype=np.float32)
    n = int(0.005 * sr)
    burst = np.sin(2 * np.pi * 1000 * np.arange(n) / sr) * np.hanning(n)
    for t, level in zip(times, levels, strict=True):
        s = int(t * sr)
        x[s : s + n] += level * burst[: len(x) - s]
    sf.write(path, x, sr)
    return path


def _impulses(bpm: float, seconds: float, fps: int = C.BEAT_FPS, sub: int = 1) -> np.ndarray:
    env = np.zeros(int(seconds * fps))
    step = 60.0 * fps / bpm / sub
    env[np.round(np.arange(0, len(env) - 1, step)).astype(int)] = 1.0
    return env


@pytest.mark.parametrize("bpm", [72.0, 100.0, 128.0, 160.0])
def test_global_tempo_of_an_impulse_train(bpm: float) -> None:
    tempo, clarity = global_tempo(_impulses(bpm, 30.0), C.BEAT_FPS)
    assert tempo == pytest.approx(bpm, rel=0.01)
    assert 0.5 <= clarity <= 1.0


def test_equal_subdivisions_are_read_at_the_moderate_octave() -> None:
    # eighth notes at 100 BPM are an equally periodic 200 BPM pulse: the tempo preference picks 100
    tempo, clarity = global_tempo(_impulses(100.0, 30.0, sub=2), C.BEAT_FPS)
    assert tempo == pytest.approx(100.0, rel=0.02)
    assert clarity < 0.6  # the double-time reading is nearly as well supported
    assert tempo_prior(100.0) > tempo_prior(200.0)


def test_global_tempo_of_a_flat_envelope_is_none() -> None:
    assert global_tempo(np.ones(3000), C.BEAT_FPS) == (None, 0.0)
    assert global_tempo(np.zeros(10), C.BEAT_FPS)[0] is None


def test_clicks_at_120_with_accents_on_every_other_beat_read_120_with_60_as_first_alternative(
    tmp_path: Path,
) -> None:
    times = np.arange(0.5, 19.9, 0.5)
    levels = np.where(np.arange(len(times)) % 2 == 0, 0.8, 0.35)
    sheet = compute_sheet(_clicks(tmp_path / "accents.wav", times, levels, 20.0))
    assert sheet.tempo_bpm == pytest.approx(120.0, abs=1.0)
    assert sheet.tempo_alternatives[0] == pytest.approx(60.0, abs=1.0)
    assert sheet.tempo_alternatives[1] == pytest.approx(240.0, abs=2.0)


def test_equal_clicks_at_180_read_90_or_180_with_the_other_as_alternative(tmp_path: Path) -> None:
    # equal clicks carry no metrical accent: the stock tracker (the default, see constants.BEAT_METHOD)
    # may read either level, and the other must be offered as the alternative
    times = np.arange(0.5, 29.9, 60.0 / 90.0 / 2)
    levels = np.full(len(times), 0.6)
    sheet = compute_sheet(_clicks(tmp_path / "eighths.wav", times, levels, 30.0))
    assert sheet.tempo_bpm is not None
    tempo = round(sheet.tempo_bpm)
    assert tempo in (90, 91, 179, 180, 181)
    other = 180.0 if tempo < 135 else 90.0
    assert any(abs(a - other) <= 1.5 for a in sheet.tempo_alternatives)
    assert np.median(np.diff(sheet.beats)) == pytest.approx(60.0 / sheet.tempo_bpm, abs=0.02)


def test_beat_features_match_madmoms_preprocessing(progression: tuple[Path, Path, list]) -> None:
    from tools.understanding.backends import import_madmom
    from tools.understanding.rhythm import beat_features

    import_madmom()
    from madmom.audio.signal import FramedSignal, Signal
    from madmom.audio.spectrogram import FilteredSpectrogram, LogarithmicSpectrogram, SpectrogramDifference
    from madmom.audio.stft import ShortTimeFourierTransform

    _, wav, _ = progression
    x, sr = sf.read(wav, dtype="float32")
    x = x.mean(axis=1) if x.ndim == 2 else x
    x = x[: 6 * sr]
    sig = Signal(x, sample_rate=sr, num_channels=1)
    theirs = []
    for frame_size, bands in ((1024, 3), (2048, 6), (4096, 12)):
        frames = FramedSignal(sig, frame_size=frame_size, fps=100)
        spec = FilteredSpectrogram(
            ShortTimeFourierTransform(frames), num_bands=bands, fmin=30, fmax=17000, norm_filters=True
        )
        log = LogarithmicSpectrogram(spec, mul=1, add=1)
        diff = SpectrogramDifference(log, diff_ratio=0.5, positive_diffs=True)
        theirs.append(np.hstack([np.asarray(log), np.asarray(diff)]))
    ours = beat_features(x)
    assert ours.shape == np.hstack(theirs).shape
    assert np.abs(ours - np.hstack(theirs)).max() < 1e-4


def test_downbeat_network_matches_madmom_on_short_and_long_input(click_120: Path) -> None:
    from tools.understanding.rhythm import _downbeat_networks, beat_features, downbeat_network

    x, sr = sf.read(click_120, dtype="float32")
    net = _downbeat_networks()[0]
    for feats in (beat_features(x[: 8 * sr]), beat_features(np.tile(x, 4))):  # 8 s and 80 s
        ours, theirs = downbeat_network(net, feats), net(feats)
        assert ours.shape == theirs.shape == (len(feats), 3)
        assert np.abs(ours - theirs).max() < 1e-4


def test_pooled_dbn_decoding_keeps_beats_on_their_100_fps_frame() -> None:
    from tools.understanding.rhythm import pool_activations, refine_beats

    acts = np.zeros((1001, 2))
    peaks = np.arange(37, 1001, 50)  # odd frames: lost to 10 ms by plain decimation
    acts[peaks, 0] = 0.9
    pooled = pool_activations(acts, 2)
    assert pooled.shape == (501, 2)
    assert np.array_equal(np.flatnonzero(pooled[:, 0]), peaks // 2)
    coarse = (peaks // 2) / 50.0
    assert np.allclose(refine_beats(coarse, acts.sum(axis=1), 2), peaks / 100.0)


def test_the_product_of_key_experts_needs_both_to_agree() -> None:
    d_major, b_minor, g_major = 2, 11 + 12, 7
    cnn = np.full(24, 0.01)
    cnn[d_major], cnn[b_minor], cnn[g_major] = 0.5, 0.3, 0.01
    profile = np.full(24, 0.01)
    profile[d_major], profile[b_minor], profile[g_major] = 0.05, 0.6, 0.3
    p = combine_experts(cnn / cnn.sum(), profile / profile.sum())
    assert p.sum() == pytest.approx(1.0)
    assert key_label(int(np.argmax(p)) % 12, int(np.argmax(p)) >= 12) == "B minor"
    assert np.array_equal(combine_experts(cnn, np.zeros(24)), cnn)  # a flat profile abstains


def test_the_key_profile_joins_the_cnn_only_where_it_is_surer() -> None:
    # an A-minor song whose profile prefers C major, less surely than the CNN hears A minor: A minor stands
    a_minor, c_major = 9 + 12, 0
    cnn = np.full(24, 0.01)
    cnn[a_minor], cnn[c_major] = 0.45, 0.39
    cnn /= cnn.sum()
    unsure = np.full(24, 0.03)
    unsure[c_major] = 0.35
    unsure /= unsure.sum()
    assert unsure.max() < cnn.max()
    assert int(np.argmax(combine_experts(cnn, unsure))) == c_major  # the product everywhere moved it
    assert np.array_equal(gated_experts(cnn, unsure), cnn)
    # a profile much surer of C major overrules a CNN that half believes it
    sure = np.full(24, 0.005)
    sure[c_major] = 1.0
    sure /= sure.sum()
    assert sure.max() - cnn.max() >= C.KEY_PROFILE_GATE
    assert int(np.argmax(gated_experts(cnn, sure))) == c_major
    assert np.array_equal(gated_experts(cnn, np.zeros(24)), cnn)  # a flat profile abstains


@pytest.mark.slow
def test_a_rendered_a_major_ballad_reads_a_major(tmp_path: Path) -> None:
    # the song of tests/agent/test_song_session.py moved to A major: the stock key CNN reads E major
    # (its dominant), the key profile, surer than the CNN, corrects it
    from tests.tools.understanding.signals import render
    from tools.audio.decode import decode_audio
    from tools.generation import edits
    from tools.generation.compose.arrange import compose
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.render.midi import write_midi
    from tools.understanding.tonality import _madmom, analyze_key

    ballad = compose(ComposeRequest(prompt="a 24 second piano ballad in D minor at 72 BPM", seed=213919))
    a_major, _ = edits.change_key(ballad, "A", "major")
    wav = render(write_midi(a_major, tmp_path / "a_major.mid"), tmp_path / "a_major.wav")
    audio = decode_audio(wav, 44100)
    mono = (audio.samples.mean(axis=0) if audio.samples.ndim == 2 else audio.samples).astype(np.float32)
    seconds = len(mono) / 44100
    assert analyze_key(mono, None, seconds).key == "A major"
    assert _madmom(mono, seconds, "cnn").key == "E major"


def test_key_spectrogram_chroma_finds_the_pitch_class_of_a_tone() -> None:
    from tools.understanding.key_cnn import key_spectrogram, spectrogram_chroma

    sr = 44100
    t = np.arange(4 * sr) / sr
    for hz, pc in ((440.0, 9), (261.63, 0), (392.0, 7)):
        chroma = spectrogram_chroma(key_spectrogram((0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32)))
        assert int(np.argmax(chroma)) == pc


def test_key_regions_of_one_key_are_one_region() -> None:
    from tools.understanding.tonality import _regions

    e_minor, g_major = 4 + 12, 7
    probs = []
    for k in [e_minor] * 10 + [g_major] + [e_minor] * 10:
        p = np.full(24, 0.01)
        p[k] = 0.8
        probs.append(p)
    times = np.arange(len(probs)) * C.KEY_HOP_S
    regions = _regions(times, probs, 120.0)
    assert [r.label for r in regions] == ["E minor"]
    assert isinstance(regions[0], Segment) and regions[0].end == pytest.approx(120.0)


def test_default_key_backend_names_both_experts(progression: tuple[Path, Path, list]) -> None:
    # the key CNN with the key profile where it is surer (see constants.KEY_METHOD)
    _, wav, _ = progression
    sheet = compute_sheet(wav)
    assert sheet.backends["key"] == "madmom+profile"
    assert sheet.key == "C major"
