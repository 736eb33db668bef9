"""Train the small learned vocal separator (tools/separation/learned.py) on data the project can make,
and score it side by side with the DSP default on held-out real mixtures.

Training data (nothing from the evaluation mixtures):
- vocals: the real a-cappella clip vocadito 14 (CC BY 4.0, ../shared/data/vocadito_unlabeled), transposed
  (-5..+5 semitones) and with/without reverb, plus the composer's sung guide vocals (rendered stems);
- accompaniment: the composer's rendered songs (every stem but the vocals), many styles and seeds, plus
  the real CC BY 3.0 instrumentals by Kevin MacLeod (Vibe Ace, Sugar Plum Fairy; librosa data);
- mixtures made on the fly: random 3 s crops at random offsets, random vocal-to-accompaniment ratio
  (-8..+6 dB), random smooth EQ per source, random level; the STFT is linear, so sources are mixed as
  complex spectra.

Held out (never trained on): the MUSDB18 sample '80s Rock' (real rock multitrack, CC BY-NC-SA; read only)
and vocadito 10 over 'Choice - Drum-bass' (the benchmark's mixture).

Usage:
  python scripts/train_separator.py data  --out /tmp/sep      # render songs, build the source pool
  python scripts/train_separator.py train --out /tmp/sep --minutes 15
  python scripts/train_separator.py eval  --out /tmp/sep      # DSP vs learned on held-out mixtures
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.separation import learned as lm  # noqa: E402

DATA = Path(os.environ.get("BANDLEADER_DATA", ROOT.parent / "shared" / "data"))
"""Real recordings (../shared/data beside the repository, or ``BANDLEADER_DATA``)."""
PROMPTS = [
    "an instrumental rock song with drums, bass, electric guitar and piano",
    "an instrumental pop song",
    "an instrumental funk groove",
    "an instrumental folk song with acoustic guitar",
    "an instrumental jazz tune",
    "an instrumental edm track",
    "an instrumental lofi beat",
    "an instrumental ballad with piano and strings",
    "an instrumental house track",
    "an instrumental bossa nova",
    "an instrumental hard rock song with distorted guitars",
    "an instrumental cinematic piece",
]
LYRICS = [
    "walking down the road tonight\nall the city lights are bright\nsing it loud and hold on tight",
    "I remember the summer rain\ncalling out your name again\nnothing ever stays the same",
    "hey hey we are running free\nunder the old oak tree\nyou and me",
    "in the morning when the sun comes up\nfill my heart and fill my cup\nnever gonna give it up",
]
CC_BY_INSTRUMENTALS = (
    "Kevin_MacLeod_-_Vibe_Ace.ogg",
    "Kevin_MacLeod_-_P_I_Tchaikovsky_Dance_of_the_Sugar_Plum_Fairy.ogg",
)
"""Real instrumentals, CC BY 3.0 (Kevin MacLeod), from ../shared/data/librosa_data_tracks."""
VOCAL_PROMPTS = ["a pop song", "a rock song", "a folk song", "a funk song", "a ballad", "a jazz song"]


def _load(path: Path) -> np.ndarray:
    """Mono float32 at the model's rate."""
    from tools.audio.decode import decode_audio
    from tools.separation.resample import resample

    a = decode_audio(path)
    return resample(a.samples.mean(axis=0, keepdims=True), a.sample_rate, lm.SAMPLE_RATE)[0]


