"""Scripted agent evaluations: scenario files, a parallel runner, metrics and reports (see README.md)."""
