"""Instruments, drums and vocals on real recordings: what the feature sheet's tagger says, clip by clip.

The clips are the real recordings of ``scripts/tagger_data.real_catalogue`` (TinySOL, Medley-solos-DB,
vocadito, a CC BY trumpet, CC0 freesound guitars/piano/choir/breaks from Debian's sonic-pi-samples;
and, never trained on, the research-only MUSDB sample stems, the madmom piano and a CC BY-NC drum+bass
track) plus, for vocals only, the MUSDB mixture and its instrumental sum and two Kevin MacLeod tracks.

- **Instrument families**: precision/recall per family, as the feature sheet reads them
  (``tools.understanding.tags.instrument_scores``: our tagger, with musicnn's families where that
  optional backend is installed; ``benchmarks/tagging_musicnn.py`` compares the two). With ``--folds DIR``
  (written by
  ``scripts/train_instrument_tagger.py --evaluate --cache DIR``) each trainable clip is tagged by the
  network that was trained without its source, so every figure is held out; without it the shipped
  network is used and clips it trained on are marked "(trained on)".
- **Drums**: false positives on clips without a drum kit (voices, guitars, winds, piano).
- **Vocals yes/no**: the pitch-contour evidence (``tools.understanding.vocals``), the network's
  ``voice`` family and the separated vocals stem's pitch evidence (``tools.understanding.vocal_stem``),
  combined as ``tools.understanding.tags.vocal_tag`` does; accuracy, and the share answered with
  confidence (score >= the "I can't tell" threshold of the captioning answers). Besides the real clips,
  a second set puts real voices over real bands (vocadito 10 and 14 and the MUSDB vocals, each over
  the admiralbob77 drum+bass, two Kevin MacLeod tracks and a breakbeat, at 0 and -6 dB voice-to-band):
  every one sung. The voice weight, the stem's lift threshold and the voice reading below which the
  stem is not separated (issue 17: with musicnn it runs only in that uncertain band) are compared on a
  grid: "tuned" is
  the best pair on all clips; "held out" scores each clip with the pair chosen on the clips sharing
  none of its sources (ties go to the smaller weight and the more cautious stem rule), and, with
  ``--folds``, with the network trained without its (voice) source. The breakbeat is in the
  networks' training, so its mixes are held out by voice only.

    BANDLEADER_DATA=../shared/data .venv/bin/python benchmarks/tagging_real.py [--folds /tmp/tagger]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NamedTuple

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
    from tools.understanding.notes import transcribe
    from tools.understanding.tags import INSTRUMENT_MIN_SCORE, instrument_scores, vocal_settings, vocal_tag
    from tools.understanding.vocal_stem import STEM_WINDOW_S
    from tools.understanding.vocals import VocalEvidence

    sys.path.insert(0, str(ROOT / "scripts"))
    import tagger_data as D  # noqa: N812
    from train_instrument_tagger import Tally

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=Path, help="fold networks from the training script's --cache folder")
    ap.add_argument("--stems", action="store_true", help="also print the separator's vocal-stem share")
    ap.add_argument("--readings", type=Path, help="also write every clip's vocal evidence here (JSON)")
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
    readings: list[Reading] = []
    stem_s: list[float] = []
    for rec, sung in _clips():
        x = D.load_mono(rec.path)[: int(MAX_S * D.SR)]
        model = folds.get(rec.source) if rec.train else None
        note = "" if (not rec.train or model is not None) else " (trained on)"
        scores, _, backend = instrument_scores(x, model=model)
        settings = vocal_settings(backend)
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
        pitch = evidence.score()
        stem = stem_score(x, pitch, stem_s)
        shipped_stem = stem if scores["voice"] >= settings.stem_voice_min else None
        tag = vocal_tag(evidence, scores.get("voice"), shipped_stem, settings)
        answer = (
            "?" if tag is None or tag.score < VOCALS_SCORE_MIN else ("yes" if tag.label == "vocals" else "no")
        )
        if sung is not None:
            readings.append(
                Reading(rec.path.name, "real", frozenset({rec.source}), pitch, scores["voice"], stem, sung)
            )
            vocal_n += 1
            vocal_right += int(tag is not None and (tag.label == "vocals") == sung)
            vocal_sure += int(answer != "?" and (answer == "yes") == sung)
        share = f" stem share {vocal_stem_share(rec.path):.2f}" if args.stems else ""
        print(
            f"  {rec.path.name[:40]:40s} truth {','.join(sorted(truth)) or '-':12s} said "
            f"{','.join(sorted(said)) or '-':16s} drums {scores['drums']:.2f} | sung {sung!s:5s} "
            f"contour {_f(pitch)} stem {_f(stem)} net voice {scores['voice']:.2f} -> "
            f"{answer}{note}{share}"
        )
    table = tally.table()
    print("\nInstrument families (threshold 0.5):")
    for f, r in table.items():
        p = "-" if r["precision"] is None else f"{r['precision']:.2f}"
        rc = "-" if r["recall"] is None else f"{r['recall']:.2f}"
        print(f"  {f:9s} precision {p:>5s} recall {rc:>5s} (clips {r['clips']}, false {r['false']})")
    print(f"Drums said on {drum_false} of {no_drum_clips} real clips without a drum kit")
    print(
        f"Vocals yes/no on the real clips, shipped (weight, stem lift) {settings}: "
        f"{vocal_right}/{vocal_n} right ({vocal_right / max(1, vocal_n):.2f}); answered with confidence "
        f"and right {vocal_sure}/{vocal_n} ({vocal_sure / max(1, vocal_n):.2f})"
    )
    print("\nReal voices over real bands (all sung):")
    readings += voice_over_band(folds, stem_s)
    if stem_s:
        print(
            f"Vocals stem step (separation + contour, the middle {STEM_WINDOW_S:.0f} s at most): mean "
            f"{np.mean(stem_s):.2f} s, max {max(stem_s):.2f} s (run on {len(stem_s)} clips)"
        )
    vocal_rule_table(readings, VOCALS_SCORE_MIN)
    if args.readings:
        rows = [r._replace(sources=sorted(r.sources))._asdict() for r in readings]
        args.readings.write_text(json.dumps({"backend": backend, "readings": rows}, indent=1))
    return 0


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def stem_score(x: np.ndarray, pitch: float | None, seconds: list[float]) -> float | None:
    """The vocals stem's pitch score of mono 22.05 kHz ``x`` (None without a measurable pitched line in
    the mixture, as the tagger skips it then); its time is appended to ``seconds``."""
    import time

    from tools.understanding.vocal_stem import vocal_stem_evidence

    if pitch is None:
        return None
    t0 = time.perf_counter()
    score = vocal_stem_evidence(x).score()
    seconds.append(time.perf_counter() - t0)
    return score


VOICES: tuple[tuple[str, str], ...] = (
    ("vocadito_unlabeled/vocadito_10.wav", "vocadito-10"),
    ("vocadito_unlabeled/vocadito_14.wav", "vocadito-14"),
    ("musdb_sample_stems/vocals.wav", "musdb"),
)
"""Real solo voices (path under the data folder, source) laid over the bands."""

BANDS: tuple[tuple[str, str, float], ...] = (
    ("librosa_data_tracks/admiralbob77_-_Choice_-_Drum-bass.ogg", "admiralbob77", 5.0),
    ("librosa_data_tracks/Kevin_MacLeod_-_Vibe_Ace.ogg", "macleod", 20.0),
    (
        "librosa_data_tracks/Kevin_MacLeod_-_P_I_Tchaikovsky_Dance_of_the_Sugar_Plum_Fairy.ogg",
        "macleod",
        10.0,
    ),
    ("sonic-pi:loop_breakbeat.flac", "breakbeat", 0.0),
)
"""Real instrumentals (path, source, start in seconds) the voices are laid over."""

VOICE_TO_BAND_DB: tuple[float, ...] = (0.0, -6.0)
"""Voice level relative to the band (RMS), in dB."""


def voice_over_band(folds: dict, seconds: list[float]) -> list[Reading]:
    """Readings of every voice over every band at each level (at most 15 s each), printed per clip."""
    import tagger_data as D  # noqa: N812

    from tools.understanding.notes import transcribe
    from tools.understanding.tags import instrument_scores
    from tools.understanding.vocals import VocalEvidence

    def rms(a: np.ndarray) -> float:
        return float(np.sqrt(np.mean(a**2)) + 1e-12)

    out = []
    for vpath, vsource in VOICES:
        if not (D.SHARED / vpath).is_file():
            continue
        v = D.load_mono(D.SHARED / vpath)[: int(15 * D.SR)]
        for bpath, bsource, start in BANDS:
            path = D.SONIC_PI / bpath.split(":", 1)[1] if bpath.startswith("sonic-pi:") else D.SHARED / bpath
            if not path.is_file():
                continue
            b = D.load_mono(path)[int(start * D.SR) :]
            b = np.tile(b, int(np.ceil(len(v) / len(b))))[: len(v)]
            for db in VOICE_TO_BAND_DB:
                x = (v * 10 ** (db / 20) * rms(b) / rms(v) + b).astype(np.float32)
                x /= max(1.0, float(np.abs(x).max()) / 0.95)
                scores, _, _ = instrument_scores(x, model=folds.get(vsource))
                evidence = VocalEvidence()
                transcribe(x, evidence)
                pitch = evidence.score()
                stem = stem_score(x, pitch, seconds)
                name = f"{vsource} over {path.stem[:24]} {db:+.0f} dB"
                print(f"  {name:52s} contour {_f(pitch)} stem {_f(stem)} net voice {scores['voice']:.2f}")
                out.append(
                    Reading(
                        name, "over a band", frozenset({vsource, bsource}), pitch, scores["voice"], stem, True
                    )
                )
    return out


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


class Reading(NamedTuple):
    """One clip's vocal evidence."""

    name: str
    group: str  # "real" or "over a band"
    sources: frozenset[str]
    pitch: float | None  # the mixture's pitch-contour score
    voice: float  # the network's voice family
    stem: float | None  # the vocals stem's pitch-contour score
    sung: bool


