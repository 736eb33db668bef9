"""The production vLLM profiles of ``serving/vllm.yaml`` as command lines.

Each profile maps ``vllm serve`` long options (without dashes) to values; ``${VAR}`` is read from
the environment (``BANDLEADER_MODELS`` defaults to ``~/.cache/bandleader/models``), relative paths
are taken from the repository root, ``true`` becomes a bare flag.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_FILE = REPO_ROOT / "serving" / "vllm.yaml"
_VAR = re.compile(r"\$\{(\w+)\}")
_PATH_OPTIONS = ("chat-template",)


def load_profiles(path: Path = CONFIG_FILE) -> dict[str, dict[str, Any]]:
    """Profile name -> its options, as written in the YAML file."""
    return dict(yaml.safe_load(path.read_text())["profiles"])


def _expand(value: str) -> str:
    defaults = {"BANDLEADER_MODELS": str(Path("~/.cache/bandleader/models").expanduser())}

    def var(m: re.Match[str]) -> str:
        name = m.group(1)
        found = os.environ.get(name) or defaults.get(name)
        if found is None:
            raise KeyError(f"{name} is not set (serving/vllm.yaml needs it)")
        return found

    return _VAR.sub(var, value)


def serve_args(profile: str, path: Path = CONFIG_FILE) -> list[str]:
    """The ``vllm serve`` arguments of ``profile`` (model first); KeyError for an unknown profile
    or a missing environment variable."""
    options = dict(load_profiles(path)[profile])
    args = [_expand(str(options.pop("model")))]
    for key, value in options.items():
        if value is False or value is None:
            continue
        args.append(f"--{key}")
        if value is True:
            continue
        text = _expand(str(value))
        if key in _PATH_OPTIONS and not Path(text).is_absolute():
            text = str(REPO_ROOT / text)
        args.extend(text.split(" ") if key == "lora-modules" else [text])
    return args


def main(argv: list[str] | None = None) -> int:
    """Prints the command line of the profile named by the first argument."""
    argv = sys.argv[1:] if argv is None else argv
    profiles = load_profiles()
    if not argv or argv[0] not in profiles:
        print(f"usage: python -m serving.llm.production {{{','.join(profiles)}}}", file=sys.stderr)
        return 2
    print(shlex.join(["vllm", "serve", *serve_args(argv[0])]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