def build_data(out: Path, n_inst: int, n_vocal: int) -> None:
    """Render songs and write the source pool ``out/pool.npz`` (vocals and accompaniments, mono)."""
    from tools.editing.effects import Effect, apply_chain
    from tools.editing.stretch import shift_samples
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.folder import compose_to_folder

    vocals: list[np.ndarray] = []
    accomp: list[np.ndarray] = []
    names: list[str] = []
    for i in range(n_inst + n_vocal):
        sung = i >= n_inst
        req = (
            ComposeRequest(prompt=VOCAL_PROMPTS[i % len(VOCAL_PROMPTS)], lyrics=LYRICS[i % len(LYRICS)],
                           duration_s=30, seed=100 + i)
            if sung else ComposeRequest(prompt=PROMPTS[i % len(PROMPTS)], duration_s=30, seed=100 + i)
        )  # fmt: skip
        song = compose_to_folder(req, out / "songs" / f"{i:02d}")
        stems = {k: _load(Path(p)) for k, p in song.stems.items()}
        n = min(len(s) for s in stems.values())
        acc = sum(s[:n] for k, s in stems.items() if k != "vocals")
        accomp.append(np.asarray(acc, dtype=np.float32))
        names.append(f"rendered {req.prompt!r} seed {req.seed}")
        if sung and "vocals" in stems:
            vocals.append(stems["vocals"][:n])
        print(f"song {i}: {sorted(stems)}", flush=True)
    for rel in CC_BY_INSTRUMENTALS:
        accomp.append(_load(DATA / "librosa_data_tracks" / rel))
        names.append(rel)
    voice = _load(DATA / "vocadito_unlabeled" / "vocadito_14.wav")
    real = []
    for st in (-5, -3, -1, 0, 2, 4, 5):
        v = voice if st == 0 else shift_samples(voice[None], lm.SAMPLE_RATE, st)[0]
        real.append(v)
        wet, _ = apply_chain(v[None], lm.SAMPLE_RATE, [Effect(name="reverb", amount=0.3 + 0.1 * (st % 3))])
        real.append(wet[0])
    pool = {f"v{i}": v for i, v in enumerate(real + vocals)}
    pool |= {f"a{i}": a for i, a in enumerate(accomp)}
    np.savez(out / "pool.npz", **pool)
    (out / "pool.json").write_text(
        json.dumps({"real_vocals": len(real), "sung_vocals": len(vocals), "accompaniments": names}, indent=1)
    )
    print(f"pool: {len(real)} real vocal versions, {len(vocals)} sung, {len(accomp)} accompaniments")


