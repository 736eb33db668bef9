"""Train the instrument-family tagger (tools/understanding/instrument_tagger.npz) on our own renders.

Random General-MIDI parts (one to three families per clip, drums often added) are written with mido,
rendered by the ``fluidsynth`` command with the FluidR3_GM SoundFont (MIT licence), cut into clips of
``WINDOW_S`` seconds, augmented (gain, spectral tilt, noise, optional reverb) and turned into relative
log-mel windows (``tools.understanding.instruments.relative_db``), summarised by ``window_features``.
A two-hidden-layer network (scikit-learn's MLPClassifier, multi-label, seeded) is fitted and its weights
written as an npz for the numpy forward pass. The weights are ours (Apache-2.0). About 8 minutes on
2 cores, nearly all of it rendering (``--cache`` keeps the rendered windows for re-training).

    .venv/bin/python scripts/train_instrument_tagger.py [--clips 3000] [--cache /tmp/tagger-data.npz]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.understanding.instruments import (  # noqa: E402
    FAMILIES,
    MODEL_PATH,
    WINDOW_S,
    log_mel,
    relative_db,
    window_features,
)

SOUNDFONT = Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
SR = 22050
GAP_S = 1.5  # silence after each clip so that release tails do not leak into the next
CLIPS_PER_RENDER = 150
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
DRUM_NOTES = [35, 36, 38, 40, 42, 44, 46, 41, 45, 48, 49, 51, 39, 37, 54, 56]


def _part(rng: np.random.Generator, family: str, t0: float) -> list[tuple[float, float, int, int]]:
    """(start, end, pitch, velocity) of a random part of ``family`` in one clip starting at ``t0``."""
    lo, hi = RANGES[family]
    out = []
    t = t0 + rng.uniform(0, 0.4)
    end = t0 + WINDOW_S
    centre = int(rng.integers(lo + 5, hi - 5))
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
    """Families of one clip and whether drums play."""
    names = [f for f in FAMILIES if f != "drums"]
    k = int(rng.choice([0, 1, 1, 1, 2, 2, 3]))
    fams = list(rng.choice(names, size=k, replace=False)) if k else []
    drums = (not fams) or rng.random() < 0.35
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
        events.append((t0 + WINDOW_S + 0.3, 0, mido.Message("control_change", channel=0, control=123)))
        for ch in range(1, 4):
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


def _augment(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    from scipy.signal import lfilter

    y = x * 10 ** (rng.uniform(-20, 0) / 20)
    a = rng.uniform(-0.6, 0.6)  # spectral tilt: one-pole low/high emphasis
    y = lfilter([1.0, -a], [1.0], y) if rng.random() < 0.7 else y
    if rng.random() < 0.5:
        y = y + rng.normal(0, 1, len(y)) * np.sqrt(np.mean(y**2) + 1e-12) * 10 ** (rng.uniform(-45, -25) / 20)
    return y.astype(np.float32)


def build_dataset(n_clips: int, seed: int, workdir: Path) -> tuple[np.ndarray, np.ndarray]:
    """(relative log-mel windows, labels) of ``n_clips`` rendered clips."""
    import soundfile as sf

    rng = np.random.default_rng(seed)
    feats, labels = [], []
    for b in range(0, n_clips, CLIPS_PER_RENDER):
        plans = [_clip_plan(rng) for _ in range(min(CLIPS_PER_RENDER, n_clips - b))]
        mid, wav = workdir / f"b{b}.mid", workdir / f"b{b}.wav"
        _write_midi(mid, plans, rng)
        reverb = "1" if (b // CLIPS_PER_RENDER) % 2 else "0"
        subprocess.run(
            ["fluidsynth", "-ni", "-q", "-R", reverb, "-C", "0", "-g", "0.5", "-r", str(SR),
             "-F", str(wav), str(SOUNDFONT), str(mid)],
            check=True, capture_output=True,
        )  # fmt: skip
        audio, sr = sf.read(wav, dtype="float32")
        audio = audio.mean(axis=1) if audio.ndim == 2 else audio
        for i, (fams, drums) in enumerate(plans):
            a = int((0.5 + i * (WINDOW_S + GAP_S)) * sr)
            x = audio[a : a + int(WINDOW_S * sr)]
            if len(x) < int(WINDOW_S * sr) or np.sqrt(np.mean(x**2)) < 1e-4:
                continue
            feats.append(relative_db(log_mel(_augment(x, rng))).astype(np.float16))
            labels.append([float(f in fams or (f == "drums" and drums)) for f in FAMILIES])
        print(f"rendered {b + len(plans)}/{n_clips} clips", flush=True)
    return np.array(feats), np.array(labels)


def train(x: np.ndarray, y: np.ndarray, seed: int) -> tuple[dict[str, np.ndarray], float]:
    """The fitted network's weights (with the feature standardisation) and its held-out (first fifth)
    mean F1 over families; prints per-family F1."""
    from sklearn.neural_network import MLPClassifier

    feats = np.concatenate([window_features(x[i : i + 256]) for i in range(0, len(x), 256)])
    n_val = len(feats) // 5
    mean, scale = feats[n_val:].mean(axis=0), feats[n_val:].std(axis=0) + 1e-6
    clf = MLPClassifier(
        hidden_layer_sizes=(256, 128), alpha=0.1, max_iter=300, early_stopping=True, random_state=seed
    )
    clf.fit((feats[n_val:] - mean) / scale, y[n_val:])
    pred = clf.predict_proba((feats[:n_val] - mean) / scale) >= 0.5
    yv = y[:n_val]
    f1s = []
    print("validation F1 per family (held-out renders):")
    for j, fam in enumerate(FAMILIES):
        tp = float((pred[:, j] * yv[:, j]).sum())
        f1s.append(2 * tp / max(1.0, float(pred[:, j].sum() + yv[:, j].sum())))
        print(f"  {fam:9s} {f1s[-1]:.3f}  (n={int(yv[:, j].sum())})")
    weights = {"mean": mean.astype(np.float32), "scale": scale.astype(np.float32)}
    for i, (w, b) in enumerate(zip(clf.coefs_, clf.intercepts_, strict=True)):
        weights[f"w{i}"], weights[f"b{i}"] = w.astype(np.float32), b.astype(np.float32)
    return weights, float(np.mean(f1s))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, help="npz of rendered windows: reused when present")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        data = np.load(args.cache)
        x, y = data["x"], data["y"]
    else:
        with tempfile.TemporaryDirectory() as tmp:
            x, y = build_dataset(args.clips, args.seed, Path(tmp))
        if args.cache:
            np.savez_compressed(args.cache, x=x, y=y)
    weights, f1 = train(x.astype(np.float32), y, args.seed)
    np.savez_compressed(MODEL_PATH, families=np.array(FAMILIES), **weights)
    print(
        f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB) from {len(x)} clips; mean F1 {f1:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
