"""Instruments, drums and vocals on real recordings: what the feature sheet's tagger says, clip by clip.

The clips are the real recordings of ``scripts/tagger_data.real_catalogue`` (TinySOL, Medley-solos-DB,
vocadito, a CC BY trumpet, CC0 freesound guitars/piano/choir/breaks from Debian's sonic-pi-samples;
and, never trained on, the research-only MUSDB sample stems, the madmom piano and a CC BY-NC drum+bass
track) plus, for vocals only, the MUSDB mixture and its instrumental sum and two Kevin MacLeod tracks.

- **Instrument families**: precision/recall per family. With ``--folds DIR`` (written by
  ``scripts/train_instrument_tagger.py --evaluate --cache DIR``) each trainable clip is tagged by the
  network that was trained without its source, so every figure is held out; without it the shipped
  network is used and clips it trained on are marked "(trained on)".
- **Drums**: false positives on clips without a drum kit (voices, guitars, winds, piano).
- **Vocals yes/no**: the pitch-contour evidence (``tools.understanding.vocals``) and the network's
  ``voice`` family, combined as ``tools.understanding.tags.vocal_tag`` does; accuracy, and the share
  answered with confidence (score >= the "I can't tell" threshold of the captioning answers).

    BANDLEADER_DATA=../shared/data .venv/bin/python benchmarks/tagging_real.py [--folds /tmp/tagger]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

MAX_S = 30.0


def _clips() -> list[tuple[object, bool | None]]:
    """(recording, vocals truth) pairs: the catalogue, plus vocals-only clips."""
    import tagger_data as D  # noqa: N812

    out: list[tuple[object, bool | None]] = [(r, "voice" in r.families) for r in D.real_catalogue()]
    ms, lt = D.SHARED / "musdb_sample_stems", D.SHARED / "librosa_data_tracks"
    extra = [
        (ms / "mixture.wav", ("drums", "bass", "voice"), "musdb", True),
        (ms / "instrumental_sum_drums_bass_other.wav", ("drums", "bass"), "musdb", False),
        (lt / "Kevin_MacLeod_-_Vibe_Ace.ogg", ("drums",), "macleod", False),
        (lt / "Kevin_MacLeod_-_P_I_Tchaikovsky_Dance_of_the_Sugar_Plum_Fairy.ogg", (), "macleod", False),
    ]
    for path, fams, source, sung in extra:
        if path.is_file():
            out.append((D.Recording(path, fams, source, "benchmark only", train=False), sung))
    return out


def _fold_models(folder: Path | None) -> dict[str, dict[str, np.ndarray]]:
    """Source -> the weights of the network trained without it (from the training script's folds)."""
    if folder is None or not (folder / "folds.json").is_file():
        return {}
    index = json.loads((folder / "folds.json").read_text())
    out = {}
    for source, name in index.items():
        with np.load(folder / name) as data:
            out[source] = {k: data[k].astype(np.float32) for k in data.files if k != "families"}
    return out


def main() -> int:
    from tools.captioning.questions import VOCALS_SCORE_MIN
    from tools.understanding.instruments import analyze_instruments
    from tools.understanding.notes import transcribe
    from tools.understanding.tags import INSTRUMENT_MIN_SCORE, VOICE_WEIGHT, vocal_tag
    from tools.understanding.vocals import VocalEvidence

    sys.path.insert(0, str(ROOT / "scripts"))
    import tagger_data as D  # noqa: N812
    from train_instrument_tagger import Tally

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=Path, help="fold networks from the training script's --cache folder")
    ap.add_argument("--stems", action="store_true", help="also print the separator's vocal-stem share")
    args = ap.parse_args()
    if not D.SHARED.is_dir():
        print(f"No benchmark data at {D.SHARED} (../shared/data or BANDLEADER_DATA): skipped.")
        return 0
    folds = _fold_models(args.folds)
    print(
        f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; tagger: "
        f"{'held-out fold networks' if folds else 'the shipped network'}"
    )
    tally = Tally()
    drum_false, no_drum_clips = 0, 0
    vocal_right, vocal_sure, vocal_n = 0, 0, 0
    readings: list[tuple[str, float | None, float, bool]] = []  # (source, pitch, voice, sung)
    for rec, sung in _clips():
        x = D.load_mono(rec.path)[: int(MAX_S * D.SR)]
        model = folds.get(rec.source) if rec.train else None
        note = "" if (not rec.train or model is not None) else " (trained on)"
        scores, _ = analyze_instruments(x, model=model)
        said = {f for f, s in scores.items() if s >= INSTRUMENT_MIN_SCORE and f != "voice"}
        truth = {f for f in rec.families if f != "voice"}
        if rec.families or rec.source != "macleod":
            tally.add(
                said | ({"voice"} if scores["voice"] >= INSTRUMENT_MIN_SCORE else set()),
                set(rec.families),
                set(rec.alternatives),
            )
        if "drums" not in rec.families and rec.source != "macleod":
            no_drum_clips += 1
            drum_false += int("drums" in said)
        evidence = VocalEvidence()
        transcribe(x, evidence)
        tag = vocal_tag(evidence, scores.get("voice"))
        pitch = evidence.score()
        answer = (
            "?" if tag is None or tag.score < VOCALS_SCORE_MIN else ("yes" if tag.label == "vocals" else "no")
        )
        if sung is not None:
            readings.append((rec.source, pitch, scores["voice"], sung))
            vocal_n += 1
            vocal_right += int(tag is not None and (tag.label == "vocals") == sung)
            vocal_sure += int(answer != "?" and (answer == "yes") == sung)
        stem = f" stem {vocal_stem_share(rec.path):.2f}" if args.stems else ""
        print(
            f"  {rec.path.name[:40]:40s} truth {','.join(sorted(truth)) or '-':12s} said "
            f"{','.join(sorted(said)) or '-':16s} drums {scores['drums']:.2f} | sung {sung!s:5s} "
            f"contour {'n/a' if pitch is None else f'{pitch:.2f}'} net voice {scores['voice']:.2f} -> "
            f"{answer}{note}{stem}"
        )
    table = tally.table()
    print("\nInstrument families (threshold 0.5):")
    for f, r in table.items():
        p = "-" if r["precision"] is None else f"{r['precision']:.2f}"
        rc = "-" if r["recall"] is None else f"{r['recall']:.2f}"
        print(f"  {f:9s} precision {p:>5s} recall {rc:>5s} (clips {r['clips']}, false {r['false']})")
    print(f"Drums said on {drum_false} of {no_drum_clips} real clips without a drum kit")
    print(
        f"Vocals yes/no with the shipped weight {VOICE_WEIGHT}: {vocal_right}/{vocal_n} right "
        f"({vocal_right / max(1, vocal_n):.2f}); answered with confidence and right "
        f"{vocal_sure}/{vocal_n} ({vocal_sure / max(1, vocal_n):.2f})"
    )
    voice_weight_table(readings, VOCALS_SCORE_MIN)
    return 0


