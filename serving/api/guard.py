"""The API's front door (a plain ASGI middleware): API keys, the per-key rate limit and the body limit.

It runs before any routing or body parsing, so an unauthenticated or over-limit request costs
nothing: a missing or wrong key is refused with 401, a key over its rate with 429, a body whose
declared ``Content-Length`` is over the limit with 413 before a byte of it is read, and a streamed
(chunked) body with 413 as soon as it passes the limit. The caller's owner name is left in
``scope["state"]["owner"]`` for the routes.
"""

from __future__ import annotations

import hmac
import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from serving.api.settings import ApiSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

OPEN_PATHS: frozenset[str] = frozenset({"/healthz", "/readyz", "/openapi.json", "/docs", "/redoc"})
"""Paths that need no API key (health checks and the API's own documentation)."""


class RateLimiter:
    """A token bucket per caller: ``per_minute`` requests a minute, bursting up to ``per_minute``."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}  # caller -> (tokens, last time s)
        self._lock = threading.Lock()

    def take(self, caller: str, now: float | None = None) -> float:
        """Spends one token of ``caller``'s; returns 0 when allowed, else seconds until one is free."""
        if self.per_minute <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        rate = self.per_minute / 60.0
        with self._lock:
            tokens, last = self._buckets.get(caller, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            if tokens < 1.0:
                self._buckets[caller] = (tokens, now)
                return (1.0 - tokens) / rate
            self._buckets[caller] = (tokens - 1.0, now)
            if len(self._buckets) > 10_000:  # forget idle callers (their buckets are full again)
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60.0}
            return 0.0


def error_body(code: str, message: str) -> bytes:
    """The JSON bytes of ``{"error": {"code": ..., "message": ...}}``."""
    return json.dumps({"error": {"code": code, "message": message}}).encode()


async def send_error(
    send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> None:
    """Sends a whole JSON error response."""
    body = error_body(code, message)
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def bearer_key(scope: Scope) -> str | None:
    """The key of an ``Authorization: Bearer KEY`` header, or None when there is none."""
    for name, value in scope.get("headers") or []:
        if name == b"authorization":
            scheme, _, key = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and key.strip():
                return key.strip()
            return None
    return None


def _known_key(key: str | None, keys: list[str]) -> bool:
    if key is None:
        return False
    found = False
    for k in keys:  # compare with every key in constant time
        found |= hmac.compare_digest(k.encode(), key.encode())
    return found


class Guard:
    """Wraps the app: authentication, rate limit and body size, in that order (see module docstring)."""

    def __init__(self, app: ASGIApp, settings: ApiSettings) -> None:
        self.app = app
        self.settings = settings
        self.limiter = RateLimiter(settings.rate_per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        state = scope.setdefault("state", {})
        state["owner"] = None
        if path not in OPEN_PATHS:
            key = bearer_key(scope)
            if self.settings.api_keys:
                if not _known_key(key, self.settings.api_keys):
                    said = "is not a valid API key" if key else "is missing"
                    await send_error(
                        send, 401, "unauthorized",
                        f"The API key {said}: send 'Authorization: Bearer YOUR_KEY' with a key this "
                        "server was started with (BANDLEADER_API_KEYS).",
                        {"WWW-Authenticate": "Bearer"},
                    )  # fmt: skip
                    return
                state["owner"] = self.settings.owner_for(key)
            caller = state["owner"] or _client(scope)
            wait = self.limiter.take(caller)
            if wait > 0:
                await send_error(
                    send, 429, "rate_limited",
                    f"Too many requests: this key may make {self.settings.rate_per_minute} a minute. "
                    f"Try again in {math.ceil(wait)} s.",
                    {"Retry-After": str(math.ceil(wait))},
                )  # fmt: skip
                return
        await self._limited(scope, receive, send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.settings.max_body_bytes()
        refusal = (
            f"The request is over the {limit / 1e6:.0f} MB limit "
            f"({self.settings.max_upload_bytes / 1e6:.0f} MB a file, {self.settings.max_files} files): "
            "upload a shorter or compressed version."
        )
        for name, value in scope.get("headers") or []:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await send_error(send, 400, "bad_request", "The Content-Length header is not a number.")
                    return
                if declared > limit:
                    await send_error(send, 413, "too_large", refusal)
                    return
        seen = 0
        over = False
        replaced = False

        async def counting_receive() -> Message:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def checked_send(message: Message) -> None:
            nonlocal replaced
            if over and message["type"] == "http.response.start":
                replaced = True
                await send_error(send, 413, "too_large", refusal)
                return
            if replaced:
                return
            await send(message)

        await self.app(scope, counting_receive, checked_send)


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return f"ip-{client[0]}" if client else "ip-unknown"
