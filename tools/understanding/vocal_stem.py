"""Is someone singing under the band? The pitch evidence of :mod:`tools.understanding.vocals`, measured
again on the separation tool's vocals stem.

In a mix the strongest pitch is often an instrument, so the mixture's contour misses a voice behind a
band. The DSP separator (HPSS + REPET-SIM, :mod:`tools.separation.dsp`) strips what repeats and what
is percussive; when a voice is there, the stem's strongest pitch becomes the voice and its contour
reads far more voice-like than the mixture's. A solo instrument or a band without a voice reads about
the same in both (measured: -0.02 to +0.02 on the 11 real instrumental clips where both read, +0.23 on
the MUSDB mixture, +0.08 to +0.87 on a vocadito voice over a real band; ``benchmarks/tagging_real.py``).
The stem is cut from the middle of the track and the mixture's evidence covers all of it, so on long
tracks the two readings are of different stretches. The stem's energy share is not used:
the separator puts 0.8-0.9 of a solo flute, piano or guitar harmonics in the vocals stem and under 0.2
of a solo voice.

Cost: one DSP separation and one basic-pitch pass over at most :data:`STEM_WINDOW_S` seconds, so the
tagger runs it only when the other evidence does not already say "vocals" and, with musicnn's voice,
only where that voice reads at least :data:`tools.understanding.tags.MUSICNN_STEM_VOICE_MIN` (see
:func:`tools.understanding.tags.needs_stem`).
"""

from __future__ import annotations

import numpy as np

from tools.understanding.vocals import VocalEvidence

STEM_WINDOW_S: float = 10.0
"""Longest stretch (seconds, from the middle of the track) that is separated and measured. The
separation is most of the cost and grows faster than the length (REPET-SIM compares every frame with
every other): warm, 1.2 s for 10 s against 1.8-2.4 s for 15 s on two loaded cores. The benchmark's
figures are the same with 10, 15 or 30 s (its voices are 7-15 s long)."""

SAMPLE_RATE: int = 22050
"""Sample rate of the analysis audio the stem is cut from, in Hz."""


def stem_window(samples_22k: np.ndarray) -> np.ndarray:
    """At most :data:`STEM_WINDOW_S` seconds from the middle of mono 22.05 kHz samples."""
    n = int(STEM_WINDOW_S * SAMPLE_RATE)
    if len(samples_22k) <= n:
        return samples_22k
    start = (len(samples_22k) - n) // 2
    return samples_22k[start : start + n]


def vocal_stem_evidence(samples_22k: np.ndarray) -> VocalEvidence:
    """The pitch-contour evidence of the DSP separator's vocals stem of (the middle 10 s of) mono
    22.05 kHz audio; empty (``score()`` None) for a silent window or too little pitched sound."""
    from tools.separation.api import separate_samples
    from tools.understanding.notes import transcribe

    evidence = VocalEvidence()
    x = np.asarray(stem_window(samples_22k), dtype=np.float32)
    if x.size == 0 or float(np.max(np.abs(x))) <= 1e-3:  # the separator refuses silence (-60 dBFS)
        return evidence
    vocals = separate_samples(x[None], SAMPLE_RATE, backend="dsp", layout="two").stems["vocals"][0]
    transcribe(np.ascontiguousarray(vocals, dtype=np.float32), evidence)
    return evidence