def vocal_stem_share(path: Path) -> float:
    """Share of the power (first 30 s) that the separation tool puts in the vocals stem (its DSP
    separator unless Demucs weights are installed)."""
    import soundfile as sf

    from tools.separation.api import separate_samples

    x, sr = sf.read(path, dtype="float32", always_2d=True, frames=int(MAX_S * 48000))
    x = x[: int(MAX_S * sr)].T
    stems = separate_samples(x, sr, layout="two").stems
    v, a = float((stems["vocals"] ** 2).sum()), float((stems["accompaniment"] ** 2).sum())
    return v / max(v + a, 1e-12)


WEIGHTS: tuple[float, ...] = (0.0, 0.25, 0.5, 1.0)
"""Weights of the network's voice family (log-odds) compared for the vocals answer."""


def voice_weight_table(readings: list[tuple[str, float | None, float, bool]], sure: float) -> None:
    """Vocals accuracy per weight of the network's voice family (tuned: on all clips), and the
    leave-one-source-out figure: each source answered with the weight that did best on the others."""
    from tools.understanding.tags import vocal_probability

    def right(rows: list, w: float) -> tuple[int, int]:
        ok = confident = 0
        for _, pitch, voice, sung in rows:
            p = vocal_probability(pitch, voice, w)
            if p is None:
                continue
            ok += int((p >= 0.5) == sung)
            confident += int((p >= 0.5) == sung and max(p, 1 - p) >= sure)
        return ok, confident

    print("Voice-family weight (log-odds) | right | right and confident   (tuned: on all clips)")
    for w in WEIGHTS:
        ok, confident = right(readings, w)
        print(f"  {w:4.2f} | {ok}/{len(readings)} | {confident}/{len(readings)}")
    held = held_sure = 0
    for source in sorted({r[0] for r in readings}):
        rest = [r for r in readings if r[0] != source]
        best = max(WEIGHTS, key=lambda w: (right(rest, w)[1], right(rest, w)[0], -w))
        ok, confident = right([r for r in readings if r[0] == source], best)
        held, held_sure = held + ok, held_sure + confident
    print(
        f"  leave-one-source-out choice: {held}/{len(readings)} right "
        f"({held / max(1, len(readings)):.2f}), {held_sure}/{len(readings)} right and confident"
    )


if __name__ == "__main__":
    sys.exit(main())
