"""``bandleader index`` and ``bandleader recommend``: build a catalogue of a music folder, search it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any


def add_recommend_parsers(sub: Any) -> None:
    """Register the ``index`` and ``recommend`` subcommands on ``sub`` (an argparse subparsers object)."""
    default = os.environ.get("BANDLEADER_CATALOGUE")
    idx = sub.add_parser("index", help="index a music folder into a catalogue (incremental)")
    idx.add_argument("folder", help="the folder of music (searched recursively)")
    idx.add_argument(
        "--catalogue",
        default=default,
        required=default is None,
        help="catalogue folder (created; default $BANDLEADER_CATALOGUE)",
    )
    idx.add_argument("--workers", type=int, default=None, help="processes analysing at once (default: cores)")
    idx.add_argument(
        "--ray", action="store_true", help="analyse through Ray tasks (local or a running cluster)"
    )
    idx.add_argument("--json", action="store_true", help="print one JSON object")
    idx.set_defaults(func=cmd_index)

    rec = sub.add_parser("recommend", help="find tracks in a catalogue by words, an example or a video")
    rec.add_argument("text", nargs="?", default=None, help='what you want, e.g. "calm piano under 3 minutes"')
    rec.add_argument("--like", metavar="FILE", help="an example track (in the catalogue or not)")
    rec.add_argument("--video", metavar="FILE", help="a video to find music for")
    rec.add_argument(
        "--catalogue",
        default=default,
        required=default is None,
        help="catalogue folder (default $BANDLEADER_CATALOGUE)",
    )
    rec.add_argument("-k", "--k", type=int, default=10, help="how many results (default 10)")
    rec.add_argument("--offset", type=int, default=0, help="skip this many results (next page)")
    rec.add_argument("--json", action="store_true", help="print one JSON object")
    rec.set_defaults(func=cmd_recommend)


def cmd_index(args: argparse.Namespace) -> int:
    """Index ``args.folder`` into ``args.catalogue``; prints counts (or JSON). Returns the exit status."""
    from tools.base import ToolError
    from tools.recommend import Catalogue

    def progress(fraction: float, message: str) -> None:
        if not args.json:
            print(f"\r{fraction * 100:5.1f}% {message[:70]:<70}", end="", file=sys.stderr, flush=True)

    try:
        report = Catalogue(args.catalogue).index(
            args.folder, workers=args.workers, backend="ray" if args.ray else "processes", progress=progress
        )
    except ToolError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    if args.json:
        data = report.model_dump(mode="json")
        data["removed_count"] = len(report.removed)
        data["skipped_count"] = len(report.skipped)
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(file=sys.stderr)
    print(
        f"indexed {report.indexed}, unchanged {report.unchanged}, removed {len(report.removed)}, "
        f"skipped {len(report.skipped)}; {report.total} tracks in the catalogue ({report.seconds:.1f} s)"
    )
    for s in report.skipped:
        print(f"  skipped {s.path}: {s.reason}")
    for p in report.removed:
        print(f"  removed {p}")
    return 0


def cmd_recommend(args: argparse.Namespace) -> int:
    """Search ``args.catalogue``; prints the results best first (or JSON). Returns the exit status."""
    from tools.base import ToolError
    from tools.recommend import Catalogue

    try:
        found = Catalogue(args.catalogue).search(
            args.text, like=args.like, video=args.video, k=args.k, offset=args.offset
        )
    except ToolError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(found.model_dump(mode="json"), ensure_ascii=False))
        return 0
    print(found.message)
    for r in found.results:
        print(f"{r.rank:3d}. {r.path}  ({r.score:.2f})\n     {r.reason}")
    return 0
