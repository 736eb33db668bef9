"""The app's backend for ``bandleader ui --api URL``: the same methods as ``LocalBackend``, over HTTP.

Turns stream as Server-Sent Events from ``POST /v1/sessions/{id}/messages``; versions are fetched
from ``/versions`` and their files downloaded once into a local cache (named by content hash), so
players, plots and downloads work on local paths as with the in-process agent. The API key comes
from ``BANDLEADER_API_KEY`` when the server needs one.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx

from agent.agent import ToolCallRecord, TurnResult, TurnStarted
from agent.executor import ToolEvent
from agent.workspace.models import SessionSummary
from tools.base import ArtifactInfo, ToolError
from ui.app.format import slug


def _raise_for(r: httpx.Response) -> None:
    if r.status_code < 400:
        return
    try:
        err = r.json()["error"]
        raise ToolError(err["message"], code=err["code"])
    except (ValueError, KeyError, TypeError):
        raise ToolError(
            f"The Bandleader server answered {r.status_code}: {r.text[:200]}", code="api_error"
        ) from None


class HttpBackend:
    """Sessions, versions and turns of a served Bandleader API at ``url``."""

    def __init__(
        self, url: str, key: str | None = None, cache_dir: Path | None = None, timeout_s: float = 900
    ) -> None:
        self.url = url.rstrip("/")
        key = key if key is not None else os.environ.get("BANDLEADER_API_KEY")
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.http = httpx.Client(base_url=self.url, headers=headers, timeout=timeout_s)
        self.cache = Path(cache_dir or tempfile.mkdtemp(prefix="bandleader-api-cache-")).absolute()
        self.cache.mkdir(parents=True, exist_ok=True)

    def _get(self, path: str) -> Any:
        r = self.http.get(path)
        _raise_for(r)
        return r.json()

    def _post(self, path: str, **kw: Any) -> Any:
        r = self.http.post(path, **kw)
        _raise_for(r)
        return r.json() if r.content else None

    # ------------------------------------------------------------------ files

    def _local(self, info: ArtifactInfo) -> ArtifactInfo:
        """The artifact with ``path`` pointing at a local copy of its file (downloaded once)."""
        suffix = Path(info.path).suffix or Path(info.label).suffix
        target = self.cache / "objects" / f"{info.sha256 or info.id}{suffix}"
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_suffix(target.suffix + ".part")
            with self.http.stream("GET", f"/v1/artifacts/{info.id}") as r:
                if r.status_code >= 400:
                    r.read()
                    _raise_for(r)
                with open(part, "wb") as out:
                    for chunk in r.iter_bytes():
                        out.write(chunk)
            part.replace(target)
        return info.model_copy(update={"path": str(target)})

    def _infos(self, raw: Sequence[dict[str, Any]]) -> list[ArtifactInfo]:
        return [self._local(ArtifactInfo.model_validate(a)) for a in raw]

    def media_roots(self) -> list[Path]:
        """Folders holding the files the app may show or offer for download (the local cache)."""
        return [self.cache]

    def warm_up(self) -> None:
        """Nothing to load here: the server warms itself."""

    # ------------------------------------------------------------------ turns

    def stream_turn(self, message: str, session_id: str | None, attachments: Sequence[str]) -> Iterator[Any]:
        """TurnStarted, ToolEvents while tools run, then the TurnResult, as the local agent yields them."""
        if session_id is None:
            session_id = self._post("/v1/sessions", json={"title": " ".join(message.split())[:60]})["id"]
        files = [("files", (Path(p).name, open(p, "rb"))) for p in attachments]
        try:
            with self.http.stream(
                "POST", f"/v1/sessions/{session_id}/messages", data={"text": message}, files=files or None,
                headers={"Accept": "text/event-stream"},
            ) as r:  # fmt: skip
                if r.status_code >= 400:
                    r.read()
                    _raise_for(r)
                yield from self._events(session_id, r.iter_lines())
        finally:
            for _, (_, fh) in files:
                fh.close()

    def _events(self, session_id: str, lines: Iterator[str]) -> Iterator[Any]:
        attached: list[ArtifactInfo] = []
        for line in lines:
            if not line.startswith("data: "):
                continue
            event = json.loads(line[6:])
            kind = event.get("type")
            if kind == "turn_started":
                by_id = {a.id: a for a in self.history(session_id)}
                attached = [by_id[a["id"]] for a in event["attachments"] if a and a["id"] in by_id]
                yield TurnStarted(
                    session=session_id, attachments=attached, attachment_errors=event["attachment_errors"]
                )
            elif kind == "tool":
                yield ToolEvent(
                    type=event["event"], call_id=event["call_id"], tool=event["tool"],
                    fraction=event["fraction"], message=event["message"], time=event["time"],
                )  # fmt: skip
            elif kind == "result":
                yield self._result(event["result"], attached)
            elif kind == "error":
                raise ToolError(event["message"], code=event["code"])

    def _result(self, turn: dict[str, Any], attached: list[ArtifactInfo]) -> TurnResult:
        by_id = {a.id: a for a in self.history(turn["session"])}
        current = turn.get("current")
        return TurnResult(
            session=turn["session"],
            reply=turn["reply"],
            ok=turn["ok"],
            tool_calls=[ToolCallRecord(**c) for c in turn["tool_calls"]],
            artifacts=[by_id[a["id"]] for a in turn["artifacts"] if a and a["id"] in by_id],
            current=by_id.get(current["id"]) if current else None,
            attachments=attached,
            seconds=turn["seconds"],
        )

    # ------------------------------------------------------------------ sessions and versions

    def sessions(self) -> list[SessionSummary]:
        """Every session the key may see, most recently changed first."""
        return [SessionSummary.model_validate(s) for s in self._get("/v1/sessions")["sessions"]]

    def conversation(self, session_id: str) -> list[dict[str, Any]]:
        """The server's checkpointed conversation of the session, oldest first."""
        return list(self._get(f"/v1/sessions/{session_id}/conversation")["messages"])

    def history(self, session_id: str) -> list[ArtifactInfo]:
        """Every version of the session, oldest first, with local file paths."""
        return self._infos(self._get(f"/v1/sessions/{session_id}/versions")["versions"])

    def current(self, session_id: str) -> ArtifactInfo | None:
        """The current version (None while the session is empty)."""
        raw = self._get(f"/v1/sessions/{session_id}/versions")["current"]
        return self._local(ArtifactInfo.model_validate(raw)) if raw else None

    def get(self, session_id: str, artifact_id: str) -> ArtifactInfo:
        """One version by id; ToolError("not_an_artifact") when it is not in this session."""
        for a in self._get(f"/v1/sessions/{session_id}/versions")["versions"]:
            if a["id"] == artifact_id:
                return self._local(ArtifactInfo.model_validate(a))
        raise ToolError(f"{artifact_id!r} is not an artifact of this session.", code="not_an_artifact")

    def undo(self, session_id: str) -> ArtifactInfo:
        """Steps back to the current version's parent; ToolError("nothing_to_undo") otherwise."""
        return self._local(ArtifactInfo.model_validate(self._post(f"/v1/sessions/{session_id}/undo")))

    def redo(self, session_id: str) -> ArtifactInfo:
        """Brings back the last undone version; ToolError("nothing_to_redo") otherwise."""
        return self._local(ArtifactInfo.model_validate(self._post(f"/v1/sessions/{session_id}/redo")))

    def set_current(self, session_id: str, artifact_id: str) -> ArtifactInfo:
        """Makes any version current."""
        r = self.http.put(f"/v1/sessions/{session_id}/current/{artifact_id}")
        _raise_for(r)
        return self._local(ArtifactInfo.model_validate(r.json()))

    def describe(self, session_id: str, artifact_id: str) -> dict[str, Any] | None:
        """``describe_audio``'s facts about a version, None if not audio."""
        return self._get(f"/v1/sessions/{session_id}/artifacts/{artifact_id}/facts")

    def downloads_dir(self, session_id: str) -> Path:
        """Where readable-named download links of this session's files go (in the local cache)."""
        return self.cache / "sessions" / session_id / "downloads"

    def export_zip(self, session_id: str) -> Path:
        """Zips every version of the session (and a manifest) from the local copies; returns the zip."""
        history = self.history(session_id)
        out = self.cache / "sessions" / session_id / "exports"
        out.mkdir(parents=True, exist_ok=True)
        name = f"{slug(Path(history[0].label).stem)}-{session_id}.zip" if history else f"{session_id}.zip"
        path = out / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("manifest.json", json.dumps([a.model_dump(mode="json") for a in history], indent=2))
            for a in history:
                z.write(a.path, f"v{a.version:03d}-{slug(Path(a.label).stem)}{Path(a.path).suffix}")
        return path

    def song_files(self, session_id: str) -> list[Path]:
        """Not offered over the API yet: ToolError saying to download the current file instead."""
        raise ToolError(
            "Stems, MIDI and MusicXML downloads are not offered by the served API yet: download the "
            "current file above, or run `bandleader ui` without --api.",
            code="not_available",
        )

    def delete_session(self, session_id: str) -> None:
        """Deletes the session on the server; ToolError if unknown."""
        r = self.http.delete(f"/v1/sessions/{session_id}")
        _raise_for(r)
