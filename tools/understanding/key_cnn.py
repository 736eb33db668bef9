"""madmom's key-classification CNN (Korzeniowski & Widmer 2018) run through torch.

madmom evaluates its convolutions with scipy, one channel pair at a time (about 6x real time on two
cores); the same weights in ``torch.nn.functional.conv2d`` run in milliseconds. The layers are read
from madmom's own model file, so the numbers match madmom's (checked in the tests).
"""

from __future__ import annotations

from functools import cache
from typing import Any

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


@cache
def _layers() -> list[tuple[str, dict[str, Any]]]:
    import torch

    import_madmom()
    from madmom.ml.nn import NeuralNetwork
    from madmom.ml.nn.layers import (
        AverageLayer,
        BatchNormLayer,
        ConvolutionalLayer,
        MaxPoolLayer,
        PadLayer,
    )
    from madmom.models import KEY_CNN

    net = NeuralNetwork.load(KEY_CNN[0])
    out: list[tuple[str, dict[str, Any]]] = []
    for layer in net.layers:
        if isinstance(layer, PadLayer):
            out.append(("pad", {"width": int(layer.width), "value": float(layer.value)}))
        elif isinstance(layer, ConvolutionalLayer):
            # madmom: weights (in, out, kt, kf), true convolution (kernel flipped); torch correlates
            w = np.ascontiguousarray(layer.weights.transpose(1, 0, 2, 3)[:, :, ::-1, ::-1])
            out.append(
                ("conv", {"weight": torch.from_numpy(w.astype(np.float32)), "bias": float(layer.bias[0])})
            )
            if layer.activation_fn is not None and layer.activation_fn.__name__ != "linear":
                raise NotImplementedError(f"key CNN: activation {layer.activation_fn.__name__}")
        elif isinstance(layer, BatchNormLayer):
            scale = torch.from_numpy((layer.gamma * layer.inv_std).astype(np.float32)).view(1, -1, 1, 1)
            shift = torch.from_numpy(
                (layer.beta - layer.mean * layer.gamma * layer.inv_std).astype(np.float32)
            ).view(1, -1, 1, 1)
            out.append(("bn", {"scale": scale, "shift": shift, "elu": layer.activation_fn is not None}))
        elif isinstance(layer, MaxPoolLayer):
            out.append(("pool", {"size": tuple(layer.size)}))
        elif isinstance(layer, AverageLayer):
            out.append(("avg", {}))
        else:
            raise NotImplementedError(f"key CNN: layer {type(layer).__name__}")
    return out


def key_spectrogram(samples_44k: np.ndarray) -> np.ndarray:
    """The key CNN's input for mono 44.1 kHz samples: log-filtered spectrogram (frames, 105 bins) at 5 fps."""
    import_madmom()
    from madmom.audio.signal import FramedSignal, Signal
    from madmom.audio.spectrogram import LogarithmicFilteredSpectrogram
    from madmom.audio.stft import ShortTimeFourierTransform

    sig = Signal(samples_44k, sample_rate=44100, num_channels=1)
    frames = FramedSignal(sig, frame_size=KEY_FRAME_SIZE, fps=KEY_FPS)
    stft = ShortTimeFourierTransform(frames)
    spec = LogarithmicFilteredSpectrogram(stft, num_bands=24, fmin=65, fmax=2100, unique_filters=True)
    return np.asarray(spec, dtype=np.float32)


@cache
def band_pitch_classes() -> np.ndarray:
    """Pitch class (0 = C) of each band of :func:`key_spectrogram`, or -1 for the quarter-tone bands
    (24 bands per octave tuned to A = 440 Hz: every other band lies between two semitones)."""
    import_madmom()
    from madmom.audio.filters import LogarithmicFilterbank
    from madmom.audio.stft import fft_frequencies

    bank = LogarithmicFilterbank(
        fft_frequencies(KEY_FRAME_SIZE // 2, 44100), num_bands=24, fmin=65, fmax=2100, unique_filters=True
    )
    midi = 12 * np.log2(np.asarray(bank.center_frequencies) / 440.0) + 69
    semitone = np.abs(midi - np.round(midi)) < 0.25
    return np.where(semitone, np.round(midi).astype(int) % 12, -1)


def spectrogram_chroma(spectrogram: np.ndarray) -> np.ndarray:
    """Mean pitch-class energy (12 values, C first) of a key spectrogram (frames, bands): the log
    magnitudes are turned back into linear ones and the semitone bands summed per pitch class."""
    pcs = band_pitch_classes()
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
    import torch
    import torch.nn.functional as F  # noqa: N812

    x = torch.from_numpy(np.ascontiguousarray(spectrogram, dtype=np.float32))[None, None]
    with torch.inference_mode():
        for kind, p in _layers():
            if kind == "pad":
                w = p["width"]
                x = F.pad(x, (w, w, w, w), value=p["value"])
            elif kind == "conv":
                x = F.conv2d(x, p["weight"]) + p["bias"]
            elif kind == "bn":
                x = x * p["scale"] + p["shift"]
                if p["elu"]:
                    x = F.elu(x)
            elif kind == "pool":
                x = F.max_pool2d(x, p["size"])
    return x[0].numpy().astype(np.float64)


def probabilities_from_map(feature_map: np.ndarray, start: int = 0, stop: int | None = None) -> np.ndarray:
    """Probabilities of the 24 keys (order :data:`KEY_LABELS`) from the feature-map frames
    ``start:stop`` (the whole map by default): the CNN's global average, then a softmax."""
    logits = feature_map[:, start:stop].mean(axis=(1, 2))
    e = np.exp(logits - logits.max())
    return e / e.sum()


def key_probabilities(spectrogram: np.ndarray) -> np.ndarray:
    """Probabilities of the 24 keys (order :data:`KEY_LABELS`, sum 1) for a key spectrogram."""
    return probabilities_from_map(key_feature_map(spectrogram))
