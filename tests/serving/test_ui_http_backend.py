"""The web app's HTTP backend (``bandleader ui --api URL``) against a real API server."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from agent.agent import TurnResult, TurnStarted
from agent.executor import ToolEvent
from tests.serving.conftest import Served
from ui.app.backend import make_backend
from ui.app.http_backend import HttpBackend


def test_turns_versions_and_files_over_http(api: Served, song: Path, tmp_path: Path) -> None:
    backend = make_backend(api=api.url)
    assert isinstance(backend, HttpBackend)
    items = list(backend.stream_turn("make it 6 dB louder", None, [str(song)]))
    started, result = items[0], items[-1]
    assert isinstance(started, TurnStarted) and isinstance(result, TurnResult)
    assert any(isinstance(i, ToolEvent) and i.type == "finished" for i in items)
    assert result.ok and [c.name for c in result.tool_calls] == ["gain"]
    sid = result.session
    upload = started.attachments[0]
    assert upload.label == "song.wav" and Path(upload.path).read_bytes() == song.read_bytes()
    louder = result.current
    assert louder is not None and louder.parent == upload.id
    local = Path(louder.path)  # a local copy, byte-identical to what the server stored
    assert local.is_relative_to(backend.media_roots()[0])
    assert hashlib.sha256(local.read_bytes()).hexdigest() == louder.sha256

    facts = backend.describe(sid, louder.id)
    assert facts and facts["duration_s"] == pytest.approx(3.0, abs=0.01)
    assert backend.undo(sid).id == upload.id
    assert backend.redo(sid).id == louder.id
    assert backend.set_current(sid, upload.id).id == upload.id
    assert [a.version for a in backend.history(sid)] == [1, 2]
    assert [s.id for s in backend.sessions()] == [sid]
    assert any(m.get("role") == "user" for m in backend.conversation(sid))
    with zipfile.ZipFile(backend.export_zip(sid)) as z:
        assert len([n for n in z.namelist() if n.startswith("v0")]) == 2

    again = list(backend.stream_turn("make it 3 dB quieter", sid, []))[-1]
    assert again.session == sid and again.tool_calls[0].arguments["gain_db"] == -3.0
    backend.delete_session(sid)
    assert backend.sessions() == []
