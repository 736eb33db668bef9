"""numpy's matrix products at full speed on CPUs its bundled OpenBLAS does not recognise.

numpy 1.26's wheel bundles OpenBLAS 0.3.23, which picks its kernels from the CPU's family and model
number. For a model it does not know (here: family 6 model 207, an Emerald Rapids Xeon under KVM) it
falls back to its oldest x86-64 kernels ("Prescott", SSE3), whatever the CPU can do. On this machine
that made every float32 matrix product 4-5x slower than the same product in torch (20 against
90-100 GFLOP/s): the madmom key and chord CNNs, the BLSTM input projections, musicnn, the mel
filterbanks. OpenBLAS reads ``OPENBLAS_CORETYPE`` when it is loaded, so :func:`use_fast_openblas_kernels`
names the kernels from the CPU's own feature flags, before numpy is imported. Where OpenBLAS would have
recognised the CPU, the named kernels are the ones it picks itself (SkylakeX for AVX-512, Haswell for
AVX2 + FMA), so nothing changes there. The results differ from the SSE3 kernels' only in float32
rounding (another order of summation).
"""

from __future__ import annotations

import os
import platform
import sys

AVX512: frozenset[str] = frozenset({"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"})
"""The AVX-512 subsets OpenBLAS's SkylakeX kernels use."""

AVX2: frozenset[str] = frozenset({"avx2", "fma"})
"""What OpenBLAS's Haswell kernels use."""


def cpu_flags(cpuinfo: str = "/proc/cpuinfo") -> frozenset[str]:
    """The first processor's feature flags from ``cpuinfo`` (empty where there is no such file)."""
    try:
        with open(cpuinfo, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def openblas_core(flags: frozenset[str]) -> str | None:
    """The OpenBLAS kernel family for a CPU with ``flags``: 'SkylakeX', 'Haswell', or None (leave
    OpenBLAS's own choice)."""
    if flags >= AVX512:
        return "SkylakeX"
    if flags >= AVX2:
        return "Haswell"
    return None


def use_fast_openblas_kernels() -> str | None:
    """Set ``OPENBLAS_CORETYPE`` from this CPU's flags (Linux x86-64), unless the user set it or numpy
    is already loaded (then it would have no effect). Returns the kernel family set, or None. Child
    processes inherit it."""
    if "OPENBLAS_CORETYPE" in os.environ or "numpy" in sys.modules or not sys.platform.startswith("linux"):
        return None
    if platform.machine().lower() not in ("x86_64", "amd64"):  # x86 kernel names mean nothing elsewhere
        return None
    core = openblas_core(cpu_flags())
    if core is not None:
        os.environ["OPENBLAS_CORETYPE"] = core
    return core
