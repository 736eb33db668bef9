"""Key and mode with a confidence, and key regions over time: key CNN x key profile, or key profiles."""

from __future__ import annotations

import numpy as np

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.backends import LIBROSA, MADMOM, use
from tools.understanding.models import Segment, Tonality

PITCH_NAMES: tuple[str, ...] = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
"""Pitch-class names used in key labels (index = pitch class, C = 0)."""

# Albrecht & Shanahan (2013) key profiles: major and minor, tonic first
MAJOR_PROFILE = np.array([0.238, 0.006, 0.111, 0.006, 0.137, 0.094, 0.016, 0.214, 0.009, 0.080, 0.008, 0.081])
MINOR_PROFILE = np.array([0.220, 0.006, 0.104, 0.123, 0.019, 0.103, 0.012, 0.214, 0.062, 0.022, 0.061, 0.052])

_CNN_TONIC = {
    "A": 9,
    "Bb": 10,
    "B": 11,
    "C": 0,
    "Db": 1,
    "C#": 1,
    "D": 2,
    "Eb": 3,
    "D#": 3,
    "E": 4,
    "F": 5,
    "F#": 6,
    "G": 7,
    "Ab": 8,
    "G#": 8,
}


KEY_BACKEND_COMBINED: str = "madmom+profile"
"""Backend name of the default key estimate: madmom's key CNN combined with a key-profile estimator."""


def key_label(tonic_pc: int, minor: bool) -> str:
    """'D minor'-style name for a tonic pitch class (0 = C) and mode, spelled as musicians do
    ('Db major', 'C# minor', 'Ab major', 'G# minor')."""
    from tools.understanding.spelling import key_name

    return key_name(tonic_pc, minor)


def _cnn_to_24(probs: np.ndarray) -> np.ndarray:
    """madmom's class order -> index tonic_pc + 12*minor."""
    from tools.understanding.key_cnn import KEY_LABELS

    out = np.zeros(24)
    for p, label in zip(probs, KEY_LABELS, strict=True):
        tonic, mode = label.split()
        out[_CNN_TONIC[tonic] + (12 if mode == "minor" else 0)] = p
    return out


def profile_scores(chroma_mean: np.ndarray) -> np.ndarray:
    """Probabilities (24: tonic_pc + 12*minor) of each key for a 12-bin pitch-class profile.

    Pearson correlation with the Albrecht-Shanahan profiles, turned into probabilities by a softmax
    with temperature 0.1. All zeros for a flat (keyless) profile.
    """
    x = np.asarray(chroma_mean, dtype=np.float64)
    if not np.isfinite(x).all() or x.std() < 1e-9:
        return np.zeros(24)
    corr = np.array(
        [np.corrcoef(x, np.roll(prof, t))[0, 1] for prof in (MAJOR_PROFILE, MINOR_PROFILE) for t in range(12)]
    )
    e = np.exp((corr - corr.max()) / 0.1)
    return e / e.sum()


def _regions(times: np.ndarray, probs: list[np.ndarray], duration_s: float) -> list[Segment]:
    """Key regions from windowed key probabilities: best key per window, merged, short regions absorbed."""
    if not probs:
        return []
    best = [int(np.argmax(p)) for p in probs]
    segs: list[list[float]] = []  # [start, end, key, conf_sum, n]
    for t, k, p in zip(times, best, probs, strict=True):
        if segs and segs[-1][2] == k:
            segs[-1][1] = t
            segs[-1][3] += float(p[k])
            segs[-1][4] += 1
        else:
            segs.append([t, t, k, float(p[k]), 1])
    # absorb regions shorter than MIN_KEY_SEGMENT_S into the previous (or next) one
    changed = True
    while changed and len(segs) > 1:
        changed = False
        for i, s in enumerate(segs):
            if (s[1] - s[0]) + C.KEY_HOP_S < C.MIN_KEY_SEGMENT_S:
                j = i - 1 if i > 0 else i + 1
                segs[j][0], segs[j][1] = min(segs[j][0], s[0]), max(segs[j][1], s[1])
                segs[j][3] += s[3]
                segs[j][4] += s[4]
                del segs[i]
                changed = True
                break
    merged: list[list[float]] = []  # absorbing can leave equal keys side by side: join them
    for s in segs:
        if merged and merged[-1][2] == s[2]:
            merged[-1][1] = s[1]
            merged[-1][3] += s[3]
            merged[-1][4] += s[4]
        else:
            merged.append(s)
    segs = merged
    out = []
    for i, s in enumerate(segs):
        start = 0.0 if i == 0 else out[-1].end
        end = duration_s if i == len(segs) - 1 else float((s[1] + segs[i + 1][0]) / 2 + C.KEY_WINDOW_S / 2)
        out.append(
            Segment(
                start=round(start, 2),
                end=round(min(end, duration_s), 2),
                label=key_label(int(s[2]) % 12, int(s[2]) >= 12),
                confidence=round(s[3] / s[4], 3),
            )
        )
    return out


