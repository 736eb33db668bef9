"""Accuracy of music understanding on real recordings and rendered scores in ../shared/data.

Scores every task with mir_eval: beat F-measure, tempo accuracy (within 4%, or at half/double = "acc2"),
MIREX weighted key score, chord majmin weighted overlap, note F-measure (onsets within 50 ms), and
instrument accuracy; once with the default backends and once with BANDLEADER_PERMISSIVE_ONLY=1.
Scores and MIDI are rendered with FluidSynth (FluidR3_GM) and labelled "rendered". Prints a table.

    .venv/bin/python benchmarks/understanding_accuracy.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
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


def cases(tmp: Path) -> list[dict]:
    """Every scored item: path, label and the truths it has."""
    out: list[dict] = []
    g = DATA / "gtzan_tempo_beat"
    if g.is_dir():
        beats = np.loadtxt(g / "gtzan_country_00000.beats")
        out.append(
            {
                "name": "gtzan country.00000 (real)",
                "path": g / "country.00000.wav",
                "beats": beats[:, 0],
                "tempo": float((g / "gtzan_country_00000.bpm").read_text()),
            }
        )
    m = DATA / "madmom_testdata"
    if m.is_dir():
        beats = np.loadtxt(m / "sample.beats")
        beats = beats[:, 0] if beats.ndim == 2 else beats
        notes = np.loadtxt(m / "stereo_sample.notes", comments="#")
        out.append(
            {"name": "madmom sample (real, 2.8 s)", "path": m / "sample.wav", "beats": beats, "tempo": 87.5}
        )
        out.append(
            {
                "name": "madmom stereo_sample piano (real)",
                "path": m / "stereo_sample.flac",
                "notes": [(o, o + d, p) for o, p, d, _ in notes],
            }
        )
    k = DATA / "mirdata_key_clips"
    if k.is_dir():
        for f, lab in json.loads((k / "labels.json").read_text()).items():
            out.append({"name": f"{f} (real, 2 s)", "path": k / f, "key": norm_key(lab["key"])})
    lt = DATA / "librosa_data_tracks"
    if lt.is_dir():
        f = "Kevin_MacLeod_-_P_I_Tchaikovsky_Dance_of_the_Sugar_Plum_Fairy.ogg"
        out.append(
            {"name": "Sugar Plum Fairy (real, title key)", "path": lt / f, "key": "E minor", "vocals": False}
        )
        out.append(
            {
                "name": "solo trumpet (real)",
                "path": lt / "sorohanro_-_solo-trumpet-06.ogg",
                "tempo": 90.0,
                "instruments": ["trumpet"],
                "vocals": False,
            }
        )
        out.append(
            {
                "name": "Vibe Ace (real, instrumental)",
                "path": lt / "Kevin_MacLeod_-_Vibe_Ace.ogg",
                "vocals": False,
            }
        )
        out.append(
            {
                "name": "drum-bass (real)",
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
            out.append({"name": f"{f.stem} (real singing)", "path": f, "vocals": True})
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
                "path": render(mid, tmp / f"{mid.stem}.wav"),
                "beats": pm.get_beats(),
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
                    "path": render(mid, tmp / f"{d.name}.wav"),
                    "beats": beats,
                    "tempo": 60.0 / float(np.median(np.diff(beats))),
                    "key": norm_key(key),
                    "chords": [(float(s), float(e), lab.strip()) for s, e, lab in chords],
                }
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
            est = mir_eval.beat.trim_beats(np.asarray(sheet.beats, dtype=float))
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


def main() -> int:
    if not DATA.is_dir():
        print(f"No benchmark data at {DATA} (it lives next to the repository as ../shared/data): skipped.")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BANDLEADER_FEATURE_CACHE"] = str(Path(tmp) / "cache")
        items = cases(Path(tmp))
        os.environ.pop("BANDLEADER_PERMISSIVE_ONLY", None)
        full = score(items)
        os.environ["BANDLEADER_PERMISSIVE_ONLY"] = "1"
        permissive = score(items)
        os.environ.pop("BANDLEADER_PERMISSIVE_ONLY", None)
    print(f"Music understanding accuracy on {len(items)} items from {DATA} (real + rendered)")
    print(f"{'metric':28s} {'n':>3s} {'default (madmom)':>17s} {'permissive only':>16s}")
    for metric in sorted(set(full) | set(permissive)):
        n = full.get(metric, permissive.get(metric, (0, 0)))[1]
        a = f"{full[metric][0]:.3f}" if metric in full else "-"
        b = f"{permissive[metric][0]:.3f}" if metric in permissive else "-"
        print(f"{metric:28s} {n:3d} {a:>17s} {b:>16s}")
    print(
        "Instrument accuracy: share of labelled instruments whose family scores >= 0.5 (flute=woodwind, "
        "trumpet=brass, contrabass=bass or strings); top-1 is the best-scored family on solo clips."
    )
    print(
        "Vocals: vocadito singing (yes) against real instrumental clips (no); 'confident' = score >= 0.65 "
        "(below it answer_question says it can't tell)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
