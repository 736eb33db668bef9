"""The training split of the phrasing corpus as extra intent examples of the LocalPlanner.

``agent/planners/phrasings/train.jsonl`` holds ~3,000 labelled requests written the way strangers
type. Each request whose plan is one call (or one call repeated, 'undo the last two changes') becomes
an example of the intent that produced that call; a request of several calls gives one example per
clause when its clauses line up one to one with the calls. Where several intents share a tool
(``remix_stems`` and ``remix_stems_db``), the example goes to the intent whose slot patterns and
defaults reproduce the labelled arguments. Help, thanks, refusals and deletions (plans with no call)
go to the intent with that reply. The held-back ``test.jsonl`` is never read here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

TRAIN_FILE = Path(__file__).with_name("phrasings") / "train.jsonl"

NO_CALL_INTENTS = {"help": "help", "thanks": "thanks", "inject": "not_a_request", "delete": "delete"}
"""Intent of a plan with no call and no question, by the first word of the row's family."""


def load_rows(path: Path = TRAIN_FILE) -> list[dict[str, Any]]:
    """The labelled rows of a corpus file (one JSON object a line); [] when the file is missing."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _collapse(calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Calls with repeats of the same call folded ('undo', 'undo' -> one undo)."""
    out: list[dict[str, Any]] = []
    for call in calls:
        if out and out[-1] == call:
            continue
        out.append(call)
    return out


def intent_examples(
    rows: Sequence[dict[str, Any]],
    intents: Sequence[Any],
    contexts_of: Callable[[str], frozenset[str]],
    fill: Callable[[Any, str], dict[str, Any]],
    split: Callable[[str], list[str]],
    per_family: int | None = None,
) -> list[tuple[str, Any]]:
    """(request text, intent) pairs taught by ``rows``.

    ``contexts_of(row_context)`` gives the active intents.yaml contexts of a row's session,
    ``fill(intent, text)`` the arguments an intent reads from a text, ``split(text)`` its clauses.
    Rows that teach nothing unambiguous (a clarifying question, nonsense, clauses that do not line
    up with the calls) are skipped. ``per_family``: at most this many requests of each family (the
    first ones; a family's requests vary one template's fillers, so a few cover it)."""
    from agent.planners.phrasings.score import arguments_match

    by_tool: dict[str, list[Any]] = {}
    by_name = {i.name: i for i in intents}
    for intent in intents:
        if intent.tool is not None:
            by_tool.setdefault(intent.tool, []).append(intent)

    def pick(call: dict[str, Any], text: str, contexts: frozenset[str]) -> Any | None:
        candidates = [i for i in by_tool.get(call["tool"], []) if i.context is None or i.context in contexts]
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        for intent in candidates:
            try:
                if arguments_match(call["tool"], call["arguments"], fill(intent, text)):
                    return intent
            except (TypeError, ValueError):
                continue
        bound = [i for i in candidates if i.context is not None]  # the context's own intent
        return (bound or candidates)[0]

    out: list[tuple[str, Any]] = []
    taken: dict[str, int] = {}
    for row in rows:
        family = row.get("family", "")
        if per_family is not None and taken.get(family, 0) >= per_family:
            continue
        taken[family] = taken.get(family, 0) + 1
        message, calls = row["message"], _collapse(row["calls"])
        if not calls:
            name = NO_CALL_INTENTS.get(re.split(r"_", row.get("family", ""))[0])
            if name in by_name and not row.get("question"):
                out.append((message, by_name[name]))
            continue
        contexts = contexts_of(row["context"])
        if len(calls) == 1:
            intent = pick(calls[0], message, contexts)
            if intent is not None:
                out.append((message, intent))
            continue
        parts = split(message)
        if len(parts) != len(calls):
            continue
        for part, call in zip(parts, calls, strict=True):
            intent = pick(call, part, contexts)
            if intent is not None:
                out.append((part, intent))
    return out
