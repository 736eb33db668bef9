"""Check a rendered song with our own analysers (tools.understanding): tempo, key and length.

Tempo in BPM, durations in seconds. The tempo and key are measured on an excerpt (the middle of the
song, where every part plays) to keep the check to a few seconds.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace

DEFAULT_EXCERPT_S = 30.0
"""Length of the excerpt whose tempo is measured, in seconds."""
KEY_EXCERPT_S = 120.0
"""Length of the excerpt whose key is measured, in seconds (the key needs the cadences)."""


class Measured(BaseModel):
    """What the analysers heard in the rendered audio."""

    tempo_bpm: float | None = Field(description="Measured tempo, in BPM (None: no steady beat).")
    key: str | None = Field(description="Measured key, e.g. 'D minor' (None: no clear key).")
    key_confidence: float = Field(description="0-1.")
    duration_s: float = Field(description="Length of the audio, in seconds.")
    excerpt_s: tuple[float, float] = Field(description="(start, end) of the excerpt analysed, in seconds.")


def excerpt_bounds(duration_s: float, max_s: float) -> tuple[float, float]:
    """(start, end) seconds of the analysed excerpt: the whole song when short, else ``max_s``
    seconds centred a little after the middle."""
    if duration_s <= max_s:
        return 0.0, duration_s
    start = max(0.0, min(duration_s - max_s, duration_s * 0.55 - max_s / 2))
    return start, start + max_s


def measure_samples(samples: np.ndarray, sample_rate: int, max_s: float = DEFAULT_EXCERPT_S) -> Measured:
    """Tempo and key of ``samples`` ((channels, n) or mono float) heard by our analysers."""
    import soxr

    from tools.understanding.backends import MADMOM, use
    from tools.understanding.rhythm import analyze_rhythm
    from tools.understanding.tonality import analyze_key, chroma_22k

    mono = samples.mean(axis=0) if samples.ndim == 2 else samples
    mono = mono.astype(np.float32)
    if sample_rate != C.ANALYSIS_SAMPLE_RATE_HZ:
        mono = soxr.resample(mono, sample_rate, C.ANALYSIS_SAMPLE_RATE_HZ).astype(np.float32)
    duration = len(mono) / C.ANALYSIS_SAMPLE_RATE_HZ
    a, b = excerpt_bounds(duration, max_s)
    x44 = mono[int(a * C.ANALYSIS_SAMPLE_RATE_HZ) : int(b * C.ANALYSIS_SAMPLE_RATE_HZ)]
    x22 = soxr.resample(x44, C.ANALYSIS_SAMPLE_RATE_HZ, C.DSP_SAMPLE_RATE_HZ).astype(np.float32)
    rhythm = analyze_rhythm(x44, x22)
    chroma = None if use(MADMOM) else chroma_22k(x22)
    ka, kb = excerpt_bounds(duration, KEY_EXCERPT_S)
    k44 = mono[int(ka * C.ANALYSIS_SAMPLE_RATE_HZ) : int(kb * C.ANALYSIS_SAMPLE_RATE_HZ)]
    if chroma is not None:
        chroma = chroma_22k(
            soxr.resample(k44, C.ANALYSIS_SAMPLE_RATE_HZ, C.DSP_SAMPLE_RATE_HZ).astype(np.float32)
        )
    tonality = analyze_key(k44, chroma, kb - ka)
    return Measured(
        tempo_bpm=rhythm.tempo_bpm,
        key=tonality.key,
        key_confidence=tonality.key_confidence,
        duration_s=round(duration, 3),
        excerpt_s=(round(a, 2), round(b, 2)),
    )


def measure_file(path: str, max_s: float = DEFAULT_EXCERPT_S) -> Measured:
    """:func:`measure_samples` of an audio file."""
    from tools.audio.decode import decode_audio

    audio = decode_audio(path, C.ANALYSIS_SAMPLE_RATE_HZ, allow_silent=True)
    return measure_samples(audio.samples, audio.sample_rate, max_s)


def same_key(a: str | None, b: str | None) -> bool:
    """True when two 'D minor'-style keys name the same tonic and mode (enharmonics count)."""
    from tools.generation.theory import parse_key, pitch_class

    if not a or not b:
        return False
    pa, pb = parse_key(a), parse_key(b)
    return bool(pa and pb and pitch_class(pa[0]) == pitch_class(pb[0]) and pa[1] == pb[1])
