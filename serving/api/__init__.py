"""Bandleader's HTTP API (FastAPI): sessions, messages (streamed), versions, artifacts, health and an
OpenAI-compatible chat endpoint, in front of an :class:`~serving.api.backend.AgentBackend`.

``build_app(backend, settings)`` makes the app; ``python -m serving.api`` serves it in-process with
uvicorn; the Ray Serve ingress wraps the same app. Nothing here imports Ray.
"""

from serving.api.app import build_app
from serving.api.backend import AgentBackend, InProcessBackend
from serving.api.settings import ApiSettings

__all__ = ["AgentBackend", "ApiSettings", "InProcessBackend", "build_app"]
