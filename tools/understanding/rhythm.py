"""Tempo, beats, downbeats and meter: madmom's downbeat BLSTM + DBN, or librosa's beat tracker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numba import njit

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


def refine_tempo(tempo_bpm: float, envelope: np.ndarray, fps: float, window: float = 0.03) -> float:
    """``tempo_bpm`` refined to the envelope's own period: the autocorrelation peak within ``window``
    (a fraction) of its beat period, located between frames by parabolic interpolation. A beat tracker
    decodes whole-frame beat periods (a 70 BPM piece at 100 fps is 85.7 frames: read as 85 or 86, i.e.
    70.6 or 69.8 BPM), the autocorrelation over the whole track is not bound to frames. Unchanged when
    there is no peak strictly inside the window."""
    _, ac = tempo_salience(envelope, fps)
    lag = 60.0 * fps / tempo_bpm
    lo, hi = max(1, int(np.floor(lag * (1 - window)))), min(len(ac) - 2, int(np.ceil(lag * (1 + window))))
    if hi - lo < 2:
        return tempo_bpm
    i = lo + int(np.argmax(ac[lo : hi + 1]))
    if i in (lo, hi) or ac[i] <= 0:
        return tempo_bpm
    a, b, c = ac[i - 1], ac[i], ac[i + 1]
    den = a - 2 * b + c
    peak = i + (float(np.clip(0.5 * (a - c) / den, -0.5, 0.5)) if den < 0 else 0.0)
    return 60.0 * fps / peak


def _result(
    beats: np.ndarray,
    downbeats: np.ndarray,
    beats_per_bar: int | None,
    backend: str,
    envelope: np.ndarray | None = None,
    fps: float = C.BEAT_FPS,
) -> Rhythm:
    tempo, conf = tempo_from_beats(beats)
    if tempo and envelope is not None and len(envelope) > 2:
        tempo = refine_tempo(tempo, envelope, fps)
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


DOWNBEAT_BANDS: tuple[int, int, int] = (3, 6, 12)
"""Bands per octave of the downbeat BLSTM's three spectrograms (frames of 1024, 2048, 4096 samples)."""
BEAT_BANDS: tuple[int, int, int] = (6, 6, 6)
"""Bands per octave of the beat BLSTM's (madmom's ``RNNBeatProcessor``) three spectrograms."""


def beat_feature_sets(
    samples_44k: np.ndarray, band_sets: tuple[tuple[int, int, int], ...] = (DOWNBEAT_BANDS,)
) -> list[np.ndarray]:
    """Beat-network inputs (frames at 100 fps), one per entry of ``band_sets``: for STFT frames of
    1024, 2048 and 4096 samples, the log-filtered magnitude spectrogram (that many bands per octave,
    30 Hz-17 kHz) and its positive difference; :data:`DOWNBEAT_BANDS` (314 values) for the downbeat
    BLSTM, :data:`BEAT_BANDS` for the beat BLSTM. Equal to madmom's own preprocessing (checked in the
    tests), but framed with strides, transformed in batches (madmom loops over frames one FFT at a
    time), and each STFT computed once for every band set."""
    import scipy.fft

    x = np.asarray(samples_44k, dtype=np.float32)
    hop = C.ANALYSIS_SAMPLE_RATE_HZ // C.BEAT_FPS
    n_frames = int(np.ceil(len(x) / hop))
    feats: list[list[np.ndarray]] = [[] for _ in band_sets]
    for k, frame_size in enumerate((1024, 2048, 4096)):
        half = frame_size // 2
        padded = np.concatenate([np.zeros(half, np.float32), x, np.zeros(frame_size + hop, np.float32)])
        frames = np.lib.stride_tricks.sliding_window_view(padded, frame_size)[::hop][:n_frames]
        window = np.hanning(frame_size).astype(np.float32)
        banks = [_log_filterbank(frame_size, bands[k]) for bands in band_sets]
        specs = [np.empty((n_frames, bank.shape[1]), np.float32) for bank in banks]
        for f0 in range(0, n_frames, _STFT_BLOCK_FRAMES):
            block = frames[f0 : f0 + _STFT_BLOCK_FRAMES] * window
            mag = np.abs(scipy.fft.rfft(block, axis=1)[:, :half])
            for spec, bank in zip(specs, banks, strict=True):
                spec[f0 : f0 + len(block)] = mag @ bank
        d = _diff_frames(frame_size, hop)
        for out, spec in zip(feats, specs, strict=True):
            log = np.log10(spec + 1)
            diff = np.zeros_like(log)
            diff[d:] = np.maximum(log[d:] - log[:-d], 0)
            out.append(np.hstack([log, diff]))
    return [np.hstack(f) for f in feats]


def beat_features(
    samples_44k: np.ndarray, bands_per_octave: tuple[int, int, int] = DOWNBEAT_BANDS
) -> np.ndarray:
    """One beat network's input (see :func:`beat_feature_sets`): :data:`DOWNBEAT_BANDS` for the
    downbeat BLSTM, :data:`BEAT_BANDS` for the beat BLSTM."""
    return beat_feature_sets(samples_44k, (bands_per_octave,))[0]


@cache
def _networks(kind: str, count: int) -> list[Any]:
    """The first ``count`` of madmom's 8 BLSTMs of ``kind`` ('downbeats' or 'beats'), loaded once."""
    import_madmom()
    from madmom.ml.nn import NeuralNetwork
    from madmom.models import BEATS_BLSTM, DOWNBEATS_BLSTM

    files = {"downbeats": DOWNBEATS_BLSTM, "beats": BEATS_BLSTM}[kind]
    return [NeuralNetwork.load(f) for f in files[:count]]


def _downbeat_networks() -> list[Any]:
    """The first :data:`DOWNBEAT_NETWORKS` of madmom's downbeat BLSTMs, loaded once per process."""
    return _networks("downbeats", C.DOWNBEAT_NETWORKS)


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


