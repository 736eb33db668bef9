"""The report's plots as PNG bytes (matplotlib, Agg backend, no files or fonts downloaded)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from evals.results import ScenarioResult, Summary

_GREEN, _RED, _BLUE = "#2e7d32", "#c62828", "#1565c0"


def _png(fig: plt.Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def success_by_tag_png(summary: Summary) -> bytes:
    """Horizontal bars: scenarios passed and failed per tag."""
    tags = list(summary.by_tag)
    fig, ax = plt.subplots(figsize=(6.0, 0.45 * max(len(tags), 2) + 1.0))
    if tags:
        passed = [summary.by_tag[t].passed for t in tags]
        failed = [summary.by_tag[t].scenarios - summary.by_tag[t].passed for t in tags]
        ax.barh(tags, passed, color=_GREEN, label="passed")
        ax.barh(tags, failed, left=passed, color=_RED, label="failed")
        for y, t in enumerate(tags):
            s = summary.by_tag[t]
            ax.text(s.scenarios + 0.05, y, f"{100 * s.success_rate:.0f}%", va="center", fontsize=9)
        ax.set_xlim(0, max(s.scenarios for s in summary.by_tag.values()) * 1.2 + 0.5)
        ax.invert_yaxis()
        ax.legend(loc="lower right", fontsize=8)
    else:
        ax.text(0.5, 0.5, "no scenarios", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel("scenarios")
    ax.set_title("Success by tag")
    return _png(fig)


def latency_png(results: Sequence[ScenarioResult], p50: float | None, p95: float | None) -> bytes:
    """Histogram of per-turn wall time (seconds) with the median and 95th percentile marked."""
    values = [
        t.seconds for r in results for t in r.turns if t.played and t.error is None and t.seconds is not None
    ]
    fig, ax = plt.subplots(figsize=(6.0, 3.0))
    if values:
        ax.hist(values, bins=min(30, max(5, len(values) // 2)), color=_BLUE, alpha=0.85)
        for value, name, style in ((p50, "p50", "--"), (p95, "p95", ":")):
            if value is not None:
                ax.axvline(value, color="black", linestyle=style, label=f"{name} {value:.2f} s")
        ax.legend(fontsize=8)
    else:
        ax.text(0.5, 0.5, "no turns played", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel("turn latency (s)")
    ax.set_ylabel("turns")
    ax.set_title("Latency per turn")
    return _png(fig)
