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
    embedding: list[float] | None = None
    """The model audio embedding (CLAP) when one was asked for and the file has audio."""
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


def analyse_file(path: str, embed_model: str | None = None) -> Analysed:
    """The catalogue summary of the file at ``path``, plus its CLAP embedding when ``embed_model`` (a CLAP
    model folder) is given and the file has audio (not MIDI). Never raises: errors come back as text."""
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
    features = track_features(sheet)
    embedding = None
    if embed_model and features.kind != "midi":
        from tools.recommend.clap import load_clap

        try:
            embedding = load_clap(embed_model).embed_file(path).tolist()
        except Exception as exc:  # as above: one file's failure is listed, the run goes on
            reason = exc.message if isinstance(exc, ToolError) else f"{type(exc).__name__}: {exc}"
            return Analysed(path=path, sha256=sha, error=f"no audio embedding ({reason})"[:300])
    return Analysed(path=path, sha256=sha, features=features, embedding=embedding)


def default_workers() -> int:
    """Processes used by default: the cores this process may use, at most 8."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:
        n = os.cpu_count() or 1
    return max(1, min(8, n))


def ray_available() -> bool:
    """True when Ray can be imported (indexing can then run as Ray tasks)."""
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
    embed_model: str | None = None,
) -> Iterator[Analysed]:
    """Analyses of ``paths`` in the order they finish.

    ``backend``: "processes" (a local process pool; one process with ``workers=1``) or "ray" (one Ray
    task per file on the running cluster, or on a local Ray started for this call); "ray" falls back to
    processes when Ray is not installed. ``embed_model``: a CLAP model folder whose embeddings to add."""
    report = progress or (lambda fraction, message: None)
    n = len(paths)
    if n == 0:
        return
    workers = workers or default_workers()
    if backend == "ray" and ray_available():
        yield from _analyse_ray(paths, workers, report, embed_model)
        return
    if workers == 1 or n == 1:
        for i, p in enumerate(paths):
            out = analyse_file(p, embed_model)
            report((i + 1) / n, f"analysed {i + 1} of {n}: {Path(p).name}")
            yield out
        return
    import multiprocessing as mp

    done = 0
    with ProcessPoolExecutor(max_workers=min(workers, n), mp_context=mp.get_context("spawn")) as pool:
        pending = {pool.submit(analyse_file, p, embed_model) for p in paths}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                out = fut.result()
                done += 1
                report(done / n, f"analysed {done} of {n}: {Path(out.path).name}")
                yield out


def _analyse_ray(
    paths: list[str], workers: int, report: Progress, embed_model: str | None
) -> Iterator[Analysed]:
    """One Ray task per file on the running cluster, or on a local Ray of ``workers`` CPUs started (and
    shut down) here; a task whose worker died comes back as a skipped file, not an exception."""
    from tools.ray_tasks import run_as_tasks

    def died(job: tuple[str, str | None], exc: Exception) -> Analysed:
        return Analysed(path=job[0], error=f"its analysis stopped ({type(exc).__name__}); index again")

    n = len(paths)
    jobs = [(p, embed_model) for p in paths]
    options = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    for done, out in enumerate(run_as_tasks(analyse_file, jobs, died, num_cpus=workers, **options), 1):
        report(done / n, f"analysed {done} of {n}: {Path(out.path).name}")
        yield out
