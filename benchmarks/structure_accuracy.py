"""Sections and their names, against human structure labels and the composer's own forms.

Two sources, each held out in turn (a setting is chosen on one source and scored on the other):

- **pop909**: the three POP909 dev songs in ../shared/data (human piano arrangements of real pop songs,
  MIT), rendered with FluidSynth. Their structure labels are the human phrase annotations of Dai,
  Zhang & Dannenberg (2020), "Automatic analysis and influence of hierarchical structure on melody,
  rhythm and harmony in popular music" (github.com/Dsqvival/hierarchical-structure-analysis,
  ``POP909/<id>/human_label2.txt``, MIT), copied below. A label is a letter and a length in bars:
  upper case for phrases with melody (A, B, X), lower case without (i intro, o outro, b and x
  instrumental). We read A as the verse and B as the chorus (the first two repeated melodic phrases of a
  pop song; our assumption, not theirs); the others expect no name. Bar 0 of the labels is the first
  beat of beat_midi.txt after the first one (checked against melody.txt's leading rest on all three).
- **composer**: songs the project's composer writes with a known form (intro, verse, chorus, bridge,
  outro), rendered with two SoundFonts.

Per song, with the true downbeats and with the downbeats our rhythm analysis finds: boundary F at 3 s
(mir_eval), pairwise frame F of the grouping (mir_eval), and the chorus and verse time F (our
"chorus" against the truth's chorus). These figures are "rendered": there are no real recordings with
structure labels in ../shared/data.

Run: ``python benchmarks/structure_accuracy.py [--quick]``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DATA = Path(os.environ.get("BANDLEADER_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
SOUNDFONTS = ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/TimGM6mb.sf2")

POP909_LABELS: dict[str, tuple[str, int]] = {
    # song id -> (human_label2.txt of Dai et al. 2020, beats per bar)
    "011": ("i8A8A8B8B8b4b4A8B8B8B10X1o3", 4),
    "087": ("i4A8A8B8b4b4A8B8B10", 4),
    "254": ("i10A16A16x2B16b4b4A16x2b4B16b4X34o8", 3),
}
POP909_NAMES = {"i": "intro", "o": "outro", "A": "verse", "B": "chorus"}
"""Dai et al.'s letters -> the names we expect (others: no name expected)."""

COMPOSER_SONGS: tuple[tuple[str, dict[str, object], list[str]], ...] = (
    ("pop_vc", {"style": "pop", "tempo_bpm": 120, "key": "G major", "seed": 3},
     ["intro", "verse", "chorus", "verse", "chorus", "outro"]),
    ("rock_bridge", {"style": "rock", "tempo_bpm": 140, "key": "E minor", "seed": 11},
     ["intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro"]),
    ("folk_vc", {"style": "folk", "tempo_bpm": 96, "key": "D major", "seed": 4},
     ["verse", "chorus", "verse", "chorus", "chorus"]),
    ("funk_bridge", {"style": "funk", "tempo_bpm": 104, "key": "A minor", "seed": 8},
     ["intro", "verse", "verse", "chorus", "verse", "chorus", "bridge", "chorus"]),
    ("lofi_vc", {"style": "lofi", "tempo_bpm": 84, "key": "F major", "seed": 2},
     ["intro", "verse", "chorus", "verse", "chorus", "outro"]),
    ("jazz_aaba", {"style": "jazz", "tempo_bpm": 150, "key": "Bb major", "seed": 6},
     ["verse", "verse", "bridge", "verse"]),
)  # fmt: skip
"""(name, ComposeRequest fields, form) of each composed song."""

SETTINGS: dict[str, tuple[object, ...]] = {
    "CLUSTER_DISTANCES": ((0.2,), (0.5,), (0.6,), (0.2, 0.3, 0.4, 0.5, 0.6), (0.2, 0.3, 0.4, 0.5)),
}
"""The structure settings compared (module constants of tools.understanding.structure)."""


@dataclass
class Song:
    """One benchmark song: audio at 22.05 kHz and 44.1 kHz, the true sections and downbeats."""

    name: str
    source: str
    wav: Path
    truth: list[tuple[float, float, str | None, str]]  # start s, end s, expected name, group letter
    downbeats: list[float]
    found_downbeats: list[float] = field(default_factory=list)


def _pop909_truth(song_id: str) -> tuple[list[tuple[float, float, str | None, str]], list[float]]:
    label, per_bar = POP909_LABELS[song_id]
    beats = np.loadtxt(DATA / "pop909_symbolic" / song_id / "beat_midi.txt")[:, 0]
    period = float(np.median(np.diff(beats)))

    def at(beat: float) -> float:
        if beat <= len(beats) - 1:
            return float(np.interp(beat, np.arange(len(beats)), beats))
        return float(beats[-1] + (beat - len(beats) + 1) * period)

    truth, bar = [], 0
    for letter, bars in ((m[0], int(m[1:])) for m in re.findall(r"[A-Za-z]\d+", label)):
        truth.append(
            (at(1 + bar * per_bar), at(1 + (bar + bars) * per_bar), POP909_NAMES.get(letter), letter)
        )
        bar += bars
    return truth, [at(1 + k * per_bar) for k in range(bar + 1)]


