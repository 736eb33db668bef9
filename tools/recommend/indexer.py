"""Finding a library's files and analysing them in parallel (a process pool, or Ray tasks).

:func:`find_media` walks a folder recursively and keeps every file with an extension ffmpeg decodes
(audio and video containers) plus MIDI. :func:`analyse_files` computes each file's feature sheet
(cached by content hash, tools.understanding.sheet) and its catalogue summary, in ``workers``
processes or as Ray tasks, calling ``progress(fraction, message)`` as files finish; a file that cannot
be analysed comes back with the reason instead of stopping the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

from pydantic import BaseModel

from tools.recommend.features import TrackFeatures

AUDIO_EXTENSIONS: frozenset[str] = frozenset(
    {
        ".wav", ".wave", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".aif", ".aiff", ".aifc",
        ".wma", ".alac", ".ape", ".wv", ".mka", ".ac3", ".caf", ".au", ".amr", ".spx", ".mp2", ".dts",
        ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".flv", ".3gp", ".mpg", ".mpeg", ".ts",
    }
)  # fmt: skip
"""Extensions of files ffmpeg decodes (audio, and the sound track of video containers)."""
MIDI_EXTENSIONS: frozenset[str] = frozenset({".mid", ".midi", ".kar", ".smf"})

Progress = Callable[[float, str], None]


class Analysed(BaseModel):
    """One file's analysis: its summary, or why it could not be analysed."""

    path: str
    sha256: str = ""
    features: TrackFeatures | None = None
    error: str | None = None


def find_media(folder: Path) -> Iterator[Path]:
    """Every audio, video or MIDI file under ``folder`` (recursively, sorted, hidden entries skipped)."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            ext = os.path.splitext(name)[1].lower()
            if ext in AUDIO_EXTENSIONS or ext in MIDI_EXTENSIONS:
                yield Path(dirpath) / name


def analyse_file(path: str) -> Analysed:
    """The catalogue summary of the file at ``path`` (never raises: errors come back as text)."""
    from tools.base import ToolError
    from tools.cache import file_sha256
    from tools.recommend.features import track_features
    from tools.understanding.sheet import compute_sheet

    try:
        sha = file_sha256(path)
        sheet = compute_sheet(path)
    except ToolError as exc:
        return Analysed(path=path, error=exc.message)
    except Exception as exc:  # a decoder or analyser crash on one file must not end the whole run
        return Analysed(path=path, error=f"could not be analysed ({type(exc).__name__}: {exc})"[:300])
    if sheet.content not in ("music", "symbolic"):
        reason = {"silence": "it is silent", "noise": "it is noise", "too_short": "it is under 2 seconds"}
        return Analysed(
            path=path, sha256=sha, error=f"no music to index: {reason.get(sheet.content, sheet.content)}"
        )
    return Analysed(path=path, sha256=sha, features=track_features(sheet))


def default_workers() -> int:
    """Processes used by default: the cores this process may use, at most 8."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:
        n = os.cpu_count() or 1
    return max(1, min(8, n))


def _ray_available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def analyse_files(
    paths: list[str],
    *,
    workers: int | None = None,
    backend: str = "processes",
    progress: Progress | None = None,
) -> Iterator[Analysed]:
    """Analyses of ``paths`` in the order they finish.

    ``backend``: "processes" (a local process pool; one process with ``workers=1``) or "ray" (one Ray
    task per file on the running cluster, or on a local Ray started for this call); "ray" falls back to
    processes when Ray is not installed."""
    report = progress or (lambda fraction, message: None)
    n = len(paths)
    if n == 0:
        return
    workers = workers or default_workers()
    if backend == "ray" and _ray_available():
        yield from _analyse_ray(paths, workers, report)
        return
    if workers == 1 or n == 1:
        for i, p in enumerate(paths):
            out = analyse_file(p)
            report((i + 1) / n, f"analysed {i + 1} of {n}: {Path(p).name}")
            yield out
        return
    import multiprocessing as mp

    done = 0
    with ProcessPoolExecutor(max_workers=min(workers, n), mp_context=mp.get_context("spawn")) as pool:
        pending = {pool.submit(analyse_file, p) for p in paths}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                out = fut.result()
                done += 1
                report(done / n, f"analysed {done} of {n}: {Path(out.path).name}")
                yield out


def _analyse_ray(paths: list[str], workers: int, report: Progress) -> Iterator[Analysed]:
    import ray

    if not ray.is_initialized():
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
    task = ray.remote(num_cpus=1, max_retries=1)(analyse_file)
    pending = {task.remote(p): p for p in paths}
    n, done = len(paths), 0
    while pending:
        finished, _ = ray.wait(list(pending), num_returns=1)
        for ref in finished:
            path = pending.pop(ref)
            try:
                out = ray.get(ref)
            except Exception as exc:  # the worker died twice (out of memory, killed): that file only
                out = Analysed(
                    path=path, error=f"the worker analysing it stopped ({type(exc).__name__}); index again"
                )
            done += 1
            report(done / n, f"analysed {done} of {n}: {Path(out.path).name}")
            yield out
