"""The espeak-ng singer: espeak-ng speaks each syllable, a TD-PSOLA moves it onto the note.

espeak-ng (GPL-3.0) is an optional program run as a subprocess (never linked); when it is missing
the formant singer in :mod:`tools.generation.render.vocal` sings instead. The PSOLA is ours:

1. f0 of the spoken syllable by YIN (``librosa.yin``); frames are voiced where they are loud and
   their zero-crossing rate is low.
2. Pitch marks: one per period in voiced stretches, on the largest peak of the low-passed signal
   near where the previous mark plus one period lands; every 5 ms in unvoiced stretches.
3. Synthesis: the onset consonants keep their spoken length and lead into the beat, the voiced part
   is stretched to the note's length, the coda keeps its length at the end; output marks are one
   target period apart (the note's pitch with vibrato); at each, the nearest analysis mark's
   two-period Hann-windowed grain is overlap-added.

Times in seconds; audio float32 mono.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

import numpy as np
import soundfile as sf

from tools.base import Backend

ESPEAK_TIMEOUT_S = 10.0
UNVOICED_HOP_S = 0.005
FMIN_HZ, FMAX_HZ = 60.0, 500.0
ESPEAK_RATE_HZ = 22050
"""espeak-ng's output rate; the PSOLA runs at it and the sung stem is resampled afterwards."""


def check_espeak() -> str | None:
    """None when the espeak-ng program is installed, else what to install."""
    if shutil.which("espeak-ng") is None:
        return "espeak-ng is not installed (apt install espeak-ng; it is GPL-3.0 and optional)"
    return None


ESPEAK_SINGER = Backend(
    "espeak-psola-singer",
    "GPL-3.0 (espeak-ng program, run as a subprocess)",
    "Guide vocal: espeak-ng speaks each syllable, our numpy TD-PSOLA pitches and stretches it onto the "
    "melody. Optional; the formant singer is used without it.",
    check=check_espeak,
)


@cache
def speak(text: str, voice: str = "en-us", pitch: int = 50, speed: int = 150) -> tuple[np.ndarray, int]:
    """espeak-ng's rendering of ``text`` (mono float32, leading/trailing silence cut) and its rate."""
    proc = subprocess.run(
        ["espeak-ng", "-v", voice, "-p", str(pitch), "-s", str(speed), "--stdout", text],
        capture_output=True,
        timeout=ESPEAK_TIMEOUT_S,
        check=False,
    )
    if proc.returncode != 0 or not proc.stdout:
        return np.zeros(0, dtype=np.float32), 22050
    x, sr = sf.read(io.BytesIO(proc.stdout), dtype="float32")
    if x.ndim == 2:
        x = x.mean(axis=1)
    loud = np.flatnonzero(np.abs(x) > 0.02 * (np.max(np.abs(x)) + 1e-9))
    if not len(loud):
        return np.zeros(0, dtype=np.float32), sr
    return x[max(0, loud[0] - 64) : loud[-1] + 64].copy(), int(sr)


@dataclass
class Analysis:
    """Pitch marks of a spoken syllable: sample positions, the period at each (samples), voicing,
    and the voiced stretch (first, last sample)."""

    x: np.ndarray
    sample_rate: int
    marks: np.ndarray
    periods: np.ndarray
    voiced: np.ndarray
    voiced_span: tuple[int, int]