def load_songs(folder: Path, quick: bool) -> list[Song]:
    """The benchmark's songs, rendered into ``folder`` (POP909 only when ../shared/data is there)."""
    songs: list[Song] = []
    pop = DATA / "pop909_symbolic"
    if pop.is_dir():
        for song_id in POP909_LABELS:
            wav = folder / f"pop909_{song_id}.wav"
            if not wav.exists():
                subprocess.run(
                    ["fluidsynth", "-ni", "-q", "-r", "44100", "-F", str(wav), SOUNDFONTS[0],
                     str(pop / song_id / f"{song_id}.mid")],
                    check=True, capture_output=True,
                )  # fmt: skip
            truth, downbeats = _pop909_truth(song_id)
            songs.append(Song(f"POP909 {song_id}", "pop909", wav, truth, downbeats))
    else:
        print(f"(POP909 skipped: {pop} is absent)")
    from tools.generation.compose.arrange import compose
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.render.pipeline import render_project

    fonts = [f for f in SOUNDFONTS if Path(f).exists()]
    for i, (name, fields, form) in enumerate(COMPOSER_SONGS[: 3 if quick else None]):
        bar_s = 4 * 60.0 / float(fields["tempo_bpm"])  # type: ignore[arg-type]
        project = compose(ComposeRequest(**fields, structure=form, duration_s=8 * len(form) * bar_s))  # type: ignore[arg-type]
        old = os.environ.get("BANDLEADER_SOUNDFONT")
        os.environ["BANDLEADER_SOUNDFONT"] = fonts[i % len(fonts)]
        try:
            res = render_project(project, folder / name, write_stems=False)
        finally:
            if old is None:
                os.environ.pop("BANDLEADER_SOUNDFONT", None)
            else:
                os.environ["BANDLEADER_SOUNDFONT"] = old
        import pretty_midi

        bars = list(pretty_midi.PrettyMIDI(str(res.midi)).get_downbeats())  # the composer's own bar grid
        total = sum(sec.bars for sec in project.sections)
        bars += [bars[-1] + k * bar_s for k in range(1, total + 2 - len(bars))]
        truth, first = [], 0
        for sec in project.sections:
            truth.append((float(bars[first]), float(bars[first + sec.bars]), sec.kind, sec.kind))
            first += sec.bars
        songs.append(Song(f"composer {name}", "composer", Path(res.mix), truth, [float(b) for b in bars]))
    return songs


def _frames(segments: list[tuple[float, float, str]], end: float, hop: float = 0.5) -> list[str]:
    times = np.arange(0.0, end, hop)
    out = []
    for t in times:
        lab = next((lab for a, b, lab in segments if a <= t < b), "none")
        out.append(lab)
    return out


def _name_f(truth: list[str], ours: list[str], name: str) -> float | None:
    """Time F of ``name``: frames we call ``name`` against frames the truth calls it (None when the truth
    has none)."""
    t = np.array([x == name for x in truth])
    o = np.array([x == name for x in ours])
    if not t.any():
        return None
    tp = float((t & o).sum())
    return 0.0 if tp == 0 else 2 * tp / (t.sum() + o.sum())


def score(song: Song, found: list[tuple[float, float, str]]) -> dict[str, float | None]:
    """Boundary F (3 s), pairwise grouping F, chorus and verse time F of ``found`` against the truth."""
    import mir_eval

    end = min(song.truth[-1][1], found[-1][1])
    truth = list(song.truth)
    if truth[0][0] > 0:  # the lead-in before the labelled bar 0 (POP909: under a beat)
        truth.insert(0, (0.0, truth[0][0], None, "lead-in"))
    ref = [(a, min(b, end)) for a, b, *_ in truth if a < end]
    est = [(a, min(b, end)) for a, b, _ in found if a < end]
    ref_iv, est_iv = np.array(ref), np.array(est)
    ref_lab = [x[3] for x in truth][: len(ref)]
    est_lab = [x[2] for x in found][: len(est)]
    _, _, boundary_f = mir_eval.segment.detection(ref_iv, est_iv, window=3.0, trim=True)
    _, _, pair_f = mir_eval.segment.pairwise(ref_iv, ref_lab, est_iv, est_lab)
    truth_names = _frames([(a, b, n or "none") for a, b, n, _ in truth], end)
    ours = _frames(found, end)
    return {
        "boundary_f": float(boundary_f),
        "pair_f": float(pair_f),
        "chorus_f": _name_f(truth_names, ours, "chorus"),
        "verse_f": _name_f(truth_names, ours, "verse"),
        "named": float(any(lab[2] in ("intro", "verse", "chorus", "bridge", "outro") for lab in found)),
    }


