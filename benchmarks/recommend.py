"""Recommendation benchmark: retrieval quality, search latency by catalogue size, indexing throughput.

    .venv/bin/python benchmarks/recommend.py [--data ../shared/data] [--sizes 1000,10000,100000]

(1) Quality on the labelled real tracks of ``--data`` (env ``BANDLEADER_BENCH_DATA``; default
    ../shared/data relative to the repository): key, tempo and instrument/vocal queries scored against the
    labels (precision@5, recall@10), and "more like this" (share of the top 5 with the example's label
    group). Every figure is printed beside a random-ranking baseline measured in the same run.
(2) Search latency (text, filtered text, more-like-this) on catalogues of each size, filled with the real
    tracks' feature rows plus random jitter (synthetic rows: said in the output): the first query in a
    fresh process (step by step), the first of each kind in this one, and p50/p95 of the rest; filtered
    results are checked against their filters. Catalogues of INDEX_MIN_ROWS rows and more carry IVF_SQ
    vector indexes, built as ``index`` builds them; on those, recall@10 of the text query against exact
    search, and its LanceDB query timed beside two in-run baselines (exact search and the previous query
    path). ``--keep`` with ``--work`` reuses the catalogues (the 1M one takes about 2.2 GB).
(3) Indexing throughput: the real tracks analysed from scratch (empty feature cache) with one worker:
    minutes of audio per minute per core, and the projected time and disk for a 10,000-track library.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _labels(data: Path) -> dict[str, dict]:
    """Relative path -> {key, tempo_bpm, tags (set), group} from each folder's labels.json."""
    out: dict[str, dict] = {}

    def add(rel: str, **kw: object) -> None:
        if (data / rel).is_file():
            out.setdefault(rel, {"tags": set(), "group": None, "key": None, "tempo_bpm": None}).update(kw)

    def key_name(k: str) -> str:
        return k.replace("B- ", "Bb ").replace("E- ", "Eb ").replace("A- ", "Ab ").replace("-", "b")

    chor = json.loads((data / "music21_bach_chorales/labels.json").read_text())
    for name, lab in chor.items():
        add(f"music21_bach_chorales/{Path(name).stem}.mid", key=key_name(lab["key_krumhansl_analyzed"]),
            tags={"piano"}, group="chorale")  # fmt: skip
    for name, lab in json.loads((data / "mirdata_key_clips/labels.json").read_text()).items():
        add(f"mirdata_key_clips/{name}", key=lab["key"])
    lib = json.loads((data / "librosa_data_tracks/labels.json").read_text())
    for name, lab in lib.items():
        tags = set(lab.get("instruments", []))
        if lab.get("instrument") == "trumpet":
            tags.add("brass")
        add(f"librosa_data_tracks/{name}", key=lab.get("key") if " " in str(lab.get("key", "")) and
            lab.get("key", "").split()[1] in ("major", "minor") else None, tempo_bpm=lab.get("tempo_bpm"),
            tags=tags)  # fmt: skip
    for name, lab in json.loads((data / "mirdata_instrument_clips/labels.json").read_text()).items():
        fam = {"flute": "woodwind", "contrabass": "bass"}.get(lab["instrument"])
        add(f"mirdata_instrument_clips/{name}", tags={fam} if fam else set(),
            group="flute" if lab["instrument"] == "flute" else None)  # fmt: skip
    add("gtzan_tempo_beat/country.00000.wav", tempo_bpm=85.53)
    add("madmom_testdata/sample.wav", tempo_bpm=87.5)
    for stem, tags in {
        "mixture.wav": {"vocals", "drums", "bass"}, "vocals.wav": {"vocals"}, "drums.wav": {"drums"},
        "bass.wav": {"bass"}, "instrumental_sum_drums_bass_other.wav": {"drums", "bass"},
    }.items():  # fmt: skip
        add(f"musdb_sample_stems/{stem}", tags=tags, group="voice" if stem == "vocals.wav" else None)
    for name in ("vocadito_10.wav", "vocadito_14.wav"):  # a-cappella singing by construction of the dataset
        add(f"vocadito_unlabeled/{name}", tags={"vocals"}, group="voice")
    for song in ("011", "087", "254"):
        add(f"pop909_symbolic/{song}/{song}.mid", tags={"piano"}, group="pop909")
    return out


