"""Training data for the instrument-family tagger: SoundFont renders, real recordings, augmentation.

Used by ``scripts/train_instrument_tagger.py``. Three kinds of example, each a 3-second window
(:data:`tools.understanding.instruments.WINDOW_S`) with a 0/1 label per family and a *source* name
(the SoundFont or the recording's author/dataset), so that evaluation can hold a whole source out:

- **renders**: random General-MIDI parts (one to three families, drums often added) written with mido and
  rendered by the ``fluidsynth`` command with each General-MIDI SoundFont Debian packages
  (:data:`SOUNDFONTS`);
- **real recordings** (:func:`real_catalogue`): permissively licensed clips (TinySOL and Medley-solos-DB
  notes and solos, vocadito singing, a CC BY trumpet; the CC0 freesound samples that Debian's
  ``sonic-pi-samples`` ships: guitars, a piano, a choir, break-beat loops and a real drum kit's one-shots,
  sequenced here into patterns), cut into windows;
- **mixes** of a real window with a rendered or another real window (labels united).

A share of the windows goes (in batches, through ffmpeg) through a lossy codec (MP3, Opus, Vorbis or AAC
at 24-128 kbit/s); then every window's mel power spectrogram goes through :func:`augment` (EQ, room
reverberation as a per-band exponential decay, compression, coloured noise, band limit). Working on mel
power keeps augmentation cheap on a shared 2-core machine; mixes add mel powers (uncorrelated sources).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.understanding.instruments import FAMILIES, WINDOW_S  # noqa: E402

SR = 22050
WIN = int(WINDOW_S * SR)
GAP_S = 1.5  # silence after each rendered clip so that release tails do not leak into the next
CLIPS_PER_RENDER = 400  # one FluidSynth call (one SoundFont load) per 400 clips

SOUNDFONTS: dict[str, Path] = {
    "FluidR3_GM": Path("/usr/share/sounds/sf2/FluidR3_GM.sf2"),  # fluid-soundfont-gm, MIT
    "TimGM6mb": Path("/usr/share/sounds/sf2/TimGM6mb.sf2"),  # timgm6mb-soundfont, GPL-2
    "MuseScore_General": Path("/usr/share/sounds/sf3/MuseScore_General_Full.sf3"),  # MIT
}
"""The General-MIDI SoundFonts rendered (fluid-soundfont-gs holds only GS sound effects, no instruments:
it is not used)."""
if os.environ.get("TAGGER_SMOKE") == "1":
    SOUNDFONTS = {k: v for k, v in SOUNDFONTS.items() if k == "TimGM6mb"}

SONIC_PI = Path("/usr/share/sonic-pi/samples")
SHARED = Path(os.environ.get("BANDLEADER_DATA", ROOT.parent / "shared" / "data"))
"""../shared/data next to the repository (or BANDLEADER_DATA), as the benchmarks read it."""

PROGRAMS: dict[str, list[int]] = {  # General MIDI programs (0-based) of each family
    "piano": [0, 1, 2, 3, 4, 5, 6, 7],
    "guitar": [24, 25, 26, 27, 28, 29, 30, 31],
    "bass": [32, 33, 34, 35, 36, 37, 38, 39, 43],
    "strings": [40, 41, 42, 44, 45, 48, 49, 50],
    "brass": [56, 57, 58, 59, 60, 61],
    "woodwind": [64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75],
    "organ": [16, 17, 18, 19, 20],
    "synth": [80, 81, 82, 83, 84, 86, 87, 88, 89, 90, 91, 92, 94, 95],
    "voice": [52, 53, 54],
}
RANGES: dict[str, tuple[int, int]] = {  # MIDI pitch ranges
    "piano": (36, 90),
    "guitar": (40, 79),
    "bass": (28, 52),
    "strings": (43, 91),
    "brass": (45, 82),
    "woodwind": (50, 93),
    "organ": (36, 84),
    "synth": (40, 88),
    "voice": (48, 79),
}
CHORDAL = {"piano", "guitar", "organ", "strings", "synth"}
LONG_TONE_SHARE = 0.2
"""Share of rendered parts that are a single held note."""
DRUM_NOTES = [35, 36, 38, 40, 42, 44, 46, 41, 45, 48, 49, 51, 39, 37, 54, 56]


@dataclass
class Recording:
    """A real recording: its file, the families heard in it, and its source (dataset or author)."""

    path: Path
    families: tuple[str, ...]
    source: str
    licence: str
    alternatives: tuple[str, ...] = ()  # families that also count as right (a bowed contrabass: bass)
    train: bool = True  # False: evaluation only (non-commercial / research-only audio)


def real_catalogue() -> list[Recording]:
    """The real recordings found on this machine (missing folders are skipped)."""
    ic, vd, lt = (
        SHARED / "mirdata_instrument_clips",
        SHARED / "vocadito_unlabeled",
        SHARED / "librosa_data_tracks",
    )
    sp = SONIC_PI
    cc0 = "CC0 (freesound, via Debian sonic-pi-samples)"
    items = [
        Recording(ic / "Cb-ord-A2-mf-2c-N.wav", ("strings",), "tinysol", "CC BY 4.0", ("bass",)),
        Recording(ic / "Fl-ord-C4-mf-N-T14d.wav", ("woodwind",), "tinysol", "CC BY 4.0"),
        Recording(ic / "medley_solos_flute_d07b1fc0.wav", ("woodwind",), "medley-solos-db", "CC BY 4.0"),
        Recording(vd / "vocadito_10.wav", ("voice",), "vocadito-10", "CC BY 4.0"),
        Recording(vd / "vocadito_14.wav", ("voice",), "vocadito-14", "CC BY 4.0"),
        Recording(lt / "sorohanro_-_solo-trumpet-06.ogg", ("brass",), "sorohanro", "CC BY 3.0"),
        Recording(sp / "guit_e_fifths.flac", ("guitar",), "freesound-Sub-d", cc0),
        Recording(sp / "guit_em9.flac", ("guitar",), "freesound-Sub-d", cc0),
        Recording(sp / "guit_e_slide.flac", ("guitar",), "freesound-Suva", cc0),
        Recording(sp / "guit_harmonics.flac", ("guitar",), "freesound-BStateham", cc0),
        Recording(sp / "ambi_piano.flac", ("piano",), "freesound-RutgerMuller", cc0),
        Recording(sp / "ambi_choir.flac", ("voice",), "freesound-Exsomniel", cc0),
        Recording(sp / "loop_amen_full.flac", ("drums",), "amen-break", cc0),
        Recording(sp / "loop_breakbeat.flac", ("drums",), "breakbeat", cc0),
        # research-only / non-commercial audio: scored, never trained on
        Recording(SHARED / "musdb_sample_stems/drums.wav", ("drums",), "musdb", "CC BY-NC-SA", train=False),
        Recording(SHARED / "musdb_sample_stems/bass.wav", ("bass",), "musdb", "CC BY-NC-SA", train=False),
        Recording(SHARED / "musdb_sample_stems/vocals.wav", ("voice",), "musdb", "CC BY-NC-SA", train=False),
        Recording(
            SHARED / "madmom_testdata/stereo_sample.flac", ("piano",), "madmom", "CC BY-NC-SA", train=False
        ),
        Recording(
            lt / "admiralbob77_-_Choice_-_Drum-bass.ogg",
            ("drums", "bass"),
            "admiralbob77",
            "CC BY-NC",
            train=False,
        ),
    ]
    return [r for r in items if r.path.is_file()]


KIT = {  # General-MIDI drum note -> real one-shot of one kit (menegass on freesound, CC0)
    36: "drum_bass_hard",
    35: "drum_bass_soft",
    38: "drum_snare_hard",
    40: "drum_snare_soft",
    42: "drum_cymbal_closed",
    44: "drum_cymbal_pedal",
    46: "drum_cymbal_open",
    49: "drum_splash_hard",
    51: "drum_cymbal_soft",
    41: "drum_tom_lo_hard",
    45: "drum_tom_mid_hard",
    48: "drum_tom_hi_hard",
}
"""Real one-shots sequenced into drum patterns (source ``freesound-menegass``)."""


def load_mono(path: Path) -> np.ndarray:
    """Mono float32 audio of ``path`` at :data:`SR`."""
    import librosa

    x, _ = librosa.load(str(path), sr=SR, mono=True)
    return x.astype(np.float32)


def recording_windows(x: np.ndarray, hop_s: float = 1.0) -> list[np.ndarray]:
    """3-second windows of a recording every ``hop_s`` (one zero-padded window for shorter audio)."""
    if len(x) <= WIN:
        out = np.zeros(WIN, dtype=np.float32)
        out[: len(x)] = x
        return [out]
    starts = range(0, len(x) - WIN + 1, int(hop_s * SR))
    return [x[s : s + WIN] for s in starts if np.sqrt(np.mean(x[s : s + WIN] ** 2)) > 1e-4]


def real_drum_pattern(rng: np.random.Generator) -> np.ndarray:
    """A 3-second drum pattern built from the real kit's one-shots (:data:`KIT`), random tempo."""
    shots = {n: load_mono(SONIC_PI / f"{name}.flac") for n, name in KIT.items()}
    y = np.zeros(WIN + SR, dtype=np.float32)
    step = 60.0 / float(rng.uniform(70, 170)) / 2
    kit = rng.choice(list(KIT), size=int(rng.integers(2, 6)), replace=False)
    for k, t in enumerate(np.arange(rng.uniform(0, 0.2), WINDOW_S, step)):
        for note in kit:
            if rng.random() < (0.8 if note in (42, 36) and k % 2 == 0 else 0.35):
                s = shots[int(note)] * rng.uniform(0.3, 1.0)
                a = int(t * SR)
                n = min(len(s), len(y) - a)
                y[a : a + n] += s[:n]
    return y[:WIN]