TANH_CLAMP: float = 9.0
"""|x| beyond which :func:`_tanh32` returns +-1 (float32 tanh rounds to 1 from about 9.01): clamping
earlier (Eigen clamps at 7.9) leaves a saturated forget gate at 1 - 1.4e-7, which shrinks a long-held
LSTM cell by 0.1 % over a few thousand frames."""


@njit(inline="always", fastmath=True)
def _tanh32(x: float) -> float:
    """tanh of a float32 by Eigen's 13/6 rational approximation (within 3e-7 of the true value), clamped
    to +-1 beyond :data:`TANH_CLAMP`: only multiplies, adds and one divide, so the compiler vectorises a
    loop of them (libm's tanh and exp are scalar calls, most of the LSTM's time)."""
    x = min(max(x, np.float32(-TANH_CLAMP)), np.float32(TANH_CLAMP))
    x2 = x * x
    p = np.float32(-2.76076847742355e-16)
    p = p * x2 + np.float32(2.00018790482477e-13)
    p = p * x2 + np.float32(-8.60467152213735e-11)
    p = p * x2 + np.float32(5.12229709037114e-08)
    p = p * x2 + np.float32(1.48572235717979e-05)
    p = p * x2 + np.float32(6.37261928875436e-04)
    p = p * x2 + np.float32(4.89352455891786e-03)
    q = np.float32(1.19825839466702e-06)
    q = q * x2 + np.float32(1.18534705686654e-04)
    q = q * x2 + np.float32(2.26843463243900e-03)
    q = q * x2 + np.float32(4.89352518554385e-03)
    return min(max(p * x / q, np.float32(-1.0)), np.float32(1.0))


@njit(cache=True, fastmath=True, nogil=True)
def _lstm_scan(pre: np.ndarray, rec: np.ndarray, peep: np.ndarray, out: np.ndarray) -> None:
    """One direction of a peephole LSTM over a whole sequence, compiled by numba; writes ``out``.

    ``pre`` (frames, 4 x hidden) holds the input projections plus biases of the gates in the order input,
    forget, cell, output; ``rec`` (hidden, 4 x hidden) the recurrent weights; ``peep`` (4, hidden) the
    peepholes (row 2, the cell's, unused). The maths of madmom's ``LSTMLayer.activate`` with the sigmoid
    written as 0.5 + 0.5 tanh(x / 2) and tanh as :func:`_tanh32` (2x faster than libm; the activations
    stay within 3e-4 of madmom's on a 3-minute track, 1e-6 on average). Releases the GIL."""
    frames, g4 = pre.shape
    hid = g4 // 4
    h = np.zeros(hid, np.float32)
    c = np.zeros(hid, np.float32)
    z = np.empty(g4, np.float32)
    half = np.float32(0.5)
    for t in range(frames):
        for j in range(g4):
            z[j] = pre[t, j]
        for i in range(hid):
            hi = h[i]
            for j in range(g4):
                z[j] += hi * rec[i, j]
        for i in range(hid):
            ig = half + half * _tanh32(half * (z[i] + c[i] * peep[0, i]))
            fg = half + half * _tanh32(half * (z[hid + i] + c[i] * peep[1, i]))
            ci = _tanh32(z[2 * hid + i]) * ig + c[i] * fg
            og = half + half * _tanh32(half * (z[3 * hid + i] + ci * peep[3, i]))
            c[i] = ci
            h[i] = _tanh32(ci) * og
            out[t, i] = h[i]


