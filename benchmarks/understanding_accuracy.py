"""Accuracy of music understanding on real recordings and rendered scores in ../shared/data.

Part 1 (side by side): per file and per task (beats, downbeats, key, chords), the stock madmom models
(RNN+DBN beats, RNN+DBN downbeats, CNN key, CNN+CRF chords) next to every post-processing step of ours
(one network, pooled DBN, narrowed tempo range, placed downbeats, chord-phase fix, key-profile product,
deep-chroma chords, chord smoothing), each scored per file. A leave-one-source-out selection then picks,
for each held-out source, the variant best on all the *other* sources and scores it on the held-out one:
"held-out" next to "tuned" (the best variant on everything, scored on the same data it was picked on).
A second held-out figure chooses only among post-processing steps of the stock model (other networks,
:data:`REFERENCE_ONLY`, are shown for reference), and the sheet's default (:data:`DEFAULT`) is compared
with stock file by file and per source. Each step alone is scored tuned (mean on all files) and held out
(kept for a source only where it beat stock on the other sources). The key's gate (the CNN x profile
product only where the profile is surer than the CNN) has its feature and threshold chosen again in each fold
(:func:`gated_held_out`); the sheet's constant is the one chosen on all files. The resolved-band product's
profile weight and its bass weight (the relative-pair decision) are chosen in each fold too
(:func:`weight_held_out`). A last table puts stock,
the default tuned and the default held out side by side per task. Beats and downbeats also run on 16 songs
of the project's composer in six style groups (swing, bossa, waltz, slow, groove; rendered,
benchmarks/rendered_styles.py), frozen in benchmarks/data/rendered_styles (MIDI and labels, composed
once; each run renders them again with FluidSynth, which gives the same samples).

Part 2 (feature sheet): the whole sheet's tempo, notes, instruments and vocals with mir_eval (beat
F-measure, tempo within 4% or at half/double, MIREX key, chord majmin, note onset F, instrument and
vocal accuracy) with the default backends (and --permissive: BANDLEADER_PERMISSIVE_ONLY=1).
Scores and MIDI are rendered with FluidSynth (FluidR3_GM) and labelled "rendered".

    .venv/bin/python benchmarks/understanding_accuracy.py [--data DIR] [--max-seconds 60] [--permissive]
        [--skip-sheet] [--tasks beats,downbeats,key,chords] [--cache DIR] [--no-styles]

The data folder is ../shared/data next to the repository, BANDLEADER_DATA, or --data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = Path(os.environ.get("BANDLEADER_DATA", ROOT.parent / "shared" / "data"))
SOUNDFONT = Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
PC = {
    "C": 0,
    "C#": 1,
    "Db": 1,
    "D": 2,
    "D#": 3,
    "Eb": 3,
    "E": 4,
    "F": 5,
    "F#": 6,
    "Gb": 6,
    "G": 7,
    "G#": 8,
    "Ab": 8,
    "A": 9,
    "A#": 10,
    "Bb": 10,
    "B": 11,
    "B-": 10,
    "E-": 3,
    "A-": 8,
    "D-": 1,
    "G-": 6,
}
FAMILY_OF: dict[str, tuple[str, ...]] = {
    "flute": ("woodwind",),
    "trumpet": ("brass",),
    "contrabass": ("bass", "strings"),
}
"""Dataset instrument names -> the tagger's families that count as a hit."""
MAJOR_BY_SHARPS = {-4: "Ab", -3: "Eb", -2: "Bb", -1: "F", 0: "C", 1: "G", 2: "D", 3: "A", 4: "E", 5: "B"}


def render(midi: Path, out: Path) -> Path:
    """WAV rendering of ``midi`` with FluidSynth at 44.1 kHz (made once per run)."""
    if not out.exists():
        subprocess.run(
            ["fluidsynth", "-ni", "-q", "-r", "44100", "-F", str(out), str(SOUNDFONT), str(midi)],
            check=True,
            capture_output=True,
        )
    return out


def mirex_key(ref: str, est: str | None) -> float:
    """MIREX weighted key score for 'D minor'-style labels (0 for no estimate)."""
    import mir_eval

    if est is None:
        return 0.0
    return float(mir_eval.key.weighted_score(ref, est))


def norm_key(label: str) -> str:
    """'Eb:maj' / 'B- major' / 'F# minor' -> mir_eval key 'Eb major'."""
    label = label.replace(":maj", " major").replace(":min", " minor")
    tonic, mode = label.split()[:2]
    names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
    return f"{names[PC[tonic]]} {mode}"


def chord_majmin(truth: list[tuple[float, float, str]], est: list) -> tuple[float, float]:
    """(weighted majmin overlap, reference seconds scored)."""
    import mir_eval

    ref_iv = np.array([[s, e] for s, e, _ in truth])
    ref_lab = [lab for *_, lab in truth]
    est_iv = np.array([[c.start, c.end] for c in est if c.end > c.start])
    est_lab = [c.label for c in est if c.end > c.start]
    est_iv, est_lab = mir_eval.util.adjust_intervals(est_iv, est_lab, ref_iv.min(), ref_iv.max(), "N", "N")
    iv, r, e = mir_eval.util.merge_labeled_intervals(ref_iv, ref_lab, est_iv, est_lab)
    durations = mir_eval.util.intervals_to_durations(iv)
    comp = mir_eval.chord.majmin(r, e)
    valid = comp >= 0
    return float(mir_eval.chord.weighted_accuracy(comp, durations)), float(durations[valid].sum())