def _crop(x: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    if len(x) <= n:
        return np.pad(x, (0, n - len(x)))
    s = int(rng.integers(0, len(x) - n))
    return x[s : s + n]


def _eq(rng: np.random.Generator) -> np.ndarray:
    """A random smooth gain curve over the bins (±6 dB tilt and a ±6 dB bump), linear."""
    f = np.linspace(0, 1, lm.N_BINS)
    bump = np.exp(-((f - rng.uniform(0.02, 0.5)) ** 2) / 0.005)
    db = rng.uniform(-6, 6) * (f - 0.3) + rng.uniform(-6, 6) * bump
    return (10 ** (db / 20)).astype(np.float32)


def _batch(pool: dict[str, np.ndarray], rng: np.random.Generator, size: int, seconds: float):  # type: ignore[no-untyped-def]
    import torch

    vk = [k for k in pool if k.startswith("v")]
    ak = [k for k in pool if k.startswith("a")]
    n = int(seconds * lm.SAMPLE_RATE)
    vs, accs = [], []
    for _ in range(size):
        v = _crop(pool[vk[rng.integers(len(vk))]], n, rng)
        a = _crop(pool[ak[rng.integers(len(ak))]], n, rng)
        if rng.random() < 0.3:  # a second accompaniment layered in
            a = a + _crop(pool[ak[rng.integers(len(ak))]], n, rng) * rng.uniform(0.3, 1.0)
        ra, rv = np.sqrt(np.mean(a**2)) + 1e-6, np.sqrt(np.mean(v**2)) + 1e-6
        snr = rng.uniform(-8, 6) if rng.random() > 0.1 else -60.0  # sometimes no voice at all
        v = v / rv * ra * 10 ** (snr / 20)
        level = 10 ** (rng.uniform(-20, -3) / 20) / (np.max(np.abs(v + a)) + 1e-6)
        vs.append(v * level)
        accs.append(a * level)
    voc = lm.stft(np.stack(vs)) * torch.from_numpy(_eq(rng))[None, :, None]
    acc = lm.stft(np.stack(accs)) * torch.from_numpy(_eq(rng))[None, :, None]
    return voc, acc


def train(out: Path, minutes: float, seed: int) -> None:
    """Train for ``minutes`` of wall time; checkpoint every minute to ``out/ckpt.pt``."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    pool = dict(np.load(out / "pool.npz"))
    model = lm.build_model()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)
    t0, last, step = time.time(), time.time(), 0
    losses: list[float] = []
    while time.time() - t0 < minutes * 60:
        voc, acc = _batch(pool, rng, 16, 3.0)
        mix = voc + acc
        m = model(torch.log1p(100.0 * mix.abs()))
        mag = mix.abs()
        loss = (m * mag - voc.abs()).abs().mean() + ((1 - m) * mag - acc.abs()).abs().mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(float(loss.detach()))
        step += 1
        if time.time() - last > 60:
            last = time.time()
            lm.save_model(model, out / "ckpt.pt", {"steps": step})
            print(f"{(last - t0) / 60:.1f} min, step {step}, loss {np.mean(losses[-50:]):.5f}", flush=True)
    lm.save_model(model, out / "ckpt.pt", {"steps": step, "minutes": minutes, "seed": seed})
    print(f"done: {step} steps of 16 x 3 s, loss {np.mean(losses[-50:]):.5f}")


def evaluate(out: Path) -> None:
    """SDR / SI-SDR (the benchmark's functions) of the mixture, the DSP default and the learned model."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from editing_accuracy import _bss, _mono22, _si_sdr  # type: ignore[import-not-found]

    from tools.audio.decode import decode_audio
    from tools.separation.api import separate_samples, two_stem
    from tools.separation.resample import resample

    model = lm.load_model(out / "ckpt.pt")
    cases = {}
    m = DATA / "musdb_sample_stems"
    stems = {k: decode_audio(m / f"{k}.wav") for k in ("vocals", "drums", "bass", "other")}
    sr = stems["vocals"].sample_rate
    band_stems = sum(stems[k].samples for k in ("drums", "bass", "other"))
    cases["MUSDB18 '80s Rock'"] = (stems["vocals"].samples, band_stems, sr)
    band = decode_audio(DATA / "librosa_data_tracks" / "admiralbob77_-_Choice_-_Drum-bass.ogg")
    vo = decode_audio(DATA / "vocadito_unlabeled" / "vocadito_10.wav")
    voice = resample(vo.samples, vo.sample_rate, band.sample_rate)
    n = min(voice.shape[1], band.n_samples)
    b = band.samples[:, :n] * 0.5
    vv = np.repeat(voice[:1, :n], b.shape[0], axis=0)
    vv *= np.sqrt(np.sum(b**2) / np.sum(vv**2))
    cases["vocadito 10 over 'Choice' 0 dB"] = (vv, b, band.sample_rate)
    print("| mixture | method | vocals SDR | vocals SI-SDR | accomp. SDR | accomp. SI-SDR |")
    print("|---|---|---|---|---|---|")
    for name, (v, acc, sr) in cases.items():
        mix = (v + acc).astype(np.float32)
        refs = [_mono22(v, sr), _mono22(acc, sr)]
        dsp = two_stem(separate_samples(mix, sr, backend="dsp").stems)
        x = resample(mix, sr, lm.SAMPLE_RATE)
        ev = resample(lm.separate_vocals(model, x), lm.SAMPLE_RATE, sr, length=mix.shape[1])
        rows = {"mixture": (mix, mix), "dsp": (dsp["vocals"], dsp["accompaniment"])}
        rows["learned"] = (ev, mix - ev)
        for method, (a, c) in rows.items():
            ests = [_mono22(a, sr), _mono22(c, sr)]
            sdr = _bss(ests, refs)
            si = [_si_sdr(e, r) for e, r in zip(ests, refs, strict=True)]
            print(f"| {name} | {method} | {sdr[0]:.2f} | {si[0]:.2f} | {sdr[1]:.2f} | {si[1]:.2f} |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("step", choices=["data", "train", "eval"])
    p.add_argument("--out", type=Path, required=True, help="working folder (songs, pool, checkpoint)")
    p.add_argument("--songs", type=int, default=24, help="instrumental songs to render")
    p.add_argument("--sung", type=int, default=12, help="songs with a sung guide vocal to render")
    p.add_argument("--minutes", type=float, default=15.0, help="training wall time")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    if a.step == "data":
        build_data(a.out, a.songs, a.sung)
    elif a.step == "train":
        train(a.out, a.minutes, a.seed)
    else:
        evaluate(a.out)


if __name__ == "__main__":
    main()
