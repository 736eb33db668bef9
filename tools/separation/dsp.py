"""The CPU separator that needs no weights: HPSS, REPET-SIM and a bass crossover, as soft STFT masks.

Per chunk of the track (see :mod:`tools.separation.chunks`):

1. Harmonic/percussive split by median filtering the magnitude spectrogram (Fitzgerald 2010):
   the percussive part is the drums.
2. REPET-SIM (Rafii & Pardo 2012) on the harmonic part: each frame's repeating background is the
   median of its most similar frames elsewhere in the chunk; what does not repeat, in the voice's band
   and panned to the centre, is the vocals.
3. The repeating background below ``BASS_CUTOFF_HZ`` (a smooth one-octave crossover) is the bass, the
   rest is "other".

The estimates become power-ratio masks that sum to one, applied to each channel's complex STFT, so the
stems add back up to the mixture (up to STFT round-off).
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import median_filter

from tools.separation import constants as c

_EPS = 1e-10
_SIM_MAX_HZ = 6000.0
"""REPET-SIM compares frames on bins below this frequency, in Hz (where the music's pattern is)."""
_FRAME_BLOCK = 256
"""Frames whose background is modelled at once (bounds the gathered neighbour array)."""


def _window() -> np.ndarray:
    """The periodic Hann window of ``N_FFT`` samples, float32."""
    return (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(c.N_FFT) / c.N_FFT)).astype(np.float32)


def _stft(x: np.ndarray) -> np.ndarray:
    """Complex STFT of (channels, samples) float32 -> (channels, bins, frames) complex64: Hann window,
    frames centred on multiples of ``HOP`` (zero padding), as librosa's ``stft(center=True)``. numpy and
    scipy.fft only: no numba JIT on the first call of a process, and single precision throughout."""
    from scipy import fft as sfft

    pad = c.N_FFT // 2
    xp = np.pad(x.astype(np.float32, copy=False), ((0, 0), (pad, pad)))
    frames = np.lib.stride_tricks.sliding_window_view(xp, c.N_FFT, axis=-1)[:, :: c.HOP]
    return sfft.rfft(frames * _window(), axis=-1).transpose(0, 2, 1)


def _istft(spec: np.ndarray, length: int) -> np.ndarray:
    """Inverse of :func:`_stft` (windowed overlap-add, normalised by the summed squared window), with
    ``length`` samples per channel, float32."""
    from scipy import fft as sfft

    win = _window()
    frames = sfft.irfft(spec.transpose(0, 2, 1), n=c.N_FFT, axis=-1).astype(np.float32) * win
    channels, n_frames, _ = frames.shape
    total = c.N_FFT + c.HOP * (n_frames - 1)
    out = np.zeros((channels, total), dtype=np.float32)
    norm = np.zeros(total, dtype=np.float32)
    phases = c.N_FFT // c.HOP  # frames k, k + phases, ... tile the signal without overlapping each other
    for k in range(phases):
        part = frames[:, k::phases]
        m = part.shape[1]
        start = k * c.HOP
        out[:, start : start + m * c.N_FFT] += part.reshape(channels, m * c.N_FFT)
        norm[start : start + m * c.N_FFT] += np.tile(win**2, m)
    pad = c.N_FFT // 2
    y = out[:, pad : pad + length] / np.maximum(norm[pad : pad + length], 1e-8)
    if y.shape[1] < length:
        y = np.pad(y, ((0, 0), (0, length - y.shape[1])))
    return y


def repeating_background(mag: np.ndarray, frame_s: float) -> np.ndarray:
    """REPET-SIM: for each frame of ``mag`` (bins, frames), the element-wise median of its
    ``REPET_NEIGHBOURS`` most similar frames (cosine similarity, at least ``REPET_MIN_GAP_S`` away),
    capped by the frame itself. Same shape and units as ``mag``."""
    n_frames = mag.shape[1]
    k = min(c.REPET_NEIGHBOURS, max(n_frames - 1, 1))
    if n_frames < 4:
        return mag.copy()
    top_bin = max(8, int(_SIM_MAX_HZ / (c.DSP_SAMPLE_RATE / c.N_FFT)))
    feats = np.sqrt(mag[:top_bin]).T.astype(np.float32)
    feats /= np.linalg.norm(feats, axis=1, keepdims=True) + _EPS
    sim = feats @ feats.T
    gap = round(c.REPET_MIN_GAP_S / frame_s)
    idx = np.arange(n_frames)
    near = np.abs(idx[:, None] - idx[None, :]) < gap
    if near.all(axis=1).any():  # a chunk shorter than twice the gap: compare with everything but itself
        near = idx[:, None] == idx[None, :]
    sim[near] = -np.inf
    neighbours = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    out = np.empty_like(mag)
    for start in range(0, n_frames, _FRAME_BLOCK):
        stop = min(start + _FRAME_BLOCK, n_frames)
        gathered = mag[:, neighbours[start:stop]]  # (bins, block, k)
        out[:, start:stop] = np.median(gathered, axis=2)
    return np.minimum(out, mag)


