"""The OpenAI-compatible ``POST /v1/chat/completions`` bodies, and turning a turn into them.

Bandleader keeps the conversation itself, so only the last user message is sent as the turn's
text; the session is named by the request's extra ``session`` field (the ``openai`` client's
``extra_body``) or created, and comes back in the response's ``session`` field (and the
``X-Bandleader-Session`` header) together with the whole turn (``bandleader``).
"""

from __future__ import annotations

import time
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from serving.api.models import TurnJson
from tools.base import ToolError


class ChatMessage(BaseModel):
    """One message of the conversation the client sends (only user messages are read)."""

    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """What chat clients send; unknown OpenAI parameters (temperature, ...) are accepted and ignored."""

    model_config = ConfigDict(extra="ignore")

    model: str = "bandleader"
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    session: str | None = Field(None, description="Continue this Bandleader session (default: a new one).")


class ChatChoiceMessage(BaseModel):
    """The assistant's reply."""

    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    """The only choice Bandleader returns."""

    index: int = 0
    message: ChatChoiceMessage
    finish_reason: Literal["stop"] = "stop"


class ChatUsage(BaseModel):
    """Token counts (Bandleader does not count tokens: zeros)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class ChatCompletion(BaseModel):
    """An OpenAI ``chat.completion`` plus the Bandleader session and turn."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    usage: ChatUsage = Field(default_factory=ChatUsage)
    session: str
    bandleader: TurnJson


def last_user_text(request: ChatRequest) -> str:
    """The text of the last user message; ToolError("no_user_message") when there is none."""
    for message in reversed(request.messages):
        if message.role != "user":
            continue
        if isinstance(message.content, str):
            text = message.content
        else:
            text = " ".join(str(p.get("text", "")) for p in message.content or [] if p.get("type") == "text")
        if text.strip():
            return text
    raise ToolError("Send at least one user message with some text.", code="no_user_message")


def completion(turn: TurnJson, model: str) -> ChatCompletion:
    """The ``chat.completion`` answering with the turn's reply."""
    return ChatCompletion(
        id=f"chatcmpl-{turn.session}-{int(time.time() * 1000)}",
        created=int(time.time()),
        model=model,
        choices=[ChatChoice(message=ChatChoiceMessage(content=turn.reply))],
        session=turn.session,
        bandleader=turn,
    )


def chunk(
    completion_id: str, model: str, delta: dict[str, Any], finish: str | None = None, **extra: Any
) -> dict[str, Any]:
    """One ``chat.completion.chunk`` of a streamed answer."""
    return {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **extra,
    }
