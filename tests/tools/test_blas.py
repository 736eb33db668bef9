"""numpy's OpenBLAS kernels named from the CPU's flags before numpy loads (tools.blas)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.blas import AVX2, AVX512, cpu_flags, openblas_core, use_fast_openblas_kernels

ROOT = Path(__file__).resolve().parents[2]


def test_the_kernel_family_follows_the_cpus_flags(tmp_path: Path) -> None:
    assert openblas_core(AVX512 | AVX2 | {"sse3"}) == "SkylakeX"
    assert openblas_core(AVX2 | {"avx512f"}) == "Haswell"  # AVX-512 without BW/DQ/VL: not SkylakeX's kernels
    assert openblas_core(frozenset({"sse3", "avx"})) is None
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nmodel\t\t: 207\nflags\t\t: fpu sse2 avx2 fma\n\nprocessor\t: 1\n")
    assert cpu_flags(str(info)) == frozenset({"fpu", "sse2", "avx2", "fma"})
    assert cpu_flags(str(tmp_path / "absent")) == frozenset()


def test_a_users_choice_and_a_loaded_numpy_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Prescott")
    assert use_fast_openblas_kernels() is None and os.environ["OPENBLAS_CORETYPE"] == "Prescott"
    monkeypatch.delenv("OPENBLAS_CORETYPE")
    assert "numpy" in sys.modules  # the test run has loaded it: too late to choose
    assert use_fast_openblas_kernels() is None and "OPENBLAS_CORETYPE" not in os.environ


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/cpuinfo")
def test_a_process_importing_tools_first_runs_numpy_on_the_named_kernels() -> None:
    pytest.importorskip("threadpoolctl")
    code = (
        "import json, tools, numpy, threadpoolctl; "
        "print(json.dumps([i.get('architecture') for i in threadpoolctl.threadpool_info() "
        "if i['internal_api'] == 'openblas' and 'numpy' in i['filepath']]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    cores = json.loads(out.stdout)
    expected = openblas_core(cpu_flags())
    if not cores or expected is None:
        pytest.skip("numpy is not built on OpenBLAS here, or the CPU has no AVX2")
    assert cores == [expected]