def run_sections(song: Song, feats: tuple[np.ndarray, float], duration: float, downbeats: list[float],
                 settings: dict[str, float]) -> list[tuple[float, float, str]]:  # fmt: skip
    """Our sections for ``song`` under ``settings`` (module constants set for the call)."""
    from tools.understanding import structure

    saved = {k: getattr(structure, k) for k in settings}
    try:
        for k, v in settings.items():
            setattr(structure, k, v)
        segs = structure.phrase_sections(feats[0], feats[1], np.asarray(downbeats, dtype=float), duration)
    finally:
        for k, v in saved.items():
            setattr(structure, k, v)
    return [(s.start, s.end, s.label) for s in segs]


def _mean(rows: list[dict[str, float | None]], key: str) -> float:
    vals = [r[key] for r in rows if r[key] is not None]
    return float(np.mean(vals)) if vals else float("nan")


def objective(rows: list[dict[str, float | None]]) -> float:
    """What a setting is chosen by: mean of pairwise F, chorus F and verse F."""
    return float(np.nanmean([_mean(rows, "pair_f"), _mean(rows, "chorus_f"), _mean(rows, "verse_f")]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="three composed songs only")
    parser.add_argument("--show", action="store_true", help="print each song's sections, truth and ours")
    args = parser.parse_args()
    from tools.understanding import structure
    from tools.understanding.rhythm import analyze_rhythm
    from tools.understanding.signal import load_analysis_audio

    names = list(SETTINGS)
    grid = [dict(zip(names, values, strict=True)) for values in itertools.product(*SETTINGS.values())]
    shipped = {k: getattr(structure, k) for k in names}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        songs = load_songs(Path(tmp), args.quick)
        print(f"{len(songs)} songs rendered in {time.perf_counter() - t0:.0f} s")
        results: dict[tuple[str, str, int], dict[str, float | None]] = {}  # (song, downbeats, setting)
        for song in songs:
            audio = load_analysis_audio(song.wav)
            x22 = audio.dsp_samples()
            feats = structure._features(x22)
            song.found_downbeats = analyze_rhythm(audio.samples, x22).downbeats
            for which, downbeats in (("true", song.downbeats), ("found", song.found_downbeats)):
                for i, setting in enumerate(grid):
                    if len(downbeats) < 2 * structure.PHRASE_BARS:
                        found = [(0.0, audio.duration_s, "A")]
                    else:
                        found = run_sections(song, feats, audio.duration_s, downbeats, setting)
                    results[(song.name, which, i)] = score(song, found)
                    if args.show and setting == shipped:
                        print(
                            f"  {song.name} [{which} downbeats] truth: "
                            + " ".join(f"{n or g}@{a:.0f}" for a, _, n, g in song.truth)
                        )
                        print("    ours: " + " ".join(f"{lab}@{a:.0f}" for a, _, lab in found))
            print(f"  {song.name}: done")
    sources = sorted({s.source for s in songs})
    shipped_i = grid.index(shipped) if shipped in grid else None
    for which in ("true", "found"):
        print(f"\n## downbeats: {which}")
        print("| setting | source | boundary F | pairwise F | chorus F | verse F | named |")
        print("|---|---|---|---|---|---|---|")
        for i, setting in enumerate(grid):
            for src in sources:
                rows = [results[(s.name, which, i)] for s in songs if s.source == src]
                mark = " (shipped)" if i == shipped_i else ""
                print(
                    f"| {setting}{mark} | {src} | "
                    + " | ".join(
                        f"{_mean(rows, k):.3f}" for k in ("boundary_f", "pair_f", "chorus_f", "verse_f")
                    )
                    + f" | {_mean(rows, 'named'):.2f} |"
                )
        print("\nheld out (setting chosen on the other source, by mean of pairwise, chorus and verse F):")
        for src in sources:
            others = [s for s in songs if s.source != src]
            if not others:
                continue
            best = max(
                range(len(grid)), key=lambda i: objective([results[(s.name, which, i)] for s in others])
            )
            rows = [results[(s.name, which, best)] for s in songs if s.source == src]
            base = (
                [results[(s.name, which, shipped_i)] for s in songs if s.source == src]
                if shipped_i is not None
                else None
            )
            line = (
                f"  {src}: chose {grid[best]} -> pairwise {_mean(rows, 'pair_f'):.3f}, "
                f"chorus {_mean(rows, 'chorus_f'):.3f}, verse {_mean(rows, 'verse_f'):.3f}, "
                f"named {_mean(rows, 'named'):.2f}"
            )
            if base:
                line += (
                    f" (shipped: pairwise {_mean(base, 'pair_f'):.3f}, chorus {_mean(base, 'chorus_f'):.3f}, "
                    f"verse {_mean(base, 'verse_f'):.3f})"
                )
            print(line)
        print("\nper song, shipped setting:")
        for s in songs:
            if shipped_i is None:
                break
            r = results[(s.name, which, shipped_i)]
            print(
                f"  {s.name}: "
                + ", ".join(f"{k} {v:.2f}" if v is not None else f"{k} -" for k, v in r.items())
            )


if __name__ == "__main__":
    main()
