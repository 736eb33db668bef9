"""LLMPlanner: plans tool calls with any OpenAI-compatible chat-completions endpoint.

One planning step is one chat completion: the system prompt with the session line and a summary of
earlier turns, the user's message, and the few tools Tool RAG picked (see :mod:`.prompt`). The
model answers with tool calls (or a question / a plain sentence). Every call is validated against
the tool's own pydantic Input model; an invalid call goes back to the model with the validation
error (at most :data:`MAX_REPAIRS` times) and the repair request names the tool, so a server that
offers constrained decoding (vLLM: named tool choice) can only produce schema-valid arguments.
Destructive calls need an explicit request in the current message (:mod:`.safety`). When the
endpoint fails (not configured, unreachable, timeout, garbage after the repairs), the LocalPlanner
plans instead and the plan says so in a plain sentence.

Settings: ``BANDLEADER_LLM_URL`` (e.g. http://127.0.0.1:8000/v1), ``BANDLEADER_LLM_MODEL`` (default:
the first model the server lists), ``BANDLEADER_LLM_API_KEY``, ``BANDLEADER_LLM_TIMEOUT`` (seconds).
"""

from __future__ import annotations

import json
import os
import re
import threading
from typing import Any, Literal

import httpx
from pydantic import BaseModel, Field, ValidationError

from agent.plan import Message, Plan, Planner, PlannerInput, ToolCall
from agent.planners.grounding import check_grounding
from agent.planners.llm.prompt import (
    DEFAULT_TOOL_K,
    build_messages,
    compact_tool_schemas,
    select_tools,
)
from agent.planners.llm.safety import enforce_explicit_request
from agent.planners.replies import compose_reply
from agent.planners.slots import parse_ref
from tools.registry import tool_class, tool_names

MAX_REPAIRS = 2
"""How many times an invalid answer is sent back to the model before falling back."""

HISTORY_CHARS = 700
"""Earlier turns are summarised into at most this many characters (the newest are kept)."""

TURN_CHARS = 160
"""One earlier message is cut to this many characters in the summary."""


class LLMSettings(BaseModel):
    """How to reach the planner model."""

    url: str = Field(description="Base URL of the OpenAI-compatible API, ending in /v1.")
    model: str | None = Field(None, description="Model name; None: the first one the server lists.")
    api_key: str = "not-needed"
    timeout_s: float = Field(30.0, gt=0, description="Per-request timeout, in seconds.")
    max_tokens: int = Field(256, gt=0, description="Most tokens the model may write per step.")
    temperature: float = 0.0
    tool_k: int = Field(DEFAULT_TOOL_K, ge=1, description="Tools listed in the prompt (Tool RAG).")
    tool_choice: Literal["auto", "required"] = Field(
        "auto", description="'auto': the model may ask or reply instead of calling; 'required': always calls."
    )


def settings_from_env(**overrides: Any) -> LLMSettings:
    """LLMSettings from BANDLEADER_LLM_URL / _MODEL / _API_KEY / _TIMEOUT, then ``overrides``;
    raises ValueError when no URL is configured."""
    values: dict[str, Any] = {
        "url": os.environ.get("BANDLEADER_LLM_URL", ""),
        "model": os.environ.get("BANDLEADER_LLM_MODEL") or None,
        "api_key": os.environ.get("BANDLEADER_LLM_API_KEY") or "not-needed",
    }
    if os.environ.get("BANDLEADER_LLM_TIMEOUT"):
        values["timeout_s"] = float(os.environ["BANDLEADER_LLM_TIMEOUT"])
    values.update({k: v for k, v in overrides.items() if v is not None})
    if not values["url"]:
        raise ValueError(
            "no language model is configured: set BANDLEADER_LLM_URL to an OpenAI-compatible endpoint "
            "(`bandleader llm serve-local` starts one here)"
        )
    values["url"] = str(values["url"]).rstrip("/")
    return LLMSettings(**values)


class LLMUnavailableError(RuntimeError):
    """The endpoint could not produce a usable plan (the message says why, in plain words)."""


