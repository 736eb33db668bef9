"""Train the instrument-family tagger (tools/understanding/instrument_tagger.npz) and measure it held out.

The examples (``scripts/tagger_data.py``): renders of random General-MIDI parts with every General-MIDI
SoundFont Debian packages, real permissively licensed recordings (TinySOL, Medley-solos-DB, vocadito,
a CC BY trumpet, CC0 freesound guitars/piano/choir/drums from Debian's sonic-pi-samples), and mixes of
the two, all augmented (level, EQ, room, compression, noise, lossy codecs). Each 3-second window is
turned into relative log-mel statistics (``tools.understanding.instruments.window_features``) and a
two-hidden-layer network (scikit-learn's MLPClassifier, multi-label, seeded) is fitted; its weights are
written as an npz for the numpy forward pass. The weights are ours (Apache-2.0); see
``tools/understanding/instrument_tagger.md`` (the model card) for the data and licences.

``--evaluate`` holds out by source before the final fit and prints per-family precision/recall:

- **held-out SoundFont**: trained on the other SoundFonts' renders (+ real recordings), scored on the
  held-out font's renders (``--holdout-font``, MuseScore_General by default);
- **held-out real recordings**: the trainable real sources are split into :data:`REAL_FOLDS`; each fold's
  recordings are scored whole (the tagger's own track path, drum gate included) by a network trained
  without any window of them; research-only / non-commercial clips (never trainable) are scored by the
  final network.

Render and train with ``nice -n 10`` on a shared machine (about 10-15 minutes on 2 cores):

    nice -n 10 .venv/bin/python scripts/train_instrument_tagger.py [--evaluate] [--cache /tmp/tagger]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import tagger_data as D  # noqa: E402, N812

from tools.understanding.instruments import (  # noqa: E402
    FAMILIES,
    MODEL_PATH,
    analyze_instruments,
    network_probabilities,
    relative_db,
    window_features,
)

REAL_FOLDS: list[set[str]] = [
    {"tinysol", "vocadito-10", "freesound-Sub-d", "amen-break"},
    {"medley-solos-db", "vocadito-14", "freesound-Suva", "freesound-RutgerMuller"},
    {"sorohanro", "freesound-BStateham", "freesound-Exsomniel", "breakbeat"},
]
"""Real sources held out together in one evaluation fold (each family keeps other real examples)."""

FINAL_HOLDOUT: set[str] = {"freesound-Suva"}
"""Sources the shipped network never trains on: the real guitar of tests/data/understanding, so that the
tests check the tagger on a recording it never heard."""

CLIPS_PER_FONT = 400
RENDER_PARTS = 2
"""Rendered batches of CLIPS_PER_FONT clips per SoundFont."""
REAL_EXAMPLES_PER_RECORDING = 60
DRUM_PATTERNS = 300
MIXES = 900
if os.environ.get("TAGGER_SMOKE") == "1":  # a quick end-to-end check of the script itself
    CLIPS_PER_FONT, REAL_EXAMPLES_PER_RECORDING, DRUM_PATTERNS, MIXES = 12, 3, 6, 20
CODEC_SHARE = 0.3
CODEC_BATCH = 40


def _features(powers: list[np.ndarray]) -> np.ndarray:
    rel = np.stack([relative_db(10.0 * np.log10(np.maximum(p, 1e-10))) for p in powers])
    return window_features(rel).astype(np.float32)


def _label(fams: tuple[str, ...]) -> list[float]:
    return [float(f in fams) for f in FAMILIES]


def _random_crop(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A random 3-second window of a recording that is not much quieter than the recording (a pause
    between phrases is not the instrument); shorter recordings are zero-padded at a random place."""
    level = float(np.sqrt(np.mean(x**2)))
    for _ in range(20):
        w = _crop(x, rng)
        if np.sqrt(np.mean(w**2)) >= 0.3 * level:
            break
    return w


