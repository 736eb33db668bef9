"""Mixing and mastering effects in numpy/scipy (pedalboard is GPL-3.0 and not used):

* per-track EQ: a low-cut (2nd-order Butterworth high-pass biquad) and a high-shelf biquad (RBJ
  cookbook), chosen by the track's role;
* an algorithmic reverb: a Freeverb network (8 damped feedback combs in parallel, 4 allpasses in
  series, per channel with Freeverb's stereo spread). The network is linear and time-invariant, so
  its impulse response is computed once and applied by FFT convolution at a reduced rate;
* a bus compressor: RMS detector, static curve (threshold, ratio), attack/release smoothing of the
  gain reduction, make-up gain;
* a true-peak-aware ceiling for the limiter (inter-sample peaks estimated by 4x oversampling only
  where the signal comes near the ceiling).

Audio is float32 (channels, n); levels in dBFS; times in seconds; frequencies in Hz.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from tools.audio.limiter import ENVELOPE_BLOCK, peak_envelope
from tools.audio.types import Audio

# ---- EQ --------------------------------------------------------------------------------------------
TRACK_EQ: dict[str, tuple[float | None, float, float]] = {
    "melody": (120.0, 8000.0, 0.0),
    "lead_vocal": (100.0, 8000.0, 2.0),
    "chords": (90.0, 8000.0, 0.0),
    "pad": (120.0, 6000.0, -3.0),
    "bass": (None, 4000.0, 0.0),
    "drums": (None, 9000.0, 0.0),
}
"""Role -> (low-cut frequency or None, high-shelf frequency, high-shelf gain in dB; 0 = no shelf). The
parts that carry the lows (bass, drums) keep them; the others are cleared of mud under 90-120 Hz,
the vocal gets 'air' and the pad steps back in the highs. Each filter is a pass over the stem, so
only these are applied (render speed)."""


def lowcut_sos(freq_hz: float, sample_rate: int) -> np.ndarray:
    """A 2nd-order Butterworth high-pass biquad (RBJ cookbook, Q = 1/sqrt 2) as one SOS row."""
    w0 = 2 * math.pi * freq_hz / sample_rate
    alpha = math.sin(w0) / (2 * (1 / math.sqrt(2)))
    c = math.cos(w0)
    b = np.array([(1 + c) / 2, -(1 + c), (1 + c) / 2])
    a = np.array([1 + alpha, -2 * c, 1 - alpha])
    return np.concatenate([b / a[0], a / a[0]])[np.newaxis, :]


def high_shelf_sos(freq_hz: float, gain_db: float, sample_rate: int) -> np.ndarray:
    """A high-shelf biquad (RBJ cookbook, shelf slope 1) of ``gain_db`` above ``freq_hz``, one SOS row."""
    big_a = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * freq_hz / sample_rate
    c, s = math.cos(w0), math.sin(w0)
    alpha = s / 2 * math.sqrt(2)
    sq = 2 * math.sqrt(big_a) * alpha
    b = np.array(
        [
            big_a * ((big_a + 1) + (big_a - 1) * c + sq),
            -2 * big_a * ((big_a - 1) + (big_a + 1) * c),
            big_a * ((big_a + 1) + (big_a - 1) * c - sq),
        ]
    )
    a = np.array(
        [
            (big_a + 1) - (big_a - 1) * c + sq,
            2 * ((big_a - 1) - (big_a + 1) * c),
            (big_a + 1) - (big_a - 1) * c - sq,
        ]
    )
    return np.concatenate([b / a[0], a / a[0]])[np.newaxis, :]


def track_eq(stem: np.ndarray, role: str, sample_rate: int) -> np.ndarray:
    """``stem`` through its role's low-cut and high shelf (see :data:`TRACK_EQ`); the same array
    when the role has neither, else a new one."""
    from scipy.signal import sosfilt  # lazy: scipy.signal takes ~1 s to import

    low, shelf, gain = TRACK_EQ.get(role, (None, 8000.0, 0.0))
    rows = []
    if low:
        rows.append(lowcut_sos(low, sample_rate))
    if gain:
        rows.append(high_shelf_sos(shelf, gain, sample_rate))
    if not rows:
        return stem
    return sosfilt(np.vstack(rows).astype(np.float32), stem, axis=-1).astype(np.float32, copy=False)


# ---- compressor -----------------------------------------------------------------------------------
DETECTOR_BLOCK = 128
"""Samples per step of the compressor's detector and gain computer (2.9 ms at 44.1 kHz)."""


