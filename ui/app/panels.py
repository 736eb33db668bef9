"""The side panels' contents for a session: current version, plots, versions, downloads, sessions.

Everything here is computed from the backend's public view of a session; the layout module turns
these values into component updates. Plots are matplotlib figures, or None with a note saying why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from tools.base import ArtifactInfo, ToolError
from ui.app.backend import Backend
from ui.app.downloads import download_artifacts, friendly_path
from ui.app.format import clock, file_size, when
from ui.app.history import HISTORY_HEADERS, history_rows, made_by, version_choices, version_name
from ui.app.media import load_envelope, load_mono
from ui.app.overlays import (
    Overlays,
    merged,
    overlays_from_results,
    overlays_from_sheet,
    results_in_conversation,
)
from ui.app.plots import chord_figure, piano_roll_figure, spectrogram_figure, waveform_figure
from ui.app.song_view import overlays_from_project, project_of

log = logging.getLogger(__name__)

EMPTY_NOW = "### Now playing\nNothing yet: drop a track into the chat box to start."


@dataclass
class PanelState:
    """Everything the side panels show for one session (``session_id`` None: a new, empty chat)."""

    session_id: str | None = None
    current: ArtifactInfo | None = None
    current_file: Path | None = None
    now_text: str = EMPTY_NOW
    waveform: Figure | None = None
    waveform_note: str = "The waveform of the current version appears here."
    chords: Figure | None = None
    chords_note: str = ""
    piano_roll: Figure | None = None
    piano_roll_note: str = ""
    versions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HISTORY_HEADERS))
    choices: list[tuple[str, str]] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    stems: list[tuple[str, Path]] = field(default_factory=list)
    """(stem name, file) of each stem saved with the current version, to play side by side."""


def empty_versions() -> pd.DataFrame:
    """The versions table with no rows."""
    return pd.DataFrame(columns=HISTORY_HEADERS)


STEM_ORDER = ("vocals", "drums", "bass", "other", "accompaniment", "recording")
"""How stems are laid out: the usual four, the two-stem split, then an accompanied recording's own take."""
MAX_STEM_PLAYERS = 8
"""Players the layout holds for stems (a separation makes 4; an accompaniment up to 6)."""


def stem_files(
    backend: Backend, session_id: str, history: list[ArtifactInfo], current: ArtifactInfo
) -> list[tuple[str, Path]]:
    """(stem name, readable-named file) of each stem saved with ``current`` (by ``separate``, an edit
    that carried the stems along, ``combine_stems`` or ``accompany``), in :data:`STEM_ORDER`, others
    after; empty when it has none."""
    from tools.separation.stems_store import stem_name

    found = [(name, a) for a in history if a.companion_of == current.id and (name := stem_name(a))]
    rank = {n: i for i, n in enumerate(STEM_ORDER)}
    found.sort(key=lambda x: (rank.get(x[0], len(rank)), x[0]))
    return [(name, file_for(backend, session_id, a)) for name, a in found[:MAX_STEM_PLAYERS]]


def file_for(backend: Backend, session_id: str, a: ArtifactInfo) -> Path:
    """The readable-named file to show or download for version ``a``."""
    try:
        return friendly_path(a, backend.downloads_dir(session_id))
    except OSError as exc:  # the stored file is still there; show it under its stored name
        log.warning("could not link %s for download: %s", a.path, exc)
        return Path(a.path)


def now_text(a: ArtifactInfo, envelope_duration: float | None) -> str:
    """The heading of the current-version panel: name, how it was made, length and size."""
    facts = [made_by(a)]
    if envelope_duration is not None:
        facts.append(clock(envelope_duration, 1))
    facts.append(file_size(a.size_bytes))
    facts.append(f"made {when(a.created)}")
    return f"### Now playing: v{a.version} · {a.label}\n{' · '.join(facts)}"


def sheet_overlays(path: Path, sha256: str | None) -> Overlays:
    """Overlays from the version's cached feature sheet, when any question or analysis computed one
    (this never starts an analysis: the panels must stay instant)."""
    from tools.understanding.sheet import cached_sheet

    sheet = cached_sheet(path, sha256)
    return overlays_from_sheet(sheet.summary_json()) if sheet is not None else Overlays()


