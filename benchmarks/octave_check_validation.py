"""The beat trackers' octave checks on composer songs made only for this check (not in the benchmark).

76 songs in tempi and meters the benchmark's frozen songs do not have (4/4 and 3/4, 60-200 BPM, 12
styles), composed with seeds 7, 11 and 19 (sets 1-3), and 24 more with seed 29 (set 4: slow solo pianos
and fast drumless pieces, issue 17), rendered like benchmarks/rendered_styles.py
(FluidR3 and TimGM6mb alternating). Per song and on average: beat and downbeat F-measure of stock madmom
(beat RNN+DBN, downbeat RNN+DBN), the half-time check alone, the half-time check unless the downbeat
DBN finds triple bars at the stock tempo, the half-time check only where the full-range downbeat DBN
reads the halved tempo, the half-time check only where the bars agree
(:func:`tools.understanding.rhythm.beats_twice_the_bars`; downbeats: the stock downbeat tracker's unless
the beats were halved, or all of them decoded in the checked tempo range), and the sheet's default: that,
and half time also where nothing sounds between the beats
(:func:`tools.understanding.rhythm.nothing_between_the_beats`). The songs are composed anew
by each run (the composer moves): the figures of 2026-12-07 (composer 588e504) are in
tools/understanding/constants.py. Set 1 was seen while the bar rule was written, sets 2 and 3 were not
(set 3 was composed after its last change); none of the 100 was seen while the between-the-beats rule
was written.

    .venv/bin/python benchmarks/octave_check_validation.py [--sets 1,2,3,4] [--folder DIR]

With --folder, each song's labels and beat evidence are kept there and reused by the next run (which then
only decodes: the composer may have moved since, so clear the folder to compose anew).
"""

from __future__ import annotations

