"""Reading stored audio for the plots: decoded once per file (stored versions never change)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from tools.audio.decode import decode_audio
from ui.app.plots import Envelope, envelope_from_samples

SPECTROGRAM_RATE_HZ = 22050
"""Sample rate, in Hz, audio is resampled to before drawing a spectrogram (shows up to 11 kHz)."""

ENVELOPE_POINTS = 700
"""Time bins of a waveform envelope (about one per pixel of the drawn plot: finer bins only alias)."""


@lru_cache(maxsize=32)
def load_envelope(path: str, points: int = ENVELOPE_POINTS) -> Envelope:
    """The waveform envelope of the audio (or a video's sound) at ``path``; ToolError when unreadable.

    Cached by path: the workspace's files are content-addressed and never rewritten.
    """
    audio = decode_audio(path, allow_silent=True)
    return envelope_from_samples(audio.samples, audio.sample_rate, points)


@lru_cache(maxsize=4)
def load_mono(path: str, sample_rate: int = SPECTROGRAM_RATE_HZ) -> tuple[np.ndarray, int]:
    """Mono samples (full scale ±1) of ``path`` at ``sample_rate`` Hz, for the spectrogram."""
    audio = decode_audio(path, sample_rate=sample_rate, mono=True, allow_silent=True)
    return audio.samples[0], audio.sample_rate