def _metrics(ranked: list[str], relevant: set[str]) -> tuple[float, float]:
    p5 = sum(r in relevant for r in ranked[:5]) / 5
    r10 = sum(r in relevant for r in ranked[:10]) / max(1, len(relevant))
    return p5, r10


def quality(cat, library: Path, labels: dict[str, dict], rng: np.random.Generator) -> None:
    rel_of = {str((library / k).resolve()): k for k in labels}
    items = list(labels)
    queries: list[tuple[str, set[str]]] = []
    for key in sorted({v["key"] for v in labels.values() if v["key"]}):
        queries.append((f"music in {key}", {k for k, v in labels.items() if v["key"] == key}))
    for bpm in sorted({v["tempo_bpm"] for v in labels.values() if v["tempo_bpm"]}):
        queries.append((f"around {bpm:.0f} BPM", {k for k, v in labels.items()
                        if v["tempo_bpm"] and abs(v["tempo_bpm"] - bpm) <= 0.05 * bpm}))  # fmt: skip
    words = {"vocals": "a track with vocals", "drums": "something with drums", "bass": "music with bass",
             "piano": "piano music", "woodwind": "flute", "brass": "trumpet"}  # fmt: skip
    for tag, q in words.items():
        rel = {k for k, v in labels.items() if tag in v["tags"]}
        if rel:
            queries.append((q, rel))
    ours, rand = [], []
    print(f"\n(1) retrieval quality: {len(items)} labelled real tracks, {len(queries)} queries")
    print(f"{'query':28s} {'relevant':>8s} {'P@5':>6s} {'R@10':>6s}   random P@5  R@10")
    for q, relevant in queries:
        found = cat.search(q, k=10)
        ranked = [rel_of.get(r.path, r.path) for r in found.results]
        p5, r10 = _metrics(ranked, relevant)
        rs = [_metrics(list(rng.permutation(items))[:10], relevant) for _ in range(200)]
        rp5, rr10 = float(np.mean([x[0] for x in rs])), float(np.mean([x[1] for x in rs]))
        ours.append((p5, r10))
        rand.append((rp5, rr10))
        print(f"{q:28s} {len(relevant):8d} {p5:6.2f} {r10:6.2f}   {rp5:10.2f} {rr10:5.2f}")
    mp5, mr10 = np.mean([o[0] for o in ours]), np.mean([o[1] for o in ours])
    bp5, br10 = np.mean([o[0] for o in rand]), np.mean([o[1] for o in rand])
    print(f"mean precision@5 {mp5:.3f} (random {bp5:.3f}, x{mp5 / max(bp5, 1e-9):.1f}); "
          f"mean recall@10 {mr10:.3f} (random {br10:.3f}, x{mr10 / max(br10, 1e-9):.1f})")  # fmt: skip
    groups: dict[str, list[str]] = {}
    for k, v in labels.items():
        if v["group"]:
            groups.setdefault(v["group"], []).append(k)
    same, base = [], []
    for g, members in groups.items():
        if len(members) < 2:
            continue
        for m in members:
            found = cat.search(like=library / m, k=5)
            top = [rel_of.get(r.path, r.path) for r in found.results]
            same.append(sum(labels.get(t, {}).get("group") == g for t in top) / max(1, len(top)))
            base.append((len(members) - 1) / (len(items) - 1))
    print(f"more like this: same-label share of the top 5 = {np.mean(same):.3f} over {len(same)} examples "
          f"in {len([g for g in groups.values() if len(g) > 1])} groups (random {np.mean(base):.3f}, "
          f"x{np.mean(same) / max(np.mean(base), 1e-9):.1f})")  # fmt: skip