def cases(tmp: Path, data: Path) -> list[dict]:
    """Every scored item: path, label and the truths it has."""
    out: list[dict] = []
    DATA = data  # noqa: N806 - the folder every case below reads
    g = DATA / "gtzan_tempo_beat"
    if g.is_dir():
        beats = np.loadtxt(g / "gtzan_country_00000.beats")
        out.append(
            {
                "name": "gtzan country.00000 (real)",
                "source": "gtzan",
                "path": g / "country.00000.wav",
                "beats": beats[:, 0],
                "downbeats": beats[beats[:, 1] == 1, 0],
                "tempo": float((g / "gtzan_country_00000.bpm").read_text()),
            }
        )
    m = DATA / "madmom_testdata"
    if m.is_dir():
        table = np.loadtxt(m / "sample.beats")
        beats = table[:, 0]
        notes = np.loadtxt(m / "stereo_sample.notes", comments="#")
        out.append(
            {
                "name": "madmom sample (real, 2.8 s)",
                "source": "madmom",
                "path": m / "sample.wav",
                "beats": beats,
                "tempo": 87.5,
            }
        )
        out.append(
            {
                "name": "madmom stereo_sample piano (real)",
                "source": "madmom",
                "path": m / "stereo_sample.flac",
                "notes": [(o, o + d, p) for o, p, d, _ in notes],
            }
        )
    k = DATA / "mirdata_key_clips"
    if k.is_dir():
        for f, lab in json.loads((k / "labels.json").read_text()).items():
            out.append(
                {
                    "name": f"{f} (real, 2 s)",
                    "source": "mirdata_key",
                    "path": k / f,
                    "key": norm_key(lab["key"]),
                }
            )
    lt = DATA / "librosa_data_tracks"
    if lt.is_dir():
        f = "Kevin_MacLeod_-_P_I_Tchaikovsky_Dance_of_the_Sugar_Plum_Fairy.ogg"
        out.append(
            {
                "name": "Sugar Plum Fairy (real, title key)",
                "source": "librosa",
                "path": lt / f,
                "key": "E minor",
                "vocals": False,
            }
        )
        out.append(
            {
                "name": "solo trumpet (real)",
                "source": "librosa",
                "path": lt / "sorohanro_-_solo-trumpet-06.ogg",
                "tempo": 90.0,
                "instruments": ["trumpet"],
                "vocals": False,
            }
        )
        out.append(
            {
                "name": "Vibe Ace (real, instrumental)",
                "source": "librosa",
                "path": lt / "Kevin_MacLeod_-_Vibe_Ace.ogg",
                "vocals": False,
            }
        )
        out.append(
            {
                "name": "drum-bass (real)",
                "source": "librosa",
                "path": lt / "admiralbob77_-_Choice_-_Drum-bass.ogg",
                "instruments": ["drums", "bass"],
                "vocals": False,
            }
        )
    ic = DATA / "mirdata_instrument_clips"
    if ic.is_dir():
        for f, lab in json.loads((ic / "labels.json").read_text()).items():
            item = {
                "name": f"{f} (real)",
                "source": "mirdata_instrument",
                "path": ic / f,
                "instruments": [lab["instrument"]],
                "vocals": False,
            }
            if "midi" in lab:
                item["pitch"] = lab["midi"]
            out.append(item)
    vd = DATA / "vocadito_unlabeled"
    if vd.is_dir():
        for f in sorted(vd.glob("*.wav")):
            out.append({"name": f"{f.stem} (real singing)", "source": "vocadito", "path": f, "vocals": True})
    bc = DATA / "music21_bach_chorales"
    if bc.is_dir():
        import pretty_midi

        labels = json.loads((bc / "labels.json").read_text())
        for mxl, lab in labels.items():
            mid = bc / mxl.replace(".mxl", ".mid")
            if not mid.exists():
                continue
            pm = pretty_midi.PrettyMIDI(str(mid))
            tonic = lab["key_krumhansl_analyzed"].split()[0]
            mode = lab["key_krumhansl_analyzed"].split()[1]
            sig = MAJOR_BY_SHARPS.get(lab["key_signature_sharps"])
            rel_minor = (PC[sig] + 9) % 12 if sig else None
            # trust the analysed key only when it agrees with the key signature (major or relative minor)
            key = None
            if sig and (
                (mode == "major" and PC[tonic] == PC[sig]) or (mode == "minor" and PC[tonic] == rel_minor)
            ):
                key = norm_key(f"{tonic} {mode}")
            qpm = float(pm.get_tempo_changes()[1][0])  # the MIDI's own tempo (not always 120)
            item = {
                "name": f"{mid.stem} (rendered)",
                "source": "bach",
                "path": render(mid, tmp / f"{mid.stem}.wav"),
                "beats": pm.get_beats(),
                "downbeats": pm.get_downbeats(),
                "tempo": qpm,
                "notes": [(n.start, n.end, n.pitch) for i in pm.instruments for n in i.notes],
            }
            if key:
                item["key"] = key
            tsv = bc / mxl.replace(".mxl", ".chordify.tsv")
            sec_per_quarter = 60.0 / qpm
            if tsv.exists() and abs(pm.get_end_time() - sec_per_quarter * lab["duration_quarters"]) < 1.0:
                truth = []
                for line in tsv.read_text().splitlines():
                    if line.startswith("#") or not line.strip():
                        continue
                    s, e, root, quality = line.split("\t")[:4]
                    q = {"major": "maj", "minor": "min"}.get(quality)
                    root = root.replace("-", "b")
                    truth.append(
                        (float(s) * sec_per_quarter, float(e) * sec_per_quarter, f"{root}:{q}" if q else "X")
                    )
                item["chords"] = truth
            out.append(item)
    pop = DATA / "pop909_symbolic"
    if pop.is_dir():
        for d in sorted(p for p in pop.iterdir() if p.is_dir()):
            mid = d / f"{d.name}.mid"
            chords = [ln.split("\t") for ln in (d / "chord_midi.txt").read_text().splitlines() if ln.strip()]
            beats = np.loadtxt(d / "beat_midi.txt")[:, 0]
            key = (d / "key_audio.txt").read_text().split("\t")[2].strip()
            out.append(
                {
                    "name": f"POP909 {d.name} (rendered, silver labels)",
                    "source": "pop909",
                    "path": render(mid, tmp / f"{d.name}.wav"),
                    "beats": beats,
                    "tempo": 60.0 / float(np.median(np.diff(beats))),
                    "key": norm_key(key),
                    "chords": [(float(s), float(e), lab.strip()) for s, e, lab in chords],
                }
            )
    ms = DATA / "musdb_sample_stems"
    if ms.is_dir():
        for f, sung in json.loads((ms / "labels.json").read_text())["vocals_present"].items():
            if f != "vocals.wav":
                out.append(
                    {"name": f"MUSDB sample {f} (real)", "source": "musdb", "path": ms / f, "vocals": sung}
                )
    return out


