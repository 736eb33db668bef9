"""Instrument families heard in audio: a small multi-label network on log-mel window statistics.

The network was trained by ``scripts/train_instrument_tagger.py`` on clips rendered with FluidSynth from
random General-MIDI parts with every General-MIDI SoundFont Debian packages (FluidR3_GM, TimGM6mb,
MuseScore_General), on permissively licensed real recordings (TinySOL, Medley-solos-DB, vocadito, CC BY
and CC0 freesound guitars, piano, choir, trumpet and drums) and on mixes of the two, all augmented
(room, EQ, compression, noise, lossy codecs). Its weights (``instrument_tagger.npz``, ~0.4 MB) are our
own work under the project's Apache-2.0 licence; ``instrument_tagger.md`` (the model card) lists the
data, licences and the held-out figures (by SoundFont and by real source).
A track is cut into windows of :data:`WINDOW_S`; a family's score is the mean of its best quarter of
window probabilities (an instrument that plays in only part of the track still counts).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace

FAMILIES: tuple[str, ...] = (
    "piano",
    "guitar",
    "bass",
    "strings",
    "brass",
    "woodwind",
    "organ",
    "synth",
    "drums",
    "voice",
)
"""The families the tagger knows (``voice`` = sung vowels; it feeds the vocal detector)."""

WINDOW_S: float = 3.0
"""Length of one tagged window, in seconds."""

MAX_WINDOWS: int = 40
"""Most windows tagged per track (spread evenly over it), bounding the cost of long tracks."""

N_FFT: int = 2048
HOP: int = 512
N_MELS: int = 64
FMIN_HZ: float = 30.0

MODEL_PATH = Path(__file__).parent / "instrument_tagger.npz"
"""The generalist network (three SoundFonts, real recordings and mixes; ``instrument_tagger.md``)."""
GM_MODEL_PATH = Path(__file__).parent / "instrument_tagger_gm.npz"
"""The render specialist: the earlier network trained on FluidR3_GM renders only (the SoundFont our own
songs are rendered with). The shipped tagger takes, per window and family, the larger of the two
probabilities: the generalist alone read a rendered piano as 0.07 and missed 14 of 24 instruments in
eight rendered songs (the specialist 6, the pair 5), while on real recordings held out the pair scores
micro-F 0.47 (recall 0.65) against the generalist's 0.48 (recall 0.54) on the same 26 clip-family pairs."""


def log_mel(samples_22k: np.ndarray) -> np.ndarray:
    """Mel power spectrogram (:data:`N_MELS` bands x frames, hop :data:`HOP` at 22.05 kHz), in dB."""
    import librosa

    mel = librosa.feature.melspectrogram(
        y=np.asarray(samples_22k, dtype=np.float32),
        sr=C.DSP_SAMPLE_RATE_HZ,
        n_fft=N_FFT,
        hop_length=HOP,
        n_mels=N_MELS,
        fmin=FMIN_HZ,
        fmax=C.DSP_SAMPLE_RATE_HZ / 2,
    )
    return 10.0 * np.log10(np.maximum(mel, 1e-10))


def relative_db(db: np.ndarray) -> np.ndarray:
    """A window of :func:`log_mel` output relative to its loudest bin, floored 80 dB below and scaled to
    0-1 (the network's input: level-invariant)."""
    return ((np.maximum(db - db.max(), -80.0) + 80.0) / 80.0).astype(np.float32)


def window_features(rel: np.ndarray) -> np.ndarray:
    """Features (windows, 316) of :func:`relative_db` windows (windows, :data:`N_MELS`, frames): per mel
    band the mean, spread, mean rise and mean fall of the level from frame to frame (attacks and
    decays); and the mean, spread and mean absolute change of the first 20 cepstral coefficients (the
    DCT over bands: the spectral envelope, i.e. timbre)."""
    from scipy.fft import dct

    r = np.asarray(rel, dtype=np.float32)
    step = np.diff(r, axis=-1)
    cep = dct(r, axis=1, norm="ortho")[:, :20]
    return np.concatenate(
        [
            r.mean(-1),
            r.std(-1),
            10 * np.maximum(step, 0).mean(-1),
            10 * np.maximum(-step, 0).mean(-1),
            cep.mean(-1),
            cep.std(-1),
            np.abs(np.diff(cep, axis=-1)).mean(-1),
        ],
        axis=1,
    ).astype(np.float32)


