"""The note transcriber's onnxruntime leaves nothing in TMPDIR (its telemetry wrote a .ses file there)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_loading_the_note_model_leaves_the_temp_folder_empty(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env["TMPDIR"] = str(tmp)
    code = "from tools.understanding.notes import _model; _model(); print('ok')"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0 and "ok" in out.stdout, out.stderr[-2000:]
    assert sorted(p.name for p in tmp.iterdir()) == []