import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SETS: dict[str, tuple[int, list[tuple[str, str, int, str, str]]]] = {
    # set -> (seed, [(name, style, tempo BPM, meter, key)])
    "1": (
        7,
        [
            ("rock170", "rock", 170, "4/4", "E major"),
            ("edm140", "edm", 140, "4/4", "F minor"),
            ("funk115", "funk", 115, "4/4", "D minor"),
            ("pop132", "pop", 132, "4/4", "G major"),
            ("jazz180", "jazz", 180, "4/4", "C major"),
            ("house128", "house", 128, "4/4", "C minor"),
            ("folk140", "folk", 140, "4/4", "D major"),
            ("bossa150", "bossa", 150, "4/4", "F major"),
            ("pop72", "pop", 72, "4/4", "Bb major"),
            ("jazz70", "jazz", 70, "4/4", "Eb major"),
            ("rock80", "rock", 80, "4/4", "A minor"),
            ("lofi70", "lofi", 70, "4/4", "G minor"),
            ("ambient64", "ambient", 64, "4/4", "D major"),
            ("classical80", "classical", 80, "4/4", "F major"),
            ("folk72", "folk", 72, "4/4", "E minor"),
            ("funk84", "funk", 84, "4/4", "B minor"),
            ("waltz_classical170", "classical", 170, "3/4", "D major"),
            ("waltz_folk160", "folk", 160, "3/4", "C major"),
            ("waltz_jazz180", "jazz", 180, "3/4", "Bb major"),
            ("waltz_pop84", "pop", 84, "3/4", "A major"),
            ("waltz_classical72", "classical", 72, "3/4", "G minor"),
            ("waltz_folk66", "folk", 66, "3/4", "F major"),
            ("waltz_cinematic90", "cinematic", 90, "3/4", "E minor"),
            ("waltz_rock140", "rock", 140, "3/4", "A major"),
        ],
    ),
    "2": (
        11,
        [
            ("rock160", "rock", 160, "4/4", "G major"),
            ("pop125", "pop", 125, "4/4", "D major"),
            ("edm128", "edm", 128, "4/4", "A minor"),
            ("funk92", "funk", 92, "4/4", "G minor"),
            ("funk108", "funk", 108, "4/4", "C minor"),
            ("house122", "house", 122, "4/4", "F minor"),
            ("jazz160", "jazz", 160, "4/4", "Ab major"),
            ("bossa140", "bossa", 140, "4/4", "D minor"),
            ("folk100", "folk", 100, "4/4", "A major"),
            ("lofi85", "lofi", 85, "4/4", "C minor"),
            ("cinematic75", "cinematic", 75, "4/4", "D minor"),
            ("classical100", "classical", 100, "4/4", "Eb major"),
            ("ambient70", "ambient", 70, "4/4", "E major"),
            ("pop90", "pop", 90, "4/4", "F major"),
            ("jazz95", "jazz", 95, "4/4", "G major"),
            ("rock110", "rock", 110, "4/4", "E minor"),
            ("waltz_classical140", "classical", 140, "3/4", "F major"),
            ("waltz_folk120", "folk", 120, "3/4", "D major"),
            ("waltz_jazz150", "jazz", 150, "3/4", "F major"),
            ("waltz_pop100", "pop", 100, "3/4", "C major"),
            ("waltz_classical60", "classical", 60, "3/4", "A minor"),
            ("waltz_cinematic80", "cinematic", 80, "3/4", "C minor"),
            ("waltz_folk180", "folk", 180, "3/4", "G major"),
            ("waltz_rock100", "rock", 100, "3/4", "E major"),
        ],
    ),
    "3": (
        19,
        [
            ("funk88", "funk", 88, "4/4", "A minor"),
            ("funk96", "funk", 96, "4/4", "F major"),
            ("funk104", "funk", 104, "4/4", "E minor"),
            ("lofi80", "lofi", 80, "4/4", "Eb major"),
            ("lofi90", "lofi", 90, "4/4", "D minor"),
            ("house118", "house", 118, "4/4", "G minor"),
            ("edm150", "edm", 150, "4/4", "C minor"),
            ("rock145", "rock", 145, "4/4", "B minor"),
            ("rock175", "rock", 175, "4/4", "A major"),
            ("pop118", "pop", 118, "4/4", "Db major"),
            ("pop78", "pop", 78, "4/4", "C major"),
            ("jazz130", "jazz", 130, "4/4", "D minor"),
            ("jazz200", "jazz", 200, "4/4", "Bb major"),
            ("bossa120", "bossa", 120, "4/4", "G major"),
            ("folk120", "folk", 120, "4/4", "G major"),
            ("classical120", "classical", 120, "4/4", "C minor"),
            ("cinematic90", "cinematic", 90, "4/4", "F minor"),
            ("ambient80", "ambient", 80, "4/4", "Bb minor"),
            ("waltz_classical160", "classical", 160, "3/4", "Bb major"),
            ("waltz_classical90", "classical", 90, "3/4", "E minor"),
            ("waltz_folk140", "folk", 140, "3/4", "A minor"),
            ("waltz_folk76", "folk", 76, "3/4", "D major"),
            ("waltz_jazz130", "jazz", 130, "3/4", "C major"),
            ("waltz_pop150", "pop", 150, "3/4", "G major"),
            ("waltz_cinematic66", "cinematic", 66, "3/4", "D minor"),
            ("waltz_lofi75", "lofi", 75, "3/4", "A minor"),
            ("waltz_bossa120", "bossa", 120, "3/4", "F major"),
            ("waltz_funk100", "funk", 100, "3/4", "E minor"),
        ],
    ),
    "4": (
        29,
        [
            ("piano60", "solo piano", 60, "4/4", "G minor"),
            ("piano64", "solo piano", 64, "4/4", "C minor"),
            ("piano68", "solo piano", 68, "4/4", "E major"),
            ("piano70", "solo piano", 70, "4/4", "D minor"),
            ("piano72", "solo piano", 72, "4/4", "F major"),
            ("piano78", "solo piano", 78, "4/4", "A minor"),
            ("piano86", "solo piano", 86, "4/4", "Bb major"),
            ("waltz_piano64", "solo piano", 64, "3/4", "D major"),
            ("waltz_piano72", "solo piano", 72, "3/4", "B minor"),
            ("piano140", "solo piano", 140, "4/4", "G major"),
            ("piano150", "solo piano", 150, "4/4", "Eb major"),
            ("piano165", "solo piano", 165, "4/4", "E minor"),
            ("waltz_piano150", "solo piano", 150, "3/4", "C major"),
            ("waltz_piano160", "solo piano", 160, "3/4", "A major"),
            ("waltz_classical150", "classical", 150, "3/4", "Bb major"),
            ("waltz_classical145", "classical", 145, "3/4", "D minor"),
            ("waltz_folk155", "folk", 155, "3/4", "G major"),
            ("classical145", "classical", 145, "4/4", "F major"),
            ("classical70", "classical", 70, "4/4", "C minor"),
            ("cinematic72", "cinematic", 72, "4/4", "A minor"),
            ("ambient70", "ambient", 70, "4/4", "F# minor"),
            ("lofi72", "lofi", 72, "4/4", "G major"),
            ("rock150", "rock", 150, "4/4", "D major"),
            ("pop145", "pop", 145, "4/4", "Bb major"),
        ],
    ),
}
"""The songs of each set, chosen before any of them was scored. Set 4 (issue 17) was chosen after the
rule that beats with nothing sounding between them are halved
(:func:`tools.understanding.rhythm.nothing_between_the_beats`) was fixed: slow solo pianos (the 'solo
piano' style is the composer's piano-only request in words) and fast drumless waltzes and pieces, the
two it must tell apart."""


def _fields(style: str, tempo: int, meter: str, key: str) -> dict[str, object]:
    """The composer's request for one song: a style, or for 'solo piano' a piano-only request in words (as
    the issue's slow piano was asked for)."""
    if style == "solo piano":
        mood = "calm" if tempo < 100 else "lively"
        prompt = f"a {mood} solo piano piece in {key} at {tempo} BPM"
        return {"prompt": prompt, "instruments": ["piano"], "meter": meter}
    return {"style": style, "tempo_bpm": tempo, "meter": meter, "key": key}