def _synthetic(real: list[dict], n: int, dest: Path, rng: np.random.Generator) -> float:
    """Writes a catalogue of ``n`` jittered copies of the real rows into ``dest``; returns seconds."""
    import pyarrow as pa

    from tools.recommend.store import open_table, schema
    from tools.recommend.vectors import mood_vector

    t0 = time.perf_counter()
    table = open_table(dest, create=True)
    sch = schema()
    text = np.array([r["text_vec"] for r in real], np.float32)
    audio = np.array([r["audio_vec"] for r in real], np.float32)
    batch = 50_000
    for start in range(0, n, batch):
        m = min(batch, n - start)
        src = rng.integers(0, len(real), m)
        tv = text[src] + rng.normal(0, 0.03, (m, text.shape[1])).astype(np.float32)
        tv /= np.linalg.norm(tv, axis=1, keepdims=True)
        av = audio[src] + rng.normal(0, 0.03, (m, audio.shape[1])).astype(np.float32)
        tempo = np.array([real[i]["tempo_bpm"] or 100.0 for i in src]) * np.exp(rng.normal(0, 0.1, m))
        energy = np.clip(np.array([real[i]["energy"] for i in src]) + rng.normal(0, 0.08, m), 0, 1)
        valence = np.clip(np.array([real[i]["valence"] for i in src]) + rng.normal(0, 0.08, m), 0, 1)
        dur = np.array([real[i]["duration_s"] for i in src]) * np.exp(rng.normal(0, 0.5, m))
        mv = np.stack([mood_vector(t, e, v) for t, e, v in zip(tempo, energy, valence, strict=True)])
        cols = {}
        for f in sch:
            if f.name in ("text_vec", "audio_vec", "mood_vec"):
                arr = {"text_vec": tv, "audio_vec": av, "mood_vec": mv}[f.name]
                cols[f.name] = pa.FixedSizeListArray.from_arrays(pa.array(arr.reshape(-1)), arr.shape[1])
            elif f.name == "path":
                cols[f.name] = pa.array(
                    [f"/synthetic/{start + j:07d}/{real[i]['name']}" for j, i in enumerate(src)]
                )
            elif f.name == "sha256":
                cols[f.name] = pa.array([f"{start + j:064x}" for j in range(m)])
            elif f.name == "tempo_bpm":
                cols[f.name] = pa.array(tempo.astype(np.float32))
            elif f.name == "energy":
                cols[f.name] = pa.array(energy.astype(np.float32))
            elif f.name == "valence":
                cols[f.name] = pa.array(valence.astype(np.float32))
            elif f.name == "duration_s":
                cols[f.name] = pa.array(dur.astype(np.float32))
            else:
                cols[f.name] = pa.array([real[i][f.name] for i in src], type=f.type)
        table.add(pa.table(cols, schema=sch))
    return time.perf_counter() - t0


N_QUERIES: int = 40
"""Queries per kind and size: every text is different, so each pays for its own MiniLM embedding."""


