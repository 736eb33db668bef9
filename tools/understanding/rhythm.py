"""Tempo, beats, downbeats and meter: madmom's downbeat BLSTM + DBN, or librosa's beat tracker."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.backends import LIBROSA, MADMOM, import_madmom, use
from tools.understanding.models import Rhythm


def tempo_from_beats(beats: np.ndarray) -> tuple[float | None, float]:
    """Tempo in BPM from beat times and a 0-1 steadiness confidence.

    The tempo is 60 over the mean of the inter-beat intervals within 8% of their median (the mean, not
    the median, so that frame-quantised beats do not bias it); the confidence is the share of such
    intervals. None, 0.0 when there
    are fewer than :data:`MIN_BEATS_FOR_TEMPO` beats.
    """
    if len(beats) < C.MIN_BEATS_FOR_TEMPO:
        return None, 0.0
    ibi = np.diff(beats)
    med = float(np.median(ibi))
    if med <= 0:
        return None, 0.0
    ok = np.abs(ibi - med) <= 0.08 * med
    return 60.0 / float(ibi[ok].mean()), float(ok.mean())


def _result(beats: np.ndarray, downbeats: np.ndarray, beats_per_bar: int | None, backend: str) -> Rhythm:
    tempo, conf = tempo_from_beats(beats)
    alternatives = [round(tempo / 2, 2), round(tempo * 2, 2)] if tempo else []
    meter = f"{beats_per_bar}/4" if beats_per_bar and tempo else None
    return Rhythm(
        tempo_bpm=round(tempo, 2) if tempo else None,
        tempo_confidence=round(conf, 3),
        tempo_alternatives=alternatives,
        beats=[round(float(b), 3) for b in beats],
        downbeats=[round(float(b), 3) for b in downbeats] if tempo else [],
        meter=meter,
        backend=backend,
    )


def _madmom_activations(samples_44k: np.ndarray) -> np.ndarray:
    """Beat and downbeat activations (frames at 100 fps, 2 columns) from madmom's downbeat BLSTM."""
    import_madmom()
    from madmom.audio.signal import FramedSignal, Signal
    from madmom.audio.spectrogram import (
        FilteredSpectrogram,
        LogarithmicSpectrogram,
        SpectrogramDifference,
    )
    from madmom.audio.stft import ShortTimeFourierTransform
    from madmom.ml.nn import NeuralNetwork
    from madmom.models import DOWNBEATS_BLSTM

    sig = Signal(samples_44k, sample_rate=C.ANALYSIS_SAMPLE_RATE_HZ, num_channels=1)
    feats = []
    for frame_size, bands in ((1024, 3), (2048, 6), (4096, 12)):
        frames = FramedSignal(sig, frame_size=frame_size, fps=C.BEAT_FPS)
        spec = FilteredSpectrogram(
            ShortTimeFourierTransform(frames), num_bands=bands, fmin=30, fmax=17000, norm_filters=True
        )
        log = LogarithmicSpectrogram(spec, mul=1, add=1)
        diff = SpectrogramDifference(log, diff_ratio=0.5, positive_diffs=True)
        feats.append(np.hstack([np.asarray(log), np.asarray(diff)]))
    x = np.hstack(feats)
    acts = np.mean([NeuralNetwork.load(f)(x) for f in DOWNBEATS_BLSTM[: C.DOWNBEAT_NETWORKS]], axis=0)
    return np.asarray(acts[:, 1:], dtype=np.float64)


def _decode_in_chunks(acts: np.ndarray, dbn: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """(time s, position in bar) rows from the DBN, decoded chunk by chunk with overlapping context so
    that memory stays bounded for long tracks."""
    fps = C.BEAT_FPS
    chunk, overlap = int(C.DBN_CHUNK_S * fps), int(C.DBN_OVERLAP_S * fps)
    if len(acts) <= chunk + 2 * overlap:
        return np.asarray(dbn(acts)).reshape(-1, 2)
    rows = []
    for start in range(0, len(acts), chunk):
        a, b = max(0, start - overlap), min(len(acts), start + chunk + overlap)
        res = np.asarray(dbn(acts[a:b])).reshape(-1, 2)
        times = res[:, 0] + a / fps
        keep = (times >= start / fps) & (times < min(len(acts), start + chunk) / fps)
        rows.append(np.column_stack([times[keep], res[keep, 1]]))
    out = np.vstack(rows)
    return out[np.concatenate([[True], np.diff(out[:, 0]) > 0.1])]  # no doubled beat at a seam


def _madmom(samples_44k: np.ndarray) -> Rhythm:
    import_madmom()
    from madmom.features.downbeats import DBNDownBeatTrackingProcessor

    acts = _madmom_activations(samples_44k)
    dbn = DBNDownBeatTrackingProcessor(
        beats_per_bar=list(C.BEATS_PER_BAR_CHOICES),
        fps=C.BEAT_FPS,
        min_bpm=C.MIN_TEMPO_BPM,
        max_bpm=C.MAX_TEMPO_BPM,
    )
    out = _decode_in_chunks(acts, dbn)
    if out.size == 0:
        return _result(np.zeros(0), np.zeros(0), None, MADMOM.name)
    beats, positions = out[:, 0], out[:, 1].astype(int)
    return _result(beats, beats[positions == 1], int(positions.max()), MADMOM.name)


def _librosa(samples_22k: np.ndarray) -> Rhythm:
    import librosa

    sr = C.DSP_SAMPLE_RATE_HZ
    hop = 512
    onset = librosa.onset.onset_strength(y=samples_22k, sr=sr, hop_length=hop)
    _, frames = librosa.beat.beat_track(onset_envelope=onset, sr=sr, hop_length=hop, trim=False)
    beats = librosa.frames_to_time(frames, sr=sr, hop_length=hop)
    if len(beats) < C.MIN_BEATS_FOR_TEMPO:
        return _result(beats, np.zeros(0), None, LIBROSA.name)
    # downbeats: the phase (of 4) whose beats carry the most low-frequency onset energy
    mel = librosa.feature.melspectrogram(y=samples_22k, sr=sr, hop_length=hop, n_mels=32, fmax=250)
    low = librosa.onset.onset_strength(S=librosa.power_to_db(mel), sr=sr, hop_length=hop)
    strength = low[np.clip(frames, 0, len(low) - 1)]
    per_bar = 4
    phase = int(np.argmax([strength[p::per_bar].mean() for p in range(per_bar)]))
    return _result(beats, beats[phase::per_bar], per_bar, LIBROSA.name)


def analyze_rhythm(samples_44k: np.ndarray, samples_22k: np.ndarray) -> Rhythm:
    """Tempo (BPM), beats and downbeats (seconds) and meter of mono audio (44.1 kHz and 22.05 kHz copies)."""
    if use(MADMOM):
        return _madmom(samples_44k)
    return _librosa(samples_22k)
