"""How much of the instrument tagger's held-out figure is the seed? Seeds and seed ensembles of the
generalist, held out (issue 17).

Reads the examples that ``scripts/train_instrument_tagger.py --evaluate --cache DIR`` cached
(``DIR/examples.npz``, nothing is rendered) and fits the generalist (the script's own :func:`fit`, the
same data and settings) once per seed for each real fold, for the held-out SoundFont and for the final
network (the clips never trainable are scored by it, as the training script does). For each seed alone
and for ensembles of the first k seeds (the members' window probabilities averaged) it prints micro-F
held out on the real clips of ``benchmarks/tagging_real.py`` (22 clips, 26 clip-family pairs, each
scored whole through the runtime's track path and drum gate by the network trained without its
source), alone and as the shipped pair (the larger of it and the render specialist per window and
family), and on the held-out SoundFont's windows; then per-family thresholds (a grid 0.2-0.8) chosen
on the clips sharing no source with the clip scored. A fit takes seconds: 10 seeds take a few minutes.

    BANDLEADER_DATA=../shared/data nice -n 10 .venv/bin/python benchmarks/tagger_seeds.py \
        --cache /tmp/tagger [--seeds 10]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

GRID: tuple[float, ...] = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))
"""Thresholds compared per family (0.2-0.8)."""


def threshold_errors(rows: list[dict], family: str, score: Callable[[dict], float], t: float) -> int:
    """Misses plus false "heard" of ``family`` over ``rows`` (each with ``truth`` and ``alt``, sets of
    families) when ``score(row) >= t`` says it is heard (an alternative family is no error)."""
    n = 0
    for r in rows:
        said = score(r) >= t
        n += int(family in r["truth"] and not said) + int(said and family not in r["truth"] | r["alt"])
    return n


def held_out_threshold(
    rows: list[dict], i: int, family: str, score: Callable[[dict], float], grid: tuple[float, ...] = GRID
) -> float:
    """The threshold for ``family`` on row ``i``: the one of ``grid`` with the fewest errors on the rows
    of other sources than row ``i``'s (``source``), so a clip never scores a threshold tuned on it;
    ties go to the threshold nearest 0.5."""
    others = [r for r in rows if r["source"] != rows[i]["source"]]
    errs = [threshold_errors(others, family, score, t) for t in grid]
    return min((t for t, e in zip(grid, errs, strict=True) if e == min(errs)), key=lambda t: abs(t - 0.5))


def main() -> int:
    import tagger_data as D  # noqa: N812
    import tagging_real as TR  # noqa: N812
    import train_instrument_tagger as T  # noqa: N812

    from tools.understanding.instruments import (
        FAMILIES,
        drum_evidence,
        network_probabilities,
        render_specialist,
        top_quarter_mean,
        track_windows,
        window_features,
    )

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, required=True, help="the training script's --cache folder")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--holdout-font", default="MuseScore_General")
    args = ap.parse_args()
    if not D.SHARED.is_dir() or not (args.cache / "examples.npz").is_file():
        print(f"Needs {args.cache}/examples.npz and the benchmark data at {D.SHARED}: skipped.")
        return 0
    data = dict(np.load(args.cache / "examples.npz"))
    x, y, src = data["x"], data["y"], data["src"]
    held = {f"fold{k}": fold for k, fold in enumerate(T.REAL_FOLDS)}
    held |= {"sf": {f"sf:{args.holdout_font}"}, "final": T.FINAL_HOLDOUT}
    seeds = list(range(args.seeds))
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; {len(x)} examples, seeds {seeds}")
    nets = {name: [] for name in held}
    for seed in seeds:
        for name, sources in held.items():
            keep = ~T._uses(src, sources)
            nets[name].append(T.fit(x[keep], y[keep], seed))
    fold_of = {s: f"fold{k}" for k, fold in enumerate(T.REAL_FOLDS) for s in fold}
    spec = render_specialist()
    clips = []  # per clip: truth, alternatives, source, (seeds, windows, families) probabilities, ...
    for rec, _ in TR._clips():
        if not (rec.families or rec.source != "macleod"):
            continue
        audio = D.load_mono(rec.path)[: int(TR.MAX_S * D.SR)]
        features = window_features(track_windows(audio)[0])
        name = fold_of.get(rec.source, "final") if rec.train else "final"
        probs = np.stack([network_probabilities(features, m) for m in nets[name]])
        clips.append(
            {
                "truth": set(rec.families),
                "alt": set(rec.alternatives),
                "source": rec.source,
                "probs": probs,
                "spec": network_probabilities(features, spec),
                "drums": drum_evidence(audio),
            }
        )
    test = np.array([str(s) == f"sf:{args.holdout_font}" for s in src])
    sf_probs = np.stack([network_probabilities(x[test], m) for m in nets["sf"]])

    def scores(c: dict, members: list[int], pair: bool) -> dict[str, float]:
        p = c["probs"][members].mean(axis=0)
        s = top_quarter_mean(np.maximum(p, c["spec"]) if pair else p)
        out = dict(zip(FAMILIES, s.tolist(), strict=True))
        out["drums"] = min(out["drums"], c["drums"])
        return out

    def real_table(members: list[int], pair: bool, held_out: bool = False) -> dict:
        """Tally at 0.5, or with ``held_out`` at per-family thresholds chosen on the other sources."""
        tally = T.Tally()
        for i, c in enumerate(clips):
            s = scores(c, members, pair)
            th = {
                f: held_out_threshold(clips, i, f, lambda r, f=f: scores(r, members, pair)[f])
                if held_out
                else 0.5
                for f in FAMILIES
            }
            tally.add({f for f in FAMILIES if s[f] >= th[f]}, c["truth"], c["alt"])
        return tally.table()

    def sf_table(members: list[int]) -> dict:
        tally = T.Tally()
        for p, t in zip(sf_probs[members].mean(axis=0) >= 0.5, y[test], strict=True):
            tally.add(
                {f for f, v in zip(FAMILIES, p, strict=True) if v},
                {f for f, v in zip(FAMILIES, t, strict=True) if v},
            )
        return tally.table()

    def fmt(table: dict) -> str:
        m = table["micro"]
        return f"F {m['F']:.3f} (P {m['precision']:.2f} R {m['recall']:.2f}, {m['false']} false)"

    print(f"{len(clips)} real clips, {sum(len(c['truth']) for c in clips)} clip-family pairs; threshold 0.5")
    print(f"{'network':22s} | {'real, generalist':34s} | {'real, shipped pair':34s} | held-out SoundFont")
    singles = []
    for j, seed in enumerate(seeds):
        g, p, s = real_table([j], False), real_table([j], True), sf_table([j])
        singles.append((g["micro"]["F"], p["micro"]["F"], s["micro"]["F"]))
        print(f"{f'seed {seed}':22s} | {fmt(g):34s} | {fmt(p):34s} | {fmt(s)}")
    spread = np.array(singles)
    for name, col in (("generalist", 0), ("pair", 1), ("SoundFont", 2)):
        v = spread[:, col]
        print(f"  single seeds, {name}: mean {v.mean():.3f}, min {v.min():.3f}, max {v.max():.3f}")
    for k in sorted({2, 3, 5, len(seeds)} & set(range(2, len(seeds) + 1))):
        members = list(range(k))
        print(
            f"{f'mean of seeds 0-{k - 1}':22s} | {fmt(real_table(members, False)):34s} | "
            f"{fmt(real_table(members, True)):34s} | {fmt(sf_table(members))}"
        )
    for members, label in (([0], "seed 0"), (list(range(len(seeds))), f"mean of {len(seeds)} seeds")):
        g, p = real_table(members, False, True), real_table(members, True, True)
        print(f"{label}, per-family thresholds held out: generalist {fmt(g)}; pair {fmt(p)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