WEIGHTS: tuple[float, ...] = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
"""Weights of the network's voice family (log-odds) compared for the vocals answer."""

LIFTS: tuple[float | None, ...] = (None, 1.0, 0.3, 0.2, 0.15, 0.1, 0.05)
"""Stem rules compared, most cautious first: None ignores the stem; 1.0 takes only the stem's own
score; the others also say "vocals" when the stem reads this much more voice-like than the mixture."""

VOICE_FLOORS: tuple[float, ...] = (0.5, 0.4, 0.3, 0.2, 0.1, 0.0)
"""The stem is used only where the voice family reads at least this (``stem_voice_min`` of
``tools.understanding.tags.vocal_settings``); the highest (fewest separations) first, 0.0 always."""

RULES: dict[str, list[tuple[float, float | None, float]]] = {
    "pitch contour only (the old sheet)": [(0.0, None, 0.0)],
    "voice weight": [(w, None, 0.0) for w in WEIGHTS],
    "vocals stem": [(0.0, lift, 0.0) for lift in LIFTS],
    "voice weight + vocals stem": [(w, lift, 0.0) for w in WEIGHTS for lift in LIFTS],
    "voice weight + stem if voice >= floor": [
        (w, lift, f) for w in WEIGHTS for lift in LIFTS for f in VOICE_FLOORS
    ],
}
"""The rule families compared (voice weight, stem rule, voice floor for the stem); each is tuned and
held out over its own grid."""


