"""The held-back phrasings are held back: no test request is an intents.yaml example or a training request."""

from __future__ import annotations

import json
import re

import yaml

from agent.planners.local import INTENTS_FILE
from agent.planners.phrasings import build
from agent.planners.slots import normalise_text

_DECORATIONS = sorted(
    {p.strip(" ,") for p in build.PREFIXES + build.SUFFIXES if p.strip(" ,")}, key=len, reverse=True
)
_EDGE = re.compile(
    r"^(?:(?:" + "|".join(map(re.escape, _DECORATIONS)) + r")\s+)+|(?:\s+(?:"
    + "|".join(map(re.escape, _DECORATIONS)) + r"))+$"
)


def bare(text: str) -> str:
    """``text`` lower case, without punctuation and without the greetings and tails people add."""
    t = " ".join(re.sub(r"[^a-z0-9' ]", " ", normalise_text(text).lower()).split())
    previous = None
    while previous != t:
        previous, t = t, _EDGE.sub("", t).strip()
    return t


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (build.HERE / name).read_text().splitlines() if line.strip()]


def test_bare_strips_what_decorate_adds() -> None:
    assert bare("Hey bandleader make it faster, 110 BPM pls") == "make it faster 110 bpm"
    assert bare("undo the last two changes...") == "undo the last 2 changes"  # number words as digits


def test_no_test_request_was_seen_in_training_or_intents() -> None:
    examples = {
        bare(e) for spec in yaml.safe_load(INTENTS_FILE.read_text())["intents"].values()
        for e in spec.get("examples", [])
    }  # fmt: skip
    train = {bare(r["message"]) for r in _rows("train.jsonl")}
    test = _rows("test.jsonl")
    assert len(test) >= 400
    leaked = [r["message"] for r in test if bare(r["message"]) in examples | train]
    assert leaked == []


def test_committed_split_is_what_build_generates() -> None:
    train, test = build.build()
    assert [r["message"] for r in test] == [r["message"] for r in _rows("test.jsonl")]
    assert [r["message"] for r in train] == [r["message"] for r in _rows("train.jsonl")]


def test_issue_examples_are_training_phrasings() -> None:
    train = {bare(r["message"]) for r in _rows("train.jsonl")}
    test_families = {f.id for f in build.FAMILIES if f.test}
    for family, templates in build.SEEN_TEMPLATES.items():
        assert family in test_families
        assert not set(templates) & set(next(f for f in build.FAMILIES if f.id == family).templates)
    assert bare("undo the last two changes") in train