def score(items: list[dict]) -> dict[str, tuple[float, int]]:
    """Mean score and count per metric over ``items`` for the backends selected by the environment."""
    import mir_eval

    from tools.understanding.sheet import compute_sheet

    sums: dict[str, list[float]] = {}
    chord_num = chord_den = 0.0
    for it in items:
        sheet = compute_sheet(it["path"])
        if "beats" in it:
            ref = mir_eval.beat.trim_beats(np.asarray(it["beats"], dtype=float))
            est = np.asarray(sheet.beats, dtype=float)
            est = mir_eval.beat.trim_beats(est[est <= it.get("heard_until", np.inf)])
            sums.setdefault("beat F", []).append(mir_eval.beat.f_measure(ref, est))
        if "tempo" in it:
            t = sheet.tempo_bpm or 0.0
            sums.setdefault("tempo acc1 (4%)", []).append(float(abs(t - it["tempo"]) <= 0.04 * it["tempo"]))
            sums.setdefault("tempo acc2 (x2, /2)", []).append(
                float(any(abs(t * f - it["tempo"]) <= 0.04 * it["tempo"] for f in (0.5, 1, 2, 1 / 3, 3)))
            )
        if "key" in it:
            sums.setdefault("key MIREX weighted", []).append(mirex_key(it["key"], sheet.key))
        if "chords" in it:
            acc, secs = chord_majmin(it["chords"], sheet.chords)
            chord_num += acc * secs
            chord_den += secs
        if "notes" in it:
            ref = np.array([[s, e] for s, e, _ in it["notes"]])
            ref_p = mir_eval.util.midi_to_hz(np.array([p for *_, p in it["notes"]]))
            est = np.array([[n.start, n.end] for n in sheet.notes]).reshape(-1, 2)
            est_p = mir_eval.util.midi_to_hz(np.array([n.pitch for n in sheet.notes], dtype=float))
            f = mir_eval.transcription.precision_recall_f1_overlap(ref, ref_p, est, est_p, offset_ratio=None)[
                2
            ]
            sums.setdefault("note F (onset, 50 ms)", []).append(f)
        if "pitch" in it:
            longest = max(sheet.melody or sheet.notes, key=lambda n: n.end - n.start, default=None)
            sums.setdefault("pitch of a solo note", []).append(
                float(longest is not None and longest.pitch == it["pitch"])
            )
        if "instruments" in it:
            scores = {s.label: s.score for s in sheet.tags.instruments}
            families = [FAMILY_OF.get(w, (w,)) for w in it["instruments"]]
            hit = np.mean([any(scores.get(f, 0.0) >= 0.5 for f in fams) for fams in families])
            sums.setdefault("instrument accuracy", []).append(float(hit))
            if len(families) == 1:
                top = max(scores, key=lambda f: scores[f], default=None)
                sums.setdefault("instrument top-1 (solo)", []).append(float(top in families[0]))
        if "vocals" in it:
            v = sheet.tags.vocals
            said = None if v is None else v.label == "vocals"
            sums.setdefault("vocals yes/no accuracy", []).append(float(said == it["vocals"]))
            sure = v is not None and v.score >= 0.65
            sums.setdefault("vocals confident+correct", []).append(float(sure and said == it["vocals"]))
    out = {k: (float(np.mean(v)), len(v)) for k, v in sums.items()}
    if chord_den:
        out["chord majmin (weighted)"] = (chord_num / chord_den, sum(1 for i in items if "chords" in i))
    return out


def sheet_main(items: list[dict], tmp: Path, permissive: bool) -> None:
    """Prints the whole feature sheet's scores (default backends, and permissive-only if asked)."""
    os.environ["BANDLEADER_FEATURE_CACHE"] = str(tmp / "cache")
    os.environ.pop("BANDLEADER_PERMISSIVE_ONLY", None)
    full = score(items)
    perm: dict[str, tuple[float, int]] = {}
    if permissive:
        os.environ["BANDLEADER_PERMISSIVE_ONLY"] = "1"
        perm = score(items)
        os.environ.pop("BANDLEADER_PERMISSIVE_ONLY", None)
    print(f"\nFeature sheet on {len(items)} items (real + rendered)")
    print(f"{'metric':28s} {'n':>3s} {'default (madmom)':>17s} {'permissive only':>16s}")
    for metric in sorted(set(full) | set(perm)):
        n = full.get(metric, perm.get(metric, (0, 0)))[1]
        a = f"{full[metric][0]:.3f}" if metric in full else "-"
        b = f"{perm[metric][0]:.3f}" if metric in perm else "-"
        print(f"{metric:28s} {n:3d} {a:>17s} {b:>16s}")
    print(
        "Instrument accuracy: share of labelled instruments whose family scores >= 0.5 (flute=woodwind, "
        "trumpet=brass, contrabass=bass or strings); top-1 is the best-scored family on solo clips."
    )
    print(
        "Vocals: vocadito singing and the MUSDB mixture (yes) against real instrumental clips (no); "
        "'confident' = score >= 0.65 (below it answer_question says it can't tell)."
    )


KEY_GATED = "CNN x profile where the profile is surer than the CNN (the gate)"
"""The old sheet key: the stock CNN, the CNN x profile product where the profile is surer than the CNN."""

KEY_PRODUCT = "CNN x resolved-band profile (KEY_METHOD cnn*profile)"
"""The key CNN times the key profile of the resolved bands (:func:`tools.understanding.tonality._madmom`,
weight :data:`tools.understanding.constants.KEY_PROFILE_WEIGHT`)."""

KEY_DEFAULT = "CNN x resolved-band profile, relative pair by the bass (sheet: KEY_METHOD cnn*profile+bass)"
"""The sheet's key: :data:`KEY_PRODUCT` with the top key and its relative decided again by the bass
salience (:func:`tools.understanding.tonality.choose_relative_by_bass`, weight
:data:`tools.understanding.constants.KEY_BASS_WEIGHT`), the sheet's own code path."""

KEY_BASS_WEIGHTS: tuple[float, ...] = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
"""Weights of the bass's tonic evidence tried (at the sheet's profile weight); the held-out figure chooses
one in each fold."""


def key_bass_variant(w: float) -> str:
    """Variant name of the resolved-band product with the relative pair decided with bass weight ``w``."""
    return f"CNN x resolved-band profile, bass weight {w:g}"


KEY_WEIGHTS: tuple[float, ...] = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
"""Profile weights of the resolved-band product tried; the held-out figure chooses one in each fold."""


def key_weight_variant(w: float) -> str:
    """Variant name of the CNN x resolved-band profile product with profile weight ``w``."""
    return f"CNN x resolved-band profile, weight {w:g}"


TUNED_ON_ALL: frozenset[str] = frozenset({KEY_GATED, KEY_PRODUCT, KEY_DEFAULT})
"""Variants with a constant chosen on all the files (the sheet's constant): left out of the held-out
selections, whose honest held-out figures are the gate's and the weights', chosen again in each fold."""

KEY_ALTERNATIVE = "CNN x profile (old default)"
"""The key variant the gated key switches to (the product everywhere)."""