def track_windows(samples_22k: np.ndarray) -> tuple[np.ndarray, float]:
    """(windows, :data:`N_MELS`, frames) relative log-mel windows of a track: up to :data:`MAX_WINDOWS`
    windows of :data:`WINDOW_S`, evenly spread, skipping near-silent ones (one, zero-padded, for shorter
    audio); and the track's brightness, the power-weighted mean mel band as a share of :data:`N_MELS`."""
    frames = round(WINDOW_S * C.DSP_SAMPLE_RATE_HZ / HOP) + 1
    db = log_mel(samples_22k)
    power = 10.0 ** (db / 10.0)
    brightness = float((power.sum(axis=1) @ np.arange(N_MELS)) / max(power.sum(), 1e-12) / N_MELS)
    n = db.shape[1]
    if n <= frames:
        padded = np.full((N_MELS, frames), db.min(), dtype=db.dtype)
        padded[:, :n] = db
        return relative_db(padded)[None], brightness
    starts = np.unique(np.linspace(0, n - frames, min(MAX_WINDOWS, n // frames)).astype(int))
    peak = db.max()
    kept = [s for s in starts if db[:, s : s + frames].max() > peak - 40.0] or list(starts)
    return np.stack([relative_db(db[:, s : s + frames]) for s in kept]), brightness


def _load(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as data:
        if tuple(str(f) for f in data["families"]) != FAMILIES:
            raise ValueError(f"{path.name} was trained for other families: re-run the training script")
        return {k: data[k].astype(np.float32) for k in data.files if k != "families"}


@cache
def _model() -> dict[str, np.ndarray]:
    return _load(MODEL_PATH)


@cache
def _gm_model() -> dict[str, np.ndarray]:
    return _load(GM_MODEL_PATH)


def network_probabilities(features: np.ndarray, m: dict[str, np.ndarray]) -> np.ndarray:
    """(rows, families) probabilities 0-1 of one network ``m``: ``features`` (:func:`window_features`)
    standardised, through the ReLU layers ``w0, b0, w1, b1...`` and a sigmoid."""
    x = (features - m["mean"]) / m["scale"]
    layers = sum(1 for k in m if k.startswith("w"))
    for i in range(layers):
        x = x @ m[f"w{i}"] + m[f"b{i}"]
        if i < layers - 1:
            x = np.maximum(x, 0.0)
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))


Weights = dict[str, np.ndarray]


def window_probabilities(windows: np.ndarray, model: Weights | list[Weights] | None = None) -> np.ndarray:
    """(windows, families) probabilities 0-1 of each family in each window of :func:`track_windows`, from
    :func:`window_features` (numpy): the larger of the generalist's and the render specialist's (see
    :data:`GM_MODEL_PATH`), or ``model``'s alone (the training script passes a fold's weights), or the
    largest of a list of networks' (a fold's generalist with the render specialist: the pair held out)."""
    features = window_features(windows)
    models = [_model(), _gm_model()] if model is None else model if isinstance(model, list) else [model]
    return np.max([network_probabilities(features, m) for m in models], axis=0)


def render_specialist() -> Weights:
    """The render specialist's weights (:data:`GM_MODEL_PATH`; cached)."""
    return _gm_model()


KICK_BAND_HZ: float = 150.0
"""Upper edge of the band where a drum kit's kick, toms and snare body put percussive energy, in Hz."""

KICK_SHARE_CENTRE: float = 1e-3
"""Share of the total power that is percussive (HPSS) and below :data:`KICK_BAND_HZ` at which the drum
evidence reads 0.5. On real clips: solo voice, trumpet, flute, piano 0-0.0003; real drum tracks and
band mixes 0.0036-0.145 (a bass or pizzicato line alone about 0.002, where the network says no drums)."""

HPSS_KERNEL: int = 31
"""Median-filter length of the harmonic/percussive separation, in frames and in bins (librosa's default)."""

KICK_SHARE_WIDTH_DECADES: float = 0.3
"""Width of the logistic curve of the drum evidence, in decades of that share."""


PERCUSSIVE_MARGIN: float = 3.0
"""HPSS margin of the percussive mask (librosa's ``margin``): a bin is percussive where its percussive
median exceeds 3x the harmonic one."""


def percussive(spec: np.ndarray, kernel: int = HPSS_KERNEL, margin: float = PERCUSSIVE_MARGIN) -> np.ndarray:
    """The percussive part of a magnitude spectrogram (bins, frames), as ``librosa.decompose.hpss(spec,
    kernel_size=kernel, margin=(1.0, margin))[1]`` computes it (median filters across frames and across
    bins, reflected at the edges, then librosa's soft mask of power 2). Written out because importing
    ``librosa.decompose`` imports scikit-learn and pandas: about 0.3-0.45 s of a cold feature sheet."""
    import librosa
    from scipy.ndimage import median_filter

    spec = np.asarray(spec)
    harmonic = median_filter(spec, size=(1, kernel), mode="reflect")
    perc = median_filter(spec, size=(kernel, 1), mode="reflect")
    return spec * librosa.util.softmask(perc, harmonic * margin, power=2.0, split_zeros=False)


def drum_evidence(samples_22k: np.ndarray, max_s: float = 60.0) -> float:
    """0-1 evidence that a drum kit plays: a logistic curve of the share of the power that the
    harmonic/percussive separation (librosa HPSS, percussive margin 3) calls percussive and that lies
    below :data:`KICK_BAND_HZ` (kicks, toms, snare bodies). Voices, winds, bowed and plucked solos put
    almost none there, so the network's drums (trained on renders, fooled by a solo voice) is gated
    by it. Reads at most the first ``max_s`` seconds."""
    import librosa

    x = np.asarray(samples_22k[: int(max_s * C.DSP_SAMPLE_RATE_HZ)], dtype=np.float32)
    if len(x) < N_FFT:
        return 0.0
    spec = np.abs(librosa.stft(x, n_fft=N_FFT, hop_length=HOP))
    total = float((spec**2).sum())
    if total <= 0:
        return 0.0
    n_low = int((librosa.fft_frequencies(sr=C.DSP_SAMPLE_RATE_HZ, n_fft=N_FFT) < KICK_BAND_HZ).sum())
    # the percussive median runs across HPSS_KERNEL bins: the low band's masks only need the bins up to
    # half a kernel above it, so separating those alone gives the same low band (30x less work)
    low_bins = spec[: n_low + HPSS_KERNEL // 2 + 1]
    perc = percussive(low_bins)
    share = float((perc[:n_low] ** 2).sum()) / total
    z = (np.log10(max(share, 1e-9)) - np.log10(KICK_SHARE_CENTRE)) / KICK_SHARE_WIDTH_DECADES
    return float(1.0 / (1.0 + np.exp(-z)))


def top_quarter_mean(probs: np.ndarray) -> np.ndarray:
    """Per column of ``probs`` (windows, families) the mean of its best quarter of windows (at least
    one), 0-1: a track's family score, so that an instrument playing in only part of it still counts."""
    top = max(1, int(np.ceil(len(probs) / 4)))
    return -np.sort(-probs, axis=0)[:top].mean(axis=0)


def analyze_instruments(
    samples_22k: np.ndarray, model: Weights | list[Weights] | None = None
) -> tuple[dict[str, float], float]:
    """(score 0-1 per family of :data:`FAMILIES`, brightness 0-1) of mono 22.05 kHz audio. A family's
    score is the mean of its top quarter of window probabilities; the drums score is then capped by
    :func:`drum_evidence`. ``model``: weights (or a list, the largest probability counts) to use instead
    of the shipped pair."""
    windows, brightness = track_windows(samples_22k)
    best = top_quarter_mean(window_probabilities(windows, model))
    scores = {f: round(float(p), 3) for f, p in zip(FAMILIES, best, strict=True)}
    if scores["drums"] > 0:
        scores["drums"] = round(min(scores["drums"], drum_evidence(samples_22k)), 3)
    return scores, round(brightness, 3)
