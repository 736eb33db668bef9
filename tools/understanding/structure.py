"""Sections with times and labels: novelty on a beat-synchronous self-similarity matrix (librosa, ISC).

Boundaries come from a checkerboard-kernel novelty curve; sections are grouped by similarity into
letters (A, B, C...). Names are given only where the pattern is clear: the most repeated, loudest group
is the chorus, the other repeated group the verse, a unique first/last section the intro/outro, a unique
middle section the bridge; anything else keeps its letter.
"""

from __future__ import annotations

import itertools

import numpy as np

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.models import Segment


def _features(samples_22k: np.ndarray) -> tuple[np.ndarray, float]:
    import librosa

    sr, hop = C.DSP_SAMPLE_RATE_HZ, 2048
    power = np.abs(librosa.stft(samples_22k, n_fft=4096, hop_length=hop)) ** 2  # one STFT for both
    mel = librosa.feature.melspectrogram(S=power, sr=sr, n_fft=4096, n_mels=64)
    logmel = librosa.power_to_db(mel)
    mfcc = librosa.feature.mfcc(S=logmel, n_mfcc=13)[1:]
    chroma = librosa.feature.chroma_stft(S=power, sr=sr, n_fft=4096)
    del power
    n = min(mfcc.shape[1], chroma.shape[1])
    timbre = librosa.util.normalize(mfcc[:, :n], axis=0)
    energy = logmel[:, :n].mean(axis=0) / 80.0  # last row: loudness (used to tell the chorus)
    return np.vstack([timbre, chroma[:, :n], energy[None, :]]), hop / sr


def _sync(feats: np.ndarray, frame_s: float, grid: np.ndarray) -> np.ndarray:
    idx = np.clip((grid / frame_s).astype(int), 0, feats.shape[1])
    out = []
    for a, b in itertools.pairwise(idx):
        out.append(feats[:, a : max(b, a + 1)].mean(axis=1) if a < feats.shape[1] else feats[:, -1])
    return np.array(out).T


def _novelty(x: np.ndarray, half: int) -> np.ndarray:
    xn = x / (np.linalg.norm(x, axis=0, keepdims=True) + 1e-9)
    ssm = xn.T @ xn
    n = ssm.shape[0]
    sign = np.ones((2 * half, 2 * half))
    sign[:half, half:] = sign[half:, :half] = -1
    g = np.exp(-0.5 * (np.linspace(-2, 2, 2 * half) ** 2))
    kernel = sign * np.outer(g, g)
    pad = np.pad(ssm, half, mode="constant")
    return np.array([np.sum(kernel * pad[i : i + 2 * half, i : i + 2 * half]) for i in range(n)])


def _name_groups(groups: list[int], energy: list[float], durations: list[float]) -> list[str]:
    letters = [chr(ord("A") + g) if g < 26 else f"S{g}" for g in groups]
    counts = {g: groups.count(g) for g in set(groups)}
    repeated = [g for g, c in counts.items() if c >= 2]
    names = list(letters)
    if not repeated:
        return names
    mean_energy = {
        g: float(np.mean([e for e, gg in zip(energy, groups, strict=True) if gg == g])) for g in repeated
    }
    chorus = max(repeated, key=lambda g: (mean_energy[g], counts[g]))
    others = [g for g in repeated if g != chorus]
    verse = max(others, key=lambda g: counts[g]) if others else None
    for i, g in enumerate(groups):
        if g == chorus:
            names[i] = "chorus"
        elif g == verse:
            names[i] = "verse"
        elif counts[g] == 1 and i == 0:
            names[i] = "intro"
        elif counts[g] == 1 and i == len(groups) - 1:
            names[i] = "outro"
        elif counts[g] == 1 and 0 < i < len(groups) - 1:
            names[i] = "bridge"
    return names


def analyze_structure(samples_22k: np.ndarray, beats: list[float], duration_s: float) -> list[Segment]:
    """Sections (start/end in seconds, label) of mono 22.05 kHz audio; one section 'A' for short audio."""
    if duration_s < 2 * C.MIN_SECTION_S:
        return [Segment(start=0.0, end=round(duration_s, 2), label="A", confidence=None)]
    feats, frame_s = _features(samples_22k)
    step = 0.5
    if len(beats) >= 8:
        grid = np.concatenate([[0.0], np.asarray(beats), [duration_s]])
        grid = grid[np.concatenate([[True], np.diff(grid) > 0.05])]
    else:
        grid = np.arange(0.0, duration_s + step, step)
    x = _sync(feats, frame_s, grid)
    unit_s = float(np.median(np.diff(grid)))
    min_units = max(2, int(C.MIN_SECTION_S / unit_s))
    half = max(2, min(16, min_units))
    nov = _novelty(x, half)
    # peaks: local maxima at least MIN_SECTION_S apart, strongest first
    order = np.argsort(nov)[::-1]
    thr = np.percentile(nov, 75)
    chosen: list[int] = []
    for i in order:
        if nov[i] < thr or len(chosen) >= C.MAX_SECTIONS - 1:
            break
        if i < min_units or i > len(nov) - min_units:
            continue
        if all(abs(int(i) - c) >= min_units for c in chosen):
            chosen.append(int(i))
    bounds = [0, *sorted(chosen), x.shape[1]]
    seg_feats = [x[:, a:b].mean(axis=1) for a, b in itertools.pairwise(bounds)]
    energy = [float(f[-1]) for f in seg_feats]
    # group sections whose mean features are close (cosine >= 0.97 on standardised features)
    m = np.array(seg_feats)
    m = (m - m.mean(axis=0)) / (m.std(axis=0) + 1e-9)
    m /= np.linalg.norm(m, axis=1, keepdims=True) + 1e-9
    groups: list[int] = []
    reps: list[int] = []
    for i in range(len(m)):
        sims = [float(m[i] @ m[r]) for r in reps]
        if sims and max(sims) >= 0.6:
            groups.append(int(np.argmax(sims)))
        else:
            groups.append(len(reps))
            reps.append(i)
    times = [float(grid[min(b, len(grid) - 1)]) for b in bounds]
    times[-1] = duration_s
    durations = [b - a for a, b in itertools.pairwise(times)]
    names = _name_groups(groups, energy, durations)
    return [
        Segment(start=round(a, 2), end=round(b, 2), label=name, confidence=None)
        for a, b, name in zip(times[:-1], times[1:], names, strict=True)
    ]
