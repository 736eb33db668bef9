"""The side panel's matplotlib figures: the expected artists, labelled axes, time in m:ss."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.collections import LineCollection, QuadMesh
from matplotlib.patches import Rectangle

from ui.app.plots import (
    ChordSpan,
    Note,
    Section,
    chord_figure,
    chord_root,
    envelope_from_samples,
    note_name,
    piano_roll_figure,
    spectrogram_figure,
    tick_step,
    waveform_figure,
)

SR = 22050


def tone(seconds: float = 3.0, freq: float = 220.0, level: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    return (level * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def tick_labels(ax) -> list[str]:
    """The x tick labels shown (ticks inside the axis limits)."""
    ax.figure.canvas.draw()
    low, high = ax.get_xlim()
    return [t.get_text() for t in ax.get_xticklabels() if low - 1e-9 <= t.get_position()[0] <= high + 1e-9]


def gid_collections(ax, gid: str) -> list:
    return [c for c in ax.collections if c.get_gid() == gid]


def test_envelope_keeps_the_extremes_and_the_duration() -> None:
    samples = np.stack([tone(2.0), 0.5 * tone(2.0)])
    env = envelope_from_samples(samples, SR, points=500)
    assert len(env.times_s) == len(env.low) == len(env.high) == 500
    assert env.duration_s == pytest.approx(2.0)
    assert env.channels == 2
    assert env.high.max() == pytest.approx(0.375, abs=0.01)  # mean of 0.5 and 0.25 peaks
    assert env.low.min() == pytest.approx(-0.375, abs=0.01)
    assert env.times_s[-1] <= env.duration_s


def test_envelope_of_a_short_or_empty_signal() -> None:
    short = envelope_from_samples(np.array([0.1, -0.2, 0.3], dtype=np.float32), SR, points=100)
    assert len(short.times_s) == 3
    empty = envelope_from_samples(np.zeros((1, 0), dtype=np.float32), SR)
    assert empty.duration_s == 0.0


def test_waveform_without_musical_data_draws_only_the_wave() -> None:
    fig = waveform_figure(envelope_from_samples(tone(), SR))
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Time (m:ss)" and ax.get_ylabel() == "Amplitude"
    assert not gid_collections(ax, "beats") and not gid_collections(ax, "downbeats")
    assert ax.get_legend() is None
    assert tick_labels(ax)[:3] == ["0:00", "0:01", "0:02"]


def test_waveform_marks_beats_downbeats_and_sections() -> None:
    beats = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    downbeats = [0.0, 2.0]
    sections = [Section(0.0, 1.5, "intro"), Section(1.5, 3.0, "chorus")]
    fig = waveform_figure(
        envelope_from_samples(tone(), SR), beats=beats, downbeats=downbeats, sections=sections
    )
    ax = fig.axes[0]
    (beat_lines,) = gid_collections(ax, "beats")
    (bar_lines,) = gid_collections(ax, "downbeats")
    assert isinstance(beat_lines, LineCollection)
    assert len(beat_lines.get_segments()) == 4  # the beats that are not also downbeats
    assert len(bar_lines.get_segments()) == 2
    spans = [p for p in ax.patches if p.get_gid() == "sections"]
    assert len(spans) == 2
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "section-labels"]
    assert labels == ["intro", "chorus"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["beat", "downbeat (bar)"]


def test_waveform_figure_renders_to_png() -> None:
    fig = waveform_figure(envelope_from_samples(tone(), SR), beats=[1.0])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = fig.get_size_inches() * fig.dpi
    assert width >= 700 and height >= 300


@pytest.mark.parametrize(
    ("duration", "step", "first_labels"),
    [(3.0, 1, ["0:00", "0:01"]), (2.0, 0.5, ["0:00.0", "0:00.5"]), (200.0, 60, ["0:00", "1:00"]),
     (600.0, 120, ["0:00", "2:00"])],
)  # fmt: skip
def test_time_ticks_are_m_ss(duration: float, step: float, first_labels: list[str]) -> None:
    assert tick_step(duration) == step
    fig = waveform_figure(envelope_from_samples(np.zeros(int(duration * 100), np.float32) + 0.1, 100))
    assert tick_labels(fig.axes[0])[:2] == first_labels


def test_chord_timeline_boxes_colours_and_labels() -> None:
    chords = [ChordSpan(0, 2, "C"), ChordSpan(2, 4, "Am7"), ChordSpan(4, 5, "N"), ChordSpan(5, 8, "F#m")]
    fig = chord_figure(chords, duration_s=8.0)
    ax = fig.axes[0]
    boxes = [p for p in ax.patches if p.get_gid() == "chords"]
    assert len(boxes) == 4 and all(isinstance(b, Rectangle) for b in boxes)
    assert [t.get_text() for t in ax.texts if t.get_gid() == "chord-labels"] == ["C", "Am7", "N", "F#m"]
    assert boxes[2].get_facecolor()[:3] == (1.0, 1.0, 1.0)  # no chord: blank
    assert boxes[0].get_facecolor() != boxes[1].get_facecolor()
    assert ax.get_xlabel() == "Time (m:ss)" and ax.get_xlim() == (0.0, 8.0)


def test_chord_roots() -> None:
    assert [chord_root(c) for c in ("C", "C#m", "Db7", "Bb", "B", "N", "")] == [0, 1, 1, 10, 11, None, None]


def test_piano_roll_draws_one_bar_per_note() -> None:
    notes = [Note(0.0, 0.5, 60), Note(0.5, 1.0, 64, velocity=40), Note(1.0, 2.0, 67), Note(1.0, 2.0, 72)]
    fig = piano_roll_figure(notes, duration_s=2.0)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_gid() == "notes"]
    assert len(bars) == 4
    assert ax.get_ylabel() == "Pitch"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["C4", "C5"]
    quiet, loud = bars[1].get_facecolor()[3], bars[0].get_facecolor()[3]
    assert quiet < loud


def test_note_names() -> None:
    assert [note_name(p) for p in (21, 60, 61, 69, 108)] == ["A0", "C4", "C#4", "A4", "C8"]


def test_empty_piano_roll_and_chords_still_draw() -> None:
    assert piano_roll_figure([]).axes and chord_figure([]).axes


def test_spectrogram_shows_the_tone_where_it_is() -> None:
    fig = spectrogram_figure(tone(2.0, freq=1000.0), SR)
    ax = fig.axes[0]
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    assert mesh.get_gid() == "spectrogram"
    assert ax.get_yscale() == "log" and ax.get_ylabel() == "Frequency (Hz)"
    assert ax.get_xlabel() == "Time (m:ss)"
    levels = np.asarray(mesh.get_array()).reshape(-1, mesh.get_coordinates().shape[1] - 1)
    freqs = mesh.get_coordinates()[:, 0, 1]
    peak_row = int(np.argmax(levels.mean(axis=1)))
    assert 900 < freqs[peak_row] < 1100
    assert len(fig.axes) == 2  # the colour bar, labelled in dBFS
    assert fig.axes[1].get_ylabel() == "Level (dBFS)"
