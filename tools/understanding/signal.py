"""The audio every analysis reads: decoded once (mono 44.1 kHz), with a cheap check of what it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from tools.audio.decode import decode_audio
from tools.audio.types import Audio
from tools.understanding import constants as C  # noqa: N812 - reads as a namespace

Content = Literal["music", "silence", "noise", "too_short"]


@dataclass
class AnalysisAudio:
    """Mono samples at 44.1 kHz plus the stereo original's loudness input; ``content`` says what it is."""

    samples: np.ndarray
    """Mono float32 samples at :data:`ANALYSIS_SAMPLE_RATE_HZ`."""
    original: Audio
    """The decoded audio at 44.1 kHz with its own channels (used for loudness)."""
    content: Content
    rms_dbfs: float
    flatness: float
    _dsp: np.ndarray | None = field(default=None, repr=False)

    @property
    def sample_rate(self) -> int:
        """Sample rate of :attr:`samples`, in Hz."""
        return C.ANALYSIS_SAMPLE_RATE_HZ

    @property
    def duration_s(self) -> float:
        """Length, in seconds."""
        return len(self.samples) / C.ANALYSIS_SAMPLE_RATE_HZ

    def dsp_samples(self) -> np.ndarray:
        """Mono float32 samples resampled to :data:`DSP_SAMPLE_RATE_HZ` (computed once)."""
        if self._dsp is None:
            import soxr

            self._dsp = soxr.resample(self.samples, C.ANALYSIS_SAMPLE_RATE_HZ, C.DSP_SAMPLE_RATE_HZ).astype(
                np.float32
            )
        return self._dsp


def spectral_flatness(samples: np.ndarray, sample_rate: int) -> float:
    """Mean spectral flatness (0 = tonal, 1 = white noise) over loud frames of 2048 samples, 50-8000 Hz."""
    n = 2048
    frames = len(samples) // n
    if frames == 0:
        return 0.0
    step = max(1, frames // 400)  # at most ~400 frames: enough for a global figure
    x = samples[: frames * n].reshape(frames, n)[::step]
    energy = (x**2).mean(axis=1)
    loud = energy >= energy.max() * 1e-3
    spec = np.abs(np.fft.rfft(x[loud] * np.hanning(n), axis=1)) ** 2 + 1e-12
    freqs = np.fft.rfftfreq(n, 1.0 / sample_rate)
    band = (freqs >= 50) & (freqs <= 8000)
    spec = spec[:, band]
    flat = np.exp(np.log(spec).mean(axis=1)) / spec.mean(axis=1)
    return float(np.median(flat))


def classify_content(samples: np.ndarray, sample_rate: int) -> tuple[Content, float, float]:
    """What ``samples`` hold (music, silence, noise or too short), their RMS level in dBFS and flatness."""
    rms = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if len(samples) else 0.0
    rms_dbfs = 20 * np.log10(rms) if rms > 0 else -np.inf
    if rms_dbfs < C.SILENCE_RMS_DBFS:
        return "silence", float(rms_dbfs), 0.0
    flat = spectral_flatness(samples, sample_rate)
    if len(samples) / sample_rate < C.MIN_ANALYSIS_DURATION_S:
        return "too_short", float(rms_dbfs), flat
    if flat >= C.NOISE_FLATNESS_MIN:
        return "noise", float(rms_dbfs), flat
    return "music", float(rms_dbfs), flat


def load_analysis_audio(path: str | Path, display_name: str | None = None) -> AnalysisAudio:
    """Decode ``path`` (audio, or a video's sound track) once at 44.1 kHz and classify its content.

    Raises ToolError for files that are not audio, corrupt, empty or too long (see ``decode_audio``).
    """
    audio = decode_audio(path, C.ANALYSIS_SAMPLE_RATE_HZ, allow_silent=True, display_name=display_name)
    mono = audio.samples.mean(axis=0).astype(np.float32) if audio.channels > 1 else audio.samples[0]
    content, rms_dbfs, flat = classify_content(mono, C.ANALYSIS_SAMPLE_RATE_HZ)
    return AnalysisAudio(samples=mono, original=audio, content=content, rms_dbfs=rms_dbfs, flatness=flat)
