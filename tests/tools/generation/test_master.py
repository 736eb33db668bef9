"""Mixing and mastering effects, checked on test signals: EQ responses, the compressor's gain
reduction and crest factor, the reverb's decay, and the master's loudness and true-peak ceiling."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tools.audio.loudness import integrated_loudness_lufs, true_peak_dbfs
from tools.audio.types import Audio
from tools.generation.render.master import bus_compress, compress, freeverb_ir, reverb, track_eq
from tools.generation.render.mix import CEILING_DBFS, master

SR = 44100


def _sine(hz: float, seconds: float = 1.0, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    x = (amp * np.sin(2 * np.pi * hz * t)).astype(np.float32)
    return np.stack([x, x])


def _rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.square(x, dtype=np.float64))))


def _gain_db(role: str, hz: float) -> float:
    x = _sine(hz, 2.0)
    y = track_eq(x, role, SR)
    half = x.shape[1] // 2  # after the filter has settled
    return _rms_db(y[:, half:]) - _rms_db(x[:, half:])


def test_low_cut_and_shelves_by_role() -> None:
    # melody: 2nd-order Butterworth low-cut at 120 Hz -> 10*log10(1 + (120/40)^4) = 19.1 dB down at 40 Hz
    assert _gain_db("melody", 40.0) == pytest.approx(-10 * math.log10(1 + (120 / 40) ** 4), abs=0.5)
    assert _gain_db("melody", 120.0) == pytest.approx(-3.0, abs=0.3)
    assert abs(_gain_db("melody", 1000.0)) < 0.1
    # the vocal: +2 dB of 'air' above 8 kHz (half of it at the corner), nothing in the middle
    assert _gain_db("lead_vocal", 16000.0) == pytest.approx(2.0, abs=0.4)
    assert _gain_db("lead_vocal", 8000.0) == pytest.approx(1.0, abs=0.3)
    assert abs(_gain_db("lead_vocal", 1000.0)) < 0.15
    # bass and drums keep their lows
    x = _sine(40.0)
    assert track_eq(x, "bass", SR) is x and track_eq(x, "drums", SR) is x


def test_compressor_reduces_the_loud_part_and_the_crest_factor_as_its_curve_says() -> None:
    loud, quiet = _sine(1000.0, 0.5, 0.5), _sine(1000.0, 1.5, 0.05)
    x = np.concatenate([quiet, loud, quiet, loud, quiet], axis=1)
    threshold, ratio = -20.0, 4.0
    y, reduction = compress(x, SR, threshold_db=threshold, ratio=ratio, attack_s=0.005, release_s=0.05)
    loud_level = 20 * math.log10(0.5 / math.sqrt(2))  # -9.03 dB RMS
    expected = (loud_level - threshold) * (1 - 1 / ratio)  # 8.23 dB
    n_q, n_l = quiet.shape[1], loud.shape[1]
    steady = slice(n_q + int(0.1 * SR), n_q + n_l)
    assert _rms_db(x[:, steady]) - _rms_db(y[:, steady]) == pytest.approx(expected, abs=0.3)
    calm = slice(int(0.3 * SR), n_q)  # quiet parts (under the threshold) are left alone
    assert _rms_db(y[:, calm]) == pytest.approx(_rms_db(x[:, calm]), abs=0.1)
    assert reduction.max() == pytest.approx(expected, abs=0.3)

    starts = (n_q, 2 * n_q + n_l)  # where the loud bursts begin
    settled = np.ones(x.shape[1], dtype=bool)
    for s in starts:  # the attack lets a burst's first milliseconds through: peaks are read after it
        settled[s : s + int(0.05 * SR)] = False

    def crest_db(z: np.ndarray) -> float:
        return 20 * math.log10(float(np.abs(z[:, settled]).max())) - _rms_db(z)

    ideal = x.copy()  # the static curve applied exactly: loud parts down by `expected`, quiet ones kept
    for s in starts:
        ideal[:, s : s + n_l] *= 10 ** (-expected / 20)
    assert crest_db(x) - crest_db(y) == pytest.approx(crest_db(x) - crest_db(ideal), abs=0.5)
    assert crest_db(x) - crest_db(y) > 0.5


def test_freeverb_decays_like_a_room_and_is_stereo() -> None:
    ir = freeverb_ir(11025)
    energy = np.cumsum(ir[0][::-1].astype(np.float64) ** 2)[::-1]
    decay_db = 10 * np.log10(energy / energy[0] + 1e-30)
    rt60 = 2 * np.argmax(decay_db < -30) / 11025  # T30 doubled
    assert 0.6 < rt60 < 2.5, rt60
    assert np.argmax(np.abs(ir[0]) > 1e-6) >= int(0.011 * 11025)  # the pre-delay
    assert abs(np.corrcoef(ir[0], ir[1])[0, 1]) < 0.5
    click = np.zeros((2, SR), dtype=np.float32)
    click[:, 1000] = 1.0
    wet = reverb(click, SR)
    assert wet.shape == click.shape and np.abs(wet[:, :1000]).max() < 1e-4  # nothing before the sound
    assert 0.2 < float(np.sqrt(np.sum(np.square(wet[0])))) < 1.5


@pytest.mark.parametrize("target", [-14.0, -20.0])
def test_master_hits_the_loudness_target_under_the_true_peak_ceiling(target: float) -> None:
    rng = np.random.default_rng(1)
    t = np.arange(6 * SR) / SR
    tone = 0.3 * np.sin(2 * np.pi * 110 * t) * (1 + np.sin(2 * np.pi * 0.7 * t))
    hits = np.zeros_like(t)
    hits[:: SR // 4] = 1.0
    drums = np.convolve(hits, np.exp(-np.arange(2000) / 200.0) * rng.standard_normal(2000))[: len(t)]
    mono = (tone + 0.8 * drums).astype(np.float32)
    mix = np.stack([mono, np.roll(mono, 7)])
    bus, reduction = bus_compress(mix, SR)
    assert reduction > 0.5
    out, measured, _gain = master(bus, SR, target)
    audio = Audio(out, SR)
    assert integrated_loudness_lufs(audio) == pytest.approx(target, abs=0.5)
    assert measured == pytest.approx(target, abs=0.5)
    assert true_peak_dbfs(audio) <= CEILING_DBFS + 0.05