def _finish(
    probs: np.ndarray, windows: tuple[np.ndarray, list[np.ndarray]], duration_s: float, backend: str
) -> Tonality:
    if probs.sum() <= 0:
        return Tonality(key=None, key_confidence=0.0, changes=[], backend=backend)
    k = int(np.argmax(probs))
    conf = float(probs[k])
    if conf < C.KEY_CONFIDENCE_MIN:
        return Tonality(key=None, key_confidence=round(conf, 3), changes=[], backend=backend)
    changes = _regions(windows[0], windows[1], duration_s) or [
        Segment(start=0.0, end=round(duration_s, 2), label=key_label(k % 12, k >= 12), confidence=conf)
    ]
    return Tonality(
        key=key_label(k % 12, k >= 12), key_confidence=round(conf, 3), changes=changes, backend=backend
    )


def combine_experts(cnn: np.ndarray, profile: np.ndarray, profile_weight: float = 0.5) -> np.ndarray:
    """Product of two experts' key probabilities (24 each): the normalised weighted geometric mean of the
    CNN's and the key-profile's (``profile_weight`` 0-1; 0.5 = the plain geometric mean), so that a key
    wins only when both find it likely. The CNN alone when the profile is flat (all zeros)."""
    if profile.sum() <= 0:
        return cnn
    log = (1 - profile_weight) * np.log(cnn + 1e-9) + profile_weight * np.log(profile + 1e-9)
    p = np.exp(log - log.max())
    return p / p.sum()


def gated_experts(cnn: np.ndarray, profile: np.ndarray, gate: float | None = None) -> np.ndarray:
    """Key probabilities (24) of the stock CNN, replaced by its product with the key profile
    (:func:`combine_experts`) only where the profile is surer than the CNN: its top probability exceeds
    the CNN's by at least ``gate`` (default :data:`KEY_PROFILE_GATE`). The product everywhere fixed keys
    the CNN read a fifth off (C for G, F for Bb) but also moved A-minor songs to C major where the
    profile was less sure than the CNN."""
    gate = C.KEY_PROFILE_GATE if gate is None else gate
    if profile.sum() <= 0 or float(profile.max()) - float(cnn.max()) < gate:
        return cnn
    return combine_experts(cnn, profile)


def relative_key(k: int) -> int:
    """Index (tonic_pc + 12*minor) of the relative key of key index ``k``: C major <-> A minor."""
    return (k + 9) % 12 + 12 if k < 12 else (k + 3) % 12


def choose_relative_by_bass(probs: np.ndarray, bass: np.ndarray, weight: float | None = None) -> np.ndarray:
    """Key probabilities (24) with the top key and its relative (the same seven pitch classes) swapped where
    the bass sits on the relative's tonic enough more than on the top key's: the pair's log-odds plus
    ``weight`` (default :data:`KEY_BASS_WEIGHT`) times the log-ratio of the two tonics' shares of the bass
    salience (12 pitch classes, :func:`tools.understanding.key_cnn.bass_salience`) decides. Only that pair
    is decided: the pitch set (which pair) stays the product's."""
    weight = C.KEY_BASS_WEIGHT if weight is None else weight
    total = float(np.sum(bass))
    if probs.sum() <= 0 or total <= 0 or weight <= 0:
        return probs
    k = int(np.argmax(probs))
    r = relative_key(k)
    share = np.asarray(bass, dtype=np.float64) / total + 1e-3
    odds = np.log(probs[k] + 1e-9) - np.log(probs[r] + 1e-9)
    if odds + weight * (np.log(share[k % 12]) - np.log(share[r % 12])) >= 0:
        return probs
    out = probs.copy()
    out[k], out[r] = probs[r], probs[k]
    return out


