"""Matplotlib figures for the side panel: waveform, chord timeline, piano roll, spectrogram.

Every function returns a new :class:`matplotlib.figure.Figure` drawn with the Agg backend (no
pyplot, so nothing is kept alive globally): dark marks on a light background, labelled axes, time
in m:ss. Optional musical data (beats, downbeats, sections, chords, notes) is drawn when given and
simply left out when not; artists carry a ``gid`` (``"beats"``, ``"downbeats"``, ``"sections"``,
``"chords"``, ``"notes"``) so tests and callers can find them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MultipleLocator

from ui.app.format import clock

INK = "#1d2733"
"""Text and axis colour."""
WAVE = "#1f5a8c"
"""Waveform colour."""
BEAT = "#7a8799"
"""Beat line colour."""
DOWNBEAT = "#b3261e"
"""Downbeat line colour."""
SECTION_FILLS = ("#eef3f8", "#f7f1e6", "#eef6ee", "#f5eef6")
"""Alternating background fills of sections."""
CHORD_FILLS = (
    "#f4c7c3",
    "#f9d9b0",
    "#fbe9a7",
    "#dcecb0",
    "#bfe3c0",
    "#b5e0d8",
    "#b7d7ee",
    "#c3cdf0",
    "#d4c6ee",
    "#e6c3e6",
    "#f1c2d6",
    "#e3d3c4",
)
"""Chord box fills by root pitch class (C, C#, ..., B)."""

TICK_STEPS_S: tuple[float, ...] = (0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800)
"""Candidate spacings of time ticks, in seconds."""

NOTE_NAMES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
_ROOTS = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


@dataclass(frozen=True)
class Section:
    """A labelled part of a piece (intro, verse, chorus, ...), in seconds."""

    start_s: float
    end_s: float
    label: str


@dataclass(frozen=True)
class ChordSpan:
    """A chord held from ``start_s`` to ``end_s`` (seconds), e.g. ``"Am7"``; ``"N"`` means no chord."""

    start_s: float
    end_s: float
    label: str


@dataclass(frozen=True)
class Note:
    """One note: MIDI ``pitch`` (60 = middle C) from ``start_s`` to ``end_s`` (seconds), velocity 1-127."""

    start_s: float
    end_s: float
    pitch: int
    velocity: int = 100


@dataclass(frozen=True)
class Envelope:
    """A waveform reduced for drawing: the lowest and highest sample (full scale ±1) per time bin."""

    times_s: np.ndarray
    low: np.ndarray
    high: np.ndarray
    duration_s: float
    sample_rate: int
    channels: int


def envelope_from_samples(samples: np.ndarray, sample_rate: int, points: int = 2000) -> Envelope:
    """Min/max envelope of ``samples`` ((channels, n) or (n,), full scale ±1) in at most ``points`` bins."""
    data = np.asarray(samples, dtype=np.float32)
    if data.ndim == 1:
        data = data[np.newaxis, :]
    channels, n = data.shape
    mono = data.mean(axis=0) if channels > 1 else data[0]
    duration = n / float(sample_rate)
    if n == 0:
        empty = np.zeros(1, dtype=np.float32)
        return Envelope(empty, empty, empty, 0.0, sample_rate, channels)
    bins = max(1, min(points, n))
    per = int(np.ceil(n / bins))
    padded = np.pad(mono, (0, per * bins - n), mode="edge") if per * bins > n else mono
    blocks = padded[: per * bins].reshape(bins, per)
    times = (np.arange(bins) + 0.5) * per / float(sample_rate)
    return Envelope(
        times_s=np.minimum(times, duration),
        low=blocks.min(axis=1),
        high=blocks.max(axis=1),
        duration_s=duration,
        sample_rate=int(sample_rate),
        channels=channels,
    )


def tick_step(duration_s: float, max_intervals: int = 5) -> float:
    """The spacing of time ticks, in seconds: the finest that cuts ``duration_s`` into at most
    ``max_intervals`` intervals."""
    for step in TICK_STEPS_S:
        if duration_s / step <= max_intervals:
            return step
    return TICK_STEPS_S[-1]


def time_axis(ax: Axes, duration_s: float, label: str = "Time (m:ss)") -> None:
    """Label ``ax``'s x axis as time in m:ss (tenths when ticks are under a second apart)."""
    duration = max(float(duration_s), 1e-3)
    step = tick_step(duration)
    decimals = 1 if step < 1 else 0
    ax.set_xlim(0.0, duration)
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: clock(x, decimals)))
    ax.set_xlabel(label, color=INK)