# ---- conversation memory ------------------------------------------------------------------------
def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def summarise_history(conversation: list[Message], max_chars: int = HISTORY_CHARS) -> str:
    """Earlier turns as one short text: 'user: ... | did: song_tempo ok | said: ...', newest kept
    whole, oldest left out first (with a count) so the summary stays under ``max_chars``."""
    lines: list[str] = []
    for m in conversation:
        if m.role == "user":
            lines.append(f"user: {_cut(m.content, TURN_CHARS)}")
        elif m.role == "tool":
            done = [f"{r.tool} {'ok' if r.ok else 'failed'}" for r in m.results] or [m.content]
            lines.append(f"did: {_cut(', '.join(done), TURN_CHARS)}")
        else:
            lines.append(f"said: {_cut(m.content, TURN_CHARS)}")
    kept: list[str] = []
    size = 0
    for line in reversed(lines):
        if size + len(line) + 3 > max_chars:
            break
        kept.append(line)
        size += len(line) + 3
    kept.reverse()
    left_out = len(lines) - len(kept)
    prefix = [f"({left_out} earlier messages left out)"] if left_out else []
    return " | ".join(prefix + kept)


# ---- parsing and validating the model's answer ---------------------------------------------------
class ModelAnswer(BaseModel):
    """What one completion said: tool calls as (name, raw arguments) and any text."""

    calls: list[tuple[str, Any]] = Field(default_factory=list)
    text: str = ""


_INLINE_CALL = re.compile(r"<tool_call>\s*(\{.*?\})\s*(?:</tool_call>|$)", re.DOTALL)


def parse_answer(choice_message: dict[str, Any]) -> ModelAnswer:
    """The calls and text of a chat-completion ``message``: its ``tool_calls`` (as the server's
    parser found them), else ``<tool_call>{...}</tool_call>`` blocks left in the text."""
    text = choice_message.get("content") or ""
    calls: list[tuple[str, Any]] = []
    for tc in choice_message.get("tool_calls") or []:
        fn = tc.get("function") or {}
        calls.append((str(fn.get("name") or ""), fn.get("arguments")))
    if not calls and "<tool_call>" in text:
        for block in _INLINE_CALL.findall(text):
            try:
                obj = json.loads(block)
            except json.JSONDecodeError:
                calls.append(("", block))
                continue
            calls.append((str(obj.get("name") or ""), obj.get("arguments", obj.get("parameters"))))
        text = _INLINE_CALL.sub("", text)
    return ModelAnswer(calls=calls, text=text.strip())


REPLY_CHARS = 300
"""A model's plain answer (a question or a one-line reply) longer than this is not accepted."""


def looks_like_a_sentence(text: str) -> bool:
    """True when ``text`` reads as one short plain answer for a person: at most
    :data:`REPLY_CHARS` characters and 3 lines, no code or markup, mostly letters."""
    if len(text) > REPLY_CHARS or text.count("\n") > 2 or "```" in text or re.search(r"[<>{}\[\]#|]", text):
        return False
    letters = sum(ch.isalpha() or ch.isspace() for ch in text)
    return letters >= 0.8 * len(text) and len(text.split()) >= 2


def _normalise_arguments(tool: str, args: dict[str, Any], user_message: str) -> dict[str, Any]:
    """Arguments with null values dropped and version references in the form the tools read
    ('the first one' -> 'version:1')."""
    args = {k: v for k, v in args.items() if v is not None}
    if tool == "select_version":
        value = str(args.get("version", "")).strip()
        if value.isdigit():
            args["version"] = f"version:{int(value)}"
        elif not re.fullmatch(r"version:\d+|original|previous|upload:\d+|[a-z]-[\w-]+", value):
            ref = parse_ref(value.lower()) or parse_ref(user_message.lower())
            if ref is None and re.search(r"\b(very )?first (one|version)\b", user_message.lower()):
                ref = "version:1"
            if ref is not None:
                args["version"] = ref
    return args


def validate_call(name: str, raw_arguments: Any, user_message: str = "") -> dict[str, Any]:
    """The arguments of a call to ``name`` once the tool's Input model accepts them (nulls dropped,
    references normalised); raises ValueError with a message for the model when it does not."""
    if name not in tool_names():
        raise ValueError(f"there is no tool called {name!r}; use one of the listed tools")
    if isinstance(raw_arguments, str):
        try:
            raw_arguments = json.loads(raw_arguments) if raw_arguments.strip() else {}
        except json.JSONDecodeError as exc:
            raise ValueError(f"the arguments of {name} are not valid JSON ({exc.msg})") from exc
    if raw_arguments is None:
        raw_arguments = {}
    if not isinstance(raw_arguments, dict):
        raise ValueError(f"the arguments of {name} must be a JSON object")
    args = _normalise_arguments(name, raw_arguments, user_message)
    try:
        tool_class(name).Input.model_validate(args)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}" for e in exc.errors()
        )
        raise ValueError(f"invalid arguments for {name}: {problems}") from exc
    return args