def compress(
    x: np.ndarray,
    sample_rate: int,
    *,
    threshold_db: float = -18.0,
    ratio: float = 3.0,
    attack_s: float = 0.01,
    release_s: float = 0.15,
    rms_s: float = 0.02,
    makeup_db: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """A feed-forward bus compressor. The detector is the RMS over ``rms_s`` of the channel mean
    power; above ``threshold_db`` the level is reduced by (1 - 1/``ratio``) of the excess; the gain
    reduction rises with ``attack_s`` and falls with ``release_s`` time constants; ``makeup_db`` is
    added. Returns (audio, gain reduction in dB per :data:`DETECTOR_BLOCK` samples, >= 0)."""
    from scipy.signal import lfilter  # lazy: scipy.signal takes ~1 s to import

    block = DETECTOR_BLOCK
    n = x.shape[-1]
    n_blocks = math.ceil(n / block)
    chans = x if x.ndim == 2 else x[np.newaxis, :]
    padded = np.pad(chans, ((0, 0), (0, n_blocks * block - n))).reshape(len(chans), n_blocks, block)
    power = np.einsum("cbk,cbk->b", padded, padded, dtype=np.float64) / (block * len(chans))
    k = math.exp(-block / (rms_s * sample_rate))
    power = lfilter([1 - k], [1, -k], power)
    level_db = 10 * np.log10(np.maximum(power, 1e-12))
    target = np.maximum(0.0, level_db - threshold_db) * (1 - 1 / ratio)
    att = math.exp(-block / (attack_s * sample_rate))
    rel = math.exp(-block / (release_s * sample_rate))
    reduction = np.empty(n_blocks)
    g = 0.0
    for i, t in enumerate(target.tolist()):  # attack/release switch: a short loop over blocks
        g = att * g + (1 - att) * t if t > g else rel * g + (1 - rel) * t
        reduction[i] = g
    # per-sample gain: linear ramps between block values (float32, no per-sample interpolation search)
    block_gain = np.power(10.0, (makeup_db - reduction) / 20.0).astype(np.float32)
    nxt = np.append(block_gain[1:], block_gain[-1])
    ramp = np.arange(block, dtype=np.float32) / block
    gain = (block_gain[:, None] + (nxt - block_gain)[:, None] * ramp[None, :]).reshape(-1)[:n]
    return (x * gain).astype(np.float32), reduction


# ---- reverb ---------------------------------------------------------------------------------------
_COMBS = (1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617)
_ALLPASSES = (556, 441, 341, 225)
_STEREO_SPREAD = 23
"""Freeverb's delay lengths, in samples at 44.1 kHz."""
REVERB_RATE_HZ = 11025
"""The reverb runs at this lower rate (its tail is dark anyway), which makes it ~16x cheaper."""
REVERB_IR_S = 2.5


def _comb(x: np.ndarray, delay: int, feedback: float, damp: float) -> np.ndarray:
    """Freeverb's lowpass-feedback comb: out[n] = x[n - delay] + feedback * lp[n - delay], where lp
    is out through a one-pole lowpass (``damp``). Each delay-long block depends only on the one
    before, so it is computed a block at a time."""
    from scipy.signal import lfilter  # lazy: scipy.signal takes ~1 s to import

    n = len(x)
    out = np.zeros(n + delay)
    lp = np.zeros(n + delay)
    out[delay:] = x  # the input term; the feedback term is added block by block
    state = np.zeros(1)
    b, a = [1 - damp], [1, -damp]
    for start in range(0, n, delay):
        stop = min(n, start + delay)
        if start >= delay:
            out[start:stop] += feedback * lp[start - delay : stop - delay]
        lp[start:stop], state = lfilter(b, a, out[start:stop], zi=state)
    return out[:n]


def _allpass(x: np.ndarray, delay: int, g: float = 0.5) -> np.ndarray:
    """Freeverb's allpass: out[n] = buf[n - delay] - x[n], buf[n] = x[n] + g * buf[n - delay]."""
    n = len(x)
    buf = np.array(x, dtype=np.float64)
    for start in range(delay, n, delay):
        stop = min(n, start + delay)
        buf[start:stop] += g * buf[start - delay : stop - delay]
    out = -np.asarray(x, dtype=np.float64)
    out[delay:] += buf[: n - delay]
    return out


@cache
def freeverb_ir(
    sample_rate: int, room: float = 0.75, damp: float = 0.4, seconds: float = REVERB_IR_S
) -> np.ndarray:
    """The stereo impulse response (2, n) of the Freeverb network at ``sample_rate`` (``room`` 0..1 sets
    the comb feedback 0.28..0.98, ``damp`` 0..1 the high-frequency damping), unit energy per channel,
    with a 12 ms pre-delay."""
    scale = sample_rate / 44100
    n = int(seconds * sample_rate)
    impulse = np.zeros(n)
    impulse[0] = 1.0
    feedback = 0.28 + 0.7 * room
    chans = []
    for spread in (0, _STEREO_SPREAD):
        y = sum(_comb(impulse, max(1, round((d + spread) * scale)), feedback, damp) for d in _COMBS)
        for d in _ALLPASSES:
            y = _allpass(y, max(1, round((d + spread) * scale)))
        chans.append(y)
    ir = np.stack(chans)
    pre = int(0.012 * sample_rate)
    ir = np.pad(ir, ((0, 0), (pre, 0)))[:, :n]
    fade = np.linspace(1.0, 0.0, n // 8)
    ir[:, -len(fade) :] *= fade
    return (ir / np.sqrt((ir**2).sum(axis=1, keepdims=True))).astype(np.float32)


def reverb(send: np.ndarray, sample_rate: int) -> np.ndarray:
    """The wet signal (same shape) of a stereo send bus through the Freeverb impulse response,
    computed at :data:`REVERB_RATE_HZ` and brought back to ``sample_rate``."""
    from scipy.signal import oaconvolve  # lazy: scipy.signal takes ~1 s to import

    factor = max(1, sample_rate // REVERB_RATE_HZ)
    n = send.shape[1]
    low = send[:, : n - n % factor].reshape(2, -1, factor).mean(axis=2) if factor > 1 else send
    ir = freeverb_ir(sample_rate // factor)
    wet = np.stack([oaconvolve(low[c], ir[c], mode="full")[: low.shape[1]] for c in range(2)])
    if factor > 1:
        wet = np.repeat(wet, factor, axis=1)
        wet = np.pad(wet, ((0, 0), (0, n - wet.shape[1])))
        kernel = np.ones(factor, dtype=np.float32) / factor  # smooth the steps of the repeat
        wet = np.stack([np.convolve(wet[c], kernel, mode="same") for c in range(2)])
    return wet.astype(np.float32)


# ---- true peak ------------------------------------------------------------------------------------
BUS_RATIO = 2.0
BUS_THRESHOLD_OVER_LEVEL_DB = 2.0
"""The bus compressor acts above the mix's own average level (its gated mean RMS) plus this."""


def mean_level_db(x: np.ndarray, sample_rate: int, gate_db: float = -60.0) -> float:
    """The mean power level of (channels, n) audio over its 400 ms blocks louder than ``gate_db``
    dBFS, in dB RMS; ``-inf`` for silence."""
    block = int(0.4 * sample_rate)
    m = x.shape[-1] // block
    if m == 0:
        return -math.inf
    chans = x if x.ndim == 2 else x[np.newaxis, :]
    parts = chans[:, : m * block].reshape(len(chans), m, block)
    power = np.einsum("cbk,cbk->b", parts, parts, dtype=np.float64) / (block * len(chans))
    loud = power[power > 10 ** (gate_db / 10)]
    return float(10 * np.log10(loud.mean())) if len(loud) else -math.inf


def bus_compress(mix: np.ndarray, sample_rate: int) -> tuple[np.ndarray, float]:
    """The mix gently compressed (2:1 above its own mean level + 2 dB RMS, 10 ms attack, 200 ms
    release): (audio, largest gain reduction in dB). Silence is returned unchanged."""
    level = mean_level_db(mix, sample_rate)
    if not math.isfinite(level):
        return mix, 0.0
    out, reduction = compress(
        mix,
        sample_rate,
        threshold_db=level + BUS_THRESHOLD_OVER_LEVEL_DB,
        ratio=BUS_RATIO,
        attack_s=0.01,
        release_s=0.2,
    )
    return out, float(reduction.max(initial=0.0))


def true_peak_envelope(x: np.ndarray, sample_rate: int, near: float) -> np.ndarray:
    """Per :data:`ENVELOPE_BLOCK` block, the peak amplitude including inter-sample peaks (4x
    oversampled) wherever the sample peak exceeds ``near`` (linear), the sample peak elsewhere: the
    true-peak envelope at a fraction of its cost when few blocks come near the ceiling."""
    env = peak_envelope(Audio(x, sample_rate))
    hot = np.flatnonzero(env > near)
    if not len(hot):
        return env
    gap = 64
    starts = np.concatenate([[0], np.flatnonzero(np.diff(hot) > gap) + 1])
    ends = np.concatenate([starts[1:], [len(hot)]])
    pad = 2  # blocks of context each side for the interpolation filter
    for s, e in zip(starts, ends, strict=True):
        b0, b1 = max(0, int(hot[s]) - pad), min(len(env), int(hot[e - 1]) + 1 + pad)
        seg = x[:, b0 * ENVELOPE_BLOCK : b1 * ENVELOPE_BLOCK]
        tp = peak_envelope(Audio(np.ascontiguousarray(seg), sample_rate), true_peak=True)
        env[b0 : b0 + len(tp)] = np.maximum(env[b0 : b0 + len(tp)], tp)
    return env
