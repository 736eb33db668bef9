"""The API's settings: where it binds, API keys, upload limits, timeouts and the rate limit.

Read from the environment by :meth:`ApiSettings.from_env` (values below are the defaults):

- ``BANDLEADER_API_HOST`` (127.0.0.1) and ``BANDLEADER_API_PORT`` (8000).
- ``BANDLEADER_API_KEYS``: comma-separated keys; when set, every ``/v1`` request needs
  ``Authorization: Bearer KEY`` and each key sees only its own sessions and artifacts.
- ``BANDLEADER_MAX_UPLOAD_MB`` (tools/audio/limits.py): largest file, in MB; ``BANDLEADER_API_MAX_FILES`` (8).
- ``BANDLEADER_API_TIMEOUT_S`` (600): longest a request may take, in seconds.
- ``BANDLEADER_API_RATE_PER_MIN`` (120): requests a key may make per minute (0 = unlimited).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import BaseModel, Field

from tools.audio.limits import env_float, max_file_bytes

UPLOAD_SUFFIXES: frozenset[str] = frozenset(
    {
        ".wav", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".aif", ".aiff", ".wma",
        ".mid", ".midi", ".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v",
    }
)  # fmt: skip
"""File name endings an upload may have (audio, MIDI, video); the agent then checks the content."""


def key_owner(key: str) -> str:
    """The owner name stored for an API key: ``key-`` + 16 hex digits of its SHA-256 (never the key)."""
    return "key-" + hashlib.sha256(key.encode()).hexdigest()[:16]


class ApiSettings(BaseModel):
    """How the API behaves; see the module docstring for the environment variables."""

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    api_keys: list[str] = Field(default_factory=list, description="Empty: no key needed (local use).")
    max_upload_bytes: int = Field(default_factory=max_file_bytes, description="Per file, in bytes.")
    max_files: int = Field(8, ge=0, description="Most files in one message.")
    max_text_chars: int = Field(20_000, ge=1, description="Longest message text, in characters.")
    request_timeout_s: float = Field(600.0, gt=0, description="Longest a request may run, in seconds.")
    rate_per_minute: int = Field(120, ge=0, description="Requests per key per minute; 0 = unlimited.")
    upload_dir: Path | None = Field(None, description="Where uploads wait for the agent (default: temp).")

    @classmethod
    def from_env(cls, **overrides: object) -> ApiSettings:
        """Settings from the ``BANDLEADER_*`` environment variables, then ``overrides``."""
        keys = [k.strip() for k in os.environ.get("BANDLEADER_API_KEYS", "").split(",") if k.strip()]
        values: dict[str, object] = {
            "host": os.environ.get("BANDLEADER_API_HOST", "127.0.0.1"),
            "port": int(env_float("BANDLEADER_API_PORT", 8000)),
            "api_keys": keys,
            "max_files": int(env_float("BANDLEADER_API_MAX_FILES", 8)),
            "request_timeout_s": env_float("BANDLEADER_API_TIMEOUT_S", 600.0),
            "rate_per_minute": int(os.environ.get("BANDLEADER_API_RATE_PER_MIN", "120") or 0),
        }
        values.update(overrides)
        return cls.model_validate(values)

    def max_body_bytes(self) -> int:
        """Largest request body accepted, in bytes: every file at its limit plus 1 MB for the rest."""
        return self.max_upload_bytes * max(self.max_files, 1) + 1_000_000

    def owner_for(self, key: str | None) -> str | None:
        """The owner a request acts as: None without keys configured (the local user), else the key's."""
        if not self.api_keys or key is None:
            return None
        return key_owner(key)
