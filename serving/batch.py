"""Batch work over a folder of media: ``analyze`` (feature sheets), ``score-video`` (music for each
video) and ``index`` (a recommendation catalogue), fanned out as Ray tasks on this machine,
resumable, one failure never stopping the rest.

Layout of the output folder (``--out``, default ``<folder>/bandleader-batch``)::

    <rel path>.analysis.json          analyze: {"input": ..., "input_sha256": ..., "sheet": {...}}
    <rel path>.scored/                score-video: <stem>-scored.mp4, music.wav, project.json,
                                      record.json (written last: the mark that the file is done)
    batch-report.json                 the last run's outcome per file

Resuming: a file is skipped when its record exists and records the sha256 of the input as it is
now; a changed input is done again. Records are written atomically (temp file + rename), so an
interrupted run leaves either a whole record or none.

``index`` writes into the catalogue (``catalogue=``, a LanceDB folder, :mod:`tools.recommend`) instead
of records: the catalogue is its own record (a file whose size, time or content hash is unchanged is
skipped), rows are written every few dozen files, and each file's sheet is cached by content hash,
so an interrupted run redoes at most the unwritten analyses, from the cache.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.base import ToolError
from tools.cache import file_sha256

Mode = Literal["analyze", "score-video", "index"]
MODES: tuple[str, ...] = ("analyze", "score-video", "index")

VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi"})
AUDIO_SUFFIXES = frozenset(
    {".wav", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".aif", ".aiff", ".wma", ".mid",
     ".midi"}
)  # fmt: skip
INPUT_SUFFIXES: dict[str, frozenset[str]] = {
    "analyze": AUDIO_SUFFIXES | VIDEO_SUFFIXES,
    "score-video": VIDEO_SUFFIXES,
}
REPORT_NAME = "batch-report.json"
CPUS_ENV = "BANDLEADER_BATCH_CPUS"


class FileOutcome(BaseModel):
    """What the batch did with one input file."""

    input: str = Field(description="The file's path relative to the batch folder.")
    status: Literal["done", "skipped", "failed"]
    output: str | None = Field(
        None, description="The record (analyze), folder (score-video) or catalogue (index) written."
    )
    error: str | None = Field(None, description="Why the file failed, in words a person can act on.")
    seconds: float = Field(0.0, description="Wall time spent on the file, in seconds.")


class BatchReport(BaseModel):
    """One batch run: counts and every file's outcome, in path order."""

    mode: str
    folder: str
    out: str
    backend: str = Field(description="'ray' (tasks on a local Ray) or 'local' (this process).")
    catalogue: str | None = Field(None, description="index: the catalogue folder written to.")
    num_cpus: int
    done: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = Field(0.0, description="Wall time of the whole run, in seconds.")
    files: list[FileOutcome] = Field(default_factory=list)


def default_cpus() -> int:
    """CPUs the batch may use: ``$BANDLEADER_BATCH_CPUS``, else every core of this machine."""
    raw = os.environ.get(CPUS_ENV, "").strip()
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            message = f"{CPUS_ENV} must be a whole number of CPUs, not {raw!r}."
            raise ToolError(message, code="bad_cpus") from None
    return max(1, os.cpu_count() or 1)


def find_inputs(folder: Path, mode: str, out: Path) -> list[Path]:
    """The media files under ``folder`` (recursively, sorted) that ``mode`` takes, outside ``out``."""
    suffixes = INPUT_SUFFIXES[mode]
    out = out.resolve()
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in suffixes and out not in path.resolve().parents:
            found.append(path)
    return found


def record_path(out: Path, rel: Path, mode: str) -> Path:
    """Where the record of ``rel`` (relative to the batch folder) goes for ``mode``."""
    if mode == "analyze":
        return out / rel.parent / f"{rel.name}.analysis.json"
    return out / rel.parent / f"{rel.name}.scored" / "record.json"


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_done(record: Path, sha256: str) -> bool:
    """True when ``record`` exists, is whole, and was made from an input with this ``sha256``."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("input_sha256") == sha256


def analyze_file(src: Path, record: Path, rel: str, sha256: str) -> None:
    """Writes the feature sheet of ``src`` into ``record``; ToolError when it can't be analysed."""
    from tools.understanding.sheet import compute_sheet

    sheet = compute_sheet(src, display_name=src.name)
    _write_json_atomic(record, {"input": rel, "input_sha256": sha256, "sheet": sheet.summary_json()})


