"""Chat messages in Gradio's messages format: text, players for artifacts, live tool progress.

A message is a dict ``{"role": "user" | "assistant", "content": ..., "metadata": {...}}``; content is
text or a file dict ``{"path": ..., "alt_text": ...}`` (audio and video files get players in the
chat). Tool progress is shown as collapsible "thought" messages whose title names the tool and whose
log shows percent done and elapsed seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.base import ArtifactInfo
from ui.app.format import tool_title
from ui.app.history import version_name

Message = dict[str, Any]
FileFor = Callable[[ArtifactInfo], Path]
"""Gives the file to show for a version (a readable-named link to its stored file)."""

BAR_CELLS = 12
"""Cells of the text progress bar."""

PLAYABLE = {"audio", "video"}
"""Artifact kinds shown with a player in the chat."""


def user_message(text: str, files: Sequence[str] = ()) -> list[Message]:
    """The user's turn: each attached file (shown as sent), then the text."""
    messages: list[Message] = [
        {"role": "user", "content": {"path": f, "alt_text": Path(f).name}} for f in files
    ]
    if text.strip():
        messages.append({"role": "user", "content": text})
    return messages


def artifact_messages(artifacts: Sequence[ArtifactInfo], file_for: FileFor) -> list[Message]:
    """One message per new version: its name, then a player (audio/video) or a download link."""
    out: list[Message] = []
    for a in artifacts:
        path = str(file_for(a))
        out.append(
            {"role": "assistant", "content": [f"**{version_name(a)}**", {"path": path, "alt_text": a.label}]}
        )
    return out


def reply_message(reply: str, ok: bool) -> Message:
    """The assistant's answer; a failed turn is marked so it stands out."""
    text = reply.strip() or ("Done." if ok else "Something went wrong.")
    return {"role": "assistant", "content": text if ok else f"⚠️ {text}"}


def text_bar(fraction: float, cells: int = BAR_CELLS) -> str:
    """A progress bar in text, ``▰▰▰▱▱▱`` for ``fraction`` (0-1) done."""
    filled = round(max(0.0, min(1.0, fraction)) * cells)
    return "▰" * filled + "▱" * (cells - filled)


@dataclass
class CallProgress:
    """One tool call as the chat shows it."""

    call_id: str
    tool: str
    started: float
    fraction: float = 0.0
    message: str = ""
    status: str = "running"
    """'running', 'done' or 'failed'."""
    ended: float | None = None

    def elapsed(self, now: float) -> float:
        """Seconds since it started (until it ended)."""
        return (self.ended or now) - self.started


@dataclass
class ProgressBoard:
    """Live progress of one turn, fed with ToolEvents; renders thought messages for the chat.

    Times are ``time.time()`` seconds. Before any tool starts, a single "Working on it" message
    shows the turn's elapsed time (the planner is reading the request).
    """

    started: float = field(default_factory=time.time)
    calls: dict[str, CallProgress] = field(default_factory=dict)

    def update(self, event: Any) -> None:
        """Apply a ToolEvent (``type``, ``call_id``, ``tool``, ``fraction``, ``message``, ``time``)."""
        key = f"{event.call_id}:{event.tool}"
        call = self.calls.get(key)
        if call is None:
            call = self.calls[key] = CallProgress(
                event.call_id, event.tool, started=event.time or time.time()
            )
        if event.type == "progress":
            call.fraction = max(call.fraction, event.fraction)
            call.message = event.message or call.message
        elif event.type in ("finished", "failed"):
            call.status = "done" if event.type == "finished" else "failed"
            call.fraction = 1.0 if event.type == "finished" else call.fraction
            call.message = event.message if event.type == "failed" else call.message
            call.ended = event.time or time.time()

    @property
    def running(self) -> list[CallProgress]:
        """Calls still running."""
        return [c for c in self.calls.values() if c.status == "running"]

    def status_line(self, now: float | None = None) -> str:
        """One line for the page: what is running, percent and elapsed seconds."""
        now = time.time() if now is None else now
        if not self.calls:
            return f"Reading your request… {now - self.started:.0f} s"
        if not self.running:
            return f"Writing the answer… {now - self.started:.0f} s"
        parts = [
            f"{tool_title(c.tool)} {c.fraction * 100:.0f}% ({c.elapsed(now):.0f} s)" for c in self.running
        ]
        return "Working: " + " · ".join(parts)

    def messages(self, now: float | None = None, final: bool = False) -> list[Message]:
        """Thought messages: one per call (pending while running), or a 'working' one before any."""
        now = time.time() if now is None else now
        if not self.calls:
            if final:
                return []
            return [
                {
                    "role": "assistant",
                    "content": "Reading your request and choosing the tools…",
                    "metadata": {
                        "title": "Working on it",
                        "status": "pending",
                        "log": f"{now - self.started:.0f} s",
                    },
                }
            ]
        out: list[Message] = []
        for call in self.calls.values():
            seconds = call.elapsed(now)
            if call.status == "running":
                body = f"{text_bar(call.fraction)} {call.fraction * 100:.0f}%"
                if call.message:
                    body += f" — {call.message}"
                meta: dict[str, Any] = {
                    "title": f"{tool_title(call.tool)}",
                    "status": "pending",
                    "log": f"{call.fraction * 100:.0f}% · {seconds:.1f} s",
                }
            else:
                ok = call.status == "done"
                body = f"{'✔ done' if ok else '✖ failed'}" + (
                    f": {call.message}" if call.message and not ok else ""
                )
                meta = {
                    "title": f"{'✔' if ok else '✖'} {tool_title(call.tool)}",
                    "status": "done",
                    "duration": round(seconds, 2),
                }
            out.append({"role": "assistant", "content": body, "metadata": meta})
        return out


def _call_summary(result: Mapping[str, Any]) -> Message:
    ok = bool(result.get("ok"))
    body = "✔ done" if ok else f"✖ failed: {result.get('error') or ''}".rstrip(": ")
    return {
        "role": "assistant",
        "content": body,
        "metadata": {
            "title": f"{'✔' if ok else '✖'} {tool_title(str(result.get('tool')))}",
            "status": "done",
            "duration": round(float(result.get("seconds") or 0.0), 2),
        },
    }


def conversation_messages(
    conversation: Sequence[Mapping[str, Any]],
    lookup: Callable[[str], ArtifactInfo | None],
    file_for: FileFor,
) -> list[Message]:
    """Chat messages for a reopened session's checkpointed conversation.

    ``lookup`` finds a version by id (None if gone). Tool results become finished thought messages;
    the versions they made get players after the assistant's reply, as in a live turn.
    """
    out: list[Message] = []
    made: list[ArtifactInfo] = []
    for m in conversation:
        role = m.get("role")
        if role == "user":
            for artifact_id in m.get("attachments") or ():
                a = lookup(artifact_id)
                if a is not None:
                    out.append({"role": "user", "content": {"path": str(file_for(a)), "alt_text": a.label}})
            if str(m.get("content") or "").strip():
                out.append({"role": "user", "content": m["content"]})
        elif role == "tool":
            for r in m.get("results") or ():
                out.append(_call_summary(r))
                for raw in r.get("artifacts") or ():
                    a = lookup(raw["id"]) if isinstance(raw, Mapping) and "id" in raw else None
                    if a is not None:
                        made.append(a)
        elif role == "assistant":
            out.append({"role": "assistant", "content": str(m.get("content") or "")})
            out.extend(artifact_messages(made, file_for))
            made = []
    out.extend(artifact_messages(made, file_for))
    return out