def yin(x: np.ndarray, sample_rate: int, frame: int = 1024, hop: int = 128) -> tuple[np.ndarray, np.ndarray]:
    """YIN (de Cheveigné & Kawahara 2002) on frames centred every ``hop`` samples: (f0 in Hz, the
    minimum of the cumulative-mean-normalised difference, 0 = perfectly periodic) per frame. The
    difference function comes from FFT cross-correlations."""
    w = frame // 2
    padded = np.pad(x.astype(np.float64), (frame // 2, frame))
    m = 1 + len(x) // hop
    idx = np.arange(frame)[None, :] + hop * np.arange(m)[:, None]
    frames = padded[idx]  # (m, frame)
    n_fft = 2 * frame
    spec = np.fft.rfft(frames, n_fft) * np.conj(np.fft.rfft(frames[:, :w], n_fft))
    r = np.fft.irfft(spec, n_fft)[:, :w]  # r[tau] = sum_{j<w} x_j x_{j+tau}
    sq = np.concatenate([np.zeros((m, 1)), np.cumsum(frames**2, axis=1)], axis=1)
    taus = np.arange(w)
    energy_tau = sq[:, taus + w] - sq[:, taus]
    d = sq[:, w : w + 1] + energy_tau - 2 * r
    d[:, 0] = 0.0
    cmnd = np.ones_like(d)
    cumulative = np.cumsum(d[:, 1:], axis=1)
    cmnd[:, 1:] = d[:, 1:] * taus[1:] / np.maximum(cumulative, 1e-12)
    lo, hi = int(sample_rate / FMAX_HZ), min(w - 1, int(sample_rate / FMIN_HZ))
    band = cmnd[:, lo:hi]
    below = band < 0.15
    first = np.where(below.any(axis=1), below.argmax(axis=1), band.argmin(axis=1))
    # walk down to the local minimum after the first dip under the threshold
    best = first.copy()
    for _ in range(band.shape[1]):
        nxt = np.minimum(best + 1, band.shape[1] - 1)
        step = band[np.arange(m), nxt] < band[np.arange(m), best]
        if not step.any():
            break
        best = np.where(step, nxt, best)
    tau = best + lo
    return sample_rate / tau, band[np.arange(m), best]


def analyse(x: np.ndarray, sample_rate: int) -> Analysis:
    """Pitch marks of ``x`` (see the module docstring, steps 1 and 2)."""
    from scipy.signal import butter, sosfiltfilt  # lazy: scipy.signal takes ~1 s to import

    hop, frame = 128, 1024
    f0, aperiodic = yin(x, sample_rate, frame, hop)
    rms = np.sqrt(np.convolve(np.pad(x**2, (frame // 2, frame // 2)), np.ones(frame) / frame, "valid")[::hop])
    m = min(len(f0), len(rms))
    voiced_f = (rms[:m] > 0.08 * rms.max()) & (aperiodic[:m] < 0.3)
    low = sosfiltfilt(butter(2, 900, fs=sample_rate, output="sos"), x)
    marks, periods, voiced = [], [], []
    pos = 0
    while pos < len(x):
        fr = min(m - 1, pos // hop)
        if voiced_f[fr]:
            period = int(sample_rate / max(FMIN_HZ, min(FMAX_HZ, f0[fr])))
            lo, hi = pos, min(len(x), pos + period)
            if marks and voiced[-1]:
                centre = marks[-1] + period
                lo, hi = max(0, centre - period // 5), min(len(x), centre + period // 5 + 1)
            if hi <= lo:
                break
            mark = lo + int(np.argmax(low[lo:hi]))
            if marks and mark <= marks[-1]:
                mark = marks[-1] + period
            marks.append(mark)
            periods.append(period)
            voiced.append(True)
            pos = mark + period // 2
        else:
            hop_u = int(UNVOICED_HOP_S * sample_rate)
            marks.append(pos)
            periods.append(hop_u)
            voiced.append(False)
            pos += hop_u
    marks_a, periods_a, voiced_a = np.array(marks), np.array(periods), np.array(voiced, dtype=bool)
    keep = marks_a < len(x)
    marks_a, periods_a, voiced_a = marks_a[keep], periods_a[keep], voiced_a[keep]
    vi = np.flatnonzero(voiced_a)
    span = (int(marks_a[vi[0]]), int(marks_a[vi[-1]])) if len(vi) else (0, len(x))
    return Analysis(x, sample_rate, marks_a, periods_a, voiced_a, span)


def psola(
    a: Analysis, out_len: int, lead: int, pitch: float, seed: int, sustain_only: bool = False
) -> np.ndarray:
    """The syllable re-timed and re-pitched (step 3): ``lead`` samples of onset before the beat,
    then the voiced part stretched to end ``out_len`` samples later minus the coda, sung at MIDI
    ``pitch`` with vibrato. With ``sustain_only`` only the voiced part is used (a melisma holding
    the vowel). Returns ``lead + out_len`` samples (or ``out_len`` with ``sustain_only``)."""
    from tools.generation.render.vocal import pulse_times

    v0, v1 = a.voiced_span
    onset_len = 0 if sustain_only else min(lead, v0)
    coda_len = 0 if sustain_only else min(len(a.x) - v1, out_len // 4)
    sung_len = max(2, out_len - coda_len)
    total = onset_len + out_len
    # synthesis marks: onset and coda keep the spoken marks, the sung middle follows the note's pitch
    onset_marks = a.marks[(a.marks >= v0 - onset_len) & (a.marks < v0)]
    coda_marks = a.marks[(a.marks >= v1) & (a.marks < v1 + coda_len)]
    sung_out = pulse_times(sung_len, pitch, a.sample_rate, seed)
    t_out = np.concatenate(
        [onset_marks - (v0 - onset_len), onset_len + sung_out, coda_marks - v1 + onset_len + sung_len]
    )
    t_in = np.concatenate([onset_marks, v0 + sung_out * (v1 - v0) / sung_len, coda_marks])
    nearest = np.clip(np.searchsorted(a.marks, t_in), 1, len(a.marks) - 1)
    nearest -= (t_in - a.marks[nearest - 1]) < (a.marks[nearest] - t_in)
    target_p = a.sample_rate / (440.0 * 2 ** ((pitch - 69) / 12))
    sung = np.zeros(len(t_out), dtype=bool)
    sung[len(onset_marks) : len(onset_marks) + len(sung_out)] = True
    half = np.where(sung, np.minimum(a.periods[nearest], target_p), a.periods[nearest]).astype(int)
    half = np.maximum(half, 2)
    x = np.pad(a.x, (int(half.max()) + 1, int(half.max()) + 1))
    off = int(half.max()) + 1
    out = np.zeros(total + 2 * off, dtype=np.float32)
    for h in np.unique(half):  # grains of one length at a time, each group vectorised
        sel = half == h
        win = _hann(2 * h + 1)
        idx = np.arange(-h, h + 1)
        src = a.marks[nearest[sel]][:, None] + off + idx[None, :]
        dst = np.rint(t_out[sel]).astype(int)[:, None] + off + idx[None, :]
        np.add.at(out, dst.ravel(), (x[src] * win[None, :]).ravel())
    return out[off : off + total]


_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0400, 0x04FF, "ru"), (0x0370, 0x03FF, "el"), (0x0600, 0x06FF, "ar"), (0x0900, 0x097F, "hi"),
    (0x3040, 0x30FF, "ja"), (0xAC00, 0xD7AF, "ko"), (0x4E00, 0x9FFF, "cmn"),
)  # fmt: skip
"""Unicode blocks -> the espeak-ng language that reads them (Latin script: the song's English voice)."""


def language_for(text: str) -> str | None:
    """The espeak-ng language for the script of ``text`` (None: Latin or unknown)."""
    for c in text:
        for lo, hi, lang in _SCRIPTS:
            if lo <= ord(c) <= hi:
                return lang
    return None


@cache
def _hann(n: int) -> np.ndarray:
    return np.hanning(n).astype(np.float32)


def _voice_for(pitches: list[int]) -> tuple[str, int]:
    """espeak-ng voice and its pitch setting for a register (a higher voice for higher melodies)."""
    return ("en-us+f3", 70) if float(np.median(pitches)) >= 65 else ("en-us", 60)


def _spoken(text: str, voice: str, pitch: int) -> tuple[np.ndarray, int]:
    """espeak-ng saying ``text`` in the language of its script, with the singer's voice variant."""
    lang = language_for(text)
    if lang:
        voice = f"{lang}+{voice.split('+')[1]}" if "+" in voice else lang
    return speak(text, voice, pitch)


@cache
def _analysed(text: str, voice: str, pitch: int, rate: int) -> Analysis | None:
    """The pitch-marked syllable at ``rate`` (None when espeak-ng said nothing for it)."""
    import soxr

    x, sr = _spoken(text, voice, pitch)
    if len(x) < 256:
        return None
    x = soxr.resample(x, sr, rate).astype(np.float32) if sr != rate else x
    return analyse(x, rate)


def sing_espeak(notes: list, sample_rate: int, n_samples: int) -> tuple[np.ndarray, list]:
    """Mono float32 audio (``n_samples`` long) of ``notes`` (:class:`~.vocal.SungNote`) sung by
    espeak-ng + PSOLA, at ``sample_rate``, and the notes it could not sing (espeak-ng said nothing
    for their syllable, e.g. a script it does not read)."""
    import soxr

    from tools.generation.render.vocal import envelope_at

    rate = ESPEAK_RATE_HZ
    out = np.zeros(round(n_samples * rate / sample_rate) + rate, dtype=np.float32)
    missed: list = []
    if not notes:
        return np.zeros(n_samples, dtype=np.float32), missed
    voice, vpitch = _voice_for([n.pitch for n in notes])
    texts = sorted({n.text.strip() for n in notes if n.text.strip()})
    with ThreadPoolExecutor(max_workers=4) as pool:  # espeak-ng runs as separate processes
        list(pool.map(lambda t: _spoken(t, voice, vpitch), texts))
    last: Analysis | None = None
    for i, note in enumerate(notes):
        text = note.text.strip()
        if text:
            a = _analysed(text, voice, vpitch, rate)
            sustain = False
        else:
            a, sustain = last, True
        if a is None:
            missed.append(note)
            continue
        last = a
        start = round(note.start_s * rate)
        n = max(int(0.05 * rate), round(note.dur_s * rate))
        lead = min(int(0.12 * rate), start)
        y = psola(a, n, lead, note.pitch, i, sustain_only=sustain)
        onset = len(y) - n
        env = np.concatenate([np.ones(onset, dtype=np.float32), envelope_at(np.arange(n), n, rate, 0.9)])
        y = y * env * (note.velocity / 127.0) ** 0.7
        s = start - onset
        end = min(len(out), s + len(y))
        out[s:end] += y[: end - s]
    y = soxr.resample(out, rate, sample_rate).astype(np.float32)
    return np.pad(y, (0, max(0, n_samples - len(y))))[:n_samples], missed
