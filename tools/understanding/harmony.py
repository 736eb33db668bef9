"""Chord sequence in Harte syntax: madmom's deep-chroma chord recogniser, or chroma templates + Viterbi."""

from __future__ import annotations

import numpy as np

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.backends import LIBROSA, MADMOM, import_madmom, use
from tools.understanding.models import Segment

HARTE_ROOTS: tuple[str, ...] = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
"""Root names used in chord labels (index = pitch class)."""


def merge_short(chords: list[Segment], min_s: float = C.MIN_CHORD_DURATION_S) -> list[Segment]:
    """Chords with those shorter than ``min_s`` seconds merged into the previous one, and equal
    neighbours joined."""
    out: list[Segment] = []
    for c in chords:
        if out and (c.label == out[-1].label or c.end - c.start < min_s):
            out[-1] = out[-1].model_copy(update={"end": c.end})
        else:
            out.append(c)
    return out


CHORD_CNN_CONTEXT_FRAMES: int = 11
"""Zero frames madmom pads on each side of the chord CNN's spectrogram."""


def cnn_chord_features(chord_spectrogram: np.ndarray) -> np.ndarray:
    """madmom's ``CNNChordFeatureProcessor`` features (frames at 10 fps, 128) from the chord CNN's
    spectrogram (:func:`tools.understanding.spectra.tonal_spectrograms`): the CNN in numpy, then the
    mean over frequency and over 3-frame superframes, as madmom does."""
    import_madmom()
    from madmom.models import CHORDS_CNN_FEAT

    from tools.understanding.convnet import feature_map, load_network

    spec = np.asarray(chord_spectrogram, dtype=np.float32)
    pad = np.zeros((CHORD_CNN_CONTEXT_FRAMES, spec.shape[1]), np.float32)
    fmap = feature_map(load_network(CHORDS_CNN_FEAT[0]), np.vstack([pad, spec, pad]))
    per_frame = fmap.mean(axis=2).T.astype(np.float64)  # (frames + 2, 128)
    return (per_frame[:-2] + per_frame[1:-1] + per_frame[2:]) / 3


def cnn_crf_chords(chord_spectrogram: np.ndarray) -> list[Segment]:
    """Chords (seconds, Harte labels) of madmom's stock CNN+CRF recogniser from the chord CNN's
    spectrogram: :func:`cnn_chord_features` decoded by ``CRFChordRecognitionProcessor``'s CRF."""
    import_madmom()
    from madmom.features.chords import CRFChordRecognitionProcessor

    feats = cnn_chord_features(chord_spectrogram)
    if len(feats) == 0:
        return []
    segments = CRFChordRecognitionProcessor()(feats)
    return [
        Segment(start=round(float(s), 3), end=round(float(e), 3), label=str(lab)) for s, e, lab in segments
    ]


def madmom_chords(samples_44k: np.ndarray, method: str = "cnn") -> list[Segment]:
    """Chords (seconds, Harte labels) of one of madmom's two recognisers, unsmoothed: ``"cnn"`` is
    ``CNNChordFeatureProcessor`` + ``CRFChordRecognitionProcessor`` (the stock CNN+CRF model, its CNN
    run in numpy: :func:`cnn_crf_chords`), ``"deepchroma"`` is ``DeepChromaProcessor`` +
    ``DeepChromaChordRecognitionProcessor``."""
    import_madmom()
    from madmom.audio.signal import Signal

    if method == "cnn":
        from tools.understanding.spectra import tonal_spectrograms

        return cnn_crf_chords(tonal_spectrograms(samples_44k)[1])
    sig = Signal(samples_44k, sample_rate=C.ANALYSIS_SAMPLE_RATE_HZ, num_channels=1)
    if method == "deepchroma":
        from madmom.audio.chroma import DeepChromaProcessor
        from madmom.features.chords import DeepChromaChordRecognitionProcessor

        segments = DeepChromaChordRecognitionProcessor()(DeepChromaProcessor()(sig))
    else:
        raise ValueError(f"unknown chord method {method!r}")
    return [
        Segment(start=round(float(s), 3), end=round(float(e), 3), label=str(lab)) for s, e, lab in segments
    ]


def _templates() -> tuple[np.ndarray, list[str]]:
    rows, labels = [], []
    for quality, intervals in (("maj", (0, 4, 7)), ("min", (0, 3, 7))):
        for root in range(12):
            t = np.zeros(12)
            t[[(root + i) % 12 for i in intervals]] = 1.0
            rows.append(t / np.linalg.norm(t))
            labels.append(f"{HARTE_ROOTS[root]}:{quality}")
    return np.array(rows), labels


def _librosa(chroma: np.ndarray, duration_s: float) -> list[Segment]:
    import librosa

    templates, labels = _templates()
    norm = np.linalg.norm(chroma, axis=0, keepdims=True)
    energy = norm[0]
    sim = templates @ (chroma / np.maximum(norm, 1e-9))  # (24, frames) cosine similarity
    no_chord = np.full((1, sim.shape[1]), 0.55)
    no_chord[0, energy < 1e-3] = 2.0
    scores = np.vstack([sim, no_chord])
    probs = np.exp(8.0 * scores)
    probs /= probs.sum(axis=0, keepdims=True)
    path = librosa.sequence.viterbi(probs, librosa.sequence.transition_loop(25, 0.95))
    labels = [*labels, "N"]
    hop_s = duration_s / max(chroma.shape[1], 1)
    out: list[Segment] = []
    start = 0
    for i in range(1, len(path) + 1):
        if i == len(path) or path[i] != path[start]:
            out.append(
                Segment(
                    start=round(start * hop_s, 3),
                    end=round(min(i * hop_s, duration_s), 3),
                    label=labels[int(path[start])],
                )
            )
            start = i
    return out


def analyze_chords(
    samples_44k: np.ndarray,
    chroma: np.ndarray | None,
    duration_s: float,
    chord_spectrogram: np.ndarray | None = None,
) -> tuple[list[Segment], str]:
    """Chords with start/end times (seconds) and Harte labels ('C:maj', 'A:min', 'N'), and the backend.

    ``chord_spectrogram`` (from :func:`tools.understanding.spectra.tonal_spectrograms`) saves the STFT
    when the caller has it."""
    if use(MADMOM):
        if C.CHORD_METHOD == "cnn" and chord_spectrogram is not None:
            chords = cnn_crf_chords(chord_spectrogram)
        else:
            chords = madmom_chords(samples_44k, C.CHORD_METHOD)
        return (merge_short(chords) if C.CHORD_SMOOTHING else chords), MADMOM.name
    if chroma is None:
        raise ValueError("the permissive chord estimator needs a chroma")
    return merge_short(_librosa(chroma, duration_s)), LIBROSA.name