def _crop(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if len(x) <= D.WIN:
        out = np.zeros(D.WIN, dtype=np.float32)
        a = int(rng.integers(0, D.WIN - len(x) + 1)) if rng.random() < 0.5 else 0
        out[a : a + len(x)] = x
        return out
    a = int(rng.integers(0, len(x) - D.WIN + 1))
    return x[a : a + D.WIN]


def _powers(wins: list[np.ndarray], rng: np.random.Generator, workdir: Path) -> list[np.ndarray]:
    """Mel power spectrograms of windows, a share of them after a lossy codec (in batches)."""
    wins = list(wins)
    for i in range(0, len(wins), CODEC_BATCH):
        if rng.random() < CODEC_SHARE:
            wins[i : i + CODEC_BATCH] = D.codec_batch(wins[i : i + CODEC_BATCH], rng, workdir)
    return [D.mel_power(w) for w in wins]


def build(seed: int, workdir: Path, cache: Path | None = None) -> dict[str, np.ndarray]:
    """All examples: features (n, 316), labels (n, families), source of each (``a+b`` for a mix).
    ``cache``: a folder keeping each SoundFont's rendered mel spectrograms for the next run."""
    rng = np.random.default_rng(seed)
    raw: list[tuple[np.ndarray, list[float], str]] = []  # (mel power, labels, source) before augmentation
    for (name, path), part in itertools.product(D.SOUNDFONTS.items(), range(RENDER_PARTS)):
        if not path.is_file():
            print(f"  SoundFont {name} missing ({path}): skipped", flush=True)
            continue
        stash = (cache / f"render-{name}-{part}.npz") if cache else None
        if stash is not None and stash.exists():  # renders are the slow part: kept per SoundFont
            with np.load(stash) as data:
                powers, labels = list(data["p"].astype(np.float32)), data["y"].tolist()
        else:
            wins, labels = D.render_windows(path, CLIPS_PER_FONT, rng, workdir)
            powers = _powers(wins, rng, workdir)
            if stash is not None:
                np.savez(stash, p=np.array(powers, dtype=np.float16), y=np.array(labels))
        raw.extend(zip(powers, labels, [f"sf:{name}"] * len(powers), strict=True))
    n_render = len(raw)
    if (D.SONIC_PI / "drum_bass_hard.flac").is_file():
        drums = [D.real_drum_pattern(rng) for _ in range(DRUM_PATTERNS)]
        raw.extend((p, _label(("drums",)), "freesound-menegass") for p in _powers(drums, rng, workdir))
    real = [r for r in D.real_catalogue() if r.train]
    first_real = len(raw)
    for r in real:
        x = D.load_mono(r.path)
        wins = [_random_crop(x, rng) for _ in range(REAL_EXAMPLES_PER_RECORDING)]
        raw.extend((p, _label(r.families), r.source) for p in _powers(wins, rng, workdir))
        print(f"  real {r.path.name}: {len(wins)} windows ({r.source})", flush=True)
    examples = [(D.augment(p, rng), lab, src) for p, lab, src in raw]
    for _ in range(MIXES):  # a real window with a rendered, drum-kit or other real window
        p_a, lab_a, src_a = raw[int(rng.integers(first_real, len(raw)))]
        p_b, lab_b, src_b = raw[int(rng.integers(0, len(raw) if rng.random() < 0.3 else first_real))]
        if src_b == src_a:
            continue
        gain = 10 ** (rng.uniform(-8, 4) / 10) * p_a.sum() / (p_b.sum() + 1e-20)
        mix = D.augment(p_a + gain * p_b, rng)
        examples.append((mix, list(np.maximum(lab_a, lab_b)), f"{src_a}+{src_b}"))
    print(f"  {n_render} rendered, {len(raw) - n_render} real, {len(examples) - len(raw)} mixed windows")
    x = np.concatenate(
        [_features([e[0] for e in examples[i : i + 256]]) for i in range(0, len(examples), 256)]
    )
    return {
        "x": x,
        "y": np.array([e[1] for e in examples], dtype=np.float32),
        "src": np.array([e[2] for e in examples]),
    }


def _uses(sources: np.ndarray, held: set[str]) -> np.ndarray:
    """Mask of examples that use any held-out source (a mix uses both of its sources)."""
    return np.array([any(s in held for s in str(v).split("+")) for v in sources])


def fit(x: np.ndarray, y: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """The fitted network's weights with the feature standardisation (numpy arrays for the npz)."""
    from sklearn.neural_network import MLPClassifier

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    clf = MLPClassifier(
        hidden_layer_sizes=(256, 128), alpha=0.1, max_iter=300, early_stopping=True, random_state=seed
    )
    clf.fit((x - mean) / scale, y)
    weights = {"mean": mean.astype(np.float32), "scale": scale.astype(np.float32)}
    for i, (w, b) in enumerate(zip(clf.coefs_, clf.intercepts_, strict=True)):
        weights[f"w{i}"], weights[f"b{i}"] = w.astype(np.float32), b.astype(np.float32)
    return weights


class Tally:
    """Per-family true/false positives and misses."""

    def __init__(self) -> None:
        self.tp = dict.fromkeys(FAMILIES, 0)
        self.fp = dict.fromkeys(FAMILIES, 0)
        self.fn = dict.fromkeys(FAMILIES, 0)

    def add(self, said: set[str], truth: set[str], alternatives: set[str] = frozenset()) -> None:
        """Count one clip: a family said that is true is a hit; an alternative family (a bowed contrabass
        read as bass) counts as the hit of its true family; the rest of what was said is false."""
        for f in truth:
            if f in said or said & alternatives:
                self.tp[f] += 1
            else:
                self.fn[f] += 1
        for f in said - truth - alternatives:
            self.fp[f] += 1

    def table(self) -> dict[str, dict[str, float | int]]:
        out = {}
        for f in FAMILIES:
            tp, fp, fn = self.tp[f], self.fp[f], self.fn[f]
            if tp + fp + fn == 0:
                continue
            out[f] = {
                "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                "recall": round(tp / (tp + fn), 3) if tp + fn else None,
                "clips": tp + fn,
                "false": fp,
            }
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        out["micro"] = {
            "precision": round(tp / max(1, tp + fp), 3),
            "recall": round(tp / max(1, tp + fn), 3),
            "F": round(2 * tp / max(1, 2 * tp + fp + fn), 3),
            "clips": tp + fn,
            "false": fp,
        }
        return out


def _print(title: str, table: dict) -> None:
    print(f"\n{title}")
    print(f"  {'family':9s} {'precision':>9s} {'recall':>7s} {'clips':>6s} {'false+':>6s}")
    for f, r in table.items():
        p = "-" if r["precision"] is None else f"{r['precision']:.2f}"
        rc = "-" if r["recall"] is None else f"{r['recall']:.2f}"
        extra = f"   F {r['F']:.3f}" if "F" in r else ""
        print(f"  {f:9s} {p:>9s} {rc:>7s} {r['clips']:>6d} {r['false']:>6d}{extra}")


def score_recording(weights: dict[str, np.ndarray], rec: D.Recording, tally: Tally, log: list) -> None:
    """Tag one whole recording as the runtime does (threshold 0.5) and count it."""
    from tools.understanding.tags import INSTRUMENT_MIN_SCORE

    scores, _ = analyze_instruments(D.load_mono(rec.path), model=weights)
    said = {f for f, s in scores.items() if s >= INSTRUMENT_MIN_SCORE}
    tally.add(said, set(rec.families), set(rec.alternatives))
    log.append(
        {
            "clip": rec.path.name,
            "source": rec.source,
            "truth": list(rec.families),
            "said": sorted(said),
            "scores": {f: s for f, s in scores.items() if s >= 0.2},
        }
    )
    print(f"  {rec.path.name:42s} truth {','.join(rec.families):12s} said {','.join(sorted(said)) or '-'}")


def evaluate(data: dict[str, np.ndarray], seed: int, holdout_font: str, folder: Path | None) -> dict:
    """Held-out figures (see the module docstring); returns them as a dict. With ``folder``, each real
    fold's network is saved there (``fold<k>.npz``, and ``folds.json``: source -> file) for
    ``benchmarks/tagging_real.py``."""
    x, y, src = data["x"], data["y"], data["src"]
    out: dict = {}
    held = {f"sf:{holdout_font}"}
    keep = ~_uses(src, held)
    test = np.array([str(s) == f"sf:{holdout_font}" for s in src])
    if test.any():
        w = fit(x[keep], y[keep], seed)
        pred = network_probabilities(x[test], w) >= 0.5
        tally = Tally()
        for p, t in zip(pred, y[test], strict=True):
            tally.add(
                {f for f, v in zip(FAMILIES, p, strict=True) if v},
                {f for f, v in zip(FAMILIES, t, strict=True) if v},
            )
        out["heldout_soundfont"] = {"font": holdout_font, "windows": int(test.sum()), "table": tally.table()}
        _print(
            f"Held-out SoundFont {holdout_font} ({int(test.sum())} augmented 3-s renders):",
            out["heldout_soundfont"]["table"],
        )
    real = D.real_catalogue()
    tally, log = Tally(), []
    print("\nHeld-out real recordings (fold trained without them):")
    index: dict[str, str] = {}
    for k, fold in enumerate(REAL_FOLDS):
        recs = [r for r in real if r.train and r.source in fold]
        if not recs:
            continue
        w = fit(x[~_uses(src, fold)], y[~_uses(src, fold)], seed)
        if folder is not None:
            np.savez_compressed(folder / f"fold{k}.npz", families=np.array(FAMILIES), **w)
            index.update(dict.fromkeys(fold, f"fold{k}.npz"))
            (folder / "folds.json").write_text(json.dumps(index, indent=1))
        for r in recs:
            score_recording(w, r, tally, log)
    out["heldout_real_trainable"] = {"table": tally.table(), "clips": log}
    out["_tally"] = tally
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--cache", type=Path, help="folder for the examples (reused when present) and the fold networks"
    )
    parser.add_argument("--evaluate", action="store_true", help="print held-out figures before the final fit")
    parser.add_argument("--holdout-font", default="MuseScore_General")
    parser.add_argument("--report", type=Path, help="write the held-out figures here as JSON")
    parser.add_argument(
        "--allow-missing", action="store_true", help="train even when a SoundFont or sample folder is missing"
    )
    args = parser.parse_args()
    missing = [str(p) for p in (*D.SOUNDFONTS.values(), D.SONIC_PI) if not p.exists()]
    if missing and not args.allow_missing:  # a network trained on part of its data says nothing about it
        print(
            "missing training sources: " + ", ".join(missing) + "\ninstall them with: apt-get install "
            "timgm6mb-soundfont musescore-general-soundfont fluid-soundfont-gm sonic-pi-samples "
            "(or pass --allow-missing)",
            file=sys.stderr,
        )
        return 2
    examples = args.cache / "examples.npz" if args.cache else None
    if examples is not None and examples.exists():
        data = dict(np.load(examples))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            if args.cache:
                args.cache.mkdir(parents=True, exist_ok=True)
            data = build(args.seed, Path(tmp), args.cache)
        if examples is not None:
            args.cache.mkdir(parents=True, exist_ok=True)
            np.savez_compressed(examples, **data)
    print(f"{len(data['x'])} examples; sources: {sorted({s.split('+')[0] for s in data['src']})}")
    report: dict = {}
    if args.evaluate:
        report = evaluate(data, args.seed, args.holdout_font, args.cache)
    final = ~_uses(data["src"], FINAL_HOLDOUT)
    weights = fit(data["x"][final], data["y"][final], args.seed)
    np.savez_compressed(MODEL_PATH, families=np.array(FAMILIES), **weights)
    print(f"\nwrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB) from {len(data['x'])} examples")
    if args.evaluate:
        tally, log = report.pop("_tally"), []
        print(
            "\nReal recordings the shipped network never trained on (non-commercial / research only, and the"
            " test guitar):"
        )
        for r in D.real_catalogue():
            if not r.train or r.source in FINAL_HOLDOUT:  # the guitar counted once, in its fold
                score_recording(weights, r, tally if not r.train else Tally(), log)
        report["heldout_real_nc"] = {"clips": log}
        report["heldout_real_all"] = {"table": tally.table()}
        _print("All held-out real recordings (folds + never-trainable):", report["heldout_real_all"]["table"])
        if args.report:
            args.report.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