REFERENCE_ONLY: frozenset[str] = frozenset(
    {
        "stock downbeat RNN+DBN",
        "ours (1 net, pooled, narrowed; old default)",
        "ours (old default)",
        "x1/2 range downbeats of 1 downbeat net, on the x1/2 beats",
        "deep-chroma CRF",
        "deep-chroma + smoothing (old default)",
        "profile alone",
        "resolved-band profile alone",
    }
)
"""Variants that are other models, not post-processing steps of the stock model: shown for reference,
and left out of the second held-out selection ("steps only")."""

BAR_CHECKED = "stock RNN+DBN, x1/2 only where the bars agree (old default)"
"""The sheet's beats until issue 17's slow piano: the half-time check, taken only where the downbeats
recur every two bars of the stock beats but hardly every bar
(:func:`tools.understanding.rhythm.beats_twice_the_bars`)."""

ONSET_CHECKED = "stock RNN+DBN, x1/2 where the bars agree or nothing sounds between the beats (default)"
"""The sheet's beats: :data:`BAR_CHECKED`, and half time also where the beat activation alternates and
hardly anything sounds midway between the stock beats
(:func:`tools.understanding.rhythm.nothing_between_the_beats`; threshold set on composer songs, none of
them in this benchmark)."""


BAR_CHECKED_DOWN = "downbeat DBN in the bar-checked range, on those beats"
"""Downbeats of the stock downbeat BLSTMs and DBN within the drift factor of the bar-checked beats' tempo,
snapped to those beats."""

BAR_CHECKED_STOCK_DOWN = "stock downbeats, in the bar-checked range where halved (old default)"
"""The stock downbeat tracker's downbeats, unless the bar check halved the beats (then as
:data:`BAR_CHECKED_DOWN`)."""

ONSET_CHECKED_STOCK_DOWN = "stock downbeats, in the range of the default beats where halved (default)"
"""The stock downbeat tracker's downbeats, unless :data:`ONSET_CHECKED` halved the beats (then the
downbeat DBN within the drift factor of their tempo, snapped to them)."""

DEFAULT = {
    "beats": ONSET_CHECKED,
    "downbeats": ONSET_CHECKED_STOCK_DOWN,
    "key": KEY_DEFAULT,
    "chords": "stock CNN+CRF",
}
"""The variant the feature sheet uses for each task (tools/understanding/constants.py)."""

STOCK = {
    "beats": "stock RNN+DBN",
    "downbeats": "stock RNN+DBN",
    "key": "stock CNN",
    "chords": "stock CNN+CRF",
}
"""The stock madmom variant of each task (the baseline every other variant is compared with)."""


VARIANTS_VERSION: str = "v8"
"""Bumped whenever a variant's decoding changes, so cached decoded outputs are not reused."""

RAW_VERSION: dict[str, str] = {"key": "4"}
"""Per task, bumped whenever its raw outputs change (in the cached file's name)."""


def _changes(chords: list) -> np.ndarray:
    """Start times (s) of every chord after the first (the chord changes)."""
    return np.array([c.start for c in chords[1:]], dtype=float)


def raw_outputs(
    item: dict, max_s: float, tasks: tuple[str, ...] = ("beats", "downbeats", "key", "chords")
) -> dict[str, object]:
    """The expensive network outputs of one item, its audio cut to ``max_s`` seconds: beat evidence
    (beat BLSTMs, 8 and 1 downbeat BLSTMs, bass onsets), both chord recognisers' chords and the three key
    estimates (kept in the --cache folder, so that a rerun only decodes and scores)."""
    from tools.understanding import constants as C  # noqa: N812
    from tools.understanding import rhythm as R  # noqa: N812
    from tools.understanding.harmony import madmom_chords
    from tools.understanding.key_cnn import (
        bass_salience,
        key_probabilities,
        key_spectrogram,
        spectrogram_chroma,
    )
    from tools.understanding.signal import load_analysis_audio
    from tools.understanding.tonality import _cnn_to_24, combine_experts, key_label, profile_scores
    from tools.understanding.tonality import _madmom as key_madmom

    x = load_analysis_audio(Path(item["path"]), item["name"]).samples[: int(max_s * 44100)]
    raw: dict[str, object] = {}
    want_beats = "beats" in item and ("beats" in tasks or "downbeats" in tasks)
    if ("chords" in item and "chords" in tasks) or want_beats:
        raw["cnn"] = madmom_chords(x, "cnn")
        raw["deepchroma"] = madmom_chords(x, "deepchroma") if "chords" in item and "chords" in tasks else None
    if want_beats:
        raw["evidence"] = R.beat_evidence(x, beat_networks=8, downbeat_networks=8)
        raw["acts1"] = R._madmom_activations(x, 1)
    if "key" in item and "key" in tasks:
        spec = key_spectrogram(x)
        cnn = _cnn_to_24(key_probabilities(spec))
        prof = profile_scores(spectrogram_chroma(spec, resolved_only=False))
        resolved = profile_scores(spectrogram_chroma(spec))
        raw["key_probs"] = (cnn, prof)
        raw["key_profile_resolved"] = resolved
        raw["key_bass"] = bass_salience(x)[1].sum(axis=0)

        def best(p: np.ndarray) -> str | None:
            k = int(np.argmax(p))
            return key_label(k % 12, k >= 12) if p.sum() > 0 and p[k] >= C.KEY_CONFIDENCE_MIN else None

        raw["key"] = {
            "stock CNN": key_madmom(x, len(x) / 44100, "cnn").key,
            "CNN x profile (old default)": best(combine_experts(cnn, prof)),
            "profile alone": best(prof),
            "resolved-band profile alone": best(resolved),
            KEY_PRODUCT: key_madmom(x, len(x) / 44100, "cnn*profile").key,
            KEY_DEFAULT: key_madmom(x, len(x) / 44100, "cnn*profile+bass").key,
        }
    return raw


