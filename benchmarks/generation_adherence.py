"""Does the composer do what it was asked? Renders >= 50 varied prompts and checks each with our own
analysers (tools.understanding): tempo within 2% (and within 2% up to a factor of 2), the key
detected, duration within 1 s, requested instruments present (and no others) in the stems, the
chords (share of bars whose recognised chord has the written root and major/minor quality; for the
prompts that ask for a progression, whether the song follows it and is heard to), and for songs
with words, whether the sung vocal stem follows its melody (pYIN, median error < 50 cents).

    .venv/bin/python benchmarks/generation_adherence.py [--limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.generation.compose.prompt import parse_prompt
from tools.generation.compose.request import ComposeRequest
from tools.generation.compose_tool import compose_song
from tools.generation.instruments import find_instruments
from tools.generation.measure import check_chords, check_vocal, chord_family, measure_file, same_key
from tools.generation.progression import final_tonic, parse_progression
from tools.generation.render.pipeline import render_project
from tools.generation.render.vocal import sung_notes

PROMPTS: list[str] = [
    "a 30 second pop song in C major at 120 BPM",
    "a 40 second piano ballad in D minor at 72 BPM",
    "an upbeat pop song in A major at 124 BPM with piano, bass and drums",
    "a sad pop song in E minor at 96 BPM",
    "a 25 second rock song in E major at 140 BPM",
    "a rock song in A minor at 150 BPM with distorted guitar, bass and drums",
    "a 30 second indie rock song in G major at 118 BPM",
    "a lo-fi hip-hop beat in F minor at 84 BPM",
    "a lo-fi hip hop track in Bb major at 78 BPM with rhodes, bass and drums",
    "a chill lofi beat in C minor at 88 BPM",
    "an EDM track in F# minor at 128 BPM",
    "a 30 second EDM drop in A minor at 140 BPM with synth, synth bass and drums",
    "an energetic electronic track in D minor at 132 BPM",
    "a deep house groove in G minor at 122 BPM",
    "a house track in C major at 126 BPM with electric piano, synth bass and drums",
    "a house tune in Eb minor at 120 BPM",
    "a jazz tune in F major at 140 BPM",
    "a swing tune in Bb major at 160 BPM with saxophone, piano, upright bass and drums",
    "a slow jazz ballad in Eb major at 92 BPM",
    "a jazz piece in C minor at 120 BPM with trumpet, piano, bass and drums",
    "a bossa nova in A minor at 130 BPM",
    "a bossa nova song in D major at 120 BPM with nylon guitar, flute, bass and drums",
    "a latin bossa tune in G major at 138 BPM",
    "a classical piano piece in C major at 96 BPM",
    "a classical piano piece in A minor at 84 BPM",
    "a gentle solo piano nocturne in Eb major at 76 BPM",
    "a classical waltz in G major at 120 BPM",
    "an epic orchestral piece in D minor at 90 BPM",
    "a cinematic trailer cue in C minor at 100 BPM with strings, brass and drums",
    "a film score in F major at 80 BPM",
    "a folk song in G major at 100 BPM",
    "an acoustic folk song in D major at 110 BPM with acoustic guitar, violin, bass and drums",
    "a country song in A major at 120 BPM",
    "a folk ballad in E minor at 90 BPM",
    "a funk groove in E minor at 108 BPM",
    "a funky track in A minor at 112 BPM with slap bass, brass, guitar and drums",
    "a disco funk song in F major at 116 BPM",
    "an ambient track in C major at 70 BPM",
    "a calm ambient piece in D major at 66 BPM with pad and strings",
    "a relaxing meditation track in A minor at 60 BPM",
    "a 20 second pop jingle in G major at 128 BPM",
    "a 45 second pop song in B major at 108 BPM",
    "a pop song in F minor at 100 BPM with strings, piano and drums",
    "a rock anthem in D major at 132 BPM",
    "a 1 minute pop song in E major at 116 BPM with guitar, bass and drums",
    "a happy pop song in Ab major at 122 BPM",
    "a dark EDM track in B minor at 126 BPM",
    "a smooth jazz tune in G major at 100 BPM with saxophone, electric piano, bass and drums",
    "a 35 second funk song in D minor at 104 BPM",
    "a cinematic piece in E minor at 72 BPM with strings, french horn and choir",
    "a folk song in C major at 96 BPM with banjo, acoustic guitar and bass",
    "a lo-fi beat in A minor at 80 BPM",
    "a pop ballad in Bb major at 70 BPM with piano and strings",
    "a rock song in B minor at 120 BPM",
    "a 30 second pop song in C major at 100 BPM with I-V-vi-IV",
    "a pop song in G major at 116 BPM with piano, bass and drums, chords G D Em C",
    "a 30 second rock song in A minor at 120 BPM, chords Am F C G",
    "a jazz tune in F major at 120 BPM with a ii-V-I progression",
    "a folk song in D major at 104 BPM with I-IV-V-IV",
    "a ballad in E minor at 76 BPM with piano and strings, i-VI-III-VII",
    "a 30 second lo-fi beat in F major at 82 BPM with Fmaj7 - Dm7 - Gm7 - C7",
    "an EDM track in A minor at 126 BPM with the progression Am - F - C - G",
    "a house groove in D minor at 122 BPM, chords Dm Bb F C",
    "a 30 second pop song in G major at 110 BPM with piano, bass and drums about a summer road trip",
    "a folk song in C major at 96 BPM with acoustic guitar and bass about the sea",
    "a slow ballad in A major at 72 BPM with piano and strings, lyrics: stay with me tonight / "
    "the stars are burning bright",
]
"""Every style, tempi from 60 to 160 BPM, major and minor keys, 20 s to 1 minute; requested
progressions (roman numerals and chord names); three songs with words (a sung vocal)."""

DEFAULT_DURATION_S = 30.0
SILENT_RMS_DBFS = -50.0


def stem_rms_dbfs(path: str) -> float:
    x, _ = sf.read(path, dtype="float32")
    rms = float(np.sqrt(np.mean(np.square(x)))) if x.size else 0.0
    return 20 * np.log10(rms) if rms > 0 else -np.inf


def check(prompt: str, out: Path) -> dict[str, object]:
    started = time.perf_counter()
    request = ComposeRequest(prompt=prompt, seed=11)
    project = compose_song(request)
    res = render_project(project, out)
    render_s = time.perf_counter() - started
    said = parse_prompt(prompt)
    asked_duration = said.duration_s or DEFAULT_DURATION_S
    m = measure_file(res.mix)
    tempo_ok = m.tempo_bpm is not None and abs(m.tempo_bpm - project.tempo_bpm) <= 0.02 * project.tempo_bpm
    tempo_octave_ok = tempo_ok or any(
        m.tempo_bpm is not None and abs(m.tempo_bpm * f - project.tempo_bpm) <= 0.02 * project.tempo_bpm
        for f in (0.5, 2.0, 2 / 3, 1.5)
    )
    with_part = re.split(r"\bwith\b", prompt.split(" about ")[0].split("lyrics:")[0], maxsplit=1)
    asked = [i.name for i in find_instruments(with_part[1])] if len(with_part) > 1 else []
    if asked and project.lyrics:
        asked.append("voice")  # songs with words are sung
    present = {t.instrument for t in project.tracks if stem_rms_dbfs(res.stems[t.name]) > SILENT_RMS_DBFS}
    inst_ok = set(asked) <= present and (not asked or present <= set(asked)) if asked else bool(present)
    x, sr = sf.read(res.mix, dtype="float32", always_2d=True)
    chords = check_chords(x.T, sr, project)
    wanted = parse_progression(prompt, project.key, project.mode)
    follows = None
    if wanted:
        cycled = [[wanted[i % len(wanted)] for i in range(s.bars)] for s in project.sections]
        home = final_tonic(project, wanted)
        if project.sections[-1].chords[-1] == home:  # the song may end on its tonic instead
            cycled[-1][-1] = home
        follows = all(s.chords == c for s, c in zip(project.sections, cycled, strict=True))
    vocal_cents = None
    vocal = next((t for t in project.tracks if t.instrument == "voice"), None)
    if vocal is not None:
        v, vsr = sf.read(res.stems[vocal.name], dtype="float32", always_2d=True)
        sung = [(n.start_s, n.dur_s, n.pitch) for n in sung_notes(project, vocal) if n.dur_s >= 0.2]
        vocal_cents = check_vocal(v.T, vsr, sung).median_cents
    return {
        "prompt": prompt,
        "style": project.style,
        "asked_tempo": project.tempo_bpm,
        "tempo": m.tempo_bpm,
        "tempo_ok": tempo_ok,
        "tempo_octave_ok": tempo_octave_ok,
        "asked_key": project.key_label,
        "key": m.key,
        "key_ok": same_key(m.key, project.key_label),
        "asked_duration": asked_duration,
        "duration": m.duration_s,
        "duration_ok": abs(m.duration_s - asked_duration) <= 1.0,
        "asked_instruments": asked,
        "instruments": sorted(present),
        "instruments_ok": inst_ok,
        "chord_share": chords.share,
        "chord_root_share": round(
            sum(
                (chord_family(h) or (-1, ""))[0] == (chord_family(w) or (-2, ""))[0]
                for h, w in zip(chords.heard, chords.written, strict=True)
            )
            / max(1, chords.bars),
            3,
        ),
        "progression": wanted,
        "progression_followed": follows,
        "vocal_cents": vocal_cents,
        "render_s": round(render_s, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N prompts")
    parser.add_argument("--json", default=None, help="write every row to this JSON file")
    args = parser.parse_args()
    prompts = PROMPTS[: args.limit] if args.limit else PROMPTS
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, prompt in enumerate(prompts):
            row = check(prompt, Path(tmp) / f"{i:02d}")
            rows.append(row)
            flags = "".join(
                "✓" if row[k] else "✗" for k in ("tempo_ok", "key_ok", "duration_ok", "instruments_ok")
            )
            print(
                f"{i + 1:2d} {flags} {row['style']:9} tempo {row['asked_tempo']:g}->{row['tempo']} "
                f"key {row['asked_key']}->{row['key']} dur {row['asked_duration']:g}->{row['duration']:.2f} "
                f"chords {row['chord_share']:.2f} "
                f"| {prompt}",
                flush=True,
            )
    n = len(rows)
    print(f"\n{n} prompts (our analysers on the rendered audio):")
    for k, name in (
        ("tempo_ok", "tempo within 2%"),
        ("tempo_octave_ok", "tempo within 2% (x2, /2, x1.5 allowed)"),
        ("key_ok", "key detected"),
        ("duration_ok", "duration within 1 s"),
        ("instruments_ok", "instruments present, no others"),
    ):
        rate = sum(bool(r[k]) for r in rows) / n
        print(f"  {name:42} {rate * 100:5.1f}%")
    asked = [r for r in rows if r["progression"]]
    if asked:
        followed = sum(bool(r["progression_followed"]) for r in asked) / len(asked)
        heard = np.mean([r["chord_share"] for r in asked])
        free = [r for r in rows if not r["progression"]]
        key_free = sum(r["key_ok"] for r in free) / len(free)
        key_asked = sum(r["key_ok"] for r in asked) / len(asked)
        print(f"  {'key detected (no progression asked)':42} {key_free * 100:5.1f}%")
        print(
            f"  {'key detected (progression asked)':42} {key_asked * 100:5.1f}%  (a minor-key progression "
            "without a V, e.g. Am F C G, also reads as the relative major)"
        )
        label = "requested progression followed (project)"
        print(f"  {label:42} {followed * 100:5.1f}%  ({len(asked)} prompts)")
        print(f"  {'  ... its bars heard (root + maj/min)':42} {heard * 100:5.1f}%")
        print(
            f"  {'  ... prompts with >= 75% of bars heard':42} "
            f"{sum(r['chord_share'] >= 0.75 for r in asked) / len(asked) * 100:5.1f}%"
        )
    share = np.mean([r["chord_share"] for r in rows])
    print(f"  {'all songs: bars heard as written (root+qual)':42} {share * 100:5.1f}%")
    print(
        f"  {'all songs: bars heard as written (root)':42} "
        f"{np.mean([r['chord_root_share'] for r in rows]) * 100:5.1f}%"
    )
    sung = [r["vocal_cents"] for r in rows if r["vocal_cents"] is not None]
    if sung:
        print(
            f"  {'sung vocal: median pitch error < 50 cents':42} "
            f"{sum(c < 50 for c in sung) / len(sung) * 100:5.1f}%  ({len(sung)} songs, median "
            f"{np.median(sung):.1f} cents)"
        )
    print(f"  mean render time {np.mean([r['render_s'] for r in rows]):.2f} s per song")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
