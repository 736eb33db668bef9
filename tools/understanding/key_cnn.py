"""madmom's key-classification CNN (Korzeniowski & Widmer 2018) run in numpy.

madmom evaluates its convolutions with scipy, one channel pair at a time (about 6x real time on two
cores); :mod:`tools.understanding.convnet` runs the same weights as BLAS products (and without
importing torch, which cost more than the analysis on a cold start). The layers are read from madmom's
own model file, so the numbers match madmom's (checked in the tests).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from tools.understanding.backends import import_madmom

KEY_FRAME_SIZE: int = 8192
"""STFT frame of the key CNN's spectrogram, in samples at 44.1 kHz."""

KEY_FPS: float = 5.0
"""Frame rate of the key CNN's spectrogram, in frames per second."""

KEY_LABELS: tuple[str, ...] = tuple(
    [f"{p} major" for p in ("A", "Bb", "B", "C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab")]
    + [f"{p} minor" for p in ("A", "Bb", "B", "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#")]
)
"""Class order of madmom's key CNN output (24 classes: 12 major keys from A, then 12 minor keys)."""


def key_spectrogram(samples_44k: np.ndarray) -> np.ndarray:
    """The key CNN's input for mono 44.1 kHz samples: log-filtered spectrogram (frames, 105 bins) at 5 fps
    (madmom's ``LogarithmicFilteredSpectrogram``, 24 bands per octave, 65-2100 Hz)."""
    from tools.understanding.spectra import tonal_spectrograms

    return tonal_spectrograms(samples_44k)[0]


RESOLVED_PITCH_HZ: float = 2 * 44100 / KEY_FRAME_SIZE / (2 ** (1 / 12) - 1)
"""Lowest frequency (about 181 Hz) where the key spectrogram resolves semitones: a semitone spans at least
two FFT bins (the Hann window's main lobe is four bins wide). Below it madmom's filterbank merges bands into
one FFT bin each, about a semitone apart, so a band "on" a semitone holds its neighbours' energy too."""


