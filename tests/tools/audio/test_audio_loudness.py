"""Loudness (BS.1770), peaks, silence detection, gain and the peak limiter, measured on real signals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.signal import hilbert

from tests.tools.conftest import SR, drums, tone
from tools.audio.decode import Audio
from tools.audio.limiter import peak_envelope
from tools.audio.loudness import (
    apply_gain_db,
    integrated_loudness_lufs,
    limit_peaks,
    peak_dbfs,
    silence_ranges,
    true_peak_dbfs,
)
from tools.audio.units import format_time, rms_dbfs


def sine(freq: float, seconds: float, peak: float, channels: int = 2, phase: float = 0.0) -> Audio:
    t = np.arange(round(seconds * SR)) / SR
    x = peak * np.sin(2 * np.pi * freq * t + phase)
    return Audio(np.tile(x, (channels, 1)), SR)


def test_ebu_reference_sine_reads_its_level() -> None:
    # EBU Tech 3341: a 997 Hz stereo sine at -23 dBFS peak measures -23 LUFS
    audio = sine(997.0, 5.0, 10 ** (-23 / 20))
    assert integrated_loudness_lufs(audio) == pytest.approx(-23.0, abs=0.1)


def test_gain_moves_loudness_by_the_same_db() -> None:
    audio = Audio(tone().T, SR)
    before = integrated_loudness_lufs(audio)
    assert integrated_loudness_lufs(apply_gain_db(audio, 6.0)) == pytest.approx(before + 6.0, abs=0.01)
    assert integrated_loudness_lufs(apply_gain_db(audio, -12.5)) == pytest.approx(before - 12.5, abs=0.01)
    assert rms_dbfs(apply_gain_db(audio, -6.0).samples) - rms_dbfs(audio.samples) == pytest.approx(
        -6.0, abs=1e-3
    )


def test_silence_and_short_audio() -> None:
    assert integrated_loudness_lufs(Audio(np.zeros((2, SR), dtype=np.float32), SR)) == -math.inf
    assert peak_dbfs(Audio(np.zeros((1, 10), dtype=np.float32), SR)) == -math.inf
    long = integrated_loudness_lufs(sine(1000.0, 2.0, 0.1))
    short = integrated_loudness_lufs(sine(1000.0, 0.1, 0.1))  # shorter than one 400 ms gating block
    assert short == pytest.approx(long, abs=0.3)


def test_peak_and_true_peak() -> None:
    audio = sine(440.0, 1.0, 10 ** (-20 / 20))
    assert peak_dbfs(audio) == pytest.approx(-20.0, abs=0.01)
    assert true_peak_dbfs(audio) == pytest.approx(-20.0, abs=0.05)
    # fs/4 sine sampled 45° off its peaks: samples read -3 dB below the real (inter-sample) peak
    t = np.arange(SR)
    x = 0.9 * np.sin(2 * np.pi * t / 4 + np.pi / 4) * np.minimum(1, np.minimum(t, SR - t) / 2000)
    quarter = Audio(x[np.newaxis, :], SR)
    assert peak_dbfs(quarter) == pytest.approx(20 * math.log10(0.9) - 3.01, abs=0.05)
    assert true_peak_dbfs(quarter) == pytest.approx(20 * math.log10(0.9), abs=0.2)


def test_silence_ranges() -> None:
    x = tone(seconds=1.0).T
    gap = np.zeros((2, SR), dtype=np.float32)
    blip = np.zeros((2, SR // 5), dtype=np.float32)  # 0.2 s: shorter than the 0.5 s minimum
    audio = Audio(np.concatenate([gap, x, gap, x, blip, x, gap[:, : SR // 2]], axis=1), SR)
    found = silence_ranges(audio)
    np.testing.assert_allclose(found, [(0.0, 1.0), (2.0, 3.0), (5.2, 5.7)], atol=0.011)
    assert all(isinstance(v, float) for pair in found for v in pair)
    with_blip = silence_ranges(audio, min_duration_s=0.1)
    np.testing.assert_allclose(with_blip, [(0.0, 1.0), (2.0, 3.0), (4.0, 4.2), (5.2, 5.7)], atol=0.011)
    assert silence_ranges(Audio(x, SR)) == []


def test_limiter_holds_peaks_without_clipping() -> None:
    hot = apply_gain_db(Audio(drums().T, SR), 12.0)  # peaks at about +11.6 dBFS
    assert peak_dbfs(hot) > 11.0
    out = limit_peaks(hot, -1.0)
    assert peak_dbfs(out) <= -1.0 + 1e-4
    # no flat tops: only a handful of samples sit at the ceiling (a clipper would flatten thousands)
    at_ceiling = np.sum(np.abs(out.samples) >= 10 ** (-1.0 / 20) * 0.999)
    assert at_ceiling < 50


def test_limiter_gain_envelope_has_attack_and_release() -> None:
    t = np.arange(2 * SR) / SR
    amplitude = np.where((t >= 1.0) & (t < 1.01), 2.0, 0.1)  # a 10 ms burst to +6 dBFS
    audio = Audio((amplitude * np.sin(2 * np.pi * 1000 * t))[np.newaxis, :], SR)
    out = limit_peaks(audio, -1.0)
    assert peak_dbfs(out) <= -1.0 + 1e-4
    gain_db = 20 * np.log10(np.abs(hilbert(out.samples[0])) / np.abs(hilbert(audio.samples[0])))
    at = {
        ms: float(np.median(gain_db[round((ms - 0.5) * SR / 1000) : round((ms + 0.5) * SR / 1000)]))
        for ms in (900, 990, 998, 1005, 1020, 1040, 1100, 1500)
    }
    assert abs(at[900]) < 0.05 and abs(at[990]) < 0.05  # untouched before the look-ahead window
    assert -7.0 < at[998] < -0.5  # already ducking 2 ms before the burst (attack)
    assert at[1005] == pytest.approx(-7.0, abs=0.3)  # 2.0 → 0.89: -7 dB during the burst
    assert at[1005] < at[1020] < at[1040] < -0.1  # recovering gradually (release: 6 dB per 50 ms) ...
    assert abs(at[1100]) < 0.05 and abs(at[1500]) < 0.05  # ... and fully
    assert np.max(np.abs(np.diff(gain_db))) < 0.5  # never a step: no clicks


def test_true_peak_limiting() -> None:
    hot = apply_gain_db(Audio(drums().T, SR), 9.0)
    out = limit_peaks(hot, -1.0, true_peak=True)
    assert true_peak_dbfs(out) <= -1.0 + 0.1


def test_limiter_leaves_quiet_audio_alone() -> None:
    audio = Audio(tone().T, SR)
    out = limit_peaks(audio, -1.0)
    np.testing.assert_array_equal(out.samples, audio.samples)
    assert out.samples is not audio.samples


def test_peak_envelope_blocks() -> None:
    audio = Audio(np.zeros((2, 100), dtype=np.float32), SR)
    audio.samples[1, 70] = -0.5
    env = peak_envelope(audio, block=32)
    assert env.shape == (4,)
    assert env.tolist() == [0.0, 0.0, 0.5, 0.0]


def test_format_time() -> None:
    assert format_time(42) == "0:42"
    assert format_time(60) == "1:00"
    assert format_time(62.5) == "1:02.5"
    assert format_time(3723) == "1:02:03"
