"""Parsing the artifact references planners and people use ("current", "v3", "a-1f2e...")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tools.base import ToolError

RefKind = Literal["current", "previous", "original", "latest", "version", "upload", "id"]

_KEYWORDS: frozenset[str] = frozenset({"current", "previous", "original", "latest"})
_VERSION = re.compile(r"^(?:version\s*:\s*|v)?(\d{1,9})$")
_UPLOAD = re.compile(r"^upload\s*:\s*(\d{1,9})$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
REF_HELP = (
    "Use 'current', 'previous', 'original', 'version:N', 'upload:N' (the Nth file attached) or an "
    "artifact id from the history."
)


@dataclass(frozen=True)
class Ref:
    """A parsed reference: a keyword, a version number, or an artifact id to look up."""

    kind: RefKind
    version: int = 0
    artifact_id: str = ""


def not_an_artifact(ref: object, detail: str = "") -> ToolError:
    """The error for a reference that names nothing in this session."""
    shown = repr(ref) if isinstance(ref, str) and ref.strip() else "An empty reference"
    message = f"{shown} is not an artifact of this session."
    if isinstance(ref, str) and ("/" in ref or "\\" in ref or "." in ref):
        message += " File paths are not accepted: attach the file to the session first."
    return ToolError(" ".join(p for p in (message, detail, REF_HELP) if p), code="not_an_artifact")


def parse_ref(ref: object) -> Ref:
    """Parses ``ref``; returns a :class:`Ref`, or raises ToolError("not_an_artifact").

    Only the shape is checked here: whether an id or version exists is the session's business.
    Anything that looks like a file path is refused outright and never touches the disk.
    """
    if not isinstance(ref, str):
        raise not_an_artifact(ref)
    text = ref.strip()
    lowered = text.lower()
    if lowered in _KEYWORDS:
        return Ref(kind=lowered)  # type: ignore[arg-type]
    match = _VERSION.match(lowered)
    if match:
        version = int(match.group(1))
        if version < 1:
            raise not_an_artifact(ref, "Version numbers start at 1.")
        return Ref(kind="version", version=version)
    upload = _UPLOAD.match(lowered)
    if upload:
        number = int(upload.group(1))
        if number < 1:
            raise not_an_artifact(ref, "Uploads are counted from 1.")
        return Ref(kind="upload", version=number)
    if _ID.match(text):
        return Ref(kind="id", artifact_id=text)
    raise not_an_artifact(ref)