def variant_outputs(item: dict, raw: dict[str, object]) -> dict[str, dict[str, object]]:
    """task -> variant -> output (beat times, downbeat times, key label or chords) for one item, decoded
    from its :func:`raw_outputs`."""
    from tools.understanding.backends import import_madmom

    import_madmom()
    from madmom.features.beats import DBNBeatTrackingProcessor
    from madmom.features.downbeats import DBNDownBeatTrackingProcessor

    from tools.understanding import constants as C  # noqa: N812
    from tools.understanding import rhythm as R  # noqa: N812
    from tools.understanding.harmony import merge_short

    out: dict[str, dict[str, object]] = {}
    if raw.get("deepchroma") is not None:
        cnn, deep = raw["cnn"], raw["deepchroma"]
        out["chords"] = {
            "stock CNN+CRF": cnn,
            "stock + smoothing": merge_short(cnn),
            "deep-chroma CRF": deep,
            "deep-chroma + smoothing (old default)": merge_short(deep),
        }
    if "evidence" in raw:
        ev, acts1, changes = raw["evidence"], raw["acts1"], _changes(raw["cnn"])
        lo, hi = C.MIN_TEMPO_BPM, C.MAX_TEMPO_BPM
        stock = np.asarray(
            DBNBeatTrackingProcessor(fps=C.BEAT_FPS, min_bpm=lo, max_bpm=hi)(ev.beat), dtype=float
        )
        rows = np.asarray(
            DBNDownBeatTrackingProcessor(
                beats_per_bar=list(C.BEATS_PER_BAR_CHOICES), fps=C.BEAT_FPS, min_bpm=lo, max_bpm=hi
            )(ev.downbeat)
        ).reshape(-1, 2)
        ours = R.downbeat_dbn_rhythm(acts1)
        octave = R.octave_checked_beats(ev.beat, full_range_beats=stock)
        octave3 = R.octave_checked_beats(ev.beat, (0.5, 2.0, 2 / 3, 1.5), full_range_beats=stock)
        phased = R.shift_to_evidence_phase(octave, changes, ev.bass)
        out["beats"] = {
            "stock RNN+DBN": stock,
            "stock downbeat RNN+DBN": rows[:, 0],
            "ours (1 net, pooled, narrowed; old default)": np.array(ours.beats),
            "stock RNN + DBN in global-tempo range": R.narrowed_beats(ev.beat),
            "stock RNN+DBN, octave checked (x1/2, x2)": octave,
            "stock RNN+DBN, octave checked (x1/2, x2, x2/3, x3/2)": octave3,
            "stock + chord phase (CNN chords)": R.shift_to_chord_phase(stock, changes),
            "octave checked + chord phase": R.shift_to_chord_phase(octave, changes),
            "octave checked + chord/bass phase": phased,
        }
        t_oct, _ = R.tempo_from_beats(octave)
        narrowed = (
            R.downbeat_dbn_rhythm(
                ev.downbeat,
                pooled=False,
                tempo_range=(t_oct / C.TEMPO_DRIFT_FACTOR, t_oct * C.TEMPO_DRIFT_FACTOR),
            )
            if t_oct
            else R.downbeat_dbn_rhythm(ev.downbeat, pooled=False, narrowed=False)
        )

        def placed(beats: np.ndarray, chords: bool, bass: bool) -> np.ndarray:
            evidence = [R.beat_values(beats, ev.downbeat[:, 1])]
            if chords:
                evidence.append(R.change_marks(beats, changes))
            if bass:
                evidence.append(R.beat_values(beats, ev.bass))
            return R.choose_bar_phase(beats, evidence)[0]

        out["downbeats"] = {
            "stock RNN+DBN": rows[rows[:, 1].astype(int) == 1, 0],
            "ours (old default)": np.array(ours.downbeats),
            "stock downbeat DBN in the octave-checked range": np.array(narrowed.downbeats),
            "octave beats + placed (downbeat act)": placed(octave, False, False),
            "octave beats + placed (act + chords)": placed(octave, True, False),
            "octave beats + placed (act + chords + bass)": placed(octave, True, True),
            "octave + phase beats + placed (act + chords + bass)": placed(phased, True, True),
        }
    if "key" in raw:
        out["key"] = dict(raw["key"])
        if "key_probs" in raw:
            from tools.understanding.tonality import (
                choose_relative_by_bass,
                combine_experts,
                gated_experts,
                key_label,
            )

            cnn, prof = raw["key_probs"]
            for w in (0.2, 0.33):
                k = int(np.argmax(combine_experts(cnn, prof, w)))
                out["key"][f"CNN x profile, profile weight {w}"] = key_label(k % 12, k >= 12)
            gated = gated_experts(cnn, prof)
            k = int(np.argmax(gated))
            out["key"][KEY_GATED] = key_label(k % 12, k >= 12) if gated[k] >= C.KEY_CONFIDENCE_MIN else None
            if "key_profile_resolved" in raw:
                for w in KEY_WEIGHTS:
                    p = combine_experts(cnn, raw["key_profile_resolved"], w)
                    k = int(np.argmax(p))
                    label = key_label(k % 12, k >= 12) if p[k] >= C.KEY_CONFIDENCE_MIN else None
                    out["key"][key_weight_variant(w)] = label
            if "key_bass" in raw:
                product = combine_experts(cnn, raw["key_profile_resolved"], C.KEY_PROFILE_WEIGHT)
                for w in KEY_BASS_WEIGHTS:
                    p = choose_relative_by_bass(product, raw["key_bass"], w)
                    k = int(np.argmax(p))
                    label = key_label(k % 12, k >= 12) if p[k] >= C.KEY_CONFIDENCE_MIN else None
                    out["key"][key_bass_variant(w)] = label
            top = np.sort(cnn)[::-1]
            out["key gates"] = {
                "profile confidence - CNN top probability": float(prof.max() - top[0]),
                "profile confidence": float(prof.max()),
                "CNN doubt (1 - top probability)": float(1 - top[0]),
                "CNN doubt (1 - margin over the second key)": float(1 - (top[0] - top[1])),
            }
    return out


