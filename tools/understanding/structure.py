"""Sections with times and labels, from bar-synchronous timbre, chroma and energy (librosa, ISC).

With a bar grid (downbeats), the track is cut into 4- or 8-bar phrases (the length and phase, which bar
starts a phrase, are those whose sections explain most repetition), phrases are clustered by similarity
(average-link, cosine on standardised features; the chroma of each bar is kept in order, so two
progressions with the same chords in another order differ), and consecutive phrases of one cluster
form a section. Without downbeats, boundaries come from a checkerboard-kernel novelty curve on beats.

Names are given only where the pattern is clear (:func:`name_sections`): of the groups that recur
(two or more sections, not only at the very start and end), the loudest is the chorus when it is
louder than the next by :data:`CHORUS_ENERGY_MARGIN`, and the other recurring group with most sections
is the verse; a first section that is not a chorus or verse and is quieter than the chorus is the intro,
a last one the outro, and the one one-off in the middle the bridge (where there are several one-offs, they
keep letters and the chorus and verse are still named). Otherwise sections keep letters (A, B, C).
``benchmarks/structure_accuracy.py`` scores sections and names against human annotations of POP909 songs
and the composer's own forms.
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


PHRASE_BARS: int = 4
"""Bars per phrase, the unit sections are built from when downbeats are known."""

CLUSTER_DISTANCES: tuple[float, ...] = (0.2, 0.3, 0.4, 0.5)
"""Average-link cosine distances (0 = identical) below which phrases join one cluster, tried for each
track: a song whose repeats are exact and whose verse and chorus sound alike needs a tight cut; a human
arrangement that varies each repeat needs a looser one (its repeated phrases sit at 0.3-0.4 in the
POP909 songs, different phrases above 0.6; a cut at 0.6 merged a verse with its chorus). The cut whose
sections explain most repetition with fewest sections wins, as for the phrase grid
(``benchmarks/structure_accuracy.py``)."""

CHORUS_ENERGY_MARGIN: float = 0.25
"""The chorus group must be this much louder (mean standardised energy, in standard deviations) than the
next recurring group; otherwise no chorus/verse names are given."""

PAIR_ENERGY_MAX: float = 0.3
"""Two clusters that always follow each other merge into one section only when their mean loudness
differs by at most this many standard deviations (a verse followed by a louder chorus stays two)."""

MAX_NAMED_BARS: int = 32
"""No section of the chorus or verse group may be longer than this many bars (the POP909 songs' longest,
two choruses back to back, is 26): a game track's three-minute stretch of one texture is no chorus."""

MIN_NAMED_SHARE: float = 0.5
"""Chorus and verse must cover at least this share of the track's time before any section is named."""

ENERGY_WEIGHT: float = 3.0
"""Weight of the (standardised) energy row against each timbre/chroma row in phrase similarity."""


def _letters(groups: list[int]) -> list[str]:
    """A, B, C... in order of first appearance."""
    order: dict[int, str] = {}
    for g in groups:
        if g not in order:
            order[g] = chr(ord("A") + len(order)) if len(order) < 26 else f"S{len(order)}"
    return [order[g] for g in groups]


def name_sections(
    groups: list[int],
    energy: list[float],
    durations: list[float] | None = None,
    bars: list[int] | None = None,
) -> list[str]:
    """Section names (intro/verse/chorus/bridge/outro where the pattern is clear, else letters) for
    consecutive sections with cluster ids ``groups``, mean loudness ``energy`` (any scale) and
    ``durations`` (seconds; equal when omitted) and lengths in ``bars``. The pattern is clear when the
    chorus and verse groups cover at least :data:`MIN_NAMED_SHARE` of the time and none of their
    sections is longer than :data:`MAX_NAMED_BARS`; a one-off section in the middle is the bridge only
    when it is the only one."""
    names = _letters(groups)
    n = len(groups)
    durations = durations or [1.0] * n
    if n < 3:
        return names
    where: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        where.setdefault(g, []).append(i)
    mean_e = {g: float(np.mean([energy[i] for i in idx])) for g, idx in where.items()}
    recurring = [g for g, idx in where.items() if len(idx) >= 2 and any(0 < i < n - 1 for i in idx)]
    if not recurring:
        return names
    ranked = sorted(recurring, key=lambda g: -mean_e[g])
    chorus = ranked[0]
    if len(ranked) > 1 and mean_e[chorus] - mean_e[ranked[1]] < CHORUS_ENERGY_MARGIN:
        return names  # two recurring groups equally loud: no way to tell the chorus
    others = [g for g in recurring if g != chorus]
    verse = max(others, key=lambda g: (len(where[g]), -where[g][0])) if others else None
    if bars and any(b > MAX_NAMED_BARS for b, g in zip(bars, groups, strict=True) if g in (chorus, verse)):
        return names  # minutes of one texture (a loop, a through-composed piece) are no verse or chorus
    named = sum(d for d, g in zip(durations, groups, strict=True) if g in (chorus, verse))
    one_offs = [i for i in range(1, n - 1) if len(where[groups[i]]) == 1]
    if named < MIN_NAMED_SHARE * sum(durations):
        return names
    for i, g in enumerate(groups):
        if g == chorus:
            names[i] = "chorus"
        elif g == verse:
            names[i] = "verse"
        elif i == 0 and mean_e[g] < mean_e[chorus]:
            names[i] = "intro"
        elif i == n - 1 and mean_e[g] < mean_e[chorus]:
            names[i] = "outro"
        elif len(where[g]) == 1 and 0 < i < n - 1 and len(one_offs) == 1:
            names[i] = "bridge"
    return names


