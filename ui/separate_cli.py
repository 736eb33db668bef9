"""``bandleader separate FILE --out DIR``: split a recording into stem files (no session needed)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_separate_parser(sub: Any) -> None:
    """Register the ``separate`` subcommand on ``sub`` (an argparse subparsers object)."""
    sep = sub.add_parser("separate", help="split a recording into stems: vocals, drums, bass, other")
    sep.add_argument("file", help="the recording (any format ffmpeg reads, or a video's sound)")
    sep.add_argument("--out", required=True, help="folder for the stem WAV files (created)")
    sep.add_argument(
        "--layout", choices=["four", "two"], default="four", help="four stems, or vocals + accompaniment"
    )
    sep.add_argument(
        "--backend",
        choices=["auto", "dsp", "demucs", "learned"],
        default="auto",
        help="separator (default auto)",
    )
    sep.add_argument("--json", action="store_true", help='print {"stems": {name: path}, "backend": ...}')
    sep.set_defaults(func=cmd_separate)


def separate_file(path: Path, out: Path, *, layout: str = "four", backend: str = "auto") -> dict[str, Any]:
    """Separate the audio file ``path`` into 24-bit WAV stems in ``out``; returns
    ``{"stems": {name: path}, "backend": name, "sample_rate": Hz, "duration_s": s, "notes": [...]}``.
    Raises ToolError for unreadable, silent or unseparable input."""
    from tools.audio.decode import decode_audio
    from tools.audio.types import Audio
    from tools.audio.write import write_audio
    from tools.separation.api import separate_samples

    audio = decode_audio(path, allow_silent=True, display_name=path.name)
    sep = separate_samples(audio.samples, audio.sample_rate, backend=backend, layout=layout)  # type: ignore[arg-type]
    out.mkdir(parents=True, exist_ok=True)
    stems: dict[str, str] = {}
    for name, samples in sep.stems.items():
        dest = out / f"{path.stem}-{name}.wav"
        write_audio(dest, Audio(samples, audio.sample_rate), "wav", bit_depth=24)
        stems[name] = str(dest)
    return {
        "stems": stems,
        "backend": sep.backend,
        "sample_rate": audio.sample_rate,
        "duration_s": round(audio.duration_s, 3),
        "notes": sep.notes,
    }


def cmd_separate(args: argparse.Namespace) -> int:
    """Run ``bandleader separate``; prints the stems (or one JSON object) and returns the exit status."""
    from tools.base import ToolError

    path = Path(args.file).expanduser()
    try:
        if not path.is_file():
            raise ToolError(f"I can't find the file {path}: check the path.", code="missing_file")
        report = separate_file(path, Path(args.out).expanduser(), layout=args.layout, backend=args.backend)
    except ToolError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{path.name}: {len(report['stems'])} stems by {report['backend']}")
    for name, stem in report["stems"].items():
        print(f"  {name}: {stem}")
    for note in report["notes"]:
        print(f"  note: {note}")
    return 0
