"""A sung guide vocal: the lyric syllables sung on the vocal track's notes, rendered as its stem.

Two singers:

* ``formant`` (permissive, always available): FOF/formant-wave synthesis in numpy. A glottal pulse
  train that follows each note's pitch (with vibrato) excites the formants of the syllable's vowel;
  onset and coda consonants are short filtered-noise bursts or voiced hums; each note has an ADSR.
* ``espeak`` (optional, espeak-ng is GPL-3.0 and runs as a separate program): espeak-ng speaks each
  syllable, then a TD-PSOLA written here (pitch marks from a YIN f0) moves it onto the note's pitch
  and stretches its voiced part to the note's length. See :mod:`tools.generation.render.psola`.

Times in seconds unless named ``_beats``; pitch as MIDI numbers; audio float32 (2, n) stereo.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from tools.base import Backend
from tools.generation.project import SongProject, Track
from tools.generation.render.midi import audible_notes

VOICE_INSTRUMENT = "voice"
"""Tracks of this instrument are sung by the singer instead of FluidSynth."""
STEM_RMS_DBFS = -20.0
"""RMS level of the sung stem over its voiced parts, in dBFS (near FluidSynth's melody stems)."""
VIBRATO_HZ, VIBRATO_CENTS, VIBRATO_DELAY_S = 5.3, 22.0, 0.22
ATTACK_S, RELEASE_S = 0.025, 0.05
SYNTH_RATE_HZ = 22050
"""The singers work at this rate (formants and consonants fit under its 11 kHz band)."""
MIN_SYLLABLE_S = 0.14
"""Shortest time a syllable gets when a note has to carry several of them, in seconds."""
MATCH_BEATS = 1e-3
"""A syllable belongs to the note that starts within this many beats of it."""
SINGERS = ("formant", "espeak")

FORMANT_SINGER = Backend(
    "formant-singer",
    "Apache-2.0",
    "Guide vocal: numpy formant-wave (FOF) singer, vowels from each syllable's spelling.",
)


# ---- which notes are sung, with which syllable ------------------------------------------------
@dataclass(frozen=True)
class SungNote:
    """One sung note: onset and length in seconds, MIDI pitch, velocity and its syllable."""

    start_s: float
    dur_s: float
    pitch: int
    velocity: int
    text: str
    """The syllable ('' = a melisma: hold the previous syllable's vowel)."""


def is_vocal(track: Track) -> bool:
    """True for a track the singer renders (a 'voice' track, role lead vocal or melody)."""
    return track.instrument == VOICE_INSTRUMENT and not track.is_drums


def sung_notes(project: SongProject, track: Track) -> list[SungNote]:
    """The audible notes of ``track`` with their lyric syllables (matched by onset beat). In a song
    with words only the sections that have words are sung; notes without a syllable hold the last
    one's vowel (melisma). A song without words is sung on 'ah'."""
    by_beat = {round(s.beat / MATCH_BEATS): s.text.rstrip("-").strip() for s in project.lyrics}
    worded = {s.section for s in project.lyrics}
    ranges = [project.section_range(name) for name in worded if name in project.section_starts()]
    out: list[SungNote] = []
    for n in sorted(audible_notes(project, track), key=lambda n: n.start):
        if project.lyrics and not any(a <= n.start < b for a, b in ranges):
            continue
        text = by_beat.get(round(n.start / MATCH_BEATS)) or ("" if out else "ah")
        start = project.seconds_at(n.start)
        end = project.seconds_at(n.start + n.duration)
        words = [w.rstrip("-") for w in text.split()]
        k = max(1, min(len(words), int((end - start) / MIN_SYLLABLE_S)))
        if k == 1:  # one syllable (or no room for more): the note sings it whole
            out.append(SungNote(start, max(0.05, end - start), n.pitch, n.velocity, " ".join(words) or text))
            continue
        # a note that carries several syllables (more words than notes in its phrase) sings them in turn
        groups = [words[i * len(words) // k : (i + 1) * len(words) // k] for i in range(k)]
        step = (end - start) / k
        for i, group in enumerate(groups):
            out.append(SungNote(start + i * step, step, n.pitch, n.velocity, " ".join(group)))
    return out


# ---- spelling -> sounds -------------------------------------------------------------------------
_VOWEL_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("igh", "ai"), ("ee", "i"), ("ea", "i"), ("ie", "ai"), ("oo", "u"), ("ou", "au"), ("ow", "ou"),
    ("oa", "o"), ("ai", "ei"), ("ay", "ei"), ("ey", "ei"), ("oi", "oi"), ("oy", "oi"), ("au", "o"),
    ("aw", "o"), ("ew", "u"), ("ue", "u"), ("ui", "u"), ("a", "a"), ("e", "e"), ("i", "i"), ("o", "o"),
    ("u", "a"), ("y", "i"),
)  # fmt: skip
"""English spellings of a syllable's vowel -> the sung vowel ('ai', 'au', 'ei', 'ou', 'oi': glides)."""


def vowel_of(text: str) -> str:
    """The sung vowel of a syllable ('a', 'e', 'i', 'o', 'u' or a glide such as 'ai'); 'a' when none."""
    low = re.sub(r"[^a-z]", "", text.lower())
    if low in ("i", "my", "by", "why", "fly", "sky", "try", "cry", "high"):
        return "ai"
    if low in ("the", "a"):
        return "a"
    best = None
    for spelling, vowel in _VOWEL_SPELLINGS:
        pos = low.find(spelling)
        if pos >= 0 and (best is None or pos < best[0] or (pos == best[0] and len(spelling) > best[1])):
            best = (pos, len(spelling), vowel)
    if best is None:
        return "a"
    pos, length, vowel = best
    rest = low[pos + length :]
    if vowel in "aeio" and len(vowel) == 1 and rest.endswith("e") and len(rest) == 2:  # silent e: 'home'
        vowel = {"a": "ei", "i": "ai", "o": "ou", "e": "i"}[vowel]
    return vowel


def consonants(text: str) -> tuple[str, str]:
    """(onset, coda) consonant letters of a syllable: 'night' -> ('n', 't')."""
    low = re.sub(r"[^a-z]", "", text.lower())
    m = re.match(r"^([^aeiouy]*)[aeiouy]+([^aeiouy]*)", low)
    if not m:
        return low, ""
    coda = m.group(2)
    if coda == "" and low.endswith("e") and len(low) > 2:
        coda = re.sub(r"[aeiouy]", "", low[-2:-1])
    return m.group(1).replace("gh", ""), coda.replace("gh", "")


# ---- the formant singer ---------------------------------------------------------------------------
FORMANTS: dict[str, dict[str, tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]]] = {
    # (frequencies Hz, levels dB, bandwidths Hz) of five formants; classic tenor/alto vowel tables
    "tenor": {
        "a": ((650, 1080, 2650, 2900, 3250), (0, -6, -7, -8, -22), (80, 90, 120, 130, 140)),
        "e": ((400, 1700, 2600, 3200, 3580), (0, -14, -12, -14, -20), (70, 80, 100, 120, 120)),
        "i": ((290, 1870, 2800, 3250, 3540), (0, -15, -18, -20, -30), (40, 90, 100, 120, 120)),
        "o": ((400, 800, 2600, 2800, 3000), (0, -10, -12, -12, -26), (40, 80, 100, 120, 120)),
        "u": ((350, 600, 2700, 2900, 3300), (0, -20, -17, -14, -26), (40, 60, 100, 120, 120)),
        "m": ((250, 1200, 2500, 3200, 3600), (0, -30, -36, -40, -50), (60, 100, 120, 150, 150)),
    },
    "alto": {
        "a": ((800, 1150, 2800, 3500, 4950), (0, -4, -20, -36, -60), (80, 90, 120, 130, 140)),
        "e": ((400, 1600, 2700, 3300, 4950), (0, -24, -30, -35, -60), (60, 80, 120, 150, 200)),
        "i": ((350, 1700, 2700, 3700, 4950), (0, -20, -30, -36, -60), (50, 100, 120, 150, 200)),
        "o": ((450, 800, 2830, 3500, 4950), (0, -9, -16, -28, -55), (70, 80, 100, 130, 135)),
        "u": ((325, 700, 2530, 3500, 4950), (0, -12, -30, -40, -64), (50, 60, 170, 180, 200)),
        "m": ((250, 1200, 2500, 3300, 4950), (0, -30, -38, -45, -60), (60, 100, 120, 150, 200)),
    },
}
_NOISE = {  # consonant -> (band low Hz, band high Hz, length s, level relative to the vowel)
    "s": (4500, 9500, 0.07, 0.30), "z": (4000, 9000, 0.05, 0.2), "c": (4500, 9500, 0.06, 0.25),
    "f": (1500, 8000, 0.06, 0.12), "v": (1500, 6000, 0.04, 0.08), "t": (3000, 8000, 0.02, 0.35),
    "k": (1500, 4000, 0.025, 0.3), "p": (600, 3000, 0.015, 0.3), "b": (300, 2000, 0.012, 0.2),
    "d": (2500, 6000, 0.012, 0.25), "g": (1200, 3500, 0.015, 0.25), "h": (500, 3500, 0.05, 0.10),
    "x": (3000, 8000, 0.05, 0.25), "j": (2000, 6000, 0.04, 0.2), "q": (1500, 4000, 0.025, 0.3),
}  # fmt: skip
_DIGRAPHS = {"sh": (1800, 5500, 0.09, 0.3), "ch": (1800, 6000, 0.06, 0.35), "th": (1500, 8000, 0.05, 0.08)}
_HUMS = set("mnlrwy")
"""Voiced onset consonants sung as a closed, low hum before the vowel opens."""


@cache
def _grain(voice: str, vowel: str, sample_rate: int) -> np.ndarray:
    """One FOF grain (the vowel's response to one glottal pulse): a sum of damped sinusoids with a
    raised-cosine attack, unit peak."""
    freqs, levels, bws = FORMANTS[voice][vowel]
    n = int(0.035 * sample_rate)
    t = np.arange(n) / sample_rate
    rise = 0.003
    attack = np.where(t < rise, 0.5 - 0.5 * np.cos(np.pi * t / rise), 1.0)
    g = np.zeros(n)
    for f, db, bw in zip(freqs, levels, bws, strict=True):
        g += 10 ** (db / 20) * np.exp(-np.pi * bw * t) * np.sin(2 * np.pi * f * t)
    g *= attack
    return (g / np.max(np.abs(g))).astype(np.float32)


@cache
def _noise(band: tuple[float, float], sample_rate: int, seconds: float = 0.2) -> np.ndarray:
    """Band-passed white noise (a fixed seed), unit RMS."""
    from scipy.signal import butter, sosfilt  # lazy: scipy.signal takes ~1 s to import

    rng = np.random.default_rng(int(band[0] + band[1]))
    hi = min(band[1], 0.45 * sample_rate)
    sos = butter(4, [band[0], hi], btype="bandpass", fs=sample_rate, output="sos")
    x = sosfilt(sos, rng.standard_normal(int(seconds * sample_rate)))
    return (x / (np.sqrt(np.mean(x**2)) + 1e-9)).astype(np.float32)


def _noise_for(letters: str) -> tuple[float, float, float, float] | None:
    for dg, spec in _DIGRAPHS.items():
        if letters.startswith(dg) or letters.endswith(dg):
            return spec
    for c in letters[::-1]:
        if c in _NOISE:
            return _NOISE[c]
    return None


def _midi_hz(p: float) -> float:
    return 440.0 * 2 ** ((p - 69) / 12)


CONTROL_STEP = 64
"""Samples per step of the pitch contour (vibrato); pulse times are interpolated between steps."""


def vibrato_cents(t_s: np.ndarray, seed: int) -> np.ndarray:
    """Pitch deviation in cents at times ``t_s`` (seconds from the note's onset): a sine at about
    :data:`VIBRATO_HZ` that fades in after :data:`VIBRATO_DELAY_S`."""
    rate = VIBRATO_HZ * (1 + 0.04 * ((seed % 7) - 3) / 3)
    depth = VIBRATO_CENTS * np.clip((t_s - VIBRATO_DELAY_S) / 0.25, 0.0, 1.0)
    return depth * np.sin(2 * np.pi * rate * t_s)


def pulse_times(n: int, pitch: float, sample_rate: int, seed: int) -> np.ndarray:
    """Fractional sample positions (0..n) of the glottal pulses of a note at MIDI ``pitch`` with
    vibrato: one each time the phase of the f0 contour passes a whole cycle."""
    m = n // CONTROL_STEP + 2
    at = np.arange(m) * CONTROL_STEP
    f0 = _midi_hz(pitch) * 2 ** (vibrato_cents(at / sample_rate, seed) / 1200)
    phase = np.concatenate([[0.0], np.cumsum(f0[:-1] * CONTROL_STEP / sample_rate)])
    times = np.interp(np.arange(1, int(phase[-1]) + 1), phase, at)
    return times[times < n - 1]


def envelope_at(t: np.ndarray, n: int, sample_rate: int, sustain: float = 0.85) -> np.ndarray:
    """The ADSR gain at sample positions ``t`` of an ``n``-sample note (attack to 1, decay to
    ``sustain``, release to 0 at the end)."""
    a = max(1, min(n // 3, int(ATTACK_S * sample_rate)))
    d = max(1, min(n // 3, int(0.08 * sample_rate)))
    r = max(1, min(n // 3, int(RELEASE_S * sample_rate)))
    env = np.where(t < a, t / a, np.where(t < a + d, 1 - (1 - sustain) * (t - a) / d, sustain))
    return (env * np.clip((n - t) / r, 0.0, 1.0)).astype(np.float32)


def _voiced(
    out: np.ndarray,
    start: int,
    n: int,
    pitch: float,
    vowels: list[str],
    voice: str,
    amp: float,
    seed: int,
    sr: int,
) -> None:
    """Add a voiced stretch: pulses at ``pitch`` (MIDI, vibrato added) through the vowel formants;
    with two vowels (a glide) the second takes over across the last 40%."""
    from scipy.signal import oaconvolve  # lazy: scipy.signal takes ~1 s to import

    times = pulse_times(n, pitch, sr, seed)
    if not len(times):
        return
    base = np.floor(times).astype(int)
    frac = (times - base).astype(np.float32)
    weights = envelope_at(times, n, sr) * np.float32(amp)
    if len(vowels) == 1:
        parts = [(vowels[0], np.ones(len(times), dtype=np.float32))]
    else:
        x = np.clip((times / n - 0.6) / 0.3, 0.0, 1.0).astype(np.float32)
        parts = [(vowels[0], 1.0 - x), (vowels[1], x)]
    for vowel, share in parts:
        train = np.zeros(n + 2, dtype=np.float32)
        np.add.at(train, base, weights * share * (1 - frac))
        np.add.at(train, base + 1, weights * share * frac)
        y = oaconvolve(train, _grain(voice, vowel, sr))
        end = min(len(out), start + len(y))
        out[start:end] += y[: end - start]


def _burst(out: np.ndarray, at: int, spec: tuple[float, float, float, float], amp: float, sr: int) -> None:
    """Add a consonant: a Hann-windowed burst of band-passed noise starting at sample ``at``."""
    lo, hi, length_s, level = spec
    noise = _noise((lo, hi), sr)
    n = min(len(noise), int(length_s * sr))
    a, b = max(0, at), min(len(out), at + n)
    if b <= a:
        return
    win = np.hanning(n)[a - at : b - at]
    out[a:b] += noise[: b - a] * win.astype(np.float32) * amp * level * 4.0


def sing_formant(notes: list[SungNote], sample_rate: int, n_samples: int) -> np.ndarray:
    """Mono float32 audio of ``notes`` sung by the formant singer (``n_samples`` long at
    ``sample_rate``; synthesised at :data:`SYNTH_RATE_HZ` and resampled)."""
    import soxr

    rate = min(sample_rate, SYNTH_RATE_HZ)
    y = _sing_formant(notes, rate, round(n_samples * rate / sample_rate))
    if rate != sample_rate:
        y = soxr.resample(y, rate, sample_rate).astype(np.float32)
    return np.pad(y, (0, max(0, n_samples - len(y))))[:n_samples]


def _sing_formant(notes: list[SungNote], sample_rate: int, n_samples: int) -> np.ndarray:
    out = np.zeros(n_samples + sample_rate, dtype=np.float32)
    if not notes:
        return out[:n_samples]
    voice = "alto" if float(np.median([n.pitch for n in notes])) >= 65 else "tenor"
    vowel = "a"
    for i, note in enumerate(notes):
        start = round(note.start_s * sample_rate)
        n = max(int(0.04 * sample_rate), round(note.dur_s * sample_rate))
        nxt = notes[i + 1].start_s if i + 1 < len(notes) else None
        amp = (note.velocity / 127.0) ** 0.7
        onset, coda = consonants(note.text) if note.text else ("", "")
        if note.text:
            vowel = vowel_of(note.text)
        glide = [vowel[0], {"i": "i", "u": "u"}.get(vowel[1], "i")] if len(vowel) == 2 else [vowel]
        hum = 0
        if onset and onset[-1] in _HUMS:
            hum = min(n // 4, int(0.05 * sample_rate))
            _voiced(
                out, start, hum + int(0.01 * sample_rate), note.pitch, ["m"], voice, amp * 0.6, i, sample_rate
            )
        spec = _noise_for(onset) if onset else None
        if spec is not None:  # the consonant leads into the beat, the vowel lands on it
            _burst(out, start - int(spec[2] * sample_rate), spec, amp, sample_rate)
        legato = nxt is not None and nxt - (note.start_s + note.dur_s) < 0.03
        length = n - hum + (int(0.02 * sample_rate) if legato else 0)
        _voiced(out, start + hum, length, note.pitch, glide, voice, amp, i, sample_rate)
        cspec = _noise_for(coda) if coda else None
        if cspec is not None and not (legato and nxt is not None and nxt - note.start_s < 0.25):
            _burst(out, start + n - int(cspec[2] * sample_rate * 0.5), cspec, amp * 0.6, sample_rate)
    return out[:n_samples]


# ---- the stem -----------------------------------------------------------------------------------
def vocal_cache_key(project: SongProject, track: Track, singer: str, sample_rate: int) -> str:
    """A content hash of what the singer renders for ``track`` (notes, syllables, tempo, singer)."""
    notes = [
        (round(n.start_s, 4), round(n.dur_s, 4), n.pitch, n.velocity, n.text)
        for n in sung_notes(project, track)
    ]
    blob = json.dumps([notes, singer, sample_rate, "v1"]).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


def level_to(x: np.ndarray, rms_dbfs: float = STEM_RMS_DBFS) -> np.ndarray:
    """``x`` scaled so that its RMS over the parts louder than -50 dB of its peak is ``rms_dbfs``."""
    peak = float(np.max(np.abs(x))) if x.size else 0.0
    if peak <= 0:
        return x
    frame = 2048
    m = len(x) // frame * frame
    rms = np.sqrt(np.mean(x[:m].reshape(-1, frame) ** 2, axis=1)) if m else np.array([peak])
    loud = rms[rms > peak * 10 ** (-50 / 20) / 4]
    level = float(np.sqrt(np.mean(loud**2))) if loud.size else peak
    gain = 10 ** (rms_dbfs / 20) / max(level, 1e-9)
    return (x * min(gain, 0.98 / peak)).astype(np.float32)


def sing(
    project: SongProject, track: Track, sample_rate: int, n_samples: int, singer: str = "formant"
) -> np.ndarray:
    """The dry stereo stem (2, ``n_samples``) of vocal ``track``, sung by ``singer`` ('formant' or
    'espeak'; the espeak singer falls back to the formant one when espeak-ng is missing)."""
    notes = sung_notes(project, track)
    mono = None
    if singer == "espeak":
        from tools.generation.render.psola import check_espeak, sing_espeak

        if check_espeak() is None:
            spoken, missed = sing_espeak(notes, sample_rate, n_samples)
            mono = level_to(spoken)
            if missed:  # syllables espeak-ng could not say are sung by the formant singer
                mono = mono + level_to(sing_formant(missed, sample_rate, n_samples))
    if mono is None:
        mono = level_to(sing_formant(notes, sample_rate, n_samples))
    return np.stack([mono, mono])