def overlays_for(
    backend: Backend, session_id: str, artifact: ArtifactInfo, history: list[ArtifactInfo]
) -> Overlays:
    """Beats, sections, chords and notes known for a version: a generated song's own project first,
    else this session's tool results, else the feature sheet cached when the track was analysed
    (empty until then)."""
    project = project_of(history, artifact) if artifact.kind == "audio" else None
    if project is not None:
        written = overlays_from_project(project.path)
        if not written.empty:
            return written
    try:
        found = overlays_from_results(results_in_conversation(backend.conversation(session_id)), artifact.id)
    except Exception as exc:  # a conversation that can't be read must not break the panels
        log.warning("could not read the conversation of %s: %s", session_id, exc)
        found = Overlays()
    if found.beats and found.sections and found.chords and found.notes:
        return found
    try:
        sheet = sheet_overlays(Path(artifact.path), artifact.sha256 or None)
    except Exception as exc:  # a missing or unreadable cache only means no overlays
        log.warning("could not read the feature sheet of %s: %s", artifact.id, exc)
        return found
    return merged(found, sheet)


def panel_state(backend: Backend, session_id: str | None) -> PanelState:
    """Computes every side panel for ``session_id`` (an empty state for a new chat)."""
    state = PanelState(session_id=session_id)
    if not session_id:
        return state
    history = backend.history(session_id)
    current = backend.current(session_id)
    state.current = current
    state.versions = pd.DataFrame(
        history_rows(history, current.id if current else None), columns=HISTORY_HEADERS
    )
    state.choices = version_choices(history)
    state.downloads = [str(file_for(backend, session_id, a)) for a in download_artifacts(history, current)]
    if current is None:
        return state
    state.current_file = file_for(backend, session_id, current)
    state.stems = stem_files(backend, session_id, history, current)
    overlays = overlays_for(backend, session_id, current, history)
    duration: float | None = None
    if current.kind in ("audio", "video"):
        try:
            envelope = load_envelope(current.path)
            duration = envelope.duration_s
            state.waveform = waveform_figure(
                envelope,
                beats=overlays.beats or None,
                downbeats=overlays.downbeats or None,
                sections=overlays.sections or None,
            )
            if overlays.beats or overlays.sections:
                state.waveform_note = ""
            else:
                state.waveform_note = "Beats and sections appear here once the track has been analysed."
        except ToolError as exc:
            state.waveform_note = f"No waveform for this version: {exc.message}"
    else:
        state.waveform_note = f"v{current.version} is a {current.kind} file: there is no waveform to draw."
    state.now_text = now_text(current, duration)
    if overlays.chords:
        state.chords = chord_figure(overlays.chords, duration)
    else:
        state.chords_note = "No chords known for this version yet."
    if overlays.notes:
        state.piano_roll = piano_roll_figure(overlays.notes, duration)
    else:
        state.piano_roll_note = "No notes known for this version yet (MIDI and song projects show here)."
    return state


def spectrogram_for(backend: Backend, session_id: str | None) -> tuple[Figure | None, str]:
    """The current version's spectrogram, or None and the reason there is none."""
    if not session_id:
        return None, "Nothing to draw yet: upload a track first."
    current = backend.current(session_id)
    if current is None or current.kind not in ("audio", "video"):
        return None, "The current version has no sound to draw."
    try:
        samples, rate = load_mono(current.path)
    except ToolError as exc:
        return None, f"No spectrogram: {exc.message}"
    return spectrogram_figure(samples, rate), f"Spectrogram of {version_name(current)}."


def session_name(backend: Backend, summary: Any, limit: int = 40) -> str:
    """A session's name: its title (the first request) and first version's label, whichever exist,
    else its first message."""
    try:
        first = backend.history(summary.id)[0].label if summary.n_artifacts else ""
        if summary.title:
            title = summary.title if len(summary.title) <= limit else summary.title[: limit - 1] + "…"
            return " · ".join(x for x in (f"“{title}”", first) if x)
        if first:
            return first
        for m in backend.conversation(summary.id):
            text = " ".join(str(m.get("content") or "").split())
            if m.get("role") == "user" and text:
                return f"“{text[:limit]}{'…' if len(text) > limit else ''}”"
    except Exception as exc:  # a session that can't be read still gets listed
        log.warning("could not name session %s: %s", summary.id, exc)
    return "new session"


def session_choices(backend: Backend, limit: int = 50) -> list[tuple[str, str]]:
    """(shown name, id) for the ``limit`` most recent sessions: name, size and last change."""
    out = []
    for s in backend.sessions()[:limit]:
        name = session_name(backend, s)
        versions = f"{s.n_artifacts} version{'s' if s.n_artifacts != 1 else ''}"
        out.append((f"{name} · {versions} · {when(s.updated)}", s.id))
    return out