@cache
def band_pitch_classes(resolved_only: bool = True) -> np.ndarray:
    """Pitch class (0 = C) of each band of :func:`key_spectrogram`, or -1 for the quarter-tone bands
    (24 bands per octave tuned to A = 440 Hz: every other band lies between two semitones) and, with
    ``resolved_only``, for the bands below :data:`RESOLVED_PITCH_HZ`. Those low bands made the key
    profile read keys a fifth or a third off (Bb for F, C for F, C major for A minor) on the benchmark;
    without them it agrees with the key CNN far more often, and where they disagree it is more often right."""
    import_madmom()
    from madmom.audio.filters import LogarithmicFilterbank
    from madmom.audio.stft import fft_frequencies

    bank = LogarithmicFilterbank(
        fft_frequencies(KEY_FRAME_SIZE // 2, 44100), num_bands=24, fmin=65, fmax=2100, unique_filters=True
    )
    hz = np.asarray(bank.center_frequencies)
    midi = 12 * np.log2(hz / 440.0) + 69
    semitone = np.abs(midi - np.round(midi)) < 0.25
    if resolved_only:
        semitone &= hz >= RESOLVED_PITCH_HZ
    return np.where(semitone, np.round(midi).astype(int) % 12, -1)


def spectrogram_chroma(spectrogram: np.ndarray, resolved_only: bool = True) -> np.ndarray:
    """Mean pitch-class energy (12 values, C first) of a key spectrogram (frames, bands): the log
    magnitudes are turned back into linear ones and the semitone bands (by default only those above
    :data:`RESOLVED_PITCH_HZ`, :func:`band_pitch_classes`) summed per pitch class."""
    pcs = band_pitch_classes(resolved_only)
    energy = np.expm1(np.asarray(spectrogram, dtype=np.float64)).mean(axis=0)
    if len(energy) != len(pcs):
        raise ValueError(f"key spectrogram has {len(energy)} bands, expected {len(pcs)}")
    return np.bincount(pcs[pcs >= 0], weights=energy[pcs >= 0], minlength=12)


KEY_TIME_POOLING: int = 8
"""Spectrogram frames per frame of the CNN's last feature map (three 2x2 max-poolings)."""


def key_feature_map(spectrogram: np.ndarray) -> np.ndarray:
    """The CNN's last feature map (24 classes, time, frequency) for a key spectrogram: everything but
    the final global average and softmax. Averaging it over any stretch of time gives that stretch's
    key logits, so a track's local keys come from one pass instead of one pass per window."""
    import_madmom()
    from madmom.models import KEY_CNN

    from tools.understanding.convnet import feature_map, load_network

    return feature_map(load_network(KEY_CNN[0]), spectrogram).astype(np.float64)


def probabilities_from_map(feature_map: np.ndarray, start: int = 0, stop: int | None = None) -> np.ndarray:
    """Probabilities of the 24 keys (order :data:`KEY_LABELS`) from the feature-map frames
    ``start:stop`` (the whole map by default): the CNN's global average, then a softmax."""
    logits = feature_map[:, start:stop].mean(axis=(1, 2))
    e = np.exp(logits - logits.max())
    return e / e.sum()


def key_probabilities(spectrogram: np.ndarray) -> np.ndarray:
    """Probabilities of the 24 keys (order :data:`KEY_LABELS`, sum 1) for a key spectrogram."""
    return probabilities_from_map(key_feature_map(spectrogram))


BASS_SAMPLE_RATE_HZ: float = 44100 / 16
"""Sample rate (about 2.76 kHz) of the signal the bass salience reads: enough for four harmonics of a G3."""

BASS_FRAME: int = 4096
"""FFT frame of the bass salience at :data:`BASS_SAMPLE_RATE_HZ` (1.5 s, 0.67 Hz a bin: a semitone spans
three bins at E1, where the key spectrogram's 8192-sample frame at 44.1 kHz has a fifth of one)."""

BASS_HOP: int = BASS_FRAME // 2
"""Hop of the bass salience frames, in samples at :data:`BASS_SAMPLE_RATE_HZ` (about 0.74 s)."""

BASS_PITCHES: tuple[int, int] = (28, 52)
"""MIDI range of the bass notes looked for (E1-E3, a bass guitar's and a left hand's)."""

BASS_HARMONICS: int = 4
"""Harmonics summed per bass note (weights 1, 0.8, 0.64, 0.51): a kick drum's low thump, with no harmonic
series, counts once, where a plucked E2 counts at 82, 165, 247 and 330 Hz."""


def bass_salience(samples_44k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(frame centres in s, salience (frames, 12, C first)) of the bass notes of mono 44.1 kHz samples: for
    each semitone of :data:`BASS_PITCHES`, the harmonic sum of its partials' peak magnitudes (each the
    largest FFT bin within 0.3 semitone), summed per pitch class. Tonic evidence the key spectrogram cannot
    give: its bands below :data:`RESOLVED_PITCH_HZ` do not resolve semitones, so the resolved-band profile
    hears the pitch set but not which note of it the bass sits on (E minor or G major)."""
    import soxr

    y = soxr.resample(np.asarray(samples_44k, dtype=np.float32), 44100, BASS_SAMPLE_RATE_HZ)
    if len(y) < BASS_FRAME:
        y = np.pad(y, (0, BASS_FRAME - len(y)))
    frames = np.lib.stride_tricks.sliding_window_view(y, BASS_FRAME)[::BASS_HOP]
    mag = np.abs(np.fft.rfft(frames * np.hanning(BASS_FRAME).astype(np.float32), axis=1))
    hz = np.fft.rfftfreq(BASS_FRAME, 1 / BASS_SAMPLE_RATE_HZ)
    out = np.zeros((len(mag), 12))
    for p in range(BASS_PITCHES[0], BASS_PITCHES[1] + 1):
        f0 = 440.0 * 2 ** ((p - 69) / 12)
        for h in range(1, BASS_HARMONICS + 1):
            lo, hi = np.searchsorted(hz, h * f0 * 2 ** (np.array([-0.3, 0.3]) / 12))
            out[:, p % 12] += 0.8 ** (h - 1) * mag[:, lo : max(hi, lo + 1)].max(axis=1)
    centres = (np.arange(len(mag)) * BASS_HOP + BASS_FRAME / 2) / BASS_SAMPLE_RATE_HZ
    return centres, out