def _figure(width_in: float = 5.2, height_in: float = 2.2) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(width_in, height_in), dpi=150, facecolor="white", layout="constrained")
    ax = fig.add_subplot()
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=8.5)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(INK)
    return fig, ax


def _title(ax: Axes, title: str) -> None:
    if title:
        ax.set_title(title, loc="left", fontsize=10, color=INK)


def _draw_sections(ax: Axes, sections: Sequence[Section], top: float) -> None:
    for i, sec in enumerate(sections):
        span = ax.axvspan(sec.start_s, sec.end_s, color=SECTION_FILLS[i % len(SECTION_FILLS)], zorder=0, lw=0)
        span.set_gid("sections")
        ax.text(
            (sec.start_s + sec.end_s) / 2,
            top,
            sec.label,
            ha="center",
            va="top",
            fontsize=8.5,
            color=INK,
            clip_on=True,
            gid="section-labels",
            zorder=5,
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5},
        )


def waveform_figure(
    envelope: Envelope,
    *,
    beats: Sequence[float] | None = None,
    downbeats: Sequence[float] | None = None,
    sections: Sequence[Section] | None = None,
    title: str = "",
) -> Figure:
    """The waveform (amplitude, full scale ±1, over time) with optional beats, downbeats and sections.

    ``beats`` and ``downbeats`` are times in seconds (drawn as thin grey / red vertical lines);
    ``sections`` are shaded in alternating colours with their labels along the top.
    """
    fig, ax = _figure()
    ax.fill_between(envelope.times_s, envelope.low, envelope.high, color=WAVE, lw=0.6, zorder=2)
    ax.axhline(0.0, color=INK, lw=0.4, alpha=0.4, zorder=1)
    peak = float(max(np.max(np.abs(envelope.low)), np.max(np.abs(envelope.high)), 1e-3))
    limit = min(1.0, max(0.1, peak * 1.15))
    ax.set_ylim(-limit, limit)
    ax.set_ylabel("Amplitude", color=INK)
    time_axis(ax, envelope.duration_s)
    if sections:
        _draw_sections(ax, sections, top=limit * 0.97)
    handles = []
    downbeat_set = {round(t, 3) for t in downbeats or ()}
    plain = [t for t in beats or () if round(t, 3) not in downbeat_set]
    if plain:
        handles.append(
            ax.vlines(
                plain, -limit, limit, colors=BEAT, lw=0.7, alpha=0.7, zorder=3, gid="beats", label="beat"
            )
        )
    if downbeats:
        handles.append(
            ax.vlines(
                list(downbeats),
                -limit,
                limit,
                colors=DOWNBEAT,
                lw=1.3,
                alpha=0.8,
                zorder=4,
                gid="downbeats",
                label="downbeat (bar)",
            )
        )
    if handles:
        # above the plot, so the marks never hide the waveform under them
        ax.legend(
            handles=handles,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncol=len(handles),
            fontsize=8,
            frameon=False,
            borderaxespad=0.2,
        )
    _title(ax, title)
    return fig


def chord_root(label: str) -> int | None:
    """Pitch class (0 = C) of a chord label's root (``"F#m7"`` -> 6); None for no chord (``"N"``)."""
    text = label.strip()
    if not text or text[0].upper() not in _ROOTS:
        return None
    root = _ROOTS[text[0].upper()]
    if len(text) > 1 and text[1] in "#♯":
        root += 1
    elif len(text) > 1 and text[1] in "b♭":
        root -= 1
    return root % 12