def extra_variants(raw: dict[str, object], outputs: dict[str, dict[str, object]]) -> bool:
    """Adds to ``outputs`` the variants decoded after the first cached runs (the half-time-only octave
    check, the downbeat DBN in its range, that of 1 downbeat network, and the half-time check guarded by
    the bars); True when something was added."""
    from tools.understanding import constants as C  # noqa: N812
    from tools.understanding import rhythm as R  # noqa: N812

    if "evidence" not in raw or "beats" not in outputs:
        return False
    name = "stock RNN+DBN, octave checked (x1/2 only)"
    one_net = "x1/2 range downbeats of 1 downbeat net, on the x1/2 beats"
    done = [n in outputs["beats"] for n in (name, BAR_CHECKED)]
    done += [
        n in outputs["downbeats"]
        for n in (one_net, BAR_CHECKED_DOWN, BAR_CHECKED_STOCK_DOWN, ONSET_CHECKED_STOCK_DOWN)
    ]
    if all(done):
        return False
    ev = raw["evidence"]
    stock = outputs["beats"]["stock RNN+DBN"]
    if name not in outputs["beats"]:
        outputs["beats"][name] = R.octave_checked_beats(ev.beat, (0.5,), full_range_beats=stock)

    def in_range(beats: np.ndarray, acts: np.ndarray) -> np.ndarray:
        """The downbeat DBN on ``acts`` within the drift factor of the tempo of ``beats``, snapped to them."""
        t, _ = R.tempo_from_beats(beats)
        f = C.TEMPO_DRIFT_FACTOR
        rng = (t / f, t * f) if t else (C.MIN_TEMPO_BPM, C.MAX_TEMPO_BPM)
        down = np.array(R.downbeat_dbn_rhythm(acts, pooled=False, tempo_range=rng).downbeats)
        return R.snap_to_beats(down, beats), down

    half = outputs["beats"][name]
    if "x1/2 range downbeats on the x1/2 beats" not in outputs["downbeats"]:
        snapped, down = in_range(half, ev.downbeat)
        outputs["downbeats"]["stock downbeat DBN in the x1/2-checked range"] = down
        outputs["downbeats"]["x1/2 range downbeats on the x1/2 beats"] = snapped
    if one_net not in outputs["downbeats"]:
        outputs["downbeats"][one_net] = in_range(half, raw["acts1"])[0]
    if BAR_CHECKED_STOCK_DOWN not in outputs["downbeats"]:
        checked = R.octave_checked_beats(
            ev.beat, (0.5,), full_range_beats=stock, downbeat_activation=ev.downbeat[:, 1]
        )
        outputs["beats"][BAR_CHECKED] = checked
        ranged = in_range(checked, ev.downbeat)[0]
        outputs["downbeats"][BAR_CHECKED_DOWN] = ranged
        unchanged = np.array_equal(checked, stock)
        stock_down = outputs["downbeats"]["stock RNN+DBN"]
        outputs["downbeats"][BAR_CHECKED_STOCK_DOWN] = stock_down if unchanged else ranged
    if ONSET_CHECKED_STOCK_DOWN not in outputs["downbeats"]:
        checked = R.octave_checked_beats(
            ev.beat,
            (0.5,),
            full_range_beats=stock,
            downbeat_activation=ev.downbeat[:, 1],
            onsets=ev.onsets,
        )
        outputs["beats"][ONSET_CHECKED] = checked
        unchanged = np.array_equal(checked, stock)
        stock_down = outputs["downbeats"]["stock RNN+DBN"]
        halved_down = stock_down if unchanged else in_range(checked, ev.downbeat)[0]
        outputs["downbeats"][ONSET_CHECKED_STOCK_DOWN] = halved_down
    return True


def task_scores(
    item: dict, outputs: dict[str, dict[str, object]], max_s: float
) -> dict[str, dict[str, tuple]]:
    """task -> variant -> (score, weight) for one item (weight = reference seconds for chords, else 1)."""
    import mir_eval

    res: dict[str, dict[str, tuple]] = {}
    end = min(max_s, item.get("heard_until", max_s))  # nothing is scored in a rendered song's silent tail

    def heard(times: object) -> np.ndarray:
        t = np.asarray(times, dtype=float)
        return t[t <= end]

    if "beats" in item and "beats" in outputs:
        ref = mir_eval.beat.trim_beats(heard(item["beats"]))
        res["beats"] = {
            v: (mir_eval.beat.f_measure(ref, mir_eval.beat.trim_beats(heard(b))), 1.0)
            for v, b in outputs["beats"].items()
        }
    if "downbeats" in item and "downbeats" in outputs:
        ref = heard(item["downbeats"])
        res["downbeats"] = {
            v: (mir_eval.beat.f_measure(ref, heard(b)), 1.0) for v, b in outputs["downbeats"].items()
        }
    if "key" in item and "key" in outputs:
        res["key"] = {v: (mirex_key(item["key"], k), 1.0) for v, k in outputs["key"].items()}
    if "chords" in item and "chords" in outputs:
        truth = [(s, min(e, max_s), lab) for s, e, lab in item["chords"] if s < max_s]
        res["chords"] = {}
        for v, ch in outputs["chords"].items():
            acc, secs = chord_majmin(truth, ch)
            res["chords"][v] = (acc, secs)
    return res


def _mean(rows: list[tuple[float, float]]) -> float:
    w = sum(wt for _, wt in rows)
    return sum(sc * wt for sc, wt in rows) / w if w else float("nan")


def leave_one_source_out(
    per_item: list[tuple[dict, dict[str, tuple]]], stock: str, candidates: list[str] | None = None
) -> tuple[float, dict[str, str]]:
    """Held-out score of picking a variant: for each source, the variant with the best mean on the other
    sources (ties go to stock) scored on that source's items. Returns (mean held-out score over all items,
    source -> variant picked)."""
    sources = sorted({it["source"] for it, _ in per_item})
    variants = candidates or list(per_item[0][1])
    held: list[tuple[float, float]] = []
    picks: dict[str, str] = {}
    for src in sources:
        train = [sc for it, sc in per_item if it["source"] != src]
        test = [sc for it, sc in per_item if it["source"] == src]
        if train:
            means = {v: _mean([t[v] for t in train]) for v in variants}
            best = max(means.values())
            pick = stock if means[stock] >= best - 1e-9 else max(means, key=lambda v: means[v])
        else:
            pick = stock
        picks[src] = pick
        held.extend(t[pick] for t in test)
    return _mean(held), picks


def step_held_out(per_item: list[tuple[dict, dict[str, tuple]]], stock: str, step: str) -> float:
    """Held-out score of keeping one post-processing ``step``: for each source, the step if its mean on
    the other sources is above stock's there (ties keep stock), scored on that source's items."""
    held: list[tuple[float, float]] = []
    for src in sorted({it["source"] for it, _ in per_item}):
        train = [sc for it, sc in per_item if it["source"] != src]
        use_step = bool(train) and _mean([t[step] for t in train]) > _mean([t[stock] for t in train]) + 1e-9
        held.extend(sc[step if use_step else stock] for it, sc in per_item if it["source"] == src)
    return _mean(held)


def choose_gate(
    rows: list[tuple[dict[str, tuple], dict[str, float]]], stock: str, alternative: str
) -> tuple[str | None, float]:
    """The gate (feature name, threshold) that switches from ``stock`` to ``alternative`` where the
    feature is at least the threshold, chosen for the best mean on ``rows`` ((scores, gate values) per
    item); the thresholds tried are the items' own values. Ties go to the gate that switches the fewest
    items (closest to stock), then to the first feature; (None, inf) = never switch."""
    base = [sc[stock] for sc, _ in rows]
    best: tuple[float, int, str | None, float] = (_mean(base), 0, None, float("inf"))
    for feature in rows[0][1] if rows else ():
        for tau in sorted({g[feature] for _, g in rows}):
            on = [g[feature] >= tau for _, g in rows]
            mean = _mean([sc[alternative] if o else sc[stock] for (sc, _), o in zip(rows, on, strict=True)])
            if mean > best[0] + 1e-9 or (abs(mean - best[0]) <= 1e-9 and sum(on) < best[1]):
                best = (mean, sum(on), feature, tau)
    return best[2], best[3]


