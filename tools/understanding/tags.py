"""Tags measured from the audio and the other analyses: instrument families, mood words.

No instrument/genre classifier ships offline here, so this tagger reports only what it can measure:
percussion (share of percussive energy, harmonic-percussive separation), bass (notes at or below B2
carrying a share of the note time), pitched instruments (notes present) and mood words from mode,
tempo, loudness and note density. Vocals and genre stay unknown (None / empty) rather than guessed.
"""

from __future__ import annotations

import numpy as np

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.models import Loudness, Note, Rhythm, Scored, Tags, Tonality

BASS_MAX_PITCH: int = 47
"""Notes at or below this MIDI pitch (B2) count as bass."""


PERCUSSION_EXCERPT_S: float = 10.0
"""Length of each excerpt the percussive share is measured on, in seconds."""

PERCUSSION_EXCERPTS: int = 4
"""Most excerpts (evenly spread over the track) the percussive share is measured on."""


def percussive_share(samples_22k: np.ndarray) -> float:
    """Share (0-1) of spectral energy in the percussive part of a harmonic-percussive separation.

    Measured on at most :data:`PERCUSSION_EXCERPTS` contiguous excerpts of
    :data:`PERCUSSION_EXCERPT_S` seconds spread evenly over the track (the median filters of the
    separation cost seconds per minute of audio; a global share needs only a sample of it).
    """
    import librosa

    sr = C.DSP_SAMPLE_RATE_HZ
    n = int(PERCUSSION_EXCERPT_S * sr)
    if len(samples_22k) <= n * PERCUSSION_EXCERPTS:
        pieces = [samples_22k]
    else:
        starts = np.linspace(0, len(samples_22k) - n, PERCUSSION_EXCERPTS).astype(int)
        pieces = [samples_22k[s : s + n] for s in starts]
    harm_e = perc_e = 0.0
    for piece in pieces:
        spec = np.abs(librosa.stft(piece, n_fft=2048, hop_length=1024))
        harm, perc = librosa.decompose.hpss(spec)
        harm_e += float((harm**2).sum())
        perc_e += float((perc**2).sum())
    total = harm_e + perc_e
    return perc_e / total if total > 0 else 0.0


def _clip01(x: float) -> float:
    return round(float(min(1.0, max(0.0, x))), 3)


def analyze_tags(
    samples_22k: np.ndarray,
    notes: list[Note],
    rhythm: Rhythm | None,
    tonality: Tonality | None,
    loudness: Loudness,
    duration_s: float,
) -> Tags:
    """Instrument families, vocals (None: not measured), genre (empty) and mood words, each scored 0-1."""
    instruments: list[Scored] = []
    perc = percussive_share(samples_22k)
    instruments.append(Scored(label="drums/percussion", score=_clip01((perc - 0.15) / 0.35)))
    note_time = sum(n.end - n.start for n in notes)
    bass_time = sum(n.end - n.start for n in notes if n.pitch <= BASS_MAX_PITCH)
    if note_time > 0:
        instruments.append(Scored(label="bass", score=_clip01(4 * bass_time / note_time)))
        instruments.append(
            Scored(label="pitched instruments", score=_clip01(note_time / max(duration_s, 1e-9)))
        )
    instruments.sort(key=lambda s: -s.score)

    mood: list[Scored] = []
    tempo = rhythm.tempo_bpm if rhythm else None
    lufs = loudness.integrated_lufs
    density = len(notes) / max(duration_s, 1e-9)
    arousal = np.mean(
        [
            (tempo - 70) / 80 if tempo else 0.3,
            ((lufs + 30) / 20) if lufs is not None else 0.0,
            min(1.0, density / 10),
        ]
    )
    mood.append(Scored(label="energetic", score=_clip01(arousal)))
    mood.append(Scored(label="calm", score=_clip01(1 - arousal)))
    if tonality and tonality.key:
        minor = tonality.key.endswith("minor")
        conf = tonality.key_confidence
        mood.append(Scored(label="dark" if minor else "bright", score=_clip01(0.5 + 0.5 * conf)))
    mood.sort(key=lambda s: -s.score)
    return Tags(instruments=instruments, vocals=None, genre=[], mood=mood, backend="librosa+heuristics")