def vocal_rule_table(readings: list[Reading], sure: float) -> None:
    """Vocals accuracy per rule family, tuned (the best grid point on all clips) and held out (each clip
    answered with the grid point that did best on the clips sharing none of its sources), per group,
    with the false "vocals" and the held-out misses."""
    from tools.understanding.tags import vocal_probability

    def prob(r: Reading, g: tuple[float, float | None, float]) -> float | None:
        w, lift, floor = g
        stem = r.stem if lift is not None and r.voice >= floor else None
        return vocal_probability(r.pitch, r.voice, w, stem, lift if lift is not None else 1.0)

    def right(rows: list[Reading], g: tuple[float, float | None, float]) -> int:
        return sum(int(p is not None and (p >= 0.5) == r.sung) for r in rows for p in [prob(r, g)])

    def pick(rows: list[Reading], grid: list) -> tuple[float, float | None, float]:
        return max(grid, key=lambda g: (right(rows, g), -g[0], -LIFTS.index(g[1]), g[2]))

    print(
        "\nVocals yes/no | group | tuned (weight, stem rule, voice floor) | held out | held out and "
        "confident | false yes"
    )
    for label, grid in RULES.items():
        best = pick(readings, grid)
        held = {
            r.name: (g, prob(r, g))
            for r in readings
            for g in [pick([t for t in readings if not t.sources & r.sources], grid)]
        }
        for group in ("real", "over a band"):
            rows = [r for r in readings if r.group == group]
            tuned = right(rows, best)
            ok = [r for r in rows if held[r.name][1] is not None and (held[r.name][1] >= 0.5) == r.sung]
            confident = sum(int(max(held[r.name][1], 1 - held[r.name][1]) >= sure) for r in ok)  # type: ignore[arg-type]
            false_yes = sum(int(not r.sung and (held[r.name][1] or 0) >= 0.5) for r in rows)
            print(
                f"  {label:38s} | {group:11s} | {tuned}/{len(rows)} {best} | {len(ok)}/{len(rows)} "
                f"({len(ok) / max(1, len(rows)):.2f}) | {confident}/{len(rows)} | {false_yes}"
            )
        for r in readings:
            g, p = held[r.name]
            if r.group == "real" and (p is None or (p >= 0.5) != r.sung):
                print(
                    f"      held-out miss: {r.name} (sung {r.sung}; contour {_f(r.pitch)}, "
                    f"voice {r.voice:.2f}, stem {_f(r.stem)}; chosen {g} -> {_f(p)})"
                )


if __name__ == "__main__":
    sys.exit(main())