def _texts() -> tuple[list[str], list[str]]:
    moods = ["calm", "energetic", "sad", "bright", "dark", "dreamy", "happy", "gentle"]
    things = ["piano music", "drums and bass", "strings", "a track with vocals", "guitar"]
    texts = [f"{m} {t}" for m in moods for t in things][:N_QUERIES]
    keys = ["D", "A", "E", "G", "C", "F", "Bb", "B"]
    filtered = []
    for n in range(N_QUERIES // 5):
        filtered += [
            f"calm piano under {80 + n} bpm",
            f"around {100 + 3 * n} BPM in a major key, under 3 minutes",
            f"instrumental in {keys[n % 8]} minor",
            f"drums and bass faster than {100 + 2 * n} bpm",
            f"with vocals under {2 + n % 4} minutes",
        ]
    return texts, filtered


PREVIOUS_COLUMNS: list[str] = [
    "path", "name", "sha256", "kind", "duration_s", "tempo_bpm", "key", "mode", "key_signature",
    "loudness_lufs", "energy", "valence", "instruments", "vocals", "tags", "caption", "audio_vec",
]  # fmt: skip
"""What the previous query path read per candidate (before CANDIDATE_COLUMNS)."""


def _query_paths(cat, texts: list[str]) -> dict[str, float]:
    """The text search's LanceDB query alone (vectors embedded beforehand), on ``texts``, each timed
    in turn against two in-run baselines: exact (flat) search, and the previous query path (minimum 24
    partitions and no maximum, so every partition was read; refine x10; 17 columns a candidate).
    Returns recall@10 of the current query against exact search (by row, and by source track: the
    synthetic rows are jittered copies of 31 tracks, so thousands tie) and each path's p50/p95 ms."""
    from tools.recommend.catalogue import CANDIDATE_COLUMNS, MIN_POOL, REFINE_FACTOR, probes
    from tools.recommend.store import async_table, run_async
    from tools.recommend.vectors import text_vectors

    t = async_table(cat._open(create=False))
    nprobes = probes(len(cat))
    hits, same = [], []
    times: dict[str, list[float]] = {"exact": [], "previous": [], "current": []}

    def nearest(v):
        return t.query().nearest_to(v).column("text_vec").distance_type("cosine")

    paths = {
        "exact": lambda v: nearest(v).bypass_vector_index().select(["path", "_distance"]).limit(10),
        "previous": lambda v: nearest(v).maximum_nprobes(0).minimum_nprobes(24).refine_factor(10)
        .select([*PREVIOUS_COLUMNS, "_distance"]).limit(MIN_POOL),
        "current": lambda v: nearest(v).nprobes(nprobes).refine_factor(REFINE_FACTOR)
        .select([*CANDIDATE_COLUMNS, "_distance"]).limit(MIN_POOL),
    }  # fmt: skip

    async def timed(query):
        t0 = time.perf_counter()
        out = await query.to_arrow()
        return out, (time.perf_counter() - t0) * 1000

    for q in texts[:20]:
        vec = text_vectors([q])[0]
        got = {}
        for name, make in paths.items():
            got[name], ms = run_async(timed(make(vec)))
            times[name].append(ms)
        want = set(got["exact"].column("path").to_pylist())
        top = got["current"].column("path").to_pylist()[:10]
        hits.append(len(want & set(top)) / max(1, len(want)))
        source = {p.rsplit("/", 1)[-1] for p in want}
        same.append(sum(p.rsplit("/", 1)[-1] in source for p in top) / max(1, len(top)))
    out = {"recall": float(np.mean(hits)), "same_source": float(np.mean(same)), "nprobes": nprobes}
    for name, ms in times.items():
        out[f"{name}_p50"], out[f"{name}_p95"] = np.percentile(ms, 50), np.percentile(ms, 95)
    return out


COLD_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from tools.recommend import Catalogue
from tools.recommend.vectors import text_vectors
t1 = time.perf_counter()
text_vectors(["a warm-up sentence"])
t2 = time.perf_counter()
cat = Catalogue(sys.argv[1])
t3 = time.perf_counter()
cat.search(sys.argv[2], k=10)
t4 = time.perf_counter()
cat.search(sys.argv[3], k=10)
t5 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "model": t2 - t1, "open": t3 - t2, "first": t4 - t3, "second": t5 - t4}))
"""


def _cold(dest: Path, first: str, second: str) -> dict[str, float]:
    """Seconds of each step in a fresh process (the OS file cache stays warm): imports, loading MiniLM,
    opening the catalogue, the first search (loads the indexes) and a second one."""
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", COLD_SCRIPT, str(dest), first, second],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=600,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _violations(found, filters) -> int:
    """Results of an exact search (``found.exact``) that break a hard constraint of ``filters``
    (tempo and length with the results' rounding; the key by its signature, as the filter reads it)."""
    from tools.recommend.features import signature_of

    bad = 0
    for r in found.results if found.exact else []:
        ok = filters.tempo_min_bpm is None or (r.tempo_bpm or 0) >= filters.tempo_min_bpm - 0.05
        ok &= filters.tempo_max_bpm is None or (r.tempo_bpm or 0) <= filters.tempo_max_bpm + 0.05
        ok &= filters.duration_min_s is None or r.duration_s >= filters.duration_min_s - 0.005
        ok &= filters.duration_max_s is None or r.duration_s <= filters.duration_max_s + 0.005
        ok &= not filters.key or signature_of(r.key) == signature_of(filters.key)
        ok &= bool(filters.key) or not filters.mode or r.mode == filters.mode
        ok &= all(i in r.instruments for i in filters.instruments)
        ok &= not any(i in r.instruments for i in filters.exclude_instruments)
        ok &= filters.vocals is None or r.vocals == ("vocals" if filters.vocals else "instrumental")
        bad += not ok
    return bad


def latency(
    real: list[dict], sizes: list[int], work: Path, rng: np.random.Generator, keep: bool = False
) -> None:
    from tools.embedding import MiniLMEmbedder
    from tools.recommend import Catalogue
    from tools.recommend.catalogue import INDEX_MIN_ROWS
    from tools.recommend.vectors import text_vectors

    texts, filtered = _texts()
    print("\n(2) search latency on synthetic catalogues (real tracks' feature rows + random jitter), ms;")
    print(f"    {N_QUERIES} different queries per kind (each embeds its own text), k=10; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start")  # fmt: skip
    print(
        "    first: the first query of each kind on a newly made Catalogue in this process (the table\n"
        "    handle and MiniLM stay loaded across kinds); a fresh process is timed on its own line"
    )
    print(f"{'rows':>9s} {'build s':>8s} {'index s':>8s} {'MB':>7s} {'query':>9s} {'first':>7s} {'p50':>7s} "
          f"{'p95':>7s}")  # fmt: skip
    for n in sizes:
        dest = work / f"synthetic-{n}"
        if keep and dest.exists():
            build = float("nan")
        else:
            shutil.rmtree(dest, ignore_errors=True)
            build = _synthetic(real, n, dest, rng)
        t = time.perf_counter()
        built = Catalogue(dest).optimize()
        index_s = time.perf_counter() - t
        with warnings.catch_warnings():  # nothing else reads this catalogue: measure the steady-state disk
            warnings.simplefilter("ignore")
            Catalogue(dest)._open(create=False).optimize(cleanup_older_than=timedelta(0))
        mb = sum(f.stat().st_size for f in dest.rglob("*") if f.is_file()) / 1e6
        cold = _cold(dest, texts[0], filtered[1])
        print(
            f"{'':9s} cold, in a fresh process: imports {cold['import']:.1f} s, MiniLM load "
            f"{cold['model'] * 1000:.0f} ms, open {cold['open'] * 1000:.0f} ms, first search "
            f"{cold['first'] * 1000:.0f} ms (loads the indexes), second {cold['second'] * 1000:.0f} ms"
        )
        for label, qs, kind in (
            ("text", texts, "text"),
            ("filtered", filtered, "text"),
            ("like", None, "like"),
        ):
            MiniLMEmbedder._encode_cached.cache_clear()  # every size and kind embeds its texts anew
            cat = Catalogue(dest)
            examples = [
                r["path"]
                for r in cat._open(create=False).search().limit(N_QUERIES).select(["path"]).to_list()
            ]
            times, bad, inexact = [], 0, 0
            for i in range(N_QUERIES):
                t = time.perf_counter()
                if kind == "like":
                    cat.search(like=examples[i % len(examples)], k=10)
                else:
                    found = cat.search(qs[i % len(qs)], k=10)
                    bad += _violations(found, found.filters)
                    inexact += not found.exact
                times.append((time.perf_counter() - t) * 1000)
            warm = np.array(times[1:])
            checked = f"; {bad} results break their filters, {inexact} unmatched" if qs is filtered else ""
            print(
                f"{n:9d} {build:8.1f} {index_s:8.1f} {mb:7.0f} {label:>9s} {times[0]:7.1f} "
                f"{np.percentile(warm, 50):7.1f} {np.percentile(warm, 95):7.1f}"
                + ("  (IVF_SQ + scalar indexes)" if n >= INDEX_MIN_ROWS else "  (exact, no index)")
                + checked
            )
        if n >= INDEX_MIN_ROWS:
            q = _query_paths(Catalogue(dest), texts)
            note = f"  (built now: {', '.join(built)})" if built else ""
            now, was, flat = (
                f"{q[k + '_p50']:.1f}/{q[k + '_p95']:.1f}" for k in ("current", "previous", "exact")
            )
            print(
                f"{'':9s} text recall@10 against exact search: {q['recall']:.3f} by row, "
                f"{q['same_source']:.3f} by source track ({q['nprobes']} partitions probed){note}\n"
                f"{'':9s} the LanceDB query alone, p50/p95 ms (each query timed on all three in turn): "
                f"current {now}; previous query path {was} (x{q['previous_p50'] / q['current_p50']:.1f} at "
                f"p50); exact (flat) {flat} (x{q['exact_p50'] / q['current_p50']:.1f})"
            )
        MiniLMEmbedder._encode_cached.cache_clear()
        embed = []
        for q in texts:
            t = time.perf_counter()
            text_vectors([q])
            embed.append((time.perf_counter() - t) * 1000)
        e50, e95 = np.percentile(embed, 50), np.percentile(embed, 95)
        print(f"{'':9s} of which embedding one query text (MiniLM, numpy): p50 {e50:.1f} ms, p95 {e95:.1f} "
              f"ms; load average now {os.getloadavg()[0]:.1f}")  # fmt: skip
        if not keep:
            shutil.rmtree(dest)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--data", default=os.environ.get("BANDLEADER_BENCH_DATA", str(ROOT.parent / "shared" / "data"))
    )
    ap.add_argument("--sizes", default="1000,10000,100000", help="catalogue sizes for the latency test")
    ap.add_argument("--work", default=None, help="scratch folder (default: a temp folder, removed after)")
    ap.add_argument("--latency-only", action="store_true",
                    help="reuse the catalogue left in --work; measure latency only")  # fmt: skip
    ap.add_argument("--keep", action="store_true",
                    help="keep the synthetic catalogues in --work; reuse those there")  # fmt: skip
    args = ap.parse_args()
    data = Path(args.data)
    if not (data / "music21_bach_chorales").is_dir():
        print(f"benchmark data not found at {data} (a fresh clone has no ../shared/data): skipping.")
        return 0
    work = Path(args.work or tempfile.mkdtemp(prefix="bandleader-recommend-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["BANDLEADER_FEATURE_CACHE"] = str(work / "features")  # analyse from scratch: honest throughput
    from tools.recommend import Catalogue

    rng = np.random.default_rng(16)
    labels = _labels(data)
    library = work / "library"
    for rel in labels:
        (library / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(data / rel, library / rel)
    cat = Catalogue(work / "catalogue")
    if args.latency_only:
        table = cat._open(create=False)
        latency(
            table.search().limit(table.count_rows()).to_list(),
            [int(x) for x in args.sizes.split(",")],
            work,
            rng,
            keep=args.keep,
        )
        return 0
    from tools.recommend.indexer import analyse_file

    analyse_file(str(library / next(iter(labels))))  # load the analysers once (not counted)
    shutil.rmtree(work / "features", ignore_errors=True)
    t0 = time.perf_counter()
    report = cat.index(library, workers=1)
    wall = time.perf_counter() - t0
    per_core = (report.audio_s / 60) / (wall / 60)
    disk = sum(f.stat().st_size for f in (work / "catalogue").rglob("*") if f.is_file())
    sheets = sum(f.stat().st_size for f in (work / "features").rglob("*") if f.is_file())
    print(
        f"(3) indexing: {report.indexed} real tracks ({report.audio_s / 60:.2f} min of audio)"
        f" in {wall:.1f} s "
        f"with 1 worker = {per_core:.2f} audio minutes per minute per core; skipped {len(report.skipped)}"
    )
    avg_min = 3.5
    hours = 10_000 * avg_min / per_core / 60
    per_track = (disk + sheets) / max(1, report.indexed)
    print(
        f"    10,000 tracks of {avg_min} min: {hours:.1f} core-hours ({hours / 8:.1f} h on 8 cores)"
        f"; disk about "
        f"{per_track * 10_000 / 1e6:.0f} MB (catalogue {disk / report.indexed / 1e3:.1f} kB + feature sheet "
        f"{sheets / report.indexed / 1e3:.1f} kB per track; the sheet grows with the track's notes)"
    )
    quality(cat, library, labels, rng)
    table = cat._open(create=False)
    real = table.search().limit(table.count_rows()).to_list()
    latency(real, [int(s) for s in args.sizes.split(",") if s], work, rng, keep=args.keep)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