def score_video_file(src: Path, record: Path, rel: str, sha256: str) -> None:
    """Scores the video ``src`` into ``record``'s folder (MP4, music, project), then the record."""
    from agent.agent import Agent
    from tools.video.decode import probe_video

    probe_video(src)  # a damaged file is named as the person named it, before it is stored
    folder = record.parent
    with tempfile.TemporaryDirectory(prefix="bandleader-batch-") as home:
        agent = Agent(home=Path(home), database_url="")  # a private, throw-away workspace per file
        try:
            session = agent.workspace.create_session(title=f"batch score {src.name}")
            upload = session.import_file(src, kind="video", label=src.name)
            result = agent.call_tool(session.session_id, "score_video", {"video": upload.id, "prompt": ""})
            if not result.ok or result.output is None:
                raise ToolError(result.error or f"{src.name} could not be scored.", code="tool_error")
            out = result.output
            folder.mkdir(parents=True, exist_ok=True)
            files = {"video": folder / f"{src.stem}-scored.mp4", "audio": folder / "music.wav",
                     "project": folder / "project.json"}  # fmt: skip
            for key, dest in files.items():
                shutil.copyfile(out[key]["path"], dest)
        finally:
            agent.close()
    summary = {k: out.get(k) for k in ("style", "key", "tempo_bpm", "duration_s", "beat_cut_alignment")}
    _write_json_atomic(record, {"input": rel, "input_sha256": sha256,
                                "files": {k: v.name for k, v in files.items()}, **summary})  # fmt: skip


WORKERS: dict[str, Callable[[Path, Path, str, str], None]] = {
    "analyze": analyze_file,
    "score-video": score_video_file,
}


def process_file(mode: str, src: str, record: str, rel: str, sha256: str) -> FileOutcome:
    """Does one file (the body of a Ray task); every failure comes back as a 'failed' outcome."""
    started = time.perf_counter()
    output = str(Path(record) if mode == "analyze" else Path(record).parent)
    try:
        WORKERS[mode](Path(src), Path(record), rel, sha256)
    except ToolError as exc:
        seconds = time.perf_counter() - started
        return FileOutcome(input=rel, status="failed", error=exc.message, seconds=seconds)
    except Exception as exc:  # one file's surprise must not stop the batch
        return FileOutcome(
            input=rel, status="failed", error=f"{src} could not be processed ({type(exc).__name__}: {exc})",
            seconds=time.perf_counter() - started,
        )  # fmt: skip
    return FileOutcome(input=rel, status="done", output=output, seconds=time.perf_counter() - started)


OnFile = Callable[[FileOutcome, int, int], None]
"""Called after each file: (its outcome, files finished so far, files in the batch)."""


def _ray_available() -> bool:
    try:
        import ray  # noqa: F401
    except Exception:
        return False
    return True


def _run_with_ray(jobs: Sequence[tuple[str, str, str, str, str]], num_cpus: int, tick: OnFile,
                  finished: list[FileOutcome], total: int) -> None:  # fmt: skip
    from tools.ray_tasks import run_as_tasks

    def died(job: tuple[str, ...], exc: Exception) -> FileOutcome:
        return FileOutcome(
            input=job[3], status="failed",
            error=f"the worker processing {job[3]} stopped ({type(exc).__name__}); run the batch "
            "again to retry it",
        )  # fmt: skip

    options = {"include_dashboard": False, "log_to_driver": False}
    for outcome in run_as_tasks(process_file, list(jobs), died, num_cpus=num_cpus, **options):
        finished.append(outcome)
        tick(outcome, len(finished), total)


def _index_with_catalogue(folder: Path, catalogue: Path, cpus: int, ray_ok: bool, tick: OnFile,
                          finished: list[FileOutcome]) -> None:  # fmt: skip
    """``index``: every media file under ``folder`` into ``catalogue`` (analyses as Ray tasks when
    ``ray_ok``); one outcome per file in ``finished``, ``tick`` after each."""
    from tools.recommend import Catalogue
    from tools.recommend.indexer import find_media

    cat = Catalogue(catalogue)
    total = sum(1 for p in find_media(folder) if cat.path not in p.resolve().parents)
    root = folder.resolve()
    status_of = {"indexed": "done", "unchanged": "skipped", "skipped": "failed"}

    def hook(path: str, status: str, reason: str | None) -> None:
        rel = str(Path(path).relative_to(root))
        error = f"{rel}: {reason}" if reason else None
        finished.append(FileOutcome(input=rel, status=status_of[status], output=str(cat.path), error=error))
        tick(finished[-1], len(finished), max(total, len(finished)))

    # the indexer starts (with retries) and stops a local Ray itself when none is running
    cat.index(folder, workers=cpus, backend="ray" if ray_ok else "processes", on_file=hook)


