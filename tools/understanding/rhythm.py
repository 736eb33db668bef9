"""Tempo, beats, downbeats and meter: madmom's downbeat BLSTM + DBN, or librosa's beat tracker."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

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


def tempo_salience(envelope: np.ndarray, fps: float) -> tuple[np.ndarray, np.ndarray]:
    """Periodicity salience of a beat-activation or onset envelope: (tempo in BPM per lag, salience).

    The unbiased autocorrelation (each lag divided by its overlap), normalised to 1 at lag 0; entry ``i``
    is the lag of ``i`` frames, i.e. ``60 * fps / i`` BPM (lag 0 reads as infinite tempo). All zeros
    for a constant envelope.
    """
    x = np.asarray(envelope, dtype=np.float64)
    x = x - x.mean()
    n = len(x)
    bpm = 60.0 * fps / np.maximum(np.arange(n), 1e-9)
    if n < 2 or not np.any(x):
        return bpm, np.zeros(n)
    spec = np.fft.rfft(x, 2 * n)
    ac = np.fft.irfft(spec.real**2 + spec.imag**2)[:n]
    ac = ac / ac[0] * n / np.maximum(n - np.arange(n), 1)
    return bpm, ac


def tempo_prior(bpm: np.ndarray | float) -> np.ndarray:
    """Log-Gaussian preference for tempi (0-1): centre :data:`TEMPO_PRIOR_BPM`, width
    :data:`TEMPO_PRIOR_OCTAVES` octaves (the tapping-preference prior of Ellis's beat tracker)."""
    return np.exp(
        -0.5 * (np.log2(np.asarray(bpm, dtype=np.float64) / C.TEMPO_PRIOR_BPM) / C.TEMPO_PRIOR_OCTAVES) ** 2
    )


def global_tempo(envelope: np.ndarray, fps: float) -> tuple[float | None, float]:
    """The tactus tempo (BPM) of a whole beat-activation envelope and how much it stands out (0-1).

    Chooses the lag whose autocorrelation, weighted by :func:`tempo_prior`, is highest between
    :data:`MIN_TEMPO_BPM` and :data:`MAX_TEMPO_BPM` (refined by parabolic interpolation). This picks the
    metrical level (half/double/third) once for the whole track, which a beat tracker decoding short
    chunks cannot; the second value is the weighted salience of the winner over that of the best
    half- or double-time reading, mapped to 0-1 (0.5 = the two are equally supported). None, 0.0
    when the envelope has no periodicity.
    """
    bpm, ac = tempo_salience(envelope, fps)
    ok = (bpm >= C.MIN_TEMPO_BPM) & (bpm <= C.MAX_TEMPO_BPM)
    if not ok.any():
        return None, 0.0
    score = np.where(ok, np.clip(ac, 0.0, None) * tempo_prior(np.where(ok, bpm, 1.0)), 0.0)
    i = int(np.argmax(score))
    if score[i] <= 0:
        return None, 0.0
    lag = float(i)
    if 0 < i < len(score) - 1:  # parabolic refinement of the lag
        a, b, c = score[i - 1], score[i], score[i + 1]
        den = a - 2 * b + c
        if den < 0:
            lag += float(np.clip(0.5 * (a - c) / den, -0.5, 0.5))
    tempo = 60.0 * fps / lag
    rival = max(_peak_near(score, tempo / 2, fps), _peak_near(score, tempo * 2, fps))
    return tempo, float(score[i] / (score[i] + rival))


def _peak_near(values: np.ndarray, tempo_bpm: float, fps: float) -> float:
    """Largest of ``values`` (indexed by lag in frames) within 4% of the lag of ``tempo_bpm``."""
    j = 60.0 * fps / tempo_bpm
    lo, hi = max(1, int(j * 0.96)), min(len(values) - 1, int(np.ceil(j * 1.04)))
    return float(max(0.0, values[lo : hi + 1].max())) if hi >= lo else 0.0


def _alternatives(tempo: float, envelope: np.ndarray | None, fps: float) -> list[float]:
    """Half- and double-time readings (BPM), the one better supported by ``envelope`` (periodicity
    weighted by :func:`tempo_prior`) first."""
    alts = [tempo / 2, tempo * 2]
    if envelope is not None and len(envelope) > 2:
        _, ac = tempo_salience(envelope, fps)
        alts.sort(key=lambda t: -_peak_near(ac, t, fps) * float(tempo_prior(t)))
    return [round(t, 2) for t in alts]


def _result(
    beats: np.ndarray,
    downbeats: np.ndarray,
    beats_per_bar: int | None,
    backend: str,
    envelope: np.ndarray | None = None,
    fps: float = C.BEAT_FPS,
) -> Rhythm:
    tempo, conf = tempo_from_beats(beats)
    alternatives = _alternatives(tempo, envelope, fps) if tempo else []
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


_STFT_BLOCK_FRAMES = 1024
"""Frames transformed per batched FFT (bounds the memory of the framed signal)."""


@cache
def _log_filterbank(frame_size: int, bands: int) -> np.ndarray:
    """madmom's logarithmic filterbank (FFT bins x bands) for the beat network's input."""
    import_madmom()
    from madmom.audio.filters import LogarithmicFilterbank
    from madmom.audio.stft import fft_frequencies

    bank = LogarithmicFilterbank(
        fft_frequencies(frame_size // 2, C.ANALYSIS_SAMPLE_RATE_HZ),
        num_bands=bands,
        fmin=30,
        fmax=17000,
        norm_filters=True,
        unique_filters=True,
    )
    return np.asarray(bank, dtype=np.float32)


def _diff_frames(frame_size: int, hop: int) -> int:
    """madmom's difference distance: frames back to where the Hann window is below half its peak."""
    window = np.hanning(frame_size)
    first = int(np.argmax(window > 0.5 * window.max()))
    return int(max(1, round((frame_size / 2 - first) / hop)))


def beat_features(samples_44k: np.ndarray) -> np.ndarray:
    """The downbeat network's input (frames at 100 fps, 314 values): for STFT frames of 1024, 2048
    and 4096 samples, the log-filtered magnitude spectrogram (3, 6, 12 bands per octave, 30 Hz-17 kHz)
    and its positive difference. Equal to madmom's own preprocessing (checked in the tests), but
    framed with strides and transformed in batches (madmom loops over frames one FFT at a time)."""
    import scipy.fft

    x = np.asarray(samples_44k, dtype=np.float32)
    hop = C.ANALYSIS_SAMPLE_RATE_HZ // C.BEAT_FPS
    n_frames = int(np.ceil(len(x) / hop))
    feats = []
    for frame_size, bands in ((1024, 3), (2048, 6), (4096, 12)):
        half = frame_size // 2
        padded = np.concatenate([np.zeros(half, np.float32), x, np.zeros(frame_size + hop, np.float32)])
        frames = np.lib.stride_tricks.sliding_window_view(padded, frame_size)[::hop][:n_frames]
        window = np.hanning(frame_size).astype(np.float32)
        bank = _log_filterbank(frame_size, bands)
        spec = np.empty((n_frames, bank.shape[1]), np.float32)
        for f0 in range(0, n_frames, _STFT_BLOCK_FRAMES):
            block = frames[f0 : f0 + _STFT_BLOCK_FRAMES] * window
            mag = np.abs(scipy.fft.rfft(block, axis=1)[:, :half])
            spec[f0 : f0 + len(block)] = mag @ bank
        log = np.log10(spec + 1)
        d = _diff_frames(frame_size, hop)
        diff = np.zeros_like(log)
        diff[d:] = np.maximum(log[d:] - log[:-d], 0)
        feats.append(np.hstack([log, diff]))
    return np.hstack(feats)


@cache
def _downbeat_networks() -> list[Any]:
    """The first :data:`DOWNBEAT_NETWORKS` of madmom's downbeat BLSTMs, loaded once per process."""
    import_madmom()
    from madmom.ml.nn import NeuralNetwork
    from madmom.models import DOWNBEATS_BLSTM

    return [NeuralNetwork.load(f) for f in DOWNBEATS_BLSTM[: C.DOWNBEAT_NETWORKS]]


def _gate_weights(layer: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(input weights, recurrent weights, biases, peepholes) of an LSTM's gates, stacked in the order
    input gate, forget gate, cell, output gate (the cell has no peephole: zeros)."""
    gates = (layer.input_gate, layer.forget_gate, layer.cell, layer.output_gate)
    w = np.hstack([g.weights for g in gates]).astype(np.float32)
    r = np.hstack([g.recurrent_weights for g in gates]).astype(np.float32)
    bias = np.concatenate([g.bias for g in gates]).astype(np.float32)
    zeros = np.zeros_like(layer.cell.bias)
    peep = np.stack([g.peephole_weights if g.peephole_weights is not None else zeros for g in gates]).astype(
        np.float32
    )
    return w, r, bias, peep


def _bidirectional_lstm(layer: Any, xs: list[np.ndarray]) -> list[np.ndarray]:
    """madmom's BidirectionalLayer of peephole LSTMs on each sequence of ``xs`` (frames, inputs).

    All sequences and both directions step together as one batch, and the input projections are one
    matrix product up front (madmom steps each direction separately and multiplies the inputs frame by
    frame). Shorter sequences are padded after their end in each direction's own order, so the padding
    never reaches a kept output. Returns one (frames, 2 x hidden) array per sequence."""
    from scipy.special import expit

    fw, bw = _gate_weights(layer.fwd_layer), _gate_weights(layer.bwd_layer)
    hid, k, longest = len(layer.fwd_layer.cell.bias), len(xs), max(len(x) for x in xs)
    pre = np.zeros((2 * k, longest, 4 * hid), np.float32)
    for i, x in enumerate(xs):
        pre[i, : len(x)] = x @ fw[0] + fw[2]
        pre[k + i, : len(x)] = x[::-1] @ bw[0] + bw[2]
    rec = np.concatenate([np.repeat(fw[1][None], k, 0), np.repeat(bw[1][None], k, 0)])
    p_if = np.repeat(np.stack([np.concatenate(w[3][:2]) for w in (fw, bw)]), k, 0)  # input, forget
    p_out = np.repeat(np.stack([fw[3][3], bw[3][3]]), k, 0)
    h = np.zeros((2 * k, 1, hid), np.float32)
    c = np.zeros((2 * k, hid), np.float32)
    out = np.empty((2 * k, longest, hid), np.float32)
    two = 2 * hid
    for t in range(longest):
        z = pre[:, t] + np.matmul(h, rec)[:, 0]
        gates = expit(z[:, :two] + np.tile(c, 2) * p_if)
        c = np.tanh(z[:, two : 3 * hid]) * gates[:, :hid] + c * gates[:, hid:]
        h = (np.tanh(c) * expit(z[:, 3 * hid :] + c * p_out))[:, None, :]
        out[:, t] = h[:, 0]
    return [np.hstack([out[i, : len(x)], out[k + i, : len(x)][::-1]]) for i, x in enumerate(xs)]


def downbeat_network(net: Any, features: np.ndarray) -> np.ndarray:
    """One madmom downbeat BLSTM on :func:`beat_features`: (frames, 3) probabilities of no beat, beat,
    downbeat; same weights and maths as madmom's ``NeuralNetwork`` (checked in the tests).

    Long inputs are cut into pieces of :data:`BLSTM_PIECE_S` with :data:`BLSTM_CONTEXT_S` of context
    on each side that run as one batch, so the sequential recursion takes a piece's length of steps
    instead of the whole track's; the context lets the recurrent state settle before the kept part
    (activations differ from the whole-track pass by well under 1%, see the tests)."""
    x = np.asarray(features, dtype=np.float32)
    n = len(x)
    piece, ctx = int(C.BLSTM_PIECE_S * C.BEAT_FPS), int(C.BLSTM_CONTEXT_S * C.BEAT_FPS)
    starts = list(range(0, n, piece)) if n > piece + 2 * ctx else [0]
    spans = [(max(0, s - ctx), min(n, s + piece + ctx)) for s in starts] if len(starts) > 1 else [(0, n)]
    xs = [x[a:b] for a, b in spans]
    for layer in net.layers:
        if hasattr(layer, "fwd_layer"):
            xs = _bidirectional_lstm(layer, xs)
        else:
            xs = [layer.activate(v) for v in xs]
    if len(starts) == 1:
        return xs[0]
    kept = [v[s - a : min(n, s + piece) - a] for v, s, (a, _) in zip(xs, starts, spans, strict=True)]
    return np.vstack(kept)


def _madmom_activations(samples_44k: np.ndarray) -> np.ndarray:
    """Beat and downbeat activations (frames at 100 fps, 2 columns) from madmom's downbeat BLSTM."""
    x = beat_features(samples_44k)
    acts = np.mean([downbeat_network(net, x) for net in _downbeat_networks()], axis=0)
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
    envelope = acts.sum(axis=1)
    lo, hi = tempo_search_range(envelope, C.BEAT_FPS)
    dbn = DBNDownBeatTrackingProcessor(
        beats_per_bar=list(C.BEATS_PER_BAR_CHOICES), fps=C.BEAT_FPS, min_bpm=lo, max_bpm=hi
    )
    out = _decode_in_chunks(acts, dbn)
    if out.size == 0:
        return _result(np.zeros(0), np.zeros(0), None, MADMOM.name)
    beats, positions = out[:, 0], out[:, 1].astype(int)
    return _result(beats, beats[positions == 1], int(positions.max()), MADMOM.name, envelope, C.BEAT_FPS)


def tempo_search_range(envelope: np.ndarray, fps: float) -> tuple[float, float]:
    """(slowest, fastest) tempo in BPM the beat tracker may follow: within :data:`TEMPO_DRIFT_FACTOR`
    of the :func:`global_tempo` of ``envelope``, so that every chunk of a long track is decoded at the
    same metrical level; the full :data:`MIN_TEMPO_BPM`-:data:`MAX_TEMPO_BPM` range when there is no
    clear periodicity."""
    tempo, _ = global_tempo(envelope, fps)
    if tempo is None:
        return C.MIN_TEMPO_BPM, C.MAX_TEMPO_BPM
    return tempo / C.TEMPO_DRIFT_FACTOR, tempo * C.TEMPO_DRIFT_FACTOR


def _librosa(samples_22k: np.ndarray) -> Rhythm:
    import librosa

    sr = C.DSP_SAMPLE_RATE_HZ
    hop = 512
    fps = sr / hop
    onset = librosa.onset.onset_strength(y=samples_22k, sr=sr, hop_length=hop)
    tempo, _ = global_tempo(onset, fps)  # the same octave choice as the default backend's
    _, frames = librosa.beat.beat_track(
        onset_envelope=onset, sr=sr, hop_length=hop, trim=False, **({"bpm": tempo} if tempo else {})
    )
    beats = librosa.frames_to_time(frames, sr=sr, hop_length=hop)
    if len(beats) < C.MIN_BEATS_FOR_TEMPO:
        return _result(beats, np.zeros(0), None, LIBROSA.name, onset, fps)
    # downbeats: the phase (of 4) whose beats carry the most low-frequency onset energy
    mel = librosa.feature.melspectrogram(y=samples_22k, sr=sr, hop_length=hop, n_mels=32, fmax=250)
    low = librosa.onset.onset_strength(S=librosa.power_to_db(mel), sr=sr, hop_length=hop)
    strength = low[np.clip(frames, 0, len(low) - 1)]
    per_bar = 4
    phase = int(np.argmax([strength[p::per_bar].mean() for p in range(per_bar)]))
    return _result(beats, beats[phase::per_bar], per_bar, LIBROSA.name, onset, fps)


def analyze_rhythm(samples_44k: np.ndarray, samples_22k: np.ndarray) -> Rhythm:
    """Tempo (BPM), beats and downbeats (seconds) and meter of mono audio (44.1 kHz and 22.05 kHz copies)."""
    if use(MADMOM):
        return _madmom(samples_44k)
    return _librosa(samples_22k)
