"""What the app talks to: the in-process agent (default) or, later, a served endpoint.

The UI reaches sessions, versions and turns only through this small interface, which wraps the
public methods of :class:`agent.agent.Agent` and :class:`agent.workspace.SessionWorkspace`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from tools.base import ArtifactInfo
from ui.app.format import slug


class BackendUnavailableError(RuntimeError):
    """The requested backend cannot be used (e.g. ``--api`` before the serving issue lands)."""


class Backend(Protocol):
    """Sessions, versions and turns as the app needs them."""

    def media_roots(self) -> list[Path]: ...

    def stream_turn(
        self, message: str, session_id: str | None, attachments: Sequence[str]
    ) -> Iterator[Any]: ...

    def sessions(self) -> list[Any]: ...

    def conversation(self, session_id: str) -> list[dict[str, Any]]: ...

    def history(self, session_id: str) -> list[ArtifactInfo]: ...

    def current(self, session_id: str) -> ArtifactInfo | None: ...

    def get(self, session_id: str, artifact_id: str) -> ArtifactInfo: ...

    def undo(self, session_id: str) -> ArtifactInfo: ...

    def redo(self, session_id: str) -> ArtifactInfo: ...

    def set_current(self, session_id: str, artifact_id: str) -> ArtifactInfo: ...

    def describe(self, session_id: str, artifact_id: str) -> dict[str, Any] | None: ...

    def downloads_dir(self, session_id: str) -> Path: ...

    def export_zip(self, session_id: str) -> Path: ...

    def song_files(self, session_id: str) -> list[Path]: ...

    def delete_session(self, session_id: str) -> None: ...

    def warm_up(self) -> None: ...


class LocalBackend:
    """The in-process agent: sessions live under the agent's home folder and survive restarts."""

    def __init__(self, agent: Any) -> None:
        self.agent = agent

    def media_roots(self) -> list[Path]:
        """Folders holding the files the app may show or offer for download."""
        return [self.agent.workspace.root / "sessions"]

    def warm_up(self) -> None:
        """Loads the planner and graph in a background thread so the first reply is quick."""
        threading.Thread(target=lambda: self.agent.graph, name="bandleader-warm-up", daemon=True).start()

    def stream_turn(self, message: str, session_id: str | None, attachments: Sequence[str]) -> Iterator[Any]:
        """ToolEvents while tools run, then the TurnResult (see ``Agent.stream_turn``)."""
        return self.agent.stream_turn(message, session_id, list(attachments))

    def sessions(self) -> list[Any]:
        """Every session's summary (``SessionSummary``), most recently changed first."""
        return self.agent.workspace.list_sessions()

    def conversation(self, session_id: str) -> list[dict[str, Any]]:
        """The checkpointed conversation (user, tool and assistant messages), oldest first."""
        return self.agent.conversation(session_id)

    def history(self, session_id: str) -> list[ArtifactInfo]:
        """Every version of the session, oldest first."""
        return self.agent.open_session(session_id).history()

    def current(self, session_id: str) -> ArtifactInfo | None:
        """The current version (None while the session is empty)."""
        return self.agent.open_session(session_id).current()

    def get(self, session_id: str, artifact_id: str) -> ArtifactInfo:
        """One version by id; ToolError when it is not in this session."""
        return self.agent.open_session(session_id).get(artifact_id)

    def undo(self, session_id: str) -> ArtifactInfo:
        """Steps back to the current version's parent; ToolError("nothing_to_undo") otherwise."""
        return self.agent.open_session(session_id).undo()

    def redo(self, session_id: str) -> ArtifactInfo:
        """Brings back the last undone version; ToolError("nothing_to_redo") otherwise."""
        return self.agent.open_session(session_id).redo()

    def set_current(self, session_id: str, artifact_id: str) -> ArtifactInfo:
        """Makes any version current."""
        return self.agent.open_session(session_id).set_current(artifact_id)

    def describe(self, session_id: str, artifact_id: str) -> dict[str, Any] | None:
        """``describe_audio``'s facts about a version (length s, LUFS, dBFS...), None if not audio."""
        result = self.agent.call_tool(session_id, "describe_audio", {"audio": artifact_id})
        return result.output if result.ok else None

    def downloads_dir(self, session_id: str) -> Path:
        """Where readable-named download links of this session's files go."""
        return self.agent.open_session(session_id).exports_dir() / "downloads"

    def song_files(self, session_id: str) -> list[Path]:
        """The current song version's files: a zip of everything, then the stems, MIDI (with lyric
        events), MusicXML, LRC and project JSON (``song_export``). ToolError when the current version
        is not a written song or the export fails."""
        from tools.base import ToolError
        from ui.app.song_view import project_of

        session = self.agent.open_session(session_id)
        current = session.current()
        project = project_of(session.history(), current) if current is not None else None
        if project is None:
            raise ToolError(
                "Only songs written here have stems, MIDI, MusicXML and lyrics to download: ask for a "
                "song first (or download the current file above).",
                code="not_a_song",
            )
        result = self.agent.call_tool(session_id, "song_export", {"song": project.id})
        if not result.ok or result.output is None:
            raise ToolError(result.error or "The export failed.", code=result.error_code or "export_failed")
        out = result.output
        files = [Path(out["zip"])] + [Path(p) for k, p in out["files"].items() if k != "wav"]
        return [f for f in files if f.is_file()]

    def export_zip(self, session_id: str) -> Path:
        """Zips the whole session (every version + manifest) as ``<first label>-<id>.zip``.

        Returns the zip's path (in the session's exports folder).
        """
        session = self.agent.open_session(session_id)
        history = session.history()
        name = f"{slug(Path(history[0].label).stem)}-{session_id}.zip" if history else f"{session_id}.zip"
        return session.export_zip(session.exports_dir() / name)

    def delete_session(self, session_id: str) -> None:
        """Deletes a session with its files and conversation; ToolError if unknown."""
        self.agent.delete_session(session_id)


def make_backend(api: str | None = None, home: Path | None = None) -> Any:
    """The backend for ``bandleader ui``: the in-process agent at ``home``, or with ``api`` an
    :class:`ui.app.http_backend.HttpBackend` on that URL (BackendUnavailableError when it does
    not answer ``/healthz``)."""
    if api:
        import httpx

        from ui.app.http_backend import HttpBackend

        try:
            httpx.get(api.rstrip("/") + "/healthz", timeout=10).raise_for_status()
        except httpx.HTTPError as exc:
            raise BackendUnavailableError(
                f"--api {api}: no Bandleader API answers there ({exc}). Start one with "
                "`python -m serving.api` or `bandleader serve`, or leave out --api to use the built-in agent."
            ) from exc
        return HttpBackend(api)
    from agent.agent import Agent

    return LocalBackend(Agent(home=home))