# ---- the planner ----------------------------------------------------------------------------------
class LLMPlanner:
    """Planner over an OpenAI-compatible chat-completions endpoint, with validation, repair,
    safety rules and a visible fallback planner."""

    name = "llm"

    def __init__(self, settings: LLMSettings, fallback: Planner | None = None) -> None:
        self.settings = settings
        self._fallback = fallback
        self._client = httpx.Client(
            base_url=settings.url,
            timeout=httpx.Timeout(settings.timeout_s, connect=min(5.0, settings.timeout_s)),
            headers={"Authorization": f"Bearer {settings.api_key}"},
        )
        self._model = settings.model
        self._notes: dict[tuple[str, int], list[str]] = {}
        """(session, user-message count) -> sentences to show with this turn's reply."""
        self._lock = threading.Lock()
        self.last_trace: list[dict[str, Any]] = []
        """What happened in the last planning step (attempts, errors, fallback): for tests and logs."""

    @property
    def fallback(self) -> Planner:
        """The planner used when the model cannot plan (the LocalPlanner unless one was given)."""
        if self._fallback is None:
            from agent.planners.local import default_local_planner

            self._fallback = default_local_planner()
        return self._fallback

    # -- HTTP -------------------------------------------------------------------------------------
    def model_name(self) -> str:
        """The configured model, or the first one the server lists (asked once)."""
        if self._model is None:
            data = self._get("/models")
            models = [m.get("id") for m in data.get("data") or [] if m.get("id")]
            if not models:
                raise LLMUnavailableError("the language model server lists no model")
            self._model = str(models[0])
        return self._model

    def _get(self, path: str) -> dict[str, Any]:
        try:
            response = self._client.get(path)
            response.raise_for_status()
            return dict(response.json())
        except httpx.TimeoutException as exc:
            raise LLMUnavailableError(
                f"the language model did not answer within {self.settings.timeout_s:g} s"
            ) from exc
        except (httpx.HTTPError, ValueError) as exc:
            raise LLMUnavailableError(
                f"the language model server could not be reached ({type(exc).__name__})"
            ) from exc

    def complete(self, body: dict[str, Any]) -> dict[str, Any]:
        """The first choice's ``message`` of a chat completion for ``body`` (model filled in);
        raises LLMUnavailableError on timeouts, connection and HTTP errors."""
        body = {"model": self.model_name(), **body}
        try:
            response = self._client.post("/chat/completions", json=body)
        except httpx.TimeoutException as exc:
            raise LLMUnavailableError(
                f"the language model did not answer within {self.settings.timeout_s:g} s"
            ) from exc
        except httpx.HTTPError as exc:
            raise LLMUnavailableError(
                f"the language model server could not be reached ({type(exc).__name__})"
            ) from exc
        if response.status_code >= 400:
            raise LLMUnavailableError(
                f"the language model server refused the request (HTTP {response.status_code})"
            )
        try:
            return dict(response.json()["choices"][0]["message"])
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMUnavailableError("the language model server sent an answer I could not read") from exc

    # -- planning ---------------------------------------------------------------------------------
    def plan(self, request: PlannerInput) -> Plan:
        """Calls for the latest user message, or (once this turn's calls ran) the reply built from
        their results; the fallback planner's plan, saying so, when the model cannot plan."""
        key = self._turn_key(request)
        if request.observations:
            with self._lock:
                notes = self._notes.pop(key, [])
            return Plan(reply="\n".join([*notes, compose_reply(request.observations)]))
        self.last_trace = []
        message = request.conversation[-1].content if request.conversation else ""
        try:
            plan = self._plan_with_model(request, message)
        except LLMUnavailableError as exc:
            plan = self._fall_back(request, str(exc))
        notes = [n for n in (plan.reply or "").split("\n") if n] if plan.calls else []
        if plan.calls and notes:
            with self._lock:
                self._notes[key] = notes
        return plan

    @staticmethod
    def _turn_key(request: PlannerInput) -> tuple[str, int]:
        return (request.session.session_id, sum(1 for m in request.conversation if m.role == "user"))

    def _fall_back(self, request: PlannerInput, reason: str) -> Plan:
        self.last_trace.append({"fallback": reason})
        plan = self.fallback.plan(request)
        note = f"(The language model couldn't plan this: {reason}. I used the built-in planner instead.)"
        reply = "\n".join(p for p in (note, plan.reply) if p)
        return plan.model_copy(update={"reply": reply})

    def _messages(self, request: PlannerInput, message: str) -> tuple[list[dict[str, Any]], list[str]]:
        history = summarise_history(request.conversation[:-1])
        if request.pending is not None:
            history = f"{history} | you asked: {request.pending.question}".strip(" |")
        names = select_tools(message, request.session, self.settings.tool_k)
        if request.pending is not None and request.pending.tool not in names:
            names.append(request.pending.tool)
        return build_messages(message, request.session, history, names), names

    def _plan_with_model(self, request: PlannerInput, message: str) -> Plan:
        messages, names = self._messages(request, message)
        tools = compact_tool_schemas(names)
        body: dict[str, Any] = {
            "messages": messages,
            "tools": tools,
            "tool_choice": self.settings.tool_choice,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        error = ""
        for attempt in range(MAX_REPAIRS + 1):
            answer = parse_answer(self.complete(body))
            self.last_trace.append({"attempt": attempt, "calls": answer.calls, "text": answer.text})
            try:
                return self._to_plan(answer, message)
            except ValueError as exc:
                error = str(exc)
                self.last_trace[-1]["error"] = error
            body = self._repair_body(body, answer, error, names)
        raise LLMUnavailableError(f"its answer was still invalid after {MAX_REPAIRS} repairs ({error})")

    def _repair_body(
        self, body: dict[str, Any], answer: ModelAnswer, error: str, names: list[str]
    ) -> dict[str, Any]:
        """The next request: the bad answer and the error appended, and the tool named (constrained
        decoding) when the model picked a listed tool, else any tool required."""
        bad = (
            json.dumps([{"name": n, "arguments": a} for n, a in answer.calls])
            if answer.calls
            else answer.text
        )
        messages = [
            *body["messages"],
            {"role": "assistant", "content": _cut(bad or "(nothing)", 600)},
            {
                "role": "user",
                "content": f"That was not valid: {error}. Answer again with one valid tool call.",
            },
        ]
        chosen = next((n for n, _ in answer.calls if n in names), None)
        choice: Any = {"type": "function", "function": {"name": chosen}} if chosen else "required"
        return {**body, "messages": messages, "tool_choice": choice}

    def _to_plan(self, answer: ModelAnswer, message: str) -> Plan:
        """The validated plan of ``answer``; ValueError (for the model) when a call is invalid or
        the answer is empty."""
        if not answer.calls:
            if not answer.text:
                raise ValueError("the answer was empty: call a tool or ask one short question")
            if not looks_like_a_sentence(answer.text):
                raise ValueError("that is not a tool call or a short sentence: call one of the tools")
            grounding = check_grounding(answer.text, [], user_text=message)
            if not grounding.ok:  # a reply with no call has measured nothing: it may not state facts
                stated = ", ".join(f.text for f in grounding.unsupported)
                raise ValueError(f"the reply states {stated} without any tool measuring it: call a tool")
            return Plan(reply=answer.text, understood=True)
        calls: list[ToolCall] = []
        for i, (name, raw) in enumerate(answer.calls):
            args = validate_call(name, raw, message)
            depends = [calls[-1].id] if calls and tool_class(calls[-1].tool).changes_current else []
            calls.append(ToolCall(id=f"c{i + 1}", tool=name, arguments=args, depends_on=depends))
        check = enforce_explicit_request(calls, message)
        if not check.calls:
            return Plan(reply="\n".join(check.notes))
        return Plan(calls=check.calls, reply="\n".join(check.notes) or None)

    def close(self) -> None:
        """Closes the HTTP connection pool."""
        self._client.close()


def make_llm_planner(
    url: str | None = None,
    model: str | None = None,
    timeout_s: float | None = None,
    fallback: Planner | None = None,
    **options: Any,
) -> LLMPlanner:
    """An LLMPlanner for the configured endpoint (arguments override BANDLEADER_LLM_*); raises
    ValueError when no endpoint is configured."""
    settings = settings_from_env(url=url, model=model, timeout_s=timeout_s, **options)
    return LLMPlanner(settings, fallback=fallback)


__all__ = [
    "LLMPlanner",
    "LLMSettings",
    "LLMUnavailableError",
    "make_llm_planner",
    "parse_answer",
    "settings_from_env",
    "summarise_history",
    "validate_call",
]
