"""Write a run's reports: ``report.json`` (everything), ``report.md`` and a self-contained ``report.html``.

The HTML file has its CSS inline and its plots as inline base64 PNGs; audio and video players point
at the artifact copies under ``media/`` next to it (relative paths), so the folder can be zipped
and opened anywhere. Nothing in it refers to the network.
"""

from __future__ import annotations

import base64
import html
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.plots import latency_png, success_by_tag_png
from evals.results import ArtifactTrace, CheckResult, RunReport, ScenarioResult, Summary, TurnTrace

METRICS: tuple[tuple[str, str], ...] = (
    ("success_rate", "scenarios passed / scenarios"),
    ("tool_precision", "expected tools called / tools called (where tools are expected)"),
    ("tool_recall", "expected tools called / expected tools"),
    ("argument_accuracy", "pinned arguments right / pinned arguments"),
    ("answer_accuracy", "reply checks passed / reply checks"),
    ("artifact_accuracy", "artifact checks passed / artifact checks"),
    ("mcq_accuracy", "multiple-choice questions answered with the right option / questions"),
)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _sec(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def summary_json(report: RunReport) -> dict[str, Any]:
    """The object ``bandleader eval --json`` prints: every summary figure plus one compact entry per
    scenario (status, checks, failed checks) and where the reports are."""
    data: dict[str, Any] = report.summary.model_dump(mode="json")
    data["seconds"] = round(report.seconds, 3)
    data["backend"] = report.backend
    data["planner"] = report.planner
    data["workers"] = report.workers
    data["skipped_scenarios"] = [s.model_dump(mode="json") for s in report.skipped]
    data["results"] = [
        {
            "id": r.id,
            "file": r.file,
            "tags": r.tags,
            "status": r.status,
            "passed": r.passed,
            "seconds": round(r.seconds, 3),
            "turns": sum(t.played for t in r.turns),
            "checks": len(r.checks),
            "checks_passed": sum(c.passed for c in r.checks),
            "error": r.error,
            "failed_checks": [
                {
                    "turn": c.turn,
                    "check": c.label,
                    "expected": c.expected,
                    "actual": c.actual,
                    "reason": c.reason,
                }
                for c in r.failed_checks
            ],
        }
        for r in report.results
    ]
    return data


# --------------------------------------------------------------------------- markdown


def _md_cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(report: RunReport, plots: dict[str, str]) -> str:
    """The Markdown report; ``plots`` maps plot names to image paths relative to the report."""
    s = report.summary
    when = datetime.fromtimestamp(report.started, UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Bandleader evaluation",
        "",
        f"{when} · planner `{report.planner}` · backend `{report.backend}` · {report.workers} workers · "
        f"{report.seconds:.1f} s",
        "",
        f"**{s.passed} of {s.scenarios} scenarios passed ({_pct(s.success_rate)})**, {s.turns} turns, "
        f"{s.checks_passed}/{s.checks} checks, {s.errors} errors, {s.timeouts} timeouts.",
        "",
        "| metric | value | definition |",
        "|---|---|---|",
    ]
    for name, definition in METRICS:
        lines.append(f"| {name} | {_pct(getattr(s, name))} | {definition} |")
    lines += [
        f"| artifact_checks_passed | {s.artifact_checks_passed} / {s.artifact_checks} | count |",
        f"| latency_p50_s | {_sec(s.latency_p50_s)} | median turn wall time |",
        f"| latency_p95_s | {_sec(s.latency_p95_s)} | 95th percentile turn wall time |",
        f"| mcq | {s.mcq_correct} / {s.mcq_questions} | multiple-choice questions right |",
        f"| skipped | {s.skipped} | scenarios not played (a required path is absent) |",
        "",
        "| suite | scenarios | passed | success rate |",
        "|---|---|---|---|",
        *(
            f"| {_md_cell(n)} | {g.scenarios} | {g.passed} | {_pct(g.success_rate)} |"
            for n, g in s.by_suite.items()
        ),
        "",
    ]
    lines += [f"![{name}]({path})" for name, path in plots.items()]
    lines += [
        "",
        "## Scenarios",
        "",
        "| scenario | status | turns | checks | seconds | tags |",
        "|---|---|---|---|---|---|",
    ]
    for r in report.results:
        n_ok = sum(c.passed for c in r.checks)
        played = sum(t.played for t in r.turns)
        lines.append(
            f"| {_md_cell(r.id)} | {r.status} | {played}/{len(r.turns)} | {n_ok}/{len(r.checks)} | "
            f"{r.seconds:.2f} | {_md_cell(', '.join(r.tags))} |"
        )
    for k in report.skipped:
        lines.append(f"| {_md_cell(k.id)} | skipped | 0/0 | 0/0 | 0.00 | {_md_cell(', '.join(k.tags))} |")
    if report.skipped:
        lines += ["", "## Skipped", ""] + [f"- {k.id}: {_md_cell(k.reason)}" for k in report.skipped]
    failing = [r for r in report.results if not r.passed]
    if failing:
        lines += ["", "## Failures", ""]
        for r in failing:
            lines.append(f"### {r.id} ({r.status})")
            lines.append("")
            if r.error:
                lines += ["```", r.error.strip(), "```", ""]
            for c in r.failed_checks:
                lines.append(
                    f"- turn {c.turn} `{c.label}`: expected {_md_cell(c.expected)}; "
                    f"got {_md_cell(c.actual)}; {_md_cell(c.reason)}"
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- html

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;
color:#1b1b1b;padding:0 1rem}
h1{margin-bottom:.2rem}.sub{color:#666;margin-top:0}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
.card{border:1px solid #ddd;border-radius:8px;padding:.5rem .8rem;min-width:120px}
.card b{display:block;font-size:1.3rem}.card span{color:#666;font-size:.8rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #e3e3e3;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}
.passed{color:#2e7d32;font-weight:600}.failed,.error,.timeout{color:#c62828;font-weight:600}
tr.bad td{background:#fdecea}
details{border:1px solid #ddd;border-radius:8px;margin:.8rem 0;padding:.4rem .8rem}
details.bad{border-color:#e57373}summary{cursor:pointer;font-weight:600}
.turn{border-left:3px solid #90caf9;padding:.2rem .8rem;margin:.8rem 0}
.turn.bad{border-left-color:#e57373}
.user{font-weight:600}.reply{white-space:pre-wrap;background:#f7f7f7;padding:.4rem;border-radius:4px}
pre{white-space:pre-wrap;background:#f7f7f7;padding:.4rem;border-radius:4px;font-size:12px}
code{font-size:12px}.muted{color:#777}.plots img{max-width:49%;vertical-align:top}
audio,video{vertical-align:middle;max-width:100%}video{max-height:160px}
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _player(a: ArtifactTrace) -> str:
    if not a.media:
        return ""
    tag = "video" if a.kind == "video" else "audio"
    return f'<{tag} controls preload="none" src="{_e(a.media)}"></{tag}>'


def _artifact_html(a: ArtifactTrace) -> str:
    made = f"made by {_e(a.tool)}" if a.tool else "upload"
    what = f"<span class=muted>({_e(a.kind)}, {made})</span>"
    return f"<li>v{a.version} <b>{_e(a.label)}</b> {what} {_player(a)}</li>"


def _checks_html(checks: list[CheckResult]) -> str:
    if not checks:
        return '<p class="muted">no checks</p>'
    rows = []
    for c in checks:
        mark = '<span class="passed">pass</span>' if c.passed else '<span class="failed">FAIL</span>'
        rows.append(
            f'<tr class="{"" if c.passed else "bad"}"><td>{mark}</td><td><code>{_e(c.label)}</code></td>'
            f"<td>{_e(c.expected)}</td><td>{_e(c.actual if c.actual is not None else '')}</td>"
            f"<td>{_e(c.reason)}</td></tr>"
        )
    head = "<tr><th></th><th>check</th><th>expected</th><th>actual</th><th>why</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _turn_html(t: TurnTrace) -> str:
    parts = [f'<div class="turn{"" if t.passed else " bad"}">']
    ok = "" if t.ok is None else f" · ok={str(t.ok).lower()}"
    secs = "" if t.seconds is None else f" · {t.seconds:.2f} s"
    parts.append(f'<p><span class="user">Turn {t.index}: {_e(t.user) or "<i>(no message)</i>"}</span>')
    parts.append(f'<span class="muted">{ok}{secs}</span></p>')
    if t.attach:
        parts.append(f"<p class=muted>attached: {_e(', '.join(t.attach))}</p>")
    if not t.played:
        parts.append('<p class="failed">not played</p>')
    if t.error:
        parts.append(f"<pre>{_e(t.error)}</pre>")
    if t.played and not t.error:
        parts.append(f'<div class="reply">{_e(t.reply)}</div>')
    if t.tool_calls:
        rows = "".join(
            f'<tr class="{"" if c.ok else "bad"}"><td><code>{_e(c.name)}</code></td>'
            f"<td><code>{_e(json.dumps(c.arguments, sort_keys=True))}</code></td>"
            f"<td>{'ok' if c.ok else 'failed'}</td><td>{_e(c.error or '')}</td><td>{c.seconds:.2f}</td></tr>"
            for c in t.tool_calls
        )
        head = "<tr><th>tool</th><th>arguments</th><th></th><th>error</th><th>s</th></tr>"
        parts.append(f"<table>{head}{rows}</table>")
    if t.artifacts:
        parts.append(
            "<p>artifacts this turn:</p><ul>" + "".join(_artifact_html(a) for a in t.artifacts) + "</ul>"
        )
    if t.current is not None:
        parts.append(
            f"<p>current after the turn ({t.versions} versions):</p><ul>{_artifact_html(t.current)}</ul>"
        )
    parts.append(_checks_html(t.checks))
    parts.append("</div>")
    return "".join(parts)


def _scenario_html(r: ScenarioResult) -> str:
    n_ok = sum(c.passed for c in r.checks)
    bad = "" if r.passed else " bad"
    head = (
        f'<summary id="{_e(r.id)}"><span class="{r.status}">{r.status.upper()}</span> {_e(r.id)} '
        f'<span class="muted">· {n_ok}/{len(r.checks)} checks · {r.seconds:.2f} s · '
        f"{_e(', '.join(r.tags))}</span>"
        "</summary>"
    )
    body = [f'<p class="muted">{_e(r.file)}</p>']
    if r.description:
        body.append(f"<p>{_e(r.description)}</p>")
    if r.error:
        body.append(f"<pre>{_e(r.error)}</pre>")
    body += [_turn_html(t) for t in r.turns]
    return f'<details class="scenario{bad}"{"" if r.passed else " open"}>{head}{"".join(body)}</details>'


def _cards(s: Summary) -> str:
    items = [
        (f"{s.passed}/{s.scenarios}", "scenarios passed"),
        (_pct(s.success_rate), "success rate"),
        (_pct(s.tool_precision), "tool precision"),
        (_pct(s.tool_recall), "tool recall"),
        (_pct(s.argument_accuracy), "argument accuracy"),
        (_pct(s.answer_accuracy), "answer accuracy"),
        (f"{s.artifact_checks_passed}/{s.artifact_checks}", "artifact checks"),
        (_sec(s.latency_p50_s), "latency p50"),
        (_sec(s.latency_p95_s), "latency p95"),
        (f"{_pct(s.mcq_accuracy)} ({s.mcq_correct}/{s.mcq_questions})", "multiple-choice accuracy"),
    ]
    return (
        '<div class="cards">'
        + "".join(f"<div class=card><b>{v}</b><span>{k}</span></div>" for v, k in items)
        + "</div>"
    )


def html_report(report: RunReport, plots: dict[str, bytes]) -> str:
    """The self-contained HTML report; ``plots`` maps plot names to PNG bytes (inlined as base64)."""
    s = report.summary
    when = datetime.fromtimestamp(report.started, UTC).strftime("%Y-%m-%d %H:%M UTC")
    imgs = "".join(
        f'<img alt="{_e(name)}" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'
        for name, png in plots.items()
    )
    rows = "".join(
        f'<tr class="{"" if r.passed else "bad"}"><td><a href="#{_e(r.id)}">{_e(r.id)}</a></td>'
        f'<td class="{r.status}">{r.status}</td><td>{sum(t.played for t in r.turns)}/{len(r.turns)}</td>'
        f"<td>{sum(c.passed for c in r.checks)}/{len(r.checks)}</td><td>{r.seconds:.2f}</td>"
        f"<td>{_e(', '.join(r.tags))}</td></tr>"
        for r in report.results
    ) + "".join(
        f'<tr><td>{_e(k.id)}</td><td class="skipped" title="{_e(k.reason)}">SKIPPED</td><td>0/0</td>'
        f"<td>0/0</td><td>0.00</td><td>{_e(', '.join(k.tags))}</td></tr>"
        for k in report.skipped
    )
    suites = "".join(
        f"<tr><td>{_e(n)}</td><td>{g.passed}/{g.scenarios}</td><td>{_pct(g.success_rate)}</td></tr>"
        for n, g in s.by_suite.items()
    )
    skipped = "".join(f"<li>{_e(k.id)}: {_e(k.reason)}</li>" for k in report.skipped)
    table = (
        "<table><tr><th>scenario</th><th>status</th><th>turns</th><th>checks</th><th>seconds</th><th>tags</th></tr>"
        f"{rows}</table>"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Bandleader evaluation · {s.passed}/{s.scenarios} passed</title>"
        f"<style>{CSS}</style></head><body>"
        "<h1>Bandleader evaluation</h1>"
        f'<p class="sub">{when} · planner {_e(report.planner)} · backend {_e(report.backend)} · '
        f"{report.workers} workers · {report.seconds:.1f} s · {s.turns} turns · {s.checks_passed}/{s.checks} "
        f"checks · {s.errors} errors · {s.timeouts} timeouts</p>"
        f'{_cards(s)}<div class="plots">{imgs}</div><h2>Suites</h2>'
        f"<table><tr><th>suite</th><th>passed</th><th>success rate</th></tr>{suites}</table>"
        f"<h2>Scenarios</h2>{table}"
        + (f"<h3>Skipped ({len(report.skipped)})</h3><ul>{skipped}</ul>" if skipped else "")
        + f"<h2>Traces</h2>{''.join(_scenario_html(r) for r in report.results)}</body></html>\n"
    )


def write_reports(report: RunReport, out_dir: Path) -> dict[str, Path]:
    """Write report.json, report.md (with plots/*.png) and report.html into ``out_dir``; returns paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    plots = {
        "success_by_tag": success_by_tag_png(report.summary),
        "latency": latency_png(report.results, report.summary.latency_p50_s, report.summary.latency_p95_s),
    }
    plot_dir = out_dir / "plots"
    plot_dir.mkdir(exist_ok=True)
    for name, png in plots.items():
        (plot_dir / f"{name}.png").write_bytes(png)
    paths = {
        "json": out_dir / "report.json",
        "markdown": out_dir / "report.md",
        "html": out_dir / "report.html",
    }
    paths["json"].write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    paths["markdown"].write_text(markdown(report, {n: f"plots/{n}.png" for n in plots}), encoding="utf-8")
    paths["html"].write_text(html_report(report, plots), encoding="utf-8")
    return paths
