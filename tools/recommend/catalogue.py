"""``Catalogue(path)``: a music library indexed once and searched by words, by example and by video.

``index(folder)`` analyses every audio/video/MIDI file under ``folder`` (incremental: unchanged files
are skipped by size, time and content hash, new ones added, deleted ones dropped; unreadable ones
skipped and listed). ``search(...)`` answers with typed :class:`SearchResults`, best first, each result
saying why it was chosen. Units: tempo in BPM, durations in seconds, loudness in LUFS.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.base import ToolError
from tools.recommend.features import TrackFeatures, descriptors
from tools.recommend.indexer import Progress, analyse_file, analyse_files, find_media, ray_available
from tools.recommend.query import ParsedQuery, SearchFilters, merge_filters, parse_query, where_clause
from tools.recommend.ranking import diverse_order, wish_condition, wish_met
from tools.recommend.reasons import constraint_matches, facts, like_reason, misses
from tools.recommend.store import async_table, catalogue_info, open_table, run_async, set_catalogue_info
from tools.recommend.vectors import AUDIO_BACKEND, audio_vector, mood_vector, text_vectors

MAX_K: int = 100
"""Most results one search returns."""
POOL_FACTOR: int = 4
"""Candidates fetched from the store per result asked for (re-ranked for wishes and diversity)."""
MIN_POOL: int = 40
WRITE_BATCH: int = 64
"""Rows written to the store at a time while indexing (a crash loses at most this many analyses)."""
INDEX_MIN_ROWS: int = 50_000
"""From this many tracks on, the vectors get an IVF index with 8-bit scalar quantisation (IVF_SQ:
partitions of about ``PARTITION_ROWS`` tracks; approximate distances re-ranked exactly, ``REFINE_FACTOR``
x the candidates asked for); below it, search is exact (flat). IVF_SQ rather than IVF_PQ: on the
100,000-row benchmark catalogue, PQ (48 sub-vectors) returned only 16 % of the exact top 10 (55 % of the
same source tracks), IVF_SQ 100 %; its codes take 384 bytes a track."""
PARTITION_ROWS: int = 4096
"""Target tracks per IVF partition (lance's ``target_partition_size``, recorded in the index, so the
partition splits and joins of each later ``optimize`` keep to it). A partition count set alone
(sqrt(rows), as before) is not kept: lance joined the 316 partitions of a 100,000-track catalogue into 4
on the next optimize, and every query then read all 100,000 codes (and 1,000,000 at 1M)."""
NPROBE_SHARE: float = 0.15
NPROBES: int = 8
"""Partitions probed: ``NPROBE_SHARE`` of them (estimated as rows / PARTITION_ROWS), at least
``NPROBES``: 8 of 24 at 100,000 tracks, 37 of 244 at 1,000,000 (on the benchmark's 1M catalogue, 25
probes returned 98 % of the exact top 10, 32 and more 100 %). A fixed count: a minimum with no maximum
(as before) made lance read every partition. With a filter that leaves fewer candidates than asked for
in those, the search is repeated over as many partitions as it takes (see Catalogue.search)."""
REFINE_FACTOR: int = 3
"""Candidates re-ranked by their exact distance, per candidate asked for (x10 cost 3-5 ms more a query
at 100,000 tracks for the same recall)."""
INDEX_LAYOUT: str = f"ivf_sq/{PARTITION_ROWS}"
"""Recorded in the catalogue marker when the vector indexes are built; a catalogue whose indexes were
built another way (before PARTITION_ROWS) gets them rebuilt on its next ``optimize``."""
KEEP_VERSIONS_S: float = 10.0
"""An index run deletes table versions older than this (the files a compaction replaced), seconds."""
SCALAR_INDEXES: tuple[tuple[str, str], ...] = (
    ("path", "BTREE"), ("tempo_bpm", "BTREE"), ("duration_s", "BTREE"), ("key_signature", "BITMAP"),
    ("mode", "BITMAP"), ("vocals", "BITMAP"), ("instruments", "BITMAP"),
)  # fmt: skip
"""Scalar indexes built with the vector ones: the example look-up by path and the filters on tempo,
length, key, mode, vocals and instruments read an index instead of scanning the column. An instrument
filter uses the bitmap of whole ``instruments`` values (",drums,bass,"): ``optimize`` records the values
in the catalogue marker with the table version, and a search of that version asks for the values that
name the instrument (a LIKE pattern, which reads the whole column, otherwise: 75-100 ms at 1M tracks)."""


_TABLE_FACTS: dict[int, tuple[int, int, frozenset[str]]] = {}
"""(table version, rows, vector-indexed columns) by open table (the handles of tools.recommend.store
live as long as the process): a search asks LanceDB for the version only, and for the rest when the
version changed."""

FileHook = Callable[[str, str, str | None], None]
"""``on_file(path, status, reason)`` of :meth:`Catalogue.index`: status "unchanged", "indexed" or
"skipped" (reason: why it could not be indexed)."""


class Skipped(BaseModel):
    path: str
    reason: str


class IndexReport(BaseModel):
    """What one ``index`` run did."""

    folder: str
    indexed: int = Field(description="Files analysed and added or updated.")
    unchanged: int = Field(description="Files skipped because they did not change (size, time, hash).")
    removed: list[str] = Field(description="Catalogue entries dropped because their file is gone.")
    skipped: list[Skipped] = Field(description="Files that could not be indexed, with the reason.")
    total: int = Field(description="Tracks in the catalogue after the run.")
    audio_s: float = Field(description="Seconds of audio analysed in this run.")
    seconds: float = Field(description="Wall-clock seconds the run took.")
    workers: int
    backend: str


class TrackResult(BaseModel):
    """One search result."""

    rank: int = Field(description="1-based position in the whole result list (offset included).")
    path: str
    name: str
    score: float = Field(description="Relevance 0..1 (higher is better).")
    reason: str = Field(description="Why it was chosen, in words.")
    tempo_bpm: float | None
    key: str | None
    mode: str | None
    duration_s: float
    loudness_lufs: float | None
    energy: float = Field(description="0..1")
    instruments: list[str]
    vocals: str
    caption: str


class SearchResults(BaseModel):
    """The answer to one search, best first."""

    results: list[TrackResult]
    exact: bool = Field(description="False when nothing met the constraints and the nearest are shown.")
    message: str = Field(description="One sentence for the person (what was found, or that nothing was).")
    mode: Literal["text", "like", "video", "filters"]
    filters: SearchFilters
    wishes: list[str]
    catalogue_size: int
    offset: int


CANDIDATE_COLUMNS: tuple[str, ...] = (
    "path", "name", "sha256", "duration_s", "tempo_bpm", "key", "mode", "loudness_lufs", "energy",
    "instruments", "vocals", "caption", "audio_vec",
)  # fmt: skip
"""The columns a search reads for each candidate: what the ranking (wishes, diversity by ``audio_vec``
and ``sha256``), the reasons and a TrackResult use, and nothing more (every further column is one more
read per candidate)."""


def _rows(table: Any) -> list[dict[str, Any]]:
    """Rows of a pyarrow result as dicts; vector columns as numpy arrays (no per-float Python objects)."""
    vectors = {}
    for name in ("audio_vec", "text_vec", "mood_vec", "embed_vec"):
        if name in table.column_names:
            col = table.column(name).combine_chunks()
            flat = np.asarray(col.flatten().to_numpy(zero_copy_only=False), dtype=np.float32)
            vectors[name] = flat.reshape(len(col), col.type.list_size)
    scalars = table.drop_columns(list(vectors)).to_pylist()
    for i, row in enumerate(scalars):
        for name, arr in vectors.items():
            row[name] = arr[i]
    return scalars


def _row_result(row: dict, rank: int, score: float, reason: str) -> TrackResult:
    return TrackResult(
        rank=rank,
        path=row["path"],
        name=row["name"],
        score=round(float(score), 4),
        reason=reason,
        tempo_bpm=round(float(row["tempo_bpm"]), 1) if row.get("tempo_bpm") is not None else None,
        key=row.get("key"),
        mode=row.get("mode"),
        duration_s=round(float(row["duration_s"]), 2),
        loudness_lufs=round(float(row["loudness_lufs"]), 1) if row.get("loudness_lufs") is not None else None,
        energy=round(float(row["energy"]), 3),
        instruments=[i for i in (row.get("instruments") or "").strip(",").split(",") if i],
        vocals=row.get("vocals") or "unknown",
        caption=row.get("caption") or "",
    )


def features_row(
    path: Path,
    root: Path,
    sha: str,
    f: TrackFeatures,
    text_vec: np.ndarray,
    embed_dim: int | None = None,
    embedding: list[float] | None = None,
) -> dict[str, Any]:
    """The store row of one analysed file (columns as in tools.recommend.store.schema); with
    ``embed_dim`` the row carries ``embed_vec``: ``embedding``, or zeros for a file without one (MIDI)."""
    st = path.stat()
    tags = [
        *(m for m, s in f.mood_scores.items() if s >= 0.5),
        *(g for g, s in f.genre_scores.items() if s >= 0.5),
    ]
    return {
        "path": str(path),
        "name": path.name,
        "root": str(root),
        "sha256": sha,
        "size": st.st_size,
        "mtime": st.st_mtime,
        "kind": f.kind,
        "duration_s": f.duration_s,
        "tempo_bpm": f.tempo_bpm,
        "key": f.key,
        "mode": f.mode,
        "key_signature": f.key_signature,
        "loudness_lufs": f.loudness_lufs,
        "energy": f.energy,
        "valence": f.valence,
        "instruments": "," + ",".join(f.instruments) + ",",
        "vocals": f.vocals,
        "tags": "," + ",".join([*tags, *descriptors(f)]) + ",",
        "caption": f.caption,
        "features": f.model_dump_json(),
        "text_vec": text_vec.astype(np.float32).tolist(),
        "audio_vec": audio_vector(f).tolist(),
        "mood_vec": mood_vector(f.tempo_bpm, f.energy, f.valence).tolist(),
        **({"embed_vec": embedding or [0.0] * embed_dim} if embed_dim else {}),
    }


def probes(n: int) -> int:
    """IVF partitions a search probes first in a catalogue of ``n`` tracks (NPROBE_SHARE, at least
    NPROBES)."""
    return max(NPROBES, math.ceil(NPROBE_SHARE * n / PARTITION_ROWS))


def _sql(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class Catalogue:
    """A catalogue folder (see tools.recommend.store); opening one never analyses anything."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser().resolve()
        self._table: Any = None
        if self.path.exists() and not (self.path.is_dir() and not any(self.path.iterdir())):
            self._table = open_table(self.path, create=False)  # refuses a file or a foreign folder

    @property
    def embedding(self) -> str:
        """The catalogue's audio embedding backend: ``bandleader-features-v1`` (the documented feature
        vector, always there) or ``clap:<model folder>`` (an ``embed_vec`` column as well)."""
        return str(catalogue_info(self.path).get("audio_embedding") or AUDIO_BACKEND)

    @property
    def embed_dim(self) -> int | None:
        """Length of the model audio embedding (``embed_vec``); None when the catalogue has none."""
        dim = catalogue_info(self.path).get("embed_dim")
        return int(dim) if dim else None

    def _embed_model(self) -> str | None:
        """The CLAP model folder this catalogue's embeddings come from (None without a model); raises
        ToolError when the catalogue was made with a model whose weights are gone."""
        name = self.embedding
        if not name.startswith("clap:"):
            return None
        from tools.recommend.clap import check_clap_folder, clap_root

        folder = clap_root() / name.split(":", 1)[1]
        if check_clap_folder(folder) is not None:
            raise ToolError(
                f"This catalogue was made with the CLAP model {folder.name}, which is not in {clap_root()} "
                "now: put its weights back, or index into a new catalogue.",
                code="backend_unavailable",
            )
        return str(folder)

    # -- indexing --------------------------------------------------------------------------------------
    def _open(self, create: bool) -> Any:
        if self._table is None:
            self._table = open_table(self.path, create=create)
        return self._table

    def __len__(self) -> int:
        return 0 if self._table is None else int(self._table.count_rows())

    def _existing(self, folder: Path) -> dict[str, dict[str, Any]]:
        table = self._open(create=True)
        n = table.count_rows()
        if n == 0:
            return {}
        prefix = str(folder).rstrip("/") + "/"
        rows = (
            table.search()
            .where(f"path LIKE {_sql(prefix.replace('%', '_') + '%')}")
            .select(["path", "sha256", "size", "mtime"])
            .limit(n)
            .to_list()
        )
        return {r["path"]: r for r in rows if r["path"].startswith(prefix)}

    def index(
        self,
        folder: str | Path,
        *,
        workers: int | None = None,
        backend: Literal["processes", "ray"] = "processes",
        progress: Progress | None = None,
        on_file: FileHook | None = None,
    ) -> IndexReport:
        """Index every audio/video/MIDI file under ``folder`` (recursively) into this catalogue.

        Returns an :class:`IndexReport` (counts of indexed, unchanged, removed and skipped files).
        ``on_file(path, status, reason)`` hears of each file as its fate is known: "unchanged" while
        scanning, then "indexed" or "skipped" (with the reason) as analyses finish.
        Raises ToolError when ``folder`` is not a folder or this path is not a catalogue."""
        t0 = time.perf_counter()
        report = progress or (lambda fraction, message: None)
        hook = on_file or (lambda path, status, reason: None)
        root = Path(folder).expanduser().resolve()
        if not root.is_dir():
            raise ToolError(
                f"{folder} is not a folder I can read: give the folder that holds your music.",
                code="not_folder",
            )
        if root == self.path or self.path in root.parents:
            raise ToolError(
                "The music folder is inside the catalogue folder: keep them apart.", code="bad_folder"
            )
        table = self._open(create=True)
        embed_model, embed_dim = self._embed_model(), self.embed_dim
        existing = self._existing(root)
        files = [p for p in find_media(root) if self.path not in p.parents]
        report(0.0, f"found {len(files)} music files")
        seen: set[str] = set()
        todo: list[str] = []
        unchanged = 0
        touched: list[tuple[str, float]] = []
        for p in files:
            key = str(p)
            seen.add(key)
            old = existing.get(key)
            try:
                st = p.stat()
            except OSError:
                continue
            if old and old["size"] == st.st_size and abs(float(old["mtime"]) - st.st_mtime) < 1e-6:
                unchanged += 1
                hook(key, "unchanged", None)
                continue
            if old and old["size"] == st.st_size:
                from tools.cache import file_sha256

                try:
                    if file_sha256(p) == old["sha256"]:
                        unchanged += 1
                        touched.append((key, st.st_mtime))
                        hook(key, "unchanged", None)
                        continue
                except OSError:
                    pass
            todo.append(key)
        removed = sorted(set(existing) - seen)
        if removed:
            table.delete(" OR ".join(f"path = {_sql(p)}" for p in removed))
        for key, mtime in touched:
            table.update(where=f"path = {_sql(key)}", values={"mtime": mtime})
        skipped: list[Skipped] = []
        batch: list[tuple[Path, str, TrackFeatures, list[float] | None]] = []
        audio_s = 0.0
        indexed = 0

        def flush() -> None:
            nonlocal batch
            if not batch:
                return
            vecs = text_vectors([f.caption for _, _, f, _ in batch])
            rows = [
                features_row(p, root, sha, f, v, embed_dim, e)
                for (p, sha, f, e), v in zip(batch, vecs, strict=True)
            ]
            table.merge_insert("path").when_matched_update_all().when_not_matched_insert_all().execute(rows)
            batch = []

        used = workers or 0
        analysed = analyse_files(
            todo, workers=workers, backend=backend, progress=report, embed_model=embed_model
        )
        for out in analysed:
            if out.features is None:
                skipped.append(Skipped(path=out.path, reason=out.error or "could not be analysed"))
                if out.path in existing:
                    table.delete(f"path = {_sql(out.path)}")
                hook(out.path, "skipped", skipped[-1].reason)
                continue
            batch.append((Path(out.path), out.sha256, out.features, out.embedding))
            audio_s += out.features.duration_s
            indexed += 1
            hook(out.path, "indexed", None)
            if len(batch) >= WRITE_BATCH:
                flush()
        flush()
        from tools.recommend.indexer import default_workers

        self.optimize(compact=bool(indexed or removed or skipped))
        return IndexReport(
            folder=str(root),
            indexed=indexed,
            unchanged=unchanged,
            removed=removed,
            skipped=skipped,
            total=int(table.count_rows()),
            audio_s=round(audio_s, 2),
            seconds=round(time.perf_counter() - t0, 3),
            workers=used or default_workers(),
            backend=backend if backend != "ray" or ray_available() else "processes",
        )

    def optimize(self, *, force: bool = False, compact: bool = True) -> list[str]:
        """Builds the indexes once the catalogue holds INDEX_MIN_ROWS tracks (or 256 with ``force``): IVF_SQ
        on the vectors (partitions of about PARTITION_ROWS tracks) and scalar indexes on the filtered
        columns (SCALAR_INDEXES); vector indexes built another way (an older catalogue) are rebuilt. With
        ``compact``, first merges the table's small files and adds new rows to existing indexes. Returns
        the columns indexed by this call (empty when none were)."""
        table = self._open(create=False)
        n = int(table.count_rows())
        if n == 0:
            return []
        if compact:
            # compaction, and the new rows join the indexes; versions older than KEEP_VERSIONS_S are
            # deleted (readers move to the newest within READ_CONSISTENCY_S, so none is still on them).
            # Before the indexes are built: a new IVF index is searched as trained, not as re-balanced.
            table.optimize(cleanup_older_than=timedelta(seconds=KEEP_VERSIONS_S))
        have = {c for i in table.list_indices() for c in i.columns}
        built: list[str] = []
        if n >= (256 if force else INDEX_MIN_ROWS):
            from lancedb.index import IvfSq

            current = catalogue_info(self.path).get("vector_index") == INDEX_LAYOUT
            vectors = [("text_vec", "cosine"), ("audio_vec", "l2")]
            if self.embed_dim:
                vectors.append(("embed_vec", "l2"))
            for column, metric in vectors:
                if column in have and current and not force:
                    continue
                table.create_index(
                    column,
                    config=IvfSq(distance_type=metric, target_partition_size=PARTITION_ROWS),
                    replace=True,
                )
                built.append(column)
            if built:
                set_catalogue_info(self.path, vector_index=INDEX_LAYOUT)
            for column, kind in SCALAR_INDEXES:
                if column not in have or force:
                    table.create_scalar_index(column, index_type=kind, replace=True)
                    built.append(column)
            self._record_instrument_values(table)
        _TABLE_FACTS.clear()
        return built

    def _record_instrument_values(self, table: Any) -> None:
        """Writes every ``instruments`` value of the table, with its version, into the marker (read by
        searches of that version; see SCALAR_INDEXES)."""
        import pyarrow.compute as pc

        if (catalogue_info(self.path).get("instrument_values") or {}).get("version") == table.version:
            return
        values = table.search().select(["instruments"]).limit(len(self)).to_arrow().column("instruments")
        found = sorted(v for v in pc.unique(values.combine_chunks()).to_pylist() if v is not None)
        set_catalogue_info(self.path, instrument_values={"version": int(table.version), "values": found})

    # -- searching -------------------------------------------------------------------------------------
    def _table_for_search(self) -> Any:
        if self._table is None:
            self._open(create=False)
        return self._table

    async def _size_and_indexes(self, t: Any) -> tuple[int, set[str], list[str] | None]:
        """(rows, columns with a vector index, every ``instruments`` value or None when they are not
        known for this version) of the async table ``t``; rows and indexes are looked up once per table
        version (any write makes a new one), for every Catalogue sharing the table handle."""
        version = await t.version()
        known = _TABLE_FACTS.get(id(t))
        if known is None or known[0] != version:
            n = int(await t.count_rows())
            try:
                columns = {c for i in await t.list_indices() for c in i.columns}
            except Exception:  # an old or foreign table without index metadata: search it flat
                columns = set()
            known = _TABLE_FACTS[id(t)] = (version, n, frozenset(columns))
        if known[1] == 0:
            raise ToolError(
                "The catalogue is empty: index a folder of music into it first.", code="empty_catalogue"
            )
        recorded = catalogue_info(self.path).get("instrument_values") or {}
        values = recorded.get("values") if recorded.get("version") == version else None
        return known[1], set(known[2]), values

    def row(self, path: str | Path) -> dict[str, Any] | None:
        """The catalogue row of the file at ``path`` (None when it is not in the catalogue)."""
        t = async_table(self._table_for_search())
        key = str(Path(path).expanduser().resolve())

        async def look_up() -> Any:
            await self._size_and_indexes(t)
            return await t.query().where(f"path = {_sql(key)}").limit(1).to_arrow()

        rows = _rows(run_async(look_up()))
        return rows[0] if rows else None

    def _example(self, like: str | Path) -> dict[str, Any]:
        """The row of the example track: from the catalogue, or analysed now when it is not in it."""
        found = self.row(like)
        if found is not None:
            return found
        p = Path(like).expanduser()
        if not p.is_file():
            raise ToolError(
                f"I can't find the example track {like}: give a file that exists.", code="not_found"
            )
        try:
            embed_model = self._embed_model()
        except ToolError:
            embed_model = None  # the weights are gone: compare by the feature vector alone
        out = analyse_file(str(p.resolve()), embed_model)
        if out.features is None:
            raise ToolError(f"I can't use {p.name} as an example: {out.error}.", code="bad_example")
        vec = text_vectors([out.features.caption])[0]
        return features_row(
            p.resolve(), p.resolve().parent, out.sha256, out.features, vec, self.embed_dim, out.embedding
        )

    def search(
        self,
        text: str | None = None,
        like: str | Path | None = None,
        video: str | Path | None = None,
        filters: SearchFilters | dict[str, Any] | None = None,
        k: int = 10,
        offset: int = 0,
        exclude: list[str] | None = None,
    ) -> SearchResults:
        """The ``k`` best tracks for a text query, an example track (``like``), a video, or filters alone,
        after the first ``offset`` (pagination); diverse (no near-duplicates), best first.

        Raises ToolError for contradictory filters, an empty catalogue or unusable examples."""
        if not 1 <= k <= MAX_K:
            raise ToolError(f"Ask for between 1 and {MAX_K} results.", code="bad_k")
        if offset < 0:
            raise ToolError("The offset can't be negative.", code="bad_offset")
        if isinstance(filters, dict):
            filters = SearchFilters.model_validate(filters)
        text = (text or "").strip() or None
        if text is None and like is None and video is None and (filters is None or filters.is_empty()):
            raise ToolError(
                "Say what you are looking for: words, an example track or a video.", code="empty_query"
            )
        t = async_table(self._table_for_search())
        parsed: ParsedQuery | None = parse_query(text) if text else None
        hard = merge_filters(parsed.filters if parsed else SearchFilters(), filters)
        wishes = list(parsed.wishes) if parsed else []
        excluded = {str(Path(e).expanduser().resolve()) for e in exclude or []}
        example: dict[str, Any] | None = None
        video_facts: dict[str, Any] | None = None
        query_text_vec = text_vectors([text])[0] if text else None
        if like is not None:
            example = self._example(like)
            excluded.add(example["path"])
            mode: Literal["text", "like", "video", "filters"] = "like"
            column, vec, metric = "audio_vec", np.asarray(example["audio_vec"], np.float32), "l2"
            model_vec = example.get("embed_vec")
            if model_vec is not None and float(np.abs(np.asarray(model_vec)).sum()) > 0:
                column, vec = "embed_vec", np.asarray(model_vec, np.float32)  # CLAP: unit vectors
        elif video is not None:
            video_facts = video_target(Path(video), text or "")
            mode = "video"
            column, vec, metric = "mood_vec", video_facts["mood_vec"], "l2"
        elif query_text_vec is not None:
            mode = "text"
            column, vec, metric = "text_vec", query_text_vec, "cosine"
        else:
            mode, column, vec, metric = "filters", "", None, ""
        pool = max(MIN_POOL, POOL_FACTOR * (k + offset) + len(excluded))

        need_text = mode in ("like", "video") and query_text_vec is not None
        columns = [*CANDIDATE_COLUMNS, *(["text_vec"] if need_text else [])]

        async def query(condition: str | None, indexed: set[str], nprobes: int | None) -> Any:
            """The ``pool`` nearest rows meeting ``condition``; ``nprobes`` None: as many partitions
            as it takes to find them."""
            if vec is None:
                q = t.query().select(columns)
            else:
                q = t.query().nearest_to(vec).column(column).distance_type(metric)
                q = q.select([*columns, "_distance"])  # named: lance warns when it adds it unasked
                if column in indexed:
                    q = q.nprobes(nprobes) if nprobes else q.maximum_nprobes(0).minimum_nprobes(NPROBES)
                    q = q.refine_factor(REFINE_FACTOR)
            if condition:
                q = q.where(condition)  # a pre-filter: the k best among the tracks that meet it
            return await q.limit(pool).to_arrow()

        async def fetch() -> tuple[int, list[dict[str, Any]], bool]:
            """(catalogue size, candidate rows, whether they meet the filters): one trip to LanceDB."""
            n, indexed, instrument_values = await self._size_and_indexes(t)
            where = where_clause(hard, instrument_values)
            nprobes = probes(n)
            found = await query(where, indexed, nprobes)
            if where and column in indexed and found.num_rows < pool:
                # the probed partitions hold too few tracks that meet the filter: search them all
                found = await query(where, indexed, None)
            rows = [r for r in _rows(found) if r["path"] not in excluded]
            wished = [c for c in map(wish_condition, wishes) if c]
            if rows and wished and vec is not None:
                # the nearest tracks that also meet the wishes ('calm'), which the nearest by words
                # alone can crowd out of the pool in a large catalogue
                both = " AND ".join(f"({c})" for c in ([where] if where else []) + wished)
                have = {r["path"] for r in rows}
                more = await query(both, indexed, nprobes)
                rows += [r for r in _rows(more) if r["path"] not in excluded and r["path"] not in have]
            if rows or not where:
                return n, rows, bool(rows)
            nearest = await query(None, indexed, nprobes)
            return n, [r for r in _rows(nearest) if r["path"] not in excluded], False

        size, rows, exact = run_async(fetch())
        if not rows:
            return SearchResults(
                results=[],
                exact=False,
                message="Nothing in the catalogue fits, even loosely.",
                mode=mode,
                filters=hard,
                wishes=wishes,
                catalogue_size=size,
                offset=offset,
            )
        relevance = np.zeros(len(rows))
        for i, r in enumerate(rows):
            d = float(r.get("_distance", 0.0) or 0.0)
            if mode == "text":
                base = 1.0 - d / 2.0
            elif mode == "like" and column == "embed_vec":
                base = max(0.0, 1.0 - d / 4.0)  # squared distance of unit vectors: 0..4
            elif mode == "like":
                base = 1.0 / (1.0 + d)
            elif mode == "video":
                base = 1.0 / (1.0 + 3.0 * float(np.sqrt(max(d, 0.0))))
            else:
                base = 1.0
            if mode in ("like", "video") and query_text_vec is not None:
                base = 0.6 * base + 0.4 * (1.0 + float(np.dot(query_text_vec, r["text_vec"]))) / 2.0
            if wishes:
                met = sum(wish_met(w, r) for w in wishes) / len(wishes)
                base = 0.6 * base + 0.4 * met
            if hard.key and r.get("key") == hard.key:
                base += 0.05
            if video_facts and float(r["duration_s"]) >= video_facts["duration_s"]:
                base += 0.03
            relevance[i] = min(1.0, base)
        vectors = np.array([r["audio_vec"] for r in rows], dtype=np.float32)
        order = diverse_order(relevance, vectors, [r["sha256"] for r in rows], offset + k)
        picked = order[offset : offset + k]
        results = []
        for rank, i in enumerate(picked, start=offset + 1):
            r = rows[i]
            results.append(
                _row_result(
                    r, rank, relevance[i], self._reason(r, mode, hard, wishes, exact, example, video_facts)
                )
            )
        message = _message(results, exact, hard, mode, text, offset)
        return SearchResults(
            results=results,
            exact=exact,
            message=message,
            mode=mode,
            filters=hard,
            wishes=wishes,
            catalogue_size=size,
            offset=offset,
        )

    @staticmethod
    def _reason(
        r: dict[str, Any],
        mode: str,
        hard: SearchFilters,
        wishes: list[str],
        exact: bool,
        example: dict[str, Any] | None,
        video_facts: dict[str, Any] | None,
    ) -> str:
        if mode == "like" and example is not None:
            return like_reason(r, example, example["name"])
        if not exact:
            return f"{facts(r)}: nearest, but {', '.join(misses(r, hard)) or 'not a full match'}"
        matched = constraint_matches(r, hard) + [w for w in wishes if wish_met(w, r)]
        if mode == "video" and video_facts is not None:
            return f"{facts(r)}: fits the video ({video_facts['summary']})" + (
                f"; matches {', '.join(matched)}" if matched else ""
            )
        if not matched:
            return f"{facts(r)}: closest in meaning to the words"
        return f"{facts(r)}: matches {', '.join(matched)}"


