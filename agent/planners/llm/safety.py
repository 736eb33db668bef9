"""Safety rules every LLM plan passes before anything runs.

Text inside artifacts (file names, tags, lyrics, captions) reaches the model as data, and a model
can be talked into calls nobody asked for. So a *destructive* call (one that moves the session away
from its current version or removes part of a song) is kept only when the user's current message
asks for that kind of thing in so many words; several undos need a number or a plural. Everything
else is dropped with a plain sentence saying what was not done and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.plan import ToolCall
from agent.planners.slots import compound_numbers

DESTRUCTIVE_REQUEST: dict[str, re.Pattern[str]] = {
    "undo": re.compile(
        r"\b(undo|undid|revert|go(ing)? back|take (that|it|those|them) back|roll ?back|previous|"
        r"before th(at|is)|last (change|edit)s?|changes)\b",
        re.IGNORECASE,
    ),
    "select_version": re.compile(
        r"\b(version|original|first one|first take|go(ing)? back|switch|restore|revert|previous|earlier|"
        r"v\d+|take \d+|the (first|second|third|last) one)\b",
        re.IGNORECASE,
    ),
    "song_remove_section": re.compile(
        r"\b(remove|delete|drop|cut|get rid of|lose|ditch|take out|without)\b", re.IGNORECASE
    ),
}
"""Destructive tool -> words the current message must contain for the call to be kept."""

_MANY = re.compile(
    r"\b(\d+|two|three|four|five|several|few|all|both|changes|edits|steps|times)\b", re.IGNORECASE
)
"""Words that make more than one undo in one plan an explicit request ('undo the last two changes')."""

NOT_ASKED = {
    "undo": "I didn't undo anything, because this message doesn't ask for an undo.",
    "select_version": "I didn't switch versions, because this message doesn't ask for another version.",
    "song_remove_section": "I didn't remove any part of the song, because this message doesn't ask for that.",
}


@dataclass
class SafetyCheck:
    """The calls that may run and the sentences explaining any that were dropped."""

    calls: list[ToolCall]
    dropped: list[ToolCall]
    notes: list[str]


def enforce_explicit_request(calls: list[ToolCall], user_message: str) -> SafetyCheck:
    """``calls`` without the destructive ones the current ``user_message`` does not ask for
    (see :data:`DESTRUCTIVE_REQUEST`); calls depending on a dropped call are dropped too."""
    text = compound_numbers(user_message)
    kept: list[ToolCall] = []
    dropped: list[ToolCall] = []
    notes: list[str] = []
    n_undo = sum(1 for c in calls if c.tool == "undo")
    for call in calls:
        pattern = DESTRUCTIVE_REQUEST.get(call.tool)
        ok = pattern is None or bool(pattern.search(text))
        if ok and call.tool == "undo" and n_undo > 1 and not _MANY.search(text):
            ok = False
        if ok and any(d in {x.id for x in dropped} for d in call.depends_on):
            ok = False
        if ok:
            kept.append(call)
            continue
        dropped.append(call)
        note = NOT_ASKED.get(call.tool, f"I skipped a step that depended on one I didn't run ({call.tool}).")
        if note not in notes:
            notes.append(note)
    return SafetyCheck(kept, dropped, notes)