def variants(ev: object) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Variant -> (beats, downbeats) from one song's beat evidence (:func:`rhythm.beat_evidence`)."""
    from tools.understanding import constants as C  # noqa: N812
    from tools.understanding import rhythm as R  # noqa: N812

    f = C.TEMPO_DRIFT_FACTOR
    stock = R.dbn_beats(ev.beat, C.MIN_TEMPO_BPM, C.MAX_TEMPO_BPM)
    rows = R._stock_downbeat_rows(ev.downbeat)
    stock_down = rows[rows[:, 1].astype(int) == 1, 0]
    t, _ = R.tempo_from_beats(stock)
    half = R.octave_checked_beats(ev.beat, (0.5,), full_range_beats=stock)
    th, _ = R.tempo_from_beats(half)
    halved = t is not None and th is not None and th < t / f
    down_t, _ = R.tempo_from_beats(rows[:, 0]) if len(rows) else (None, 0.0)

    def bars(beats: np.ndarray) -> tuple[object, np.ndarray]:
        tb, _ = R.tempo_from_beats(beats)
        r = R.downbeat_dbn_rhythm(
            ev.downbeat, pooled=False, narrowed=False, tempo_range=(tb / f, tb * f) if tb else None
        )
        return r, R.snap_to_beats(np.asarray(r.downbeats), beats)

    at_stock = bars(stock)[0]
    triple = at_stock.meter is not None and at_stock.meter.startswith("3")
    unless_triple = stock if halved and triple else half
    agree = half if halved and down_t is not None and th / f <= down_t <= th * f else stock
    checked = R.octave_checked_beats(
        ev.beat, (0.5,), full_range_beats=stock, downbeat_activation=ev.downbeat[:, 1]
    )
    checked_ranged = bars(checked)[1]
    same = np.array_equal(checked, stock)
    onsets = R.octave_checked_beats(
        ev.beat, (0.5,), full_range_beats=stock, downbeat_activation=ev.downbeat[:, 1], onsets=ev.onsets
    )
    return {
        "stock": (stock, stock_down),
        "x1/2 check alone (old default)": (half, bars(half)[1]),
        "x1/2 unless triple bars at the stock tempo": (unless_triple, bars(unless_triple)[1]),
        "x1/2 where the downbeat DBN reads it": (agree, bars(agree)[1]),
        "x1/2 where the bars agree; downbeats in range": (checked, checked_ranged),
        "x1/2 where the bars agree; stock downbeats unless halved (old default)": (
            checked,
            stock_down if same else checked_ranged,
        ),
        "x1/2 where the bars agree or nothing sounds between the beats; stock downbeats unless halved "
        "(default)": (onsets, stock_down if np.array_equal(onsets, stock) else bars(onsets)[1]),
    }


def main() -> int:
    import argparse

    import mir_eval

    from benchmarks import rendered_styles as RS  # noqa: N812
    from tools.understanding import rhythm as R  # noqa: N812
    from tools.understanding.signal import load_analysis_audio

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="1,2,3,4")
    ap.add_argument(
        "--folder",
        type=Path,
        default=None,
        help="where the songs and their beat evidence are kept (a temp dir); a rerun reuses them",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        for s in args.sets.split(","):
            seed, cases = SETS[s]
            RS.SEED = seed
            scores: list[dict[str, tuple[float, float]]] = []
            print(f"\n== set {s} (seed {seed}), {len(cases)} songs: beat F / downbeat F")
            for i, (name, style, tempo, meter, key) in enumerate(cases):
                fields = _fields(style, tempo, meter, key)
                kept = folder / f"{s}-{name}-evidence.pkl"
                if args.folder and kept.exists():  # composed, rendered and analysed by an earlier run
                    lab, ev = pickle.loads(kept.read_bytes())
                else:
                    midi = RS.compose_midi(fields, folder / f"{s}-{name}.mid")
                    lab = RS.midi_labels(midi)
                    font = RS._soundfont(Path(RS.SOUNDFONTS[i % 2]).name)
                    wav = RS.render(midi, font, folder / f"{s}-{name}.wav")
                    ev = R.beat_evidence(load_analysis_audio(wav, name).samples, 8, 8)
                    kept.write_bytes(pickle.dumps((lab, ev)))
                end = lab["heard_until"]
                ref_b = mir_eval.beat.trim_beats(np.array(lab["beats"]))
                ref_d = np.array(lab["downbeats"])
                sc = {}
                for v, (b, d) in variants(ev).items():
                    b, d = np.asarray(b), np.asarray(d)
                    sc[v] = (
                        mir_eval.beat.f_measure(ref_b, mir_eval.beat.trim_beats(b[b <= end])),
                        mir_eval.beat.f_measure(ref_d, d[d <= end]),
                    )
                scores.append(sc)
                print(f"  {name:20s} " + " ".join(f"{b:.2f}/{d:.2f}" for b, d in sc.values()), flush=True)
            for v in scores[0]:
                b = np.mean([sc[v][0] for sc in scores])
                d = np.mean([sc[v][1] for sc in scores])
                print(f"  {b:.3f} / {d:.3f}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