def _cluster(vectors: np.ndarray, distance: float) -> list[int]:
    """Average-link clusters (ids in order of first appearance) of row vectors, cut at cosine
    ``distance``."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(vectors) < 2:
        return [0] * len(vectors)
    ids = fcluster(linkage(vectors, method="average", metric="cosine"), distance, "distance")
    order: dict[int, int] = {}
    return [order.setdefault(int(i), len(order)) for i in ids]


def _phrase_vectors(z: np.ndarray, bounds: list[int], bars: int) -> np.ndarray:
    """One vector per phrase: mean timbre, the chroma of each of its ``bars`` bars in order, and the
    energy (weighted by :data:`ENERGY_WEIGHT`)."""
    out = []
    for a, b in itertools.pairwise(bounds):
        seq = np.zeros((12, bars))
        chroma = z[12:24, a:b][:, :bars]
        seq[:, : chroma.shape[1]] = chroma
        out.append(
            np.concatenate([z[:12, a:b].mean(axis=1), 0.5 * seq.ravel(), [ENERGY_WEIGHT * z[-1, a:b].mean()]])
        )
    return np.array(out)


def _phrase_bounds(n_bars: int, phase: int, bars: int) -> list[int]:
    """Phrase starts (bar indices) every ``bars`` bars from ``phase``, plus 0 and ``n_bars``; no phrase
    shorter than 2 bars at either end."""
    bounds = sorted({0, *range(phase % bars, n_bars, bars), n_bars})
    if len(bounds) > 2 and bounds[1] - bounds[0] < 2:
        bounds.pop(1)
    if len(bounds) > 2 and bounds[-1] - bounds[-2] < 2:
        bounds.pop(-2)
    return bounds


def _merge_pairs(sec_bounds: list[int], sec_groups: list[int], z: np.ndarray) -> tuple[list[int], list[int]]:
    """Sections merged where a cluster is always followed by one other (and that one always preceded
    by it), at least twice, with loudness within :data:`PAIR_ENERGY_MAX` standard deviations: the two
    halves of one longer section (an 8-bar chorus of two different 4-bar phrases). Closest in
    loudness first, repeated until nothing merges."""
    while True:
        levels: dict[int, list[float]] = {}
        for (a, b), g in zip(itertools.pairwise(sec_bounds), sec_groups, strict=True):
            levels.setdefault(g, []).append(float(z[-1, a:b].mean()))
        energy = {g: float(np.mean(v)) for g, v in levels.items()}
        pairs = []
        for g1, g2 in set(itertools.pairwise(sec_groups)):
            if g1 == g2:
                continue
            firsts = [i for i, g in enumerate(sec_groups) if g == g1]
            seconds = [i for i, g in enumerate(sec_groups) if g == g2]
            if len(firsts) >= 2 and [i + 1 for i in firsts] == seconds:
                gap = abs(energy[g1] - energy[g2])
                if gap <= PAIR_ENERGY_MAX:
                    pairs.append((gap, g1, g2))
        if not pairs:
            return sec_bounds, sec_groups
        _, g1, g2 = min(pairs)
        keep = [i for i, g in enumerate(sec_groups) if g != g2]
        sec_bounds = [sec_bounds[i] for i in keep] + [sec_bounds[-1]]
        sec_groups = [sec_groups[i] for i in keep]


def _segment(
    z: np.ndarray, bounds: list[int], bars: int, distance: float
) -> tuple[list[int], list[int], float]:
    """(section bounds in bars, section cluster ids, score) for one phrase grid and cluster cut
    ``distance``. Consecutive phrases of one cluster make one section (and paired clusters, see
    :func:`_merge_pairs`); the score is the share of bars in recurring clusters minus 0.02 per section
    (repetition explained by few sections)."""
    groups = _cluster(_phrase_vectors(z, bounds, bars), distance)
    starts = [0] + [i for i in range(1, len(groups)) if groups[i] != groups[i - 1]]
    sec_bounds, sec_groups = _merge_pairs(
        [bounds[i] for i in starts] + [bounds[-1]], [groups[i] for i in starts], z
    )
    lengths = np.diff(sec_bounds)
    recurring = sum(n for n, g in zip(lengths, sec_groups, strict=True) if sec_groups.count(g) >= 2)
    return sec_bounds, sec_groups, recurring / max(1, bounds[-1]) - 0.02 * len(sec_groups)


def phrase_sections(feats: np.ndarray, frame_s: float, bars: np.ndarray, duration_s: float) -> list[Segment]:
    """Sections built from phrases of :data:`PHRASE_BARS` (or twice that) bars between downbeat times
    ``bars`` (seconds). Of the 4- and 8-bar grids at every phase, the one whose sections explain most
    repetition with fewest sections wins (ties: the highest mean bar-level novelty at its phrase starts)."""
    grid = np.concatenate([[0.0] if bars[0] > 0.05 else [], bars, [duration_s]])
    x = _sync(feats, frame_s, grid)
    z = (x - x.mean(axis=1, keepdims=True)) / (x.std(axis=1, keepdims=True) + 1e-9)
    n_bars = z.shape[1]
    weighted = z.copy()
    weighted[-1] *= ENERGY_WEIGHT
    nov = _novelty(weighted, PHRASE_BARS)
    # every phrase grid (4 or 8 bars, any phase) is tried: the one whose sections explain most repetition
    # with fewest sections wins; the bar-level novelty only breaks ties (a drum fill in the last bar of a
    # section makes the novelty peak one bar early, so the novelty alone picked the wrong phase)
    # and every cluster cut: ties go to the tighter cut
    candidates = [
        (
            *_segment(z, _phrase_bounds(n_bars, phase, length), length, distance),
            float(nov[phase::length].mean()),
            -distance,
        )
        for distance in CLUSTER_DISTANCES
        for length in (PHRASE_BARS, 2 * PHRASE_BARS)
        for phase in range(length)
    ]
    sec_bounds, sec_groups, _, _, _ = max(candidates, key=lambda c: (round(c[2], 6), c[3], c[4]))
    energy = [float(z[-1, a:b].mean()) for a, b in itertools.pairwise(sec_bounds)]
    times = [float(grid[min(b, len(grid) - 1)]) for b in sec_bounds]
    times[0], times[-1] = 0.0, duration_s
    durations = [b - a for a, b in itertools.pairwise(times)]
    bar_s = float(np.median(np.diff(grid)))  # bars counted by the typical bar: the tracker can skip minutes
    names = name_sections(sec_groups, energy, durations, [round(d / bar_s) for d in durations])
    return [
        Segment(start=round(a, 2), end=round(b, 2), label=name, confidence=None)
        for a, b, name in zip(times[:-1], times[1:], names, strict=True)
    ]


def analyze_structure(
    samples_22k: np.ndarray, beats: list[float], duration_s: float, downbeats: list[float] | None = None
) -> list[Segment]:
    """Sections (start/end in seconds, label) of mono 22.05 kHz audio; one section 'A' for short audio.

    With at least two phrases of ``downbeats`` (seconds) sections are built from 4-bar phrases, else
    from a novelty curve on the ``beats``."""
    downbeats = downbeats or []
    if duration_s < 2 * C.MIN_SECTION_S:
        return [Segment(start=0.0, end=round(duration_s, 2), label="A", confidence=None)]
    feats, frame_s = _features(samples_22k)
    if len(downbeats) >= 2 * PHRASE_BARS:
        return phrase_sections(feats, frame_s, np.asarray(downbeats, dtype=float), duration_s)
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
    names = name_sections(groups, energy, [b - a for a, b in itertools.pairwise(times)])
    return [
        Segment(start=round(a, 2), end=round(b, 2), label=name, confidence=None)
        for a, b, name in zip(times[:-1], times[1:], names, strict=True)
    ]