def run_batch(
    mode: str,
    folder: Path,
    out: Path | None = None,
    *,
    num_cpus: int | None = None,
    use_ray: bool | None = None,
    on_file: OnFile | None = None,
    catalogue: Path | None = None,
) -> BatchReport:
    """Runs ``mode`` over every matching file under ``folder``; returns the report (also written to
    ``<out>/batch-report.json``).

    ``out`` defaults to ``<folder>/bandleader-batch``; ``num_cpus`` to :func:`default_cpus`;
    ``use_ray`` to whether Ray is installed; ``catalogue`` (index only) to ``$BANDLEADER_CATALOGUE``.
    Raises ToolError for an unknown mode, a missing folder or, for index, no catalogue; a file that
    fails is listed in the report with its reason and the batch goes on.
    """
    if mode not in MODES:
        raise ToolError(f"batch can do {', '.join(MODES)}, not {mode!r}.", code="bad_mode")
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        message = f"{folder} is not a folder: give the folder that holds the files."
        raise ToolError(message, code="not_a_folder")
    if mode == "index":
        from tools.recommend.catalogue import default_catalogue_path

        catalogue = Path(catalogue).expanduser() if catalogue is not None else default_catalogue_path()
        if catalogue is None:
            raise ToolError(
                "batch index needs a catalogue folder: give --catalogue PATH (or set BANDLEADER_CATALOGUE).",
                code="no_catalogue",
            )
    out = Path(out).expanduser() if out is not None else folder / "bandleader-batch"
    out.mkdir(parents=True, exist_ok=True)
    cpus = num_cpus if num_cpus is not None else default_cpus()
    ray_ok = _ray_available() if use_ray is None else use_ray
    started = time.perf_counter()
    if mode == "index":
        indexed: list[FileOutcome] = []
        _index_with_catalogue(folder, catalogue, cpus, ray_ok, on_file or (lambda _o, _n, _t: None), indexed)
        return _report(mode, folder, out, "ray" if ray_ok else "local", cpus, started, indexed, catalogue)
    inputs = find_inputs(folder, mode, out)
    total = len(inputs)
    finished: list[FileOutcome] = []
    tick = on_file or (lambda _o, _n, _t: None)
    jobs = []
    for src in inputs:
        rel = src.relative_to(folder)
        record = record_path(out, rel, mode)
        try:
            sha = file_sha256(src)
        except OSError as exc:
            error = f"{rel} can't be read ({exc})"
            finished.append(FileOutcome(input=str(rel), status="failed", error=error))
            tick(finished[-1], len(finished), total)
            continue
        if is_done(record, sha):
            output = str(record if mode == "analyze" else record.parent)
            finished.append(FileOutcome(input=str(rel), status="skipped", output=output))
            tick(finished[-1], len(finished), total)
            continue
        jobs.append((mode, str(src), str(record), str(rel), sha))
    if jobs and ray_ok:
        _run_with_ray(jobs, cpus, tick, finished, total)
    else:
        for job in jobs:
            finished.append(process_file(*job))
            tick(finished[-1], len(finished), total)
    return _report(mode, folder, out, "ray" if ray_ok and jobs else "local", cpus, started, finished)


def _report(mode: str, folder: Path, out: Path, backend: str, cpus: int, started: float,
            finished: list[FileOutcome], catalogue: Path | None = None) -> BatchReport:  # fmt: skip
    """The run's report (files in path order), also written to ``<out>/batch-report.json``."""
    files = sorted(finished, key=lambda o: o.input)
    report = BatchReport(
        mode=mode, folder=str(folder), out=str(out), backend=backend, num_cpus=cpus,
        catalogue=str(catalogue) if catalogue is not None else None,
        done=sum(o.status == "done" for o in files), skipped=sum(o.status == "skipped" for o in files),
        failed=sum(o.status == "failed" for o in files), seconds=time.perf_counter() - started, files=files,
    )  # fmt: skip
    _write_json_atomic(out / REPORT_NAME, report.model_dump(mode="json"))
    return report