def _madmom(
    samples_44k: np.ndarray,
    duration_s: float,
    method: str | None = None,
    spectrogram: np.ndarray | None = None,
) -> Tonality:
    """madmom's key CNN (Korzeniowski & Widmer), with 'cnn*profile' multiplied by an Albrecht-Shanahan profile
    correlation on the pitch classes of the same spectrogram's resolved bands (:func:`combine_experts`,
    :func:`tools.understanding.key_cnn.spectrogram_chroma`): on the benchmark the CNN alone confused
    relative and neighbouring keys (B minor -> D major, G -> C, Bb -> F) that the product gets right.
    Local keys (windows of :data:`KEY_WINDOW_S`) reuse the CNN's feature map of the whole track.
    ``method`` ('cnn' = the stock CNN alone, 'cnn*profile' = the product, 'cnn*profile+bass' = the
    product with the relative pair decided by the bass too (:func:`choose_relative_by_bass`), 'gated' = the
    old default: the product with the profile of every semitone band only where that profile is surer than
    the CNN, :func:`gated_experts`) defaults to :data:`KEY_METHOD`; ``spectrogram`` (the key spectrogram,
    when the caller has it) saves the STFT."""
    from tools.understanding.key_cnn import (
        KEY_FPS,
        KEY_TIME_POOLING,
        bass_salience,
        key_feature_map,
        key_spectrogram,
        probabilities_from_map,
        spectrogram_chroma,
    )

    method = method or C.KEY_METHOD
    use_cnn_only = method == "cnn"
    spec = key_spectrogram(samples_44k) if spectrogram is None else spectrogram
    fmap = key_feature_map(spec)
    if method == "cnn*profile+bass":
        bass_times, bass = bass_salience(samples_44k)

    def probs_of(a: int, b: int) -> np.ndarray:
        m0, m1 = a // KEY_TIME_POOLING, max(a // KEY_TIME_POOLING + 1, b // KEY_TIME_POOLING)
        cnn = _cnn_to_24(probabilities_from_map(fmap, m0, m1))
        if use_cnn_only:
            return cnn
        profile = profile_scores(spectrogram_chroma(spec[a:b], resolved_only=method != "gated"))
        if method == "gated":
            return gated_experts(cnn, profile)
        p = combine_experts(cnn, profile, C.KEY_PROFILE_WEIGHT)
        if method == "cnn*profile+bass":
            inside = (bass_times >= a / KEY_FPS) & (bass_times < b / KEY_FPS)
            p = choose_relative_by_bass(p, bass[inside].sum(axis=0))
        return p

    probs = probs_of(0, len(spec))
    win, hop = int(C.KEY_WINDOW_S * KEY_FPS), int(C.KEY_HOP_S * KEY_FPS)
    times, local = [], []
    if len(spec) > 2 * win:
        for start in range(0, len(spec) - win + 1, hop):
            times.append(start / KEY_FPS)
            local.append(probs_of(start, start + win))
    return _finish(
        probs, (np.array(times), local), duration_s, MADMOM.name if use_cnn_only else KEY_BACKEND_COMBINED
    )


def chroma_22k(samples_22k: np.ndarray) -> np.ndarray:
    """Chroma (12, frames) of mono 22.05 kHz audio, one frame every ~0.093 s (CQT-based, librosa)."""
    import librosa

    return librosa.feature.chroma_cqt(y=samples_22k, sr=C.DSP_SAMPLE_RATE_HZ, hop_length=2048)


def _librosa(chroma: np.ndarray, duration_s: float) -> Tonality:
    probs = profile_scores(chroma.mean(axis=1))
    fps = chroma.shape[1] / max(duration_s, 1e-9)
    win, hop = max(1, int(C.KEY_WINDOW_S * fps)), max(1, int(C.KEY_HOP_S * fps))
    times, local = [], []
    if chroma.shape[1] > 2 * win:
        for start in range(0, chroma.shape[1] - win + 1, hop):
            p = profile_scores(chroma[:, start : start + win].mean(axis=1))
            if p.sum() > 0:
                times.append(start / fps)
                local.append(p)
    return _finish(probs, (np.array(times), local), duration_s, LIBROSA.name)


def analyze_key(
    samples_44k: np.ndarray,
    chroma: np.ndarray | None,
    duration_s: float,
    key_spectrogram: np.ndarray | None = None,
) -> Tonality:
    """Global key (e.g. 'D minor') with a 0-1 confidence and key regions (seconds) of mono audio.

    ``chroma`` (from :func:`chroma_22k`) is needed only by the permissive backend; ``key_spectrogram``
    (from :func:`tools.understanding.spectra.tonal_spectrograms`) saves the STFT when the caller has it.
    """
    if use(MADMOM):
        return _madmom(samples_44k, duration_s, spectrogram=key_spectrogram)
    if chroma is None:
        raise ValueError("the permissive key estimator needs a chroma")
    return _librosa(chroma, duration_s)
