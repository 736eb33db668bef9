"""``bandleader batch analyze|score-video|index FOLDER [--out DIR] [--catalogue PATH] [--cpus N] [--json]``.

Runs :func:`serving.batch.run_batch` with a progress bar on stderr (in a terminal, without
``--json``), then lists what was done, skipped (already done) and failed, with each failure's reason.
Exit status: 0 when no file failed, 1 when some did, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_batch_parser(sub: Any) -> None:
    """Adds the ``batch`` subcommand to the ``bandleader`` parser's subparsers ``sub``."""
    from serving.batch import CPUS_ENV, MODES

    batch = sub.add_parser(
        "batch", help="analyze, score or index every file in a folder (Ray tasks, resumable)",
        description="Process every matching file under FOLDER. Files already done (same content) are "
        "skipped, so an interrupted batch continues where it stopped; a file that fails is listed and "
        "the rest go on.",
    )  # fmt: skip
    batch.add_argument("mode", choices=list(MODES), help="what to do with each file")
    batch.add_argument(
        "folder", help="the folder of audio (analyze, index) or video (score-video, index) files"
    )
    batch.add_argument("--out", metavar="DIR", help="where results go (default: FOLDER/bandleader-batch)")
    batch.add_argument(
        "--catalogue", metavar="PATH",
        help="index: the catalogue folder to add the files to (default: $BANDLEADER_CATALOGUE)",
    )  # fmt: skip
    batch.add_argument(
        "--cpus", type=int, default=None, metavar="N", help=f"CPUs to use (default: ${CPUS_ENV} or all)"
    )
    batch.add_argument("--no-ray", action="store_true", help="run in this process instead of Ray tasks")
    batch.add_argument("--json", action="store_true", help="print the report as one JSON object")
    batch.set_defaults(func=cmd_batch)


def cmd_batch(args: argparse.Namespace) -> int:
    """Runs the batch; prints the report; returns the exit status."""
    from serving.batch import run_batch
    from tools.base import ToolError
    from ui.progress import ProgressBar, wants_bar

    bar = ProgressBar(f"batch {args.mode}", enabled=wants_bar(args))

    def on_file(outcome: Any, finished: int, total: int) -> None:
        bar.update(finished / max(1, total), f"{finished}/{total} files ({outcome.input}: {outcome.status})")

    if args.cpus is not None and args.cpus < 1:
        print("--cpus must be at least 1", file=sys.stderr)
        return 2
    bar.update(0.0, "starting")
    try:
        report = run_batch(
            args.mode, Path(args.folder), Path(args.out) if args.out else None, num_cpus=args.cpus,
            use_ray=False if args.no_ray else None, on_file=on_file,
            catalogue=Path(args.catalogue) if args.catalogue else None,
        )  # fmt: skip
    except ToolError as exc:
        bar.fail()
        print(exc.message, file=sys.stderr)
        return 2
    bar.finish(f"{report.done} done, {report.skipped} skipped, {report.failed} failed")
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), indent=2))
        return 1 if report.failed else 0
    for f in report.files:
        if f.status == "failed":
            print(f"failed   {f.input}: {f.error}")
        else:
            print(f"{f.status:<8} {f.input} -> {f.output}")
    print(
        f"{report.done} done, {report.skipped} skipped (already done), {report.failed} failed "
        f"in {report.seconds:.1f} s ({report.backend}, {report.num_cpus} CPUs); report: "
        f"{Path(report.out) / 'batch-report.json'}"
    )
    return 1 if report.failed else 0