def chord_figure(chords: Sequence[ChordSpan], duration_s: float | None = None, title: str = "") -> Figure:
    """The chords as labelled boxes along time, coloured by root (no-chord spans left blank)."""
    fig, ax = _figure(height_in=1.25)
    end = max([duration_s or 0.0, *(c.end_s for c in chords)]) or 1.0
    for chord in chords:
        root = chord_root(chord.label)
        fill = "white" if root is None else CHORD_FILLS[root]
        ax.add_patch(
            Rectangle(
                (chord.start_s, 0.1),
                max(chord.end_s - chord.start_s, 1e-3),
                0.8,
                facecolor=fill,
                edgecolor=INK,
                lw=0.6,
                gid="chords",
            )
        )
        ax.text(
            (chord.start_s + chord.end_s) / 2,
            0.5,
            chord.label,
            ha="center",
            va="center",
            fontsize=9,
            color=INK,
            clip_on=True,
            gid="chord-labels",
        )
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    time_axis(ax, end)
    _title(ax, title)
    return fig


def note_name(pitch: int) -> str:
    """Scientific pitch name of a MIDI note number (60 -> ``"C4"``)."""
    return f"{NOTE_NAMES[pitch % 12]}{pitch // 12 - 1}"


def piano_roll_figure(notes: Sequence[Note], duration_s: float | None = None, title: str = "") -> Figure:
    """The notes as bars (pitch over time); darker bars are louder (velocity)."""
    fig, ax = _figure(height_in=2.6)
    end = max([duration_s or 0.0, *(n.end_s for n in notes)]) or 1.0
    if notes:
        pitches = np.array([n.pitch for n in notes])
        alphas = np.clip(np.array([n.velocity for n in notes]) / 127.0, 0.25, 1.0)
        colors = [(0.12, 0.35, 0.55, float(a)) for a in alphas]
        bars = ax.barh(
            pitches,
            [max(n.end_s - n.start_s, 1e-3) for n in notes],
            left=[n.start_s for n in notes],
            height=0.8,
            color=colors,
            edgecolor=INK,
            linewidth=0.3,
        )
        for bar in bars:
            bar.set_gid("notes")
        low, high = int(pitches.min()) - 2, int(pitches.max()) + 2
    else:
        low, high = 57, 72
    ax.set_ylim(low - 0.5, high + 0.5)
    cs = [p for p in range(low, high + 1) if p % 12 == 0] or [low]
    ax.set_yticks(cs, [note_name(p) for p in cs])
    ax.set_ylabel("Pitch", color=INK)
    for p in range(low, high + 1):
        if p % 12 in (1, 3, 6, 8, 10):
            ax.axhspan(p - 0.5, p + 0.5, color="#f1f3f6", zorder=0, lw=0)
    time_axis(ax, end)
    _title(ax, title)
    return fig


def spectrogram_figure(
    samples: np.ndarray, sample_rate: int, title: str = "", max_frames: int = 1200
) -> Figure:
    """Spectrogram of mono ``samples`` (full scale ±1): log frequency (Hz) over time, level in dBFS."""
    from scipy.signal import stft

    data = np.asarray(samples, dtype=np.float32)
    if data.ndim == 2:
        data = data.mean(axis=0)
    n_fft = 2048 if sample_rate > 16000 else 1024
    hop = max(n_fft // 4, int(np.ceil(len(data) / max_frames)))
    freqs, times, z = stft(
        data, fs=sample_rate, nperseg=n_fft, noverlap=max(0, n_fft - hop), boundary=None, padded=False
    )
    level = 20 * np.log10(np.maximum(np.abs(z) * 2.0, 1e-6))
    fig, ax = _figure(height_in=2.4)
    keep = freqs >= 30.0
    mesh = ax.pcolormesh(
        times, freqs[keep], level[keep], shading="auto", cmap="magma_r", vmin=-90, vmax=0, rasterized=True
    )
    mesh.set_gid("spectrogram")
    ax.set_yscale("log")
    ax.set_ylim(30.0, sample_rate / 2)
    ax.set_yticks(
        [50, 100, 200, 500, 1000, 2000, 5000, 10000], ["50", "100", "200", "500", "1k", "2k", "5k", "10k"]
    )
    ax.set_ylabel("Frequency (Hz)", color=INK)
    time_axis(ax, len(data) / float(sample_rate))
    bar = fig.colorbar(mesh, ax=ax, pad=0.01)
    bar.set_label("Level (dBFS)", color=INK, fontsize=8.5)
    bar.ax.tick_params(labelsize=8, colors=INK)
    _title(ax, title)
    return fig