def _band(freqs: np.ndarray, low_hz: float, high_hz: float) -> np.ndarray:
    """A 0-1 weight per bin: 1 between ``low_hz`` and ``high_hz``, half-octave cosine shoulders."""
    logf = np.log2(np.maximum(freqs, 1.0))
    lo = np.clip((logf - np.log2(low_hz) + 0.5) / 0.5, 0.0, 1.0)
    hi = np.clip((np.log2(high_hz) - logf + 0.5) / 0.5, 0.0, 1.0)
    return (0.5 - 0.5 * np.cos(np.pi * lo)) * (0.5 - 0.5 * np.cos(np.pi * hi))


def _low_share(freqs: np.ndarray, cutoff_hz: float) -> np.ndarray:
    """A 0-1 weight per bin: 1 well below ``cutoff_hz``, 0 well above (one-octave cosine crossover)."""
    t = np.clip((np.log2(np.maximum(freqs, 1.0)) - np.log2(cutoff_hz) + 0.5), 0.0, 1.0)
    return 0.5 + 0.5 * np.cos(np.pi * t)


def _centre_weight(spec: np.ndarray) -> np.ndarray:
    """How centred each time-frequency cell is, 0-1 (1 for mono or equal, in-phase channels)."""
    if spec.shape[0] < 2:
        return np.ones(spec.shape[1:], dtype=np.float32)
    left, right = spec[0], spec[1]
    coherence = np.abs(left + right) / (np.abs(left) + np.abs(right) + _EPS) - 0.5
    return np.clip(2.0 * coherence, 0.0, 1.0).astype(np.float32)


def stem_magnitudes(spec: np.ndarray) -> dict[str, np.ndarray]:
    """Magnitude estimates (bins, frames) of vocals, drums, bass and other from the complex STFT
    ``spec`` (channels, bins, frames) of a mixture at ``DSP_SAMPLE_RATE``."""
    mag = np.abs(spec).mean(axis=0).astype(np.float32)
    freqs = np.linspace(0.0, c.DSP_SAMPLE_RATE / 2, mag.shape[0])
    harm = median_filter(mag, size=(1, c.HPSS_KERNEL_FRAMES), mode="reflect")
    perc = median_filter(mag, size=(c.HPSS_KERNEL_BINS, 1), mode="reflect")
    h2, p2 = harm**2, perc**2
    harmonic = mag * h2 / (h2 + p2 + _EPS)
    percussive = mag * p2 / (h2 + p2 + _EPS)
    background = repeating_background(harmonic, c.HOP / c.DSP_SAMPLE_RATE)
    foreground = harmonic - background
    voice_share = _band(freqs, c.VOCAL_LOW_HZ, c.VOCAL_HIGH_HZ)[:, None] * _centre_weight(spec)
    vocals = foreground * voice_share
    rest = background + foreground * (1.0 - voice_share)
    low = _low_share(freqs, c.BASS_CUTOFF_HZ)[:, None]
    return {"vocals": vocals, "drums": percussive, "bass": rest * low, "other": rest * (1.0 - low)}


def soft_masks(mags: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Power-ratio masks (``MASK_POWER``) from magnitude estimates; they sum to one in every cell."""
    powered = {k: v.astype(np.float32) ** c.MASK_POWER for k, v in mags.items()}
    total = sum(powered.values()) + _EPS
    masks = {k: v / total for k, v in powered.items()}
    floor = 1.0 - sum(masks.values())  # cells where every estimate was 0 go to "other"
    masks["other"] = masks["other"] + floor
    return masks


def separate_chunk(samples: np.ndarray) -> dict[str, np.ndarray]:
    """The four stems of ``samples`` (channels, n) at ``DSP_SAMPLE_RATE``; each (channels, n) float32,
    and they sum to ``samples`` up to STFT round-off."""
    x = samples.astype(np.float32)
    spec = _stft(x)
    masks = soft_masks(stem_magnitudes(spec))
    n = samples.shape[1]
    stems = {name: _istft(spec * masks[name][None], n) for name in c.FOUR_STEMS[:-1]}
    # the masks sum to one, so the last stem is what the others leave (one inverse STFT saved)
    stems[c.FOUR_STEMS[-1]] = x - np.sum(list(stems.values()), axis=0)
    return stems