def _message(
    results: list[TrackResult], exact: bool, hard: SearchFilters, mode: str, text: str | None, offset: int
) -> str:
    if not results:
        return "No more results." if offset else "Nothing in the catalogue fits."
    if not exact:
        asked = hard.describe() or (text or "that")
        return (
            f"Nothing in the catalogue is {asked}. The nearest {len(results)} are below, with what they miss."
        )
    what = {
        "like": "like the example",
        "video": "for the video",
        "text": "for the words",
        "filters": "meeting the filters",
    }[mode]
    return f"{len(results)} track{'s' if len(results) != 1 else ''} {what}, best first."


def video_target(path: Path, words: str = "") -> dict[str, Any]:
    """What a video asks of its music: a target ``mood_vec`` (tempo, energy, valence), its length and a
    summary in words, from the video analysis (mood, pace, cut rate) and the user's words."""
    from tools.video.analysis import analyse_video
    from tools.video.cue import felt_mood

    if not path.is_file():
        raise ToolError(f"I can't find the video {path}: give a video file that exists.", code="not_found")
    analysis = analyse_video(path)
    valence, arousal = felt_mood(analysis, words)
    cpm = analysis.mood.cuts_per_minute
    if analysis.visual_tempo_bpm:
        tempo = float(analysis.visual_tempo_bpm)
        pace = f"movement at {tempo:.0f} BPM"
    else:
        tempo = 60.0 + 90.0 * (0.5 * arousal + 0.5 * min(1.0, cpm / 30.0))
        pace = f"{cpm:.0f} cuts/min"
    feel = "calm" if arousal < 0.4 else "energetic" if arousal > 0.6 else "moderate"
    tone = "bright" if valence > 0.55 else "dark" if valence < 0.45 else "neutral"
    return {
        "mood_vec": mood_vector(tempo, arousal, valence),
        "duration_s": float(analysis.info.duration_s),
        "tempo_bpm": tempo,
        "summary": f"{feel}, {tone} picture, {pace}, about {tempo:.0f} BPM",
    }


def default_catalogue_path() -> Path | None:
    """The catalogue named by ``BANDLEADER_CATALOGUE`` (None when unset)."""
    value = os.environ.get("BANDLEADER_CATALOGUE")
    return Path(value).expanduser() if value else None


def features_of(row: dict[str, Any]) -> TrackFeatures:
    """The stored summary of a catalogue row."""
    return TrackFeatures.model_validate(json.loads(row["features"]))
