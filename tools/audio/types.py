"""The in-memory audio signal passed between the audio functions and the editing tools."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Audio:
    """Decoded audio: float32 samples shaped ``(channels, n_samples)`` at ``sample_rate`` Hz.

    Full scale is ±1.0 (0 dBFS). Instances are treated as immutable: functions return new ones.
    """

    samples: np.ndarray
    sample_rate: int

    def __post_init__(self) -> None:
        samples = np.asarray(self.samples)
        if samples.ndim == 1:
            samples = samples[np.newaxis, :]
        if samples.ndim != 2:
            raise ValueError(f"audio samples must be shaped (channels, n_samples), got {samples.shape}")
        if samples.dtype != np.float32:
            samples = samples.astype(np.float32)
        if self.sample_rate <= 0:
            raise ValueError(f"sample rate must be positive, got {self.sample_rate}")
        object.__setattr__(self, "samples", samples)
        object.__setattr__(self, "sample_rate", int(self.sample_rate))

    @property
    def channels(self) -> int:
        """Number of channels."""
        return int(self.samples.shape[0])

    @property
    def n_samples(self) -> int:
        """Number of samples per channel."""
        return int(self.samples.shape[1])

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return self.n_samples / self.sample_rate

    def with_samples(self, samples: np.ndarray) -> Audio:
        """A new Audio at the same sample rate holding ``samples`` (channels, n_samples)."""
        return Audio(samples, self.sample_rate)
