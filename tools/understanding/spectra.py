"""The log-filtered spectrograms madmom's key and chord CNNs read, from one batched STFT.

madmom frames the signal and transforms it one frame at a time, once per model. Both CNNs read frames of
8192 samples (key at 5 fps, chords at 10 fps: the key's frames are every other chord frame), so one STFT
at 10 fps serves both; frames are strided views transformed in blocks. The values equal madmom's
``LogarithmicFilteredSpectrogram`` (checked in the tests).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from tools.understanding.backends import import_madmom

TONAL_FRAME_SIZE: int = 8192
"""STFT frame of the key and chord CNNs' spectrograms, in samples at 44.1 kHz."""

TONAL_FPS: int = 10
"""Frame rate of the shared STFT (the chord CNN's), in frames per second; the key CNN reads every other
frame (5 fps)."""

KEY_BANDS: tuple[float, float] = (65.0, 2100.0)
"""Frequency range (Hz) of the key CNN's 24-bands-per-octave filterbank."""

CHORD_BANDS: tuple[float, float] = (60.0, 2600.0)
"""Frequency range (Hz) of the chord CNN's 24-bands-per-octave filterbank."""

_BLOCK_FRAMES = 256
"""Frames transformed per batched FFT (bounds the memory of the framed signal)."""


@cache
def filterbank(fmin: float, fmax: float, frame_size: int = TONAL_FRAME_SIZE) -> np.ndarray:
    """madmom's logarithmic filterbank (FFT bins x bands; 24 bands per octave, normalised, unique) for
    ``fmin``-``fmax`` Hz at 44.1 kHz."""
    import_madmom()
    from madmom.audio.filters import LogarithmicFilterbank
    from madmom.audio.stft import fft_frequencies

    bank = LogarithmicFilterbank(
        fft_frequencies(frame_size // 2, 44100), num_bands=24, fmin=fmin, fmax=fmax, unique_filters=True
    )
    return np.asarray(bank, dtype=np.float32)


def log_filtered_spectrograms(
    samples_44k: np.ndarray,
    fps: int,
    bands: tuple[tuple[float, float], ...],
    frame_size: int = TONAL_FRAME_SIZE,
) -> list[np.ndarray]:
    """``log10(1 + |STFT| @ filterbank)`` (frames at ``fps``, bands) of mono 44.1 kHz samples for each
    frequency range in ``bands``: madmom's framing (frame ``i`` centred on sample ``i * 44100 / fps``,
    zeros outside the signal, ``ceil(n / hop)`` frames) and Hann window."""
    x = np.asarray(samples_44k, dtype=np.float32)
    hop = 44100 // fps
    n_frames = int(np.ceil(len(x) / hop))
    half = frame_size // 2
    padded = np.concatenate([np.zeros(half, np.float32), x, np.zeros(frame_size + hop, np.float32)])
    frames = np.lib.stride_tricks.sliding_window_view(padded, frame_size)[::hop][:n_frames]
    window = np.hanning(frame_size).astype(np.float32)
    banks = [filterbank(lo, hi, frame_size) for lo, hi in bands]
    specs = [np.empty((n_frames, b.shape[1]), np.float32) for b in banks]
    import scipy.fft

    for f0 in range(0, n_frames, _BLOCK_FRAMES):
        block = frames[f0 : f0 + _BLOCK_FRAMES] * window
        mag = np.abs(scipy.fft.rfft(block, axis=1)[:, :half])
        for spec, bank in zip(specs, banks, strict=True):
            spec[f0 : f0 + len(block)] = mag @ bank
    return [np.log10(s + 1) for s in specs]


def tonal_spectrograms(samples_44k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(key spectrogram at 5 fps, chord spectrogram at 10 fps) of mono 44.1 kHz samples, from one STFT."""
    key10, chord = log_filtered_spectrograms(samples_44k, TONAL_FPS, (KEY_BANDS, CHORD_BANDS))
    return key10[::2].copy(), chord
