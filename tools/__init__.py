"""Bandleader's tools. Importing the package first names numpy's OpenBLAS kernels for this CPU
(:mod:`tools.blas`: without it, an OpenBLAS that does not know the CPU runs every matrix product on
its slowest kernels); it has no effect once numpy is loaded."""

from tools.blas import use_fast_openblas_kernels

use_fast_openblas_kernels()