# ---------------------------------------------------------------- renders


def _part(rng: np.random.Generator, family: str, t0: float) -> list[tuple[float, float, int, int]]:
    """(start, end, pitch, velocity) of a random part of ``family`` in one clip starting at ``t0``."""
    lo, hi = RANGES[family]
    out = []
    t = t0 + rng.uniform(0, 0.4)
    end = t0 + WINDOW_S
    centre = int(rng.integers(lo + 5, hi - 5))
    if rng.random() < LONG_TONE_SHARE:  # one held note, as in a sample library (TinySOL) or a drone
        return [(t, end + 0.3, centre, int(rng.integers(40, 120)))]
    while t < end - 0.1:
        dur = float(rng.choice([0.15, 0.25, 0.4, 0.6, 1.0, 1.5, 2.5]))
        if family in ("voice", "strings", "organ") and rng.random() < 0.6:
            dur = float(rng.uniform(0.6, 2.5))
        vel = int(rng.integers(35, 120))
        centre = int(np.clip(centre + rng.integers(-5, 6), lo, hi))
        pitches = [centre]
        if family in CHORDAL and rng.random() < 0.5:
            shape = [0, 4, 7] if rng.random() < 0.5 else [0, 3, 7, 10]
            pitches = [min(hi, centre + s) for s in shape]
        for p in pitches:
            out.append((t, min(t + dur, end + 0.3), p, vel))
        t += dur * float(rng.choice([1.0, 1.0, 0.5, 1.2]))
    return out