def _bidirectional_lstm(layer: Any, x: np.ndarray) -> np.ndarray:
    """madmom's BidirectionalLayer of peephole LSTMs on ``x`` (frames, inputs): (frames, 2 x hidden).

    The input projections are one matrix product up front and the recursion runs compiled
    (:func:`_lstm_scan`; madmom steps in Python and multiplies the inputs frame by frame), so the whole
    track runs in one pass with madmom's exact result."""
    outs = []
    x = np.ascontiguousarray(x, dtype=np.float32)
    for direction, backwards in ((layer.fwd_layer, False), (layer.bwd_layer, True)):
        w, r, bias, peep = _gate_weights(direction)
        pre = x @ w + bias  # project first, then reverse: a reversed view would miss BLAS (10x slower)
        pre = np.ascontiguousarray(pre[::-1] if backwards else pre)
        out = np.empty((len(x), len(bias) // 4), np.float32)
        _lstm_scan(pre, np.ascontiguousarray(r), np.ascontiguousarray(peep), out)
        outs.append(out)
    return np.hstack([outs[0], outs[1][::-1]])


def downbeat_network(net: Any, features: np.ndarray) -> np.ndarray:
    """One madmom downbeat BLSTM on :func:`beat_features`: (frames, 3) probabilities of no beat, beat,
    downbeat; same weights and maths as madmom's ``NeuralNetwork`` (checked in the tests), over the whole
    track in one pass (about 0.1 s per minute of audio)."""
    x = np.asarray(features, dtype=np.float32)
    for layer in net.layers:
        x = _bidirectional_lstm(layer, x) if hasattr(layer, "fwd_layer") else layer.activate(x)
    return x


def _madmom_activations(samples_44k: np.ndarray, networks: int = C.DOWNBEAT_NETWORKS) -> np.ndarray:
    """Beat and downbeat activations (frames at 100 fps, 2 columns) from the mean of ``networks`` of
    madmom's downbeat BLSTMs."""
    x = beat_features(samples_44k)
    acts = np.mean([downbeat_network(net, x) for net in _networks("downbeats", networks)], axis=0)
    return np.asarray(acts[:, 1:], dtype=np.float64)


def beat_activation(samples_44k: np.ndarray, networks: int = 8) -> np.ndarray:
    """Beat activation (frames at 100 fps, 0-1) of madmom's ``RNNBeatProcessor``: the mean of
    ``networks`` of its 8 beat BLSTMs (same weights and maths, compiled)."""
    x = beat_features(samples_44k, BEAT_BANDS)
    acts = np.mean([downbeat_network(net, x) for net in _networks("beats", networks)], axis=0)
    return np.asarray(acts, dtype=np.float64).reshape(len(x), -1)[:, 0]


def stock_beats(samples_44k: np.ndarray) -> np.ndarray:
    """Beat times (s) of stock madmom: ``RNNBeatProcessor`` (8 BLSTMs) + ``DBNBeatTrackingProcessor``
    at 100 fps over 55-215 BPM on the whole track (the model Bandleader is compared with)."""
    import_madmom()
    from madmom.features.beats import DBNBeatTrackingProcessor

    act = beat_activation(samples_44k)
    dbn = DBNBeatTrackingProcessor(fps=C.BEAT_FPS, min_bpm=C.MIN_TEMPO_BPM, max_bpm=C.MAX_TEMPO_BPM)
    return np.asarray(dbn(act), dtype=np.float64)


def _stock_downbeat_rows(acts: np.ndarray) -> np.ndarray:
    """(time s, position in bar) rows of madmom's ``DBNDownBeatTrackingProcessor`` (3 or 4 beats per bar,
    100 fps, full tempo range) on downbeat-BLSTM activations, decoded in chunks."""
    import_madmom()
    from madmom.features.downbeats import DBNDownBeatTrackingProcessor

    dbn = DBNDownBeatTrackingProcessor(
        beats_per_bar=list(C.BEATS_PER_BAR_CHOICES),
        fps=C.BEAT_FPS,
        min_bpm=C.MIN_TEMPO_BPM,
        max_bpm=C.MAX_TEMPO_BPM,
    )
    return _decode_in_chunks(acts, dbn, C.BEAT_FPS)


def stock_downbeats(samples_44k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(beat times s, downbeat times s) of stock madmom: ``RNNDownBeatProcessor`` (8 BLSTMs) +
    ``DBNDownBeatTrackingProcessor`` (3 or 4 beats per bar) at 100 fps over the full tempo range,
    decoded in :data:`DBN_CHUNK_S` chunks (madmom's Viterbi table over a whole track would need
    gigabytes)."""
    import_madmom()
    from madmom.features.downbeats import DBNDownBeatTrackingProcessor

    acts = _madmom_activations(samples_44k, networks=8)
    dbn = DBNDownBeatTrackingProcessor(
        beats_per_bar=list(C.BEATS_PER_BAR_CHOICES),
        fps=C.BEAT_FPS,
        min_bpm=C.MIN_TEMPO_BPM,
        max_bpm=C.MAX_TEMPO_BPM,
    )
    out = _decode_in_chunks(acts, dbn, C.BEAT_FPS)
    if out.size == 0:
        return np.zeros(0), np.zeros(0)
    return out[:, 0], out[out[:, 1].astype(int) == 1, 0]


def _decode_in_chunks(acts: np.ndarray, dbn: Callable[[np.ndarray], np.ndarray], fps: float) -> np.ndarray:
    """(time s, position in bar) rows from the DBN on ``acts`` (frames at ``fps``), decoded chunk by chunk
    with overlapping context so that memory stays bounded for long tracks."""
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


def pool_activations(acts: np.ndarray, factor: int) -> np.ndarray:
    """``acts`` (frames, columns) at a frame rate ``factor`` times lower: the maximum of each run of
    ``factor`` frames (the last run padded with zeros), so that no activation peak is lost."""
    n = -(-len(acts) // factor) * factor
    padded = np.zeros((n, acts.shape[1]), acts.dtype)
    padded[: len(acts)] = acts
    return padded.reshape(-1, factor, acts.shape[1]).max(axis=1)


def refine_beats(times_s: np.ndarray, strength: np.ndarray, factor: int) -> np.ndarray:
    """Beat times (s) decoded on activations pooled by ``factor``, moved to the frame of highest
    ``strength`` (at :data:`BEAT_FPS`) among the ``factor`` frames that made up each pooled frame and
    their neighbours."""
    out = np.empty(len(times_s))
    for i, t in enumerate(times_s):
        j = round(float(t) * C.BEAT_FPS)
        lo, hi = max(0, j - 1), min(len(strength), j + factor + 1)
        out[i] = (lo + int(np.argmax(strength[lo:hi]))) / C.BEAT_FPS if hi > lo else t
    return out


def _madmom(
    samples_44k: np.ndarray, networks: int = C.DOWNBEAT_NETWORKS, pooled: bool = True, narrowed: bool = True
) -> Rhythm:
    """Rhythm from ``networks`` downbeat BLSTMs and the downbeat DBN (see :func:`downbeat_dbn_rhythm`)."""
    return downbeat_dbn_rhythm(_madmom_activations(samples_44k, networks), pooled, narrowed)


def downbeat_dbn_rhythm(
    acts: np.ndarray,
    pooled: bool = True,
    narrowed: bool = True,
    tempo_range: tuple[float, float] | None = None,
) -> Rhythm:
    """Rhythm from downbeat-BLSTM activations (frames at 100 fps: beat, downbeat) and madmom's downbeat
    DBN; ``pooled`` decodes at :data:`DBN_FPS` (then refines at 100 fps), ``narrowed`` limits the tempo
    to :func:`tempo_search_range` of the activations (or to ``tempo_range``, BPM, when given)."""
    import_madmom()
    from madmom.features.downbeats import DBNDownBeatTrackingProcessor

    envelope = acts.sum(axis=1)
    if tempo_range is not None:
        lo, hi = tempo_range
    else:
        lo, hi = tempo_search_range(envelope, C.BEAT_FPS) if narrowed else (C.MIN_TEMPO_BPM, C.MAX_TEMPO_BPM)
    factor = C.BEAT_FPS // C.DBN_FPS if pooled else 1
    fps = C.BEAT_FPS // factor
    dbn = DBNDownBeatTrackingProcessor(
        beats_per_bar=list(C.BEATS_PER_BAR_CHOICES), fps=fps, min_bpm=lo, max_bpm=hi
    )
    out = _decode_in_chunks(pool_activations(acts, factor), dbn, fps)
    if out.size == 0:
        return _result(np.zeros(0), np.zeros(0), None, MADMOM.name)
    beats, positions = refine_beats(out[:, 0], envelope, factor), out[:, 1].astype(int)
    return _result(beats, beats[positions == 1], int(positions.max()), MADMOM.name, envelope, C.BEAT_FPS)


def place_downbeats(
    beats: np.ndarray, downbeat_activation: np.ndarray, fps: float = C.BEAT_FPS
) -> tuple[np.ndarray, int | None]:
    """(downbeat times s, beats per bar) for given beat times: the meter (of
    :data:`BEATS_PER_BAR_CHOICES`) and phase whose beats carry the highest mean downbeat activation
    (frames at ``fps``), each beat reading the activation's peak within 30 ms. No downbeats, None for
    fewer than two bars of beats."""
    if len(beats) < 2 * max(C.BEATS_PER_BAR_CHOICES):
        return np.zeros(0), None
    idx = np.clip(np.round(np.asarray(beats) * fps).astype(int), 0, len(downbeat_activation) - 1)
    w = max(1, round(0.03 * fps))
    strength = np.array([downbeat_activation[max(0, i - w) : i + w + 1].max() for i in idx])
    best = max(
        ((strength[p::m].mean() - strength.mean(), m, p) for m in C.BEATS_PER_BAR_CHOICES for p in range(m)),
        key=lambda t: t[0],
    )
    _, per_bar, phase = best
    return np.asarray(beats)[phase::per_bar], per_bar


def shift_to_chord_phase(
    beats: np.ndarray, chord_changes_s: np.ndarray, tolerance_s: float = 0.07
) -> np.ndarray:
    """``beats`` moved by half a beat when the chord changes fall clearly on their off-beats (an RNN
    locked onto the off-beat of a bossa or a waltz): when at least :data:`MIN_BEATS_FOR_TEMPO` changes
    lie within ``tolerance_s`` of a midpoint between beats and more than twice as many as lie within
    it of a beat. Unchanged otherwise."""
    beats = np.asarray(beats, dtype=float)
    changes = np.asarray(chord_changes_s, dtype=float)
    if len(beats) < C.MIN_BEATS_FOR_TEMPO or len(changes) < C.MIN_BEATS_FOR_TEMPO:
        return beats
    mids = (beats[1:] + beats[:-1]) / 2

    def near(grid: np.ndarray) -> int:
        j = np.clip(np.searchsorted(grid, changes), 1, len(grid) - 1)
        d = np.minimum(np.abs(changes - grid[j - 1]), np.abs(changes - grid[j]))
        return int((d <= tolerance_s).sum())

    on, off = near(beats), near(mids)
    if off >= C.MIN_BEATS_FOR_TEMPO and off > 2 * on:
        half = float(np.median(np.diff(beats))) / 2
        return np.concatenate([mids, [beats[-1] + half]])
    return beats


def tempo_search_range(envelope: np.ndarray, fps: float) -> tuple[float, float]:
    """(slowest, fastest) tempo in BPM the beat tracker may follow: within :data:`TEMPO_DRIFT_FACTOR`
    of the :func:`global_tempo` of ``envelope``, so that every chunk of a long track is decoded at the
    same metrical level; the full :data:`MIN_TEMPO_BPM`-:data:`MAX_TEMPO_BPM` range when there is no
    clear periodicity."""
    tempo, _ = global_tempo(envelope, fps)
    if tempo is None:
        return C.MIN_TEMPO_BPM, C.MAX_TEMPO_BPM
    return tempo / C.TEMPO_DRIFT_FACTOR, tempo * C.TEMPO_DRIFT_FACTOR


BASS_MAX_HZ: float = 150.0
"""Upper edge of the band whose onsets are the bass evidence of the beat phase, in Hz."""


@cache
def _bands_below(frame_size: int, bands: int, max_hz: float) -> int:
    """How many bands of :func:`_log_filterbank` have their centre below ``max_hz``."""
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
    return int((np.asarray(bank.center_frequencies) < max_hz).sum())


def bass_onsets(downbeat_features: np.ndarray) -> np.ndarray:
    """Bass onset strength (frames at 100 fps): the summed positive log-magnitude difference of the bands
    below :data:`BASS_MAX_HZ` of the 4096-sample spectrogram in :func:`beat_features` (downbeat bands)."""
    widths = [_log_filterbank(f, b).shape[1] for f, b in zip((1024, 2048, 4096), DOWNBEAT_BANDS, strict=True)]
    start = 2 * widths[0] + 2 * widths[1] + widths[2]  # the 4096 frames' difference columns
    low = _bands_below(4096, DOWNBEAT_BANDS[2], BASS_MAX_HZ)
    return np.asarray(downbeat_features[:, start : start + low].sum(axis=1), dtype=np.float64)


def onset_strength(downbeat_features: np.ndarray) -> np.ndarray:
    """Broadband onset strength (frames at 100 fps): the summed positive log-magnitude difference of every
    band of the 1024-sample spectrogram in :func:`beat_features` (downbeat bands; the sharpest in time)."""
    width = _log_filterbank(1024, DOWNBEAT_BANDS[0]).shape[1]
    return np.asarray(downbeat_features[:, width : 2 * width].sum(axis=1), dtype=np.float64)


@dataclass
class BeatEvidence:
    """What the beat and downbeat choices read, all at :data:`BEAT_FPS`."""

    beat: np.ndarray
    """Beat activation (0-1) of madmom's beat BLSTMs (``RNNBeatProcessor``)."""
    downbeat: np.ndarray
    """(frames, 2): beat and downbeat activations of madmom's downbeat BLSTMs."""
    bass: np.ndarray
    """Bass onset strength (:func:`bass_onsets`)."""
    onsets: np.ndarray | None = None
    """Broadband onset strength (:func:`onset_strength`); None in evidence kept before it was added."""


def beat_evidence(
    samples_44k: np.ndarray, beat_networks: int = 8, downbeat_networks: int = C.DOWNBEAT_NETWORKS
) -> BeatEvidence:
    """The beat BLSTMs' and downbeat BLSTMs' activations and the bass onsets of mono 44.1 kHz audio,
    from one STFT per frame size."""
    fb, fd = beat_feature_sets(samples_44k, (BEAT_BANDS, DOWNBEAT_BANDS))
    beat = np.mean([downbeat_network(net, fb) for net in _networks("beats", beat_networks)], axis=0)
    down = np.mean([downbeat_network(net, fd) for net in _networks("downbeats", downbeat_networks)], axis=0)
    return BeatEvidence(
        beat=np.asarray(beat, dtype=np.float64).reshape(len(fb), -1)[:, 0],
        downbeat=np.asarray(down[:, 1:], dtype=np.float64),
        bass=bass_onsets(fd),
        onsets=onset_strength(fd),
    )


def dbn_beats(activation: np.ndarray, min_bpm: float, max_bpm: float) -> np.ndarray:
    """Beat times (s) of madmom's ``DBNBeatTrackingProcessor`` (stock settings, 100 fps) on a beat
    activation, over ``min_bpm``-``max_bpm``, decoded in :data:`DBN_CHUNK_S` chunks for long tracks."""
    import_madmom()
    from madmom.features.beats import DBNBeatTrackingProcessor

    lo, hi = max(min_bpm, 20.0), max(max_bpm, min_bpm + 1.0)
    dbn = DBNBeatTrackingProcessor(fps=C.BEAT_FPS, min_bpm=lo, max_bpm=hi)

    def rows(a: np.ndarray) -> np.ndarray:
        b = np.asarray(dbn(a), dtype=np.float64)
        return np.column_stack([b, np.ones(len(b))])

    out = _decode_in_chunks(activation, rows, C.BEAT_FPS)
    return out[:, 0] if out.size else np.zeros(0)


def periodicity_support(envelope: np.ndarray, fps: float, tempi: list[float]) -> list[float]:
    """For each tempo (BPM), the envelope's autocorrelation peak at its beat period (within 4%) times
    :func:`tempo_prior`: how well the activation supports reading the music at that tempo."""
    _, ac = tempo_salience(envelope, fps)
    return [_peak_near(ac, t, fps) * float(tempo_prior(t)) for t in tempi]


OCTAVE_RATIOS: tuple[float, ...] = (0.5,)
"""Other metrical levels the tempo-octave check weighs against the beat tracker's: half time only. The
full-range DBN's known error is double time on slow music (eighth-note motion); on the benchmark the
check with double time as well moved a correct 60 BPM cinematic piece to 120 (0.96 -> 0.61)."""


def octave_checked_tempo(envelope: np.ndarray, fps: float, tempo: float, ratios: tuple[float, ...]) -> float:
    """``tempo`` (BPM), or the one of ``tempo`` times ``ratios`` (within :data:`MIN_TEMPO_BPM`-
    :data:`MAX_TEMPO_BPM`) that :func:`periodicity_support` prefers; ties keep ``tempo``."""
    cands = [tempo] + [tempo * r for r in ratios if C.MIN_TEMPO_BPM <= tempo * r <= C.MAX_TEMPO_BPM]
    support = periodicity_support(envelope, fps, cands)
    best = int(np.argmax(support))
    return cands[best] if support[best] > support[0] else tempo


def bar_recurrence(downbeat_activation: np.ndarray, fps: float, tempo_bpm: float) -> tuple[float, float]:
    """(one bar, two bars): the periodicity salience (:func:`tempo_salience`, within 4%) of the downbeat
    activation (frames at ``fps``) at the length of one bar of beats at ``tempo_bpm`` and at two bars,
    for the meter of :data:`BEATS_PER_BAR_CHOICES` (3 or 4 beats to the bar) whose two bars recur
    most strongly (one meter for both: a bar of 4 beats is not tested against two bars of 3)."""
    _, ac = tempo_salience(downbeat_activation, fps)
    pairs = [
        (_peak_near(ac, tempo_bpm / m, fps), _peak_near(ac, tempo_bpm / (2 * m), fps))
        for m in C.BEATS_PER_BAR_CHOICES
    ]
    return max(pairs, key=lambda p: p[1])


BAR_RECURRENCE_FACTOR: float = 2.0
"""Half time is read only where the downbeats recur at two bars of the current beats more than this many
times as strongly as at one bar (:func:`beats_twice_the_bars`)."""


def beats_twice_the_bars(downbeat_activation: np.ndarray, fps: float, tempo_bpm: float) -> bool:
    """True when beats at ``tempo_bpm`` are twice as fast as the bars allow: the downbeat activation
    recurs every two bars of them (6 or 8 beats) but hardly every bar (3 or 4 beats), so that a bar
    holds 6 or 8 of these beats, i.e. the beat level is the eighth note. A waltz or a rock song read at
    its own tempo has downbeats every 3 or 4 beats, and is never halved."""
    one, two = bar_recurrence(downbeat_activation, fps, tempo_bpm)
    return two > BAR_RECURRENCE_FACTOR * one


BETWEEN_BEATS_RATIO: float = 0.25
"""Half time is read where the onsets between the beats are weaker than this share of those on the beats
(:func:`nothing_between_the_beats`). On composer songs (tuning set: seed 3, and the benchmark's frozen
songs) the pianos read at double time had 0.16-0.19, every song read at its own tempo (drums or none, 4/4
and 3/4, swing, 60-165 BPM) 0.30-1.22. Looking only midway between the beats missed swung quavers (the
benchmark's jazz at 110 BPM, 0.19 there, was halved)."""

BETWEEN_BEATS_MARGIN: float = 0.2
"""The onsets between two beats are looked for from this share of the interval after the first to this
share before the second (the beats' own attacks and their windows left out)."""


def nothing_between_the_beats(beats: np.ndarray, onsets: np.ndarray, fps: float = C.BEAT_FPS) -> bool:
    """True when hardly anything sounds between ``beats`` (s): the mean over the intervals of the strongest
    onset (``onsets``, frames at ``fps``) inside each, :data:`BETWEEN_BEATS_MARGIN` away from both ends, is
    under :data:`BETWEEN_BEATS_RATIO` of the mean onset strength on the beats (peak within 30 ms), i.e.
    the beats are the fastest notes of the music. A slow solo piano in even quavers read at double time
    is: its quavers are those beats, and nothing plays between them; music read at its own tempo has notes
    between its beats (hi-hats, quavers of a melody or an accompaniment, swung quavers two thirds of the
    way), a 150 BPM drumless waltz's included."""
    beats = np.asarray(beats, dtype=float)
    if len(beats) < C.MIN_BEATS_FOR_TEMPO or len(onsets) == 0:
        return False
    on = float(beat_values(beats, onsets, fps).mean())
    gap = np.diff(beats) * BETWEEN_BEATS_MARGIN
    lo = np.ceil((beats[:-1] + gap) * fps).astype(int)
    hi = np.minimum(np.floor((beats[1:] - gap) * fps).astype(int), len(onsets) - 1)
    inside = [float(onsets[a : b + 1].max()) for a, b in zip(lo, hi, strict=True) if b >= a]
    return on > 0 and bool(inside) and float(np.mean(inside)) < BETWEEN_BEATS_RATIO * on


ALTERNATION_FACTOR: float = 1.2
"""Beats alternate strong and weak (:func:`alternating_beats`) where the beat activation recurs every two
beats more than this many times as strongly as every beat: click tracks (equal, accented every 2nd or
every 4th click) have 1.00-1.01, the issue's seed-3 pianos read at double time 1.4-1.8; some later pianos
read at double time have 1.0-1.1, and stay so (nothing tells them from a metronome's clicks here)."""


def alternating_beats(activation: np.ndarray, fps: float, tempo_bpm: float) -> bool:
    """True when the beat activation recurs every two beats at ``tempo_bpm`` more than
    :data:`ALTERNATION_FACTOR` times as strongly as every beat (its autocorrelation,
    :func:`tempo_salience`, without the tempo prior): strong and weak beats alternate, as quavers do under
    a slower beat. The network fires alike on every click of a metronome, accented or not."""
    _, ac = tempo_salience(activation, fps)
    return _peak_near(ac, tempo_bpm / 2, fps) > ALTERNATION_FACTOR * _peak_near(ac, tempo_bpm, fps)


def octave_checked_beats(
    activation: np.ndarray,
    ratios: tuple[float, ...] = OCTAVE_RATIOS,
    full_range_beats: np.ndarray | None = None,
    downbeat_activation: np.ndarray | None = None,
    onsets: np.ndarray | None = None,
) -> np.ndarray:
    """Stock madmom beats (``DBNBeatTrackingProcessor`` over the full tempo range on the beat BLSTMs'
    ``activation``), decoded again within :data:`TEMPO_DRIFT_FACTOR` of another metrical level (half or
    double time) when the activation's periodicity supports that level better
    (:func:`octave_checked_tempo`): the full-range DBN reads some music with eighth-note motion at
    double time (a rendered funk song at 100 BPM at 199 BPM). With ``downbeat_activation`` (the
    downbeat BLSTMs' downbeat column, frames at :data:`BEAT_FPS`) a slower level is taken only where
    the bars agree (:func:`beats_twice_the_bars`): the periodicity alone halves a 150 BPM waltz or rock
    song, whose backbeat or bass recurs every two beats. With ``onsets`` (:func:`onset_strength`), half
    time is also read where the activation alternates strong and weak beats (:func:`alternating_beats`)
    and nothing sounds between the beats (:func:`nothing_between_the_beats`), whatever the bars and the
    tempo prior say: a slow solo piano in even quavers, read at double time, whose downbeat activation
    recurs every half bar. ``full_range_beats`` (the full-range decoding, when the caller has it) saves
    decoding it again."""
    beats = (
        dbn_beats(activation, C.MIN_TEMPO_BPM, C.MAX_TEMPO_BPM)
        if full_range_beats is None
        else np.asarray(full_range_beats, dtype=float)
    )
    tempo, _ = tempo_from_beats(beats)
    if tempo is None:
        return beats
    if (
        onsets is not None
        and tempo / 2 >= C.MIN_TEMPO_BPM
        and alternating_beats(activation, C.BEAT_FPS, tempo)
        and nothing_between_the_beats(beats, onsets)
    ):
        half = tempo / 2
        return dbn_beats(activation, half / C.TEMPO_DRIFT_FACTOR, half * C.TEMPO_DRIFT_FACTOR)
    best = octave_checked_tempo(activation, C.BEAT_FPS, tempo, ratios)
    if best == tempo:
        return beats
    if (
        downbeat_activation is not None
        and best < tempo
        and not beats_twice_the_bars(downbeat_activation, C.BEAT_FPS, tempo)
    ):
        return beats
    return dbn_beats(activation, best / C.TEMPO_DRIFT_FACTOR, best * C.TEMPO_DRIFT_FACTOR)


def narrowed_beats(activation: np.ndarray) -> np.ndarray:
    """Beats of madmom's beat DBN on ``activation`` within :func:`tempo_search_range` of the
    activation's :func:`global_tempo` (one decoding, at the level the periodicity prefers)."""
    lo, hi = tempo_search_range(activation, C.BEAT_FPS)
    return dbn_beats(activation, lo, hi)


def beat_values(
    beats: np.ndarray, envelope: np.ndarray, fps: float = C.BEAT_FPS, window_s: float = 0.03
) -> np.ndarray:
    """The peak of ``envelope`` (frames at ``fps``) within ``window_s`` of each beat time (s)."""
    if len(envelope) == 0:
        return np.zeros(len(beats))
    idx = np.clip(np.round(np.asarray(beats) * fps).astype(int), 0, len(envelope) - 1)
    w = max(1, round(window_s * fps))
    return np.array([envelope[max(0, i - w) : i + w + 1].max() for i in idx], dtype=np.float64)


def change_marks(beats: np.ndarray, changes_s: np.ndarray, tolerance_s: float = 0.07) -> np.ndarray:
    """1.0 for each beat with a chord change within ``tolerance_s`` seconds, else 0.0."""
    beats, changes = np.asarray(beats, dtype=float), np.asarray(changes_s, dtype=float)
    if len(changes) == 0 or len(beats) == 0:
        return np.zeros(len(beats))
    j = np.clip(np.searchsorted(changes, beats), 1, max(1, len(changes) - 1))
    d = np.minimum(np.abs(beats - changes[j - 1]), np.abs(beats - changes[np.minimum(j, len(changes) - 1)]))
    return (d <= tolerance_s).astype(float)


def choose_bar_phase(
    beats: np.ndarray, evidence: list[np.ndarray], weights: list[float] | None = None
) -> tuple[np.ndarray, int | None]:
    """(downbeat times s, beats per bar) for given beats: the meter (of :data:`BEATS_PER_BAR_CHOICES`)
    and phase whose beats stand out most in ``evidence`` (per-beat values: downbeat activation, chord
    changes, bass onsets), each evidence's contrast (mean on the phase minus mean on all beats) in
    units of its spread across beats, weighted by ``weights`` (1 each by default) and summed. No
    downbeats, None for fewer than two bars of beats."""
    beats = np.asarray(beats, dtype=float)
    if len(beats) < 2 * max(C.BEATS_PER_BAR_CHOICES):
        return np.zeros(0), None
    weights = weights or [1.0] * len(evidence)
    scale = [w / (float(np.std(e)) + 1e-9) for e, w in zip(evidence, weights, strict=True)]

    def score(m: int, p: int) -> float:
        return sum(
            s * (float(e[p::m].mean()) - float(e.mean())) for e, s in zip(evidence, scale, strict=True)
        )

    _, per_bar, phase = max(
        ((score(m, p), m, p) for m in C.BEATS_PER_BAR_CHOICES for p in range(m)), key=lambda t: t[0]
    )
    return beats[phase::per_bar], per_bar


def snap_to_beats(times_s: np.ndarray, beats: np.ndarray, tolerance_s: float = 0.1) -> np.ndarray:
    """The beats nearest to ``times_s`` (e.g. another tracker's downbeats), each within ``tolerance_s``
    seconds (farther ones are dropped), without repeats: downbeats that are also beats."""
    beats, times = np.asarray(beats, dtype=float), np.asarray(times_s, dtype=float)
    if len(beats) == 0 or len(times) == 0:
        return np.zeros(0)
    j = np.clip(np.searchsorted(beats, times), 1, max(1, len(beats) - 1))
    left, right = beats[j - 1], beats[np.minimum(j, len(beats) - 1)]
    nearest = np.where(np.abs(times - left) <= np.abs(times - right), left, right)
    keep = np.abs(nearest - times) <= tolerance_s
    return np.unique(nearest[keep])


def shift_to_evidence_phase(
    beats: np.ndarray, chord_changes_s: np.ndarray | None, bass: np.ndarray | None, fps: float = C.BEAT_FPS
) -> np.ndarray:
    """``beats`` moved by half a beat when the chord changes and/or the bass onsets fall clearly on
    their off-beats (the RNN locked onto the off-beat of a bossa or a waltz). Chord changes vote as in
    :func:`shift_to_chord_phase`; the bass votes off-beat when its mean onset strength on the midpoints
    is more than twice that on the beats. The beats move when one votes off-beat and the other does not
    vote for the beats. Unchanged otherwise."""
    beats = np.asarray(beats, dtype=float)
    if len(beats) < C.MIN_BEATS_FOR_TEMPO:
        return beats
    mids = (beats[1:] + beats[:-1]) / 2
    chord_vote = 0
    if chord_changes_s is not None and len(chord_changes_s) >= C.MIN_BEATS_FOR_TEMPO:
        on = int(change_marks(beats, chord_changes_s).sum())
        off = int(change_marks(mids, chord_changes_s).sum())
        chord_vote = 1 if off >= C.MIN_BEATS_FOR_TEMPO and off > 2 * on else (-1 if on > 2 * off else 0)
    bass_vote = 0
    if bass is not None and len(bass):
        b_on, b_off = beat_values(beats, bass, fps).mean(), beat_values(mids, bass, fps).mean()
        bass_vote = 1 if b_off > 2 * b_on else (-1 if b_on > 2 * b_off else 0)
    if max(chord_vote, bass_vote) == 1 and min(chord_vote, bass_vote) >= 0:
        half = float(np.median(np.diff(beats))) / 2
        return np.concatenate([mids, [beats[-1] + half]])
    return beats


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


def stock_with_downbeats(samples_44k: np.ndarray) -> Rhythm:
    """Rhythm whose beats are stock madmom's beat tracker's (:func:`stock_beats`) and whose downbeats
    and meter are stock madmom's downbeat tracker's (:func:`stock_downbeats`): on the benchmark each
    was at or above every post-processed variant on held-out sources."""
    beats = stock_beats(samples_44k)
    acts = _madmom_activations(samples_44k, networks=8)
    dbn_rows = _stock_downbeat_rows(acts)
    downbeats = dbn_rows[dbn_rows[:, 1].astype(int) == 1, 0] if dbn_rows.size else np.zeros(0)
    per_bar = int(dbn_rows[:, 1].max()) if dbn_rows.size else None
    return _result(beats, downbeats, per_bar, MADMOM.name, acts.sum(axis=1), C.BEAT_FPS)


def octave_rhythm(
    samples_44k: np.ndarray,
    chord_changes_s: np.ndarray | None = None,
    phase_fix: bool | None = None,
    downbeat_evidence: tuple[str, ...] | None = None,
) -> Rhythm:
    """Rhythm from stock madmom with the tempo-octave check: the beats of the stock beat BLSTMs and DBN,
    read at half time only where the periodicity prefers it and the bars agree
    (:func:`octave_checked_beats` with :data:`OCTAVE_RATIOS` and the downbeat activation), moved to the
    chord/bass phase when ``phase_fix`` (:func:`shift_to_evidence_phase`). Where the stock beats stand,
    the meter and downbeats are the stock downbeat tracker's (BLSTMs and DBN over the full tempo range);
    where they were halved or moved, the downbeat DBN is decoded within :data:`TEMPO_DRIFT_FACTOR` of
    their tempo and each downbeat moved to the nearest beat (:func:`snap_to_beats`). With
    ``downbeat_evidence`` (a tuple of 'activation', 'chords', 'bass') the bar phase is instead chosen by
    :func:`choose_bar_phase`. Defaults: :data:`BEAT_PHASE_FIX` and :data:`DOWNBEAT_EVIDENCE` (empty = the
    downbeat DBN)."""
    phase_fix = C.BEAT_PHASE_FIX if phase_fix is None else phase_fix
    downbeat_evidence = C.DOWNBEAT_EVIDENCE if downbeat_evidence is None else downbeat_evidence
    ev = beat_evidence(samples_44k, beat_networks=8, downbeat_networks=C.DOWNBEAT_NETWORKS)
    stock = dbn_beats(ev.beat, C.MIN_TEMPO_BPM, C.MAX_TEMPO_BPM)
    beats = octave_checked_beats(
        ev.beat, full_range_beats=stock, downbeat_activation=ev.downbeat[:, 1], onsets=ev.onsets
    )
    changes = np.zeros(0) if chord_changes_s is None else np.asarray(chord_changes_s, dtype=float)
    if phase_fix:
        beats = shift_to_evidence_phase(beats, changes, ev.bass)
    if not downbeat_evidence and np.array_equal(beats, stock):
        # the stock beats stand: so do the stock downbeat tracker's bars (over the full tempo range)
        rows = _stock_downbeat_rows(ev.downbeat)
        downbeats = rows[rows[:, 1].astype(int) == 1, 0] if rows.size else np.zeros(0)
        per_bar = int(rows[:, 1].max()) if rows.size else None
        return _result(beats, downbeats, per_bar, MADMOM.name, ev.beat, C.BEAT_FPS)
    if not downbeat_evidence:
        tempo, _ = tempo_from_beats(beats)
        rng = (tempo / C.TEMPO_DRIFT_FACTOR, tempo * C.TEMPO_DRIFT_FACTOR) if tempo else None
        bars = downbeat_dbn_rhythm(ev.downbeat, pooled=False, narrowed=False, tempo_range=rng)
        per_bar = int(bars.meter.split("/")[0]) if bars.meter else None
        downbeats = snap_to_beats(np.asarray(bars.downbeats), beats)
        return _result(beats, downbeats, per_bar, MADMOM.name, ev.beat, C.BEAT_FPS)
    evidence = []
    if "activation" in downbeat_evidence:
        evidence.append(beat_values(beats, ev.downbeat[:, 1]))
    if "chords" in downbeat_evidence and len(changes):
        evidence.append(change_marks(beats, changes))
    if "bass" in downbeat_evidence:
        evidence.append(beat_values(beats, ev.bass))
    downbeats, per_bar = choose_bar_phase(beats, evidence) if evidence else (np.zeros(0), None)
    return _result(beats, downbeats, per_bar, MADMOM.name, ev.beat, C.BEAT_FPS)


def rhythm_reads_chords() -> bool:
    """True when :func:`analyze_rhythm` uses the chord changes (the 'octave' method with
    :data:`BEAT_PHASE_FIX` or 'chords' in :data:`DOWNBEAT_EVIDENCE`): the chords must then come first;
    otherwise they can be found at the same time as the beats."""
    return use(MADMOM) and C.BEAT_METHOD == "octave" and (C.BEAT_PHASE_FIX or "chords" in C.DOWNBEAT_EVIDENCE)


def analyze_rhythm(
    samples_44k: np.ndarray, samples_22k: np.ndarray, chord_changes_s: np.ndarray | None = None
) -> Rhythm:
    """Tempo (BPM), beats and downbeats (seconds) and meter of mono audio (44.1 kHz and 22.05 kHz
    copies); ``chord_changes_s`` (chord change times, s) is evidence of the beat and bar phase."""
    if use(MADMOM):
        if C.BEAT_METHOD == "octave":
            return octave_rhythm(samples_44k, chord_changes_s)
        return stock_with_downbeats(samples_44k) if C.BEAT_METHOD == "stock" else _madmom(samples_44k)
    return _librosa(samples_22k)
