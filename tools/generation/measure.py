"""Check a rendered song with our own analysers (tools.understanding): tempo, key and length.

Tempo in BPM, durations in seconds. The tempo and key are measured on an excerpt (the middle of the
song, where every part plays) to keep the check to a few seconds.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from tools.generation.project import SongProject
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


class VocalCheck(BaseModel):
    """How closely a sung stem follows its notes (pYIN pitch on the audio)."""

    median_cents: float = Field(description="Median |pitch error| over voiced frames inside notes, in cents.")
    voiced_share: float = Field(description="Share of the frames inside notes that are voiced, 0-1.")
    onset_errors_s: list[float | None] = Field(
        description="Per note: (first voiced frame within 50 cents of its pitch) - (its onset), in "
        "seconds; None when no such frame starts within 0.2 s."
    )

    @property
    def median_onset_error_s(self) -> float:
        """Median |onset error| over the notes that were found, in seconds."""
        found = [abs(e) for e in self.onset_errors_s if e is not None]
        return float(np.median(found)) if found else float("inf")


def check_vocal(
    samples: np.ndarray, sample_rate: int, notes: list[tuple[float, float, int]], edge_s: float = 0.03
) -> VocalCheck:
    """Compare a sung (mono or (channels, n)) stem with ``notes`` = (onset s, length s, MIDI pitch):
    librosa's pYIN f0 against each note's pitch, ignoring ``edge_s`` at both ends of every note."""
    import librosa
    import soxr

    mono = samples.mean(axis=0) if samples.ndim == 2 else samples
    sr, hop = C.DSP_SAMPLE_RATE_HZ, 256
    y = soxr.resample(mono.astype(np.float32), sample_rate, sr).astype(np.float32)
    f0, voiced, _ = librosa.pyin(y, fmin=80.0, fmax=1100.0, sr=sr, hop_length=hop, frame_length=2048)
    times = np.arange(len(f0)) * hop / sr
    errors, inside = [], 0
    onsets: list[float | None] = []
    for start, length, pitch in notes:
        ref = librosa.midi_to_hz(pitch)
        sel = (times >= start + edge_s) & (times < start + length - edge_s)
        inside += int(sel.sum())
        ok = sel & voiced
        errors.extend(np.abs(1200 * np.log2(f0[ok] / ref)).tolist())
        near = np.flatnonzero((times >= start - 0.1) & (times <= start + 0.2) & voiced)
        hit = [i for i in near if abs(1200 * np.log2(f0[i] / ref)) < 50]
        onsets.append(round(float(times[hit[0]] - start), 4) if hit else None)
    return VocalCheck(
        median_cents=round(float(np.median(errors)), 2) if errors else float("inf"),
        voiced_share=round(len(errors) / max(1, inside), 3),
        onset_errors_s=onsets,
    )


MINOR_QUALITIES = frozenset({"min", "min7", "min6", "min9", "dim", "dim7", "hdim7", "minmaj7"})


def chord_family(label: str) -> tuple[int, str] | None:
    """(root pitch class, 'maj' or 'min') of a Harte-like label; None for no chord ('N', 'X')."""
    from tools.generation.theory import pitch_class

    if label in ("N", "X", ""):
        return None
    root, _, quality = label.partition(":")
    quality = quality.split("/")[0] or "maj"
    return pitch_class(root), "min" if quality in MINOR_QUALITIES else "maj"


class ChordCheck(BaseModel):
    """How many bars of a rendered song our chord recogniser hears as written."""

    share: float = Field(description="Share of bars whose heard chord has the written root and quality, 0-1.")
    bars: int = Field(description="Bars compared.")
    heard: list[str] = Field(description="Per bar: the chord heard for most of the bar ('N': none).")
    written: list[str] = Field(description="Per bar: the project's chord.")
    backend: str


def check_chords(samples: np.ndarray, sample_rate: int, project: SongProject) -> ChordCheck:
    """Recognise chords in ``samples`` (our analyser: madmom's deep-chroma recogniser, or chroma
    templates) and compare each bar's longest-heard chord with the project's chord of that bar
    (root and major/minor quality; one chord per bar is compared: the bar's first)."""
    import soxr

    from tools.understanding.harmony import analyze_chords
    from tools.understanding.tonality import chroma_22k

    mono = samples.mean(axis=0) if samples.ndim == 2 else samples
    mono = mono.astype(np.float32)
    if sample_rate != C.ANALYSIS_SAMPLE_RATE_HZ:
        mono = soxr.resample(mono, sample_rate, C.ANALYSIS_SAMPLE_RATE_HZ).astype(np.float32)
    x22 = soxr.resample(mono, C.ANALYSIS_SAMPLE_RATE_HZ, C.DSP_SAMPLE_RATE_HZ).astype(np.float32)
    duration = len(mono) / C.ANALYSIS_SAMPLE_RATE_HZ
    from tools.understanding.backends import MADMOM, use

    chroma = None if use(MADMOM) else chroma_22k(x22)
    segments, backend = analyze_chords(mono, chroma, duration)
    heard, written, hits = [], [], 0
    bpb = project.beats_per_bar
    bar = 0
    for sec in project.sections:
        per = max(1, sec.chords_per_bar)
        for i in range(sec.bars):
            a, b = project.seconds_at(bar * bpb), project.seconds_at((bar + 1) * bpb)
            bar += 1
            want = sec.chords[(i * per) % len(sec.chords)]
            overlap: dict[str, float] = {}
            for s in segments:
                o = min(b, s.end) - max(a, s.start)
                if o > 0:
                    overlap[s.label] = overlap.get(s.label, 0.0) + o
            got = max(overlap, key=lambda k: overlap[k]) if overlap else "N"
            heard.append(got)
            written.append(want)
            hits += chord_family(got) == chord_family(want) and chord_family(want) is not None
    return ChordCheck(
        share=round(hits / max(1, len(written)), 3),
        bars=len(written),
        heard=heard,
        written=written,
        backend=backend,
    )
