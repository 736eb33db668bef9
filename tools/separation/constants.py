"""Names and tuning of the separators, each with its unit."""

from __future__ import annotations

FOUR_STEMS: tuple[str, ...] = ("vocals", "drums", "bass", "other")
"""The four-stem layout (the MUSDB18 / Demucs convention)."""

TWO_STEMS: tuple[str, ...] = ("vocals", "accompaniment")
"""The two-stem layout: the voice and everything else."""

DSP_SAMPLE_RATE: int = 44_100
"""Sample rate the DSP separator works at, in Hz (stems are resampled back to the source's rate)."""

N_FFT: int = 4096
"""STFT frame length, in samples at ``DSP_SAMPLE_RATE`` (93 ms)."""

HOP: int = 1024
"""STFT hop, in samples at ``DSP_SAMPLE_RATE`` (23 ms)."""

HPSS_KERNEL_FRAMES: int = 17
"""Median-filter length across time for the harmonic estimate, in STFT frames (0.4 s)."""

HPSS_KERNEL_BINS: int = 17
"""Median-filter length across frequency for the percussive estimate, in bins (180 Hz)."""

REPET_NEIGHBOURS: int = 12
"""How many most-similar frames REPET-SIM takes the median of to model the repeating background."""

REPET_MIN_GAP_S: float = 0.5
"""Similar frames closer than this to the frame being modelled, in seconds, are not used (they are it)."""

VOCAL_LOW_HZ: float = 200.0
"""Below this frequency, in Hz, nothing is given to the vocals."""

VOCAL_HIGH_HZ: float = 11_000.0
"""Above this frequency, in Hz, nothing is given to the vocals."""

BASS_CUTOFF_HZ: float = 220.0
"""Harmonic background below this frequency, in Hz, is the bass (smooth crossover one octave wide)."""

MASK_POWER: float = 1.0
"""Exponent of the soft masks: 1 = magnitude ratio, 2 = power ratio (Wiener-like). These values were
chosen on the MUSDB18 sample clip; the held-out check is the vocadito + CC BY mixture in the benchmark."""

CHUNK_S: float = 30.0
"""Long tracks are separated in chunks this long, in seconds (bounds memory and REPET's similarity matrix)."""

OVERLAP_S: float = 2.0
"""Consecutive chunks overlap by this much, in seconds, and are cross-faded there."""

SILENT_PEAK_DBFS: float = -60.0
"""A track whose peak is below this level, in dBFS, has nothing to separate."""

DEMUCS_SEGMENT_OVERLAP: float = 0.25
"""Fraction by which Demucs's own segments overlap."""