def gated_held_out(
    per_item: list[tuple[dict, dict[str, tuple]]],
    gates: dict[str, dict[str, float]],
    stock: str,
    alternative: str,
    features: tuple[str, ...] | None = None,
) -> tuple[float, float, tuple[str | None, float], dict[str, tuple[str | None, float]]]:
    """(tuned mean, held-out mean, gate chosen on all items, source -> gate chosen without it) of a gate
    between ``stock`` and ``alternative`` (:func:`choose_gate`) whose feature (of ``features``; default
    all) and threshold are chosen, for each held-out source, on the other sources only. ``gates``: item
    name -> feature -> value."""
    rows = [(it, sc, gates[it["name"]]) for it, sc in per_item if it["name"] in gates]
    if features is not None:
        rows = [(it, sc, {f: g[f] for f in features}) for it, sc, g in rows]

    def scored(chosen: tuple[str | None, float], sc: dict[str, tuple], g: dict[str, float]) -> tuple:
        feature, tau = chosen
        return sc[alternative] if feature is not None and g[feature] >= tau else sc[stock]

    on_all = choose_gate([(sc, g) for _, sc, g in rows], stock, alternative)
    tuned = _mean([scored(on_all, sc, g) for _, sc, g in rows])
    held: list[tuple[float, float]] = []
    picks: dict[str, tuple[str | None, float]] = {}
    for src in sorted({it["source"] for it, _, _ in rows}):
        picks[src] = choose_gate([(sc, g) for it, sc, g in rows if it["source"] != src], stock, alternative)
        held.extend(scored(picks[src], sc, g) for it, sc, g in rows if it["source"] == src)
    return tuned, _mean(held), on_all, picks