def _drums(rng: np.random.Generator, t0: float) -> list[tuple[float, float, int, int]]:
    step = 60.0 / float(rng.uniform(70, 170)) / 2
    kit = rng.choice(DRUM_NOTES, size=int(rng.integers(2, 6)), replace=False)
    out = []
    for k, t in enumerate(np.arange(t0 + rng.uniform(0, 0.2), t0 + WINDOW_S, step)):
        for note in kit:
            if rng.random() < (0.8 if note in (42, 36) and k % 2 == 0 else 0.35):
                out.append((float(t), float(t) + 0.1, int(note), int(rng.integers(50, 127))))
    return out


def _clip_plan(rng: np.random.Generator) -> tuple[list[str], bool]:
    """Families of one clip and whether drums play (solo clips are the commonest: they fooled it)."""
    names = [f for f in FAMILIES if f != "drums"]
    k = int(rng.choice([0, 1, 1, 1, 1, 2, 2, 3]))
    fams = list(rng.choice(names, size=k, replace=False)) if k else []
    drums = (not fams) or rng.random() < 0.3
    return [str(f) for f in fams], bool(drums)


def _write_midi(path: Path, plans: list[tuple[list[str], bool]], rng: np.random.Generator) -> None:
    import mido

    events: list[tuple[float, int, mido.Message]] = []  # (time, order, message)
    for i, (fams, drums) in enumerate(plans):
        t0 = i * (WINDOW_S + GAP_S)
        for ch, fam in enumerate(fams):
            program = int(rng.choice(PROGRAMS[fam]))
            events.append((t0 - 0.5, 0, mido.Message("program_change", channel=ch, program=program)))
            for s, e, p, v in _part(rng, fam, t0):
                events.append((s, 2, mido.Message("note_on", channel=ch, note=p, velocity=v)))
                events.append((e, 1, mido.Message("note_off", channel=ch, note=p, velocity=0)))
        if drums:
            for s, e, p, v in _drums(rng, t0):
                events.append((s, 2, mido.Message("note_on", channel=9, note=p, velocity=v)))
                events.append((e, 1, mido.Message("note_off", channel=9, note=p, velocity=0)))
        for ch in range(0, 4):
            events.append((t0 + WINDOW_S + 0.3, 0, mido.Message("control_change", channel=ch, control=123)))
    events.sort(key=lambda e: (e[0], e[1]))
    mid = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    mid.tracks.append(track)
    track.append(mido.MetaMessage("set_tempo", tempo=500000))  # 120 BPM: 960 ticks a second
    now = 0
    for t, _, msg in events:
        tick = max(0, round((t + 0.5) * 960))
        track.append(msg.copy(time=tick - now))
        now = tick
    mid.save(str(path))