def weight_held_out(
    per_item: list[tuple[dict, dict[str, tuple]]], variants: list[str]
) -> tuple[float, int, dict[str, int]]:
    """(held-out mean, index chosen on all items, source -> index chosen without it) of one of
    ``variants`` (a parameter's values in order, e.g. the profile weights), chosen for each held-out
    source on the other sources: among the values with the best mean there, the middle of the longest run
    of neighbouring ones (the value farthest from where the score drops)."""

    def choose(rows: list[dict[str, tuple]]) -> int:
        means = np.array([_mean([sc[v] for sc in rows]) for v in variants])
        best = np.flatnonzero(means >= means.max() - 1e-9)
        runs = np.split(best, np.flatnonzero(np.diff(best) > 1) + 1)
        run = max(runs, key=len)
        return int(run[len(run) // 2])

    held: list[tuple[float, float]] = []
    picks: dict[str, int] = {}
    for src in sorted({it["source"] for it, _ in per_item}):
        picks[src] = choose([sc for it, sc in per_item if it["source"] != src])
        held.extend(sc[variants[picks[src]]] for it, sc in per_item if it["source"] == src)
    return _mean(held), choose([sc for _, sc in per_item]), picks


def print_weight_folds(
    label: str,
    per_item: list[tuple[dict, dict[str, tuple]]],
    means: dict[str, float],
    weights: tuple[float, ...],
    variant_of: Callable[[float], str],
) -> float | None:
    """Prints the tuned and held-out figures of one parameter's values (``weights``, variants named by
    ``variant_of``) chosen in each fold (:func:`weight_held_out`) and returns the held-out mean; None (and
    nothing printed) when some of the variants were not run."""
    variants = [variant_of(w) for w in weights]
    if not all(v in means for v in variants):
        return None
    held, on_all, picks = weight_held_out(per_item, variants)
    print(
        f"  {label}: tuned {means[variants[on_all]]:.3f} (weight {weights[on_all]:g}) / held-out {held:.3f}; "
        "picks: " + ", ".join(f"{s}->{weights[i]:g}" for s, i in picks.items())
    )
    return held


def side_by_side(
    items: list[dict], max_s: float, cache: Path | None = None, tasks: tuple[str, ...] = tuple(STOCK)
) -> None:
    """Prints per file and per task every variant's score, and the tuned / held-out summary; the raw
    outputs of each file are kept in ``cache`` (a folder) when given, so a rerun only re-scores."""
    import pickle
    import time

    per_task: dict[str, list[tuple[dict, dict[str, tuple]]]] = {}
    gates: dict[str, dict[str, float]] = {}
    summary: list[str] = []
    for it in items:
        if not any(k in it for k in tasks):
            continue
        t0 = time.perf_counter()
        stem = f"{it['name'].replace('/', '_')}-{max_s:.0f}"
        raws = []
        # each task's raw outputs are kept apart (downbeats share the beats'), so a later run adds only
        # what it lacks
        for task in dict.fromkeys("beats" if t == "downbeats" else t for t in tasks):
            stored = cache / f"{stem}-{task}-raw{RAW_VERSION.get(task, '')}.pkl" if cache else None
            if stored is not None and stored.exists():
                raws.append(pickle.loads(stored.read_bytes()))
                continue
            raws.append(raw_outputs(it, max_s, (task,)))  # "beats" computes the downbeats' inputs too
            if stored is not None:
                stored.parent.mkdir(parents=True, exist_ok=True)
                stored.write_bytes(pickle.dumps(raws[-1]))
        raw = {k: v for r in raws for k, v in r.items() if v is not None}
        raw.setdefault("deepchroma", None)
        done = cache / f"{stem}-{'+'.join(tasks)}-{VARIANTS_VERSION}.pkl" if cache else None
        if done is not None and done.exists():
            outputs = pickle.loads(done.read_bytes())
        else:
            outputs = variant_outputs(it, raw)
            if done is not None:
                done.write_bytes(pickle.dumps(outputs))
        if extra_variants(raw, outputs) and done is not None:
            done.write_bytes(pickle.dumps(outputs))
        print(f"  ({it['name']}: {time.perf_counter() - t0:.1f} s)", file=sys.stderr, flush=True)
        if "key gates" in outputs:
            gates[it["name"]] = outputs["key gates"]
        scores = task_scores(it, outputs, max_s)
        for task, sc in scores.items():
            if task not in tasks:
                continue
            per_task.setdefault(task, []).append((it, sc))
    print(f"Side by side with stock madmom (audio cut to the first {max_s:.0f} s)")
    for task, rows in per_task.items():
        variants = list(rows[0][1])
        stock = STOCK[task]
        metric = {"chords": "majmin weighted overlap", "key": "MIREX weighted"}.get(task, "F-measure")
        print(f"\n== {task} ({metric}), {len(rows)} files")
        short = {v: f"v{i}" for i, v in enumerate(variants)}
        for v in variants:
            print(f"  {short[v]} = {v}")
        print(f"  {'file':44s} {'source':12s} " + " ".join(f"{short[v]:>5s}" for v in variants))
        for it, sc in rows:
            print(
                f"  {it['name'][:44]:44s} {it['source']:12s} "
                + " ".join(f"{sc[v][0]:5.2f}" for v in variants)
            )
        means = {v: _mean([sc[v] for _, sc in rows]) for v in variants}
        print(f"  {'mean (all files)':57s} " + " ".join(f"{means[v]:5.3f}" for v in variants))
        tuned = max(means, key=lambda v: means[v])
        fair = [v for v in variants if v not in TUNED_ON_ALL]
        held, picks = leave_one_source_out(rows, stock, fair)
        print(
            f"  stock {means[stock]:.3f} | tuned (best on all: {short[tuned]}) {means[tuned]:.3f} | "
            f"held-out (leave one source out, the best fixed variant) {held:.3f}; picks: "
            + ", ".join(f"{s}->{short[v]}" for s, v in picks.items())
        )
        steps = [v for v in fair if v not in REFERENCE_ONLY]
        held_steps, picks_steps = leave_one_source_out(rows, stock, steps)
        print(
            f"  held-out, choosing only among steps on the stock model: {held_steps:.3f}; picks: "
            + ", ".join(f"{s}->{short[v]}" for s, v in picks_steps.items())
        )
        print("  each step alone: tuned (mean on all files) / held-out (kept for a source only where it beat")
        print("  stock on the other sources)")
        held_of = {v: step_held_out(rows, stock, v) for v in variants}
        for v in variants:
            note = " (another model: reference)" if v in REFERENCE_ONLY else ""
            if v in TUNED_ON_ALL:
                print(f"    {short[v]:>4s} {means[v]:.3f} /   -    {v} (constant chosen on all files)")
                continue
            print(f"    {short[v]:>4s} {means[v]:.3f} / {held_of[v]:.3f}  {v}{note}")
        default = DEFAULT.get(task)
        default_held = held_of.get(default, float("nan"))
        if task == "key" and gates and KEY_ALTERNATIVE in means:
            print(
                f"  gates between stock and {short[KEY_ALTERNATIVE]}: {short[KEY_ALTERNATIVE]} where the "
                "feature >= a threshold chosen in each fold on the other sources (ties: fewest switches)"
            )
            every = tuple(next(iter(gates.values())))
            for features in [(f,) for f in every] + [every]:
                tuned_g, held_g, on_all, gate_picks = gated_held_out(
                    rows, gates, stock, KEY_ALTERNATIVE, features
                )
                one = len(features) == 1
                picked = ", ".join(
                    f"{src}->" + ("stock" if f is None else f"{t:.3f}" if one else f"{f} >= {t:.3f}")
                    for src, (f, t) in gate_picks.items()
                )
                name = features[0] if one else f"any feature (chosen in the fold too; on all: {on_all[0]})"
                print(f"    {name}: tuned {tuned_g:.3f} (>= {on_all[1]:.3f}) / held-out {held_g:.3f};")
                print(f"      picks: {picked}")
                if not one:
                    default_held = held_g
        if task == "key":
            print_weight_folds(
                "resolved-band product, profile weight chosen in each fold (middle of the best run)",
                rows,
                means,
                KEY_WEIGHTS,
                key_weight_variant,
            )
            held_b = print_weight_folds(
                "resolved-band product, relative pair by the bass, bass weight chosen in each fold",
                rows,
                means,
                KEY_BASS_WEIGHTS,
                key_bass_variant,
            )
            if held_b is not None and default == KEY_DEFAULT:
                default_held = held_b
        if default in means:
            summary.append(
                f"  {task:10s} {means[stock]:.3f}  {means[default]:.3f}  {default_held:.3f}  "
                f"{'ok' if default_held >= means[stock] - 1e-9 else 'BELOW STOCK'}  ({default})"
            )
            below = sum(sc[default][0] < sc[stock][0] - 1e-9 for _, sc in rows)
            above = sum(sc[default][0] > sc[stock][0] + 1e-9 for _, sc in rows)
            print(
                f"  default ({short[default]}) {means[default]:.3f} vs stock {means[stock]:.3f}: "
                f"above stock on {above} files, below on {below}, equal on {len(rows) - above - below}"
            )
        print("  per source: stock / held-out pick (all variants) / default")
        for src, pick in picks.items():
            own = [sc for it, sc in rows if it["source"] == src]
            print(
                f"    {src:20s} n={len(own):2d}  {_mean([sc[stock] for sc in own]):.3f} / "
                f"{_mean([sc[pick] for sc in own]):.3f} ({short[pick]})"
                + (f" / {_mean([sc[default] for sc in own]):.3f}" if default in means else "")
            )
    if summary:
        print("\nThe sheet's default against stock: task, stock, default tuned, default held-out")
        print("\n".join(summary))


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder of the benchmark data (../shared/data)")
    ap.add_argument("--max-seconds", type=float, default=60.0, help="side-by-side: audio cut to this length")
    ap.add_argument("--permissive", action="store_true", help="also score the sheet with permissive backends")
    ap.add_argument("--skip-sheet", action="store_true", help="only the side-by-side part")
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping each file's raw outputs")
    ap.add_argument(
        "--tasks", default=",".join(STOCK), help="side-by-side tasks (beats,downbeats,key,chords)"
    )
    ap.add_argument("--no-styles", action="store_true", help="without the composer's rendered style songs")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(
            f"No benchmark data at {args.data} (it lives next to the repository as ../shared/data): skipped."
        )
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        renders = args.cache / "renders" if args.cache else Path(tmp)
        renders.mkdir(parents=True, exist_ok=True)
        items = cases(renders, args.data)
        if not args.no_styles:
            from benchmarks.rendered_styles import style_cases

            items += style_cases((args.cache or Path(tmp)) / "styles")
        print(
            f"{len(items)} items from {args.data} and the composer; machine: {os.cpu_count()} cores, "
            f"load {os.getloadavg()[0]:.2f} (accuracy only: the load changes no figure)"
        )
        side_by_side(items, args.max_seconds, args.cache, tuple(args.tasks.split(",")))
        if not args.skip_sheet:
            sheet_main(items, Path(tmp), args.permissive)
    return 0


if __name__ == "__main__":
    sys.exit(main())