def render_windows(
    soundfont: Path, n_clips: int, rng: np.random.Generator, workdir: Path
) -> tuple[list[np.ndarray], list[list[float]]]:
    """(3-second mono windows at :data:`SR`, labels) of ``n_clips`` random clips rendered with
    ``soundfont`` (FluidSynth's reverb on for every other batch)."""
    import soundfile as sf

    wins, labels = [], []
    for b in range(0, n_clips, CLIPS_PER_RENDER):
        plans = [_clip_plan(rng) for _ in range(min(CLIPS_PER_RENDER, n_clips - b))]
        mid, wav = workdir / f"b{b}.mid", workdir / f"b{b}.wav"
        _write_midi(mid, plans, rng)
        reverb = "1" if (b // CLIPS_PER_RENDER) % 2 else "0"
        subprocess.run(
            ["fluidsynth", "-ni", "-q", "-o", "synth.dynamic-sample-loading=1", "-R", reverb, "-C", "0",
             "-g", "0.5", "-r", str(SR), "-F", str(wav), str(soundfont), str(mid)],
            check=True, capture_output=True,
        )  # fmt: skip
        audio, _ = sf.read(wav, dtype="float32")
        audio = audio.mean(axis=1) if audio.ndim == 2 else audio
        for i, (fams, drums) in enumerate(plans):
            a = int((0.5 + i * (WINDOW_S + GAP_S)) * SR)
            x = audio[a : a + WIN]
            if len(x) < WIN or np.sqrt(np.mean(x**2)) < 1e-4:
                continue
            wins.append(x)
            labels.append([float(f in fams or (f == "drums" and drums)) for f in FAMILIES])
        wav.unlink()
        print(f"  {soundfont.stem}: rendered {b + len(plans)}/{n_clips}", flush=True)
    return wins, labels


# ---------------------------------------------------------------- augmentation


@cache
def _band_hz() -> np.ndarray:
    """Centre frequency of each mel band of the tagger's spectrogram, in Hz."""
    import librosa

    from tools.understanding.instruments import FMIN_HZ, N_MELS

    return librosa.mel_frequencies(n_mels=N_MELS + 2, fmin=FMIN_HZ, fmax=SR / 2)[1:-1]


def mel_power(x: np.ndarray) -> np.ndarray:
    """Mel power spectrogram (bands x frames) of a window, as the tagger computes it."""
    from tools.understanding.instruments import log_mel

    return (10.0 ** (log_mel(x) / 10.0)).astype(np.float32)


def _eq(p: np.ndarray, rng: np.random.Generator, hz: np.ndarray) -> np.ndarray:
    """A random smooth EQ curve (1-3 peaks or dips of +-9 dB, an optional shelf), applied per band."""
    octave = np.log2(hz / 1000.0)
    db = np.zeros(len(hz))
    for _ in range(int(rng.integers(1, 4))):
        centre, width = rng.uniform(np.log2(80 / 1000), np.log2(8000 / 1000)), rng.uniform(0.3, 1.5)
        db += rng.uniform(-9, 9) * np.exp(-0.5 * ((octave - centre) / width) ** 2)
    if rng.random() < 0.5:
        edge = rng.uniform(np.log2(150 / 1000), np.log2(5000 / 1000))
        side = 1.0 if rng.random() < 0.5 else -1.0
        db += rng.uniform(-12, 6) / (1 + np.exp(-side * (octave - edge) * 4))
    return p * 10 ** (db[:, None] / 10)


def _room(p: np.ndarray, rng: np.random.Generator, hz: np.ndarray) -> np.ndarray:
    """A room: each band's power smeared by an exponential decay (RT60 0.2-1.8 s, shorter at high
    frequencies), mixed at a random direct-to-reverberant ratio (-6 to +12 dB)."""
    from scipy.signal import lfilter

    from tools.understanding.instruments import HOP

    rt60 = rng.uniform(0.2, 1.8) * np.clip(1.2 - 0.1 * np.log2(hz / 500.0), 0.4, 1.3)
    out = np.empty_like(p)
    for i, r in enumerate(rt60):
        a = np.exp(-13.8 * HOP / SR / r)
        out[i] = lfilter([1 - a], [1, -a], p[i])
    drr = 10 ** (rng.uniform(-6, 12) / 10)
    return p + out * p.sum() / (out.sum() + 1e-20) / drr


def _compress(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    level = 10 * np.log10(p.sum(axis=0) + 1e-20)
    thr = level.max() - rng.uniform(6, 25)
    gain = np.where(level > thr, (thr - level) * (1 - 1 / rng.uniform(2, 8)), 0.0)
    gain = np.convolve(gain, np.ones(3) / 3, mode="same")
    return p * 10 ** (gain[None, :] / 10)


def _noise(p: np.ndarray, rng: np.random.Generator, hz: np.ndarray) -> np.ndarray:
    """Noise (white, pink or brown spectrum; its power fluctuating frame to frame) at 12-45 dB SNR."""
    shape = (hz / 1000.0) ** float(rng.choice([0.0, -1.0, -2.0])) * hz  # power per band ~ S(f) * bandwidth
    n = shape[:, None] * rng.exponential(1.0, p.shape)
    snr = 10 ** (rng.uniform(12, 45) / 10)
    return p + n * p.sum() / n.sum() / snr


def _lowpass(p: np.ndarray, rng: np.random.Generator, hz: np.ndarray) -> np.ndarray:
    """A lossy codec's or a small speaker's band limit: the bands above 4-10 kHz 20-50 dB down."""
    cut = rng.uniform(4000, 10000)
    return p * np.where(hz > cut, 10 ** (-rng.uniform(20, 50) / 10), 1.0)[:, None]


def augment(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One random augmentation of a window's mel power spectrogram: EQ, room, compression, noise and a
    band limit, each applied with some probability (the level does not matter: the network's input is
    relative to the window's loudest bin)."""
    hz = _band_hz()
    y = np.asarray(p, dtype=np.float64)
    if rng.random() < 0.7:
        y = _eq(y, rng, hz)
    if rng.random() < 0.5:
        y = _room(y, rng, hz)
    if rng.random() < 0.3:
        y = _compress(y, rng)
    if rng.random() < 0.5:
        y = _noise(y, rng, hz)
    if rng.random() < 0.15:
        y = _lowpass(y, rng, hz)
    return y.astype(np.float32)


CODECS = [("libmp3lame", "mp3", (32, 64, 96, 128)), ("libopus", "ogg", (24, 32, 64, 96)),
          ("libvorbis", "ogg", (48, 64, 96)), ("aac", "m4a", (48, 64, 96, 128))]  # fmt: skip


def codec_batch(wins: list[np.ndarray], rng: np.random.Generator, workdir: Path) -> list[np.ndarray]:
    """The windows after one round trip through a random lossy codec (ffmpeg), all in one file."""
    import soundfile as sf

    codec, ext, rates = CODECS[int(rng.integers(len(CODECS)))]
    gap = np.zeros(int(0.25 * SR), dtype=np.float32)
    joined = np.concatenate([np.concatenate([w, gap]) for w in wins])
    src, enc, dec = workdir / "c.wav", workdir / f"c.{ext}", workdir / "d.wav"
    sf.write(src, joined, SR)
    rate = int(rng.choice(rates))
    args = ["-ar", "48000" if codec == "libopus" else "44100"]  # vorbis/aac refuse some rates at 22 kHz
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:a", codec, "-b:a", f"{rate}k", *args,
                    str(enc)], check=True)  # fmt: skip
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(enc), "-ac", "1", "-ar", str(SR), str(dec)], check=True
    )
    y, _ = sf.read(dec, dtype="float32")
    # codecs add a few ms of priming delay: find it once by cross-correlating the first second
    ref = joined[:SR]
    c = np.correlate(y[: SR + 4096], ref, mode="valid")
    lag = int(np.argmax(c)) if len(c) else 0
    y = np.concatenate([y[lag:], np.zeros(len(joined), dtype=np.float32)])[: len(joined)]
    step = WIN + len(gap)
    return [y[i * step : i * step + WIN] for i in range(len(wins))]
