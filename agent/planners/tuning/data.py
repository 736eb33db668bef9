"""Training examples for the fine-tuned planner, generated from the registry and the phrasing corpus.

Sources (every example is checked against the tool's pydantic Input model):

- ``corpus``: every request of ``agent/planners/phrasings/train.jsonl`` (never ``test.jsonl``, the
  held-back split: :func:`build_examples` asserts that no training message is a test message).
  Clarifications get the intent's own question from intents.yaml; help, refusals, nonsense and
  thanks get a plain reply.
- ``compose_then_edit``: a compose request followed by an edit in the same message ("make a funk
  groove at 100 bpm, then put it in D minor") -> compose, then the edit.
- ``versions``: references to earlier versions ("the first one", "version 3", comparisons).
- ``arguments``: one request per tool argument the corpus never sets (units in the words).
- ``nonsense``: keyboard mashes and off-topic requests -> a plain reply, no calls.

Each example is exactly the LLM planner's request (:mod:`agent.planners.llm.prompt`: its system
prompt and session line, the user's message, the compact ``tools`` its Tool RAG selects, with any
gold tool it missed added) and the assistant's answer. Deterministic for a given seed.

Run: ``python -m agent.planners.tuning.data OUT.jsonl [--seed 13]``.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from agent.plan import ToolCall
from agent.planners.llm.prompt import assistant_message, build_messages, compact_tool_schemas, select_tools
from agent.planners.local import default_local_planner
from agent.planners.slots import normalise_text
from tools.registry import tool_class, tool_names

CORPUS = Path(__file__).resolve().parents[1] / "phrasings"
SEED = 13

REPLIES = {
    "help": "I can compose songs and edit them (tempo, key, instruments, mix, sections, lyrics), analyse, "
    "caption and edit audio, and score videos with music.",
    "nonsense": "Sorry, I didn't understand that. You could say 'make a lo-fi beat' or 'make it faster'.",
    "inject": "I can't do that. I can help with your music: composing, editing and analysing.",
    "delete": "I can't delete anything, but every version is kept and you can go back to any of them.",
    "thanks": "You're welcome!",
}
GENERIC_QUESTION = "What exactly should I change? For example: 'make it faster' or 'put it in D minor'."

Example = dict[str, Any]


def _norm(text: str) -> str:
    return normalise_text(text).strip().lower()


def load_split(split: str) -> list[dict[str, Any]]:
    """The rows of the phrasing corpus ``split`` ('train' or 'test')."""
    return [json.loads(line) for line in (CORPUS / f"{split}.jsonl").read_text().splitlines() if line.strip()]


def validate_calls(calls: list[dict[str, Any]]) -> None:
    """Raise ValueError when a call's tool or arguments do not fit the registry's Input model."""
    for call in calls:
        cls = tool_class(call["tool"])
        cls.Input.model_validate(call["arguments"])


def _question_for(message: str, context: str) -> str:
    local = default_local_planner()
    intent, _ = local.classify(message, local.session_contexts(_session(context)))
    if intent is None:
        return GENERIC_QUESTION
    spec = local._ask_spec(intent, local.fill(intent, message)) or intent.ask
    return str(spec["question"]) if spec and spec.get("question") else GENERIC_QUESTION


def _session(context: str) -> Any:
    from agent.planners.dry_run import fake_session

    return fake_session(context)


# ---- generated requests -----------------------------------------------------------------------
_COMPOSE = [
    ("make a {dur} second {style} groove in {key} at {bpm} bpm", ["style", "key", "tempo_bpm", "duration_s"]),
    ("write a {style} song at {bpm} BPM", ["style", "tempo_bpm"]),
    ("compose something {style} in {key}", ["style", "key"]),
    ("can you make me a {dur}s {style} track", ["style", "duration_s"]),
    ("give me a short {style} tune in {key}, about {bpm} bpm", ["style", "key", "tempo_bpm"]),
]
_EDITS = [
    ("then put it in {key2}", "song_key", lambda v: {"key": v["key2"]}),
    ("then make it {bpm2} bpm", "song_tempo", lambda v: {"bpm": float(v["bpm2"])}),
    ("and then add a {inst}", "song_instrument", lambda v: {"action": "add", "instrument": v["inst"]}),
    ("then make the drums louder", "song_mix", lambda v: {"track": "drums", "gain_db": 3.0}),
    ("and after that make it a bit slower", "song_tempo", lambda v: {"direction": "slower", "amount": "bit"}),
    ("then take the {inst} out", "song_instrument", lambda v: {"action": "remove", "instrument": v["inst"]}),
]
_STYLES = [
    "funk",
    "jazz",
    "pop",
    "rock",
    "lo-fi hip-hop",
    "house",
    "ambient",
    "folk",
    "bossa nova",
    "cinematic",
]
_KEYS = ["C major", "D minor", "E minor", "F major", "G major", "A minor", "Bb major", "F# minor", "Eb major"]
_INSTS = ["piano", "organ", "violin", "flute", "trumpet", "cello", "guitar", "saxophone"]


def compose_then_edit(rng: random.Random, n: int) -> Iterator[Example]:
    """``n`` requests that compose a song and edit it in the same message (two calls, in order)."""
    for _ in range(n):
        v = {
            "style": rng.choice(_STYLES),
            "key": rng.choice(_KEYS),
            "key2": rng.choice(_KEYS),
            "bpm": rng.randrange(70, 160),
            "bpm2": rng.randrange(60, 170),
            "dur": rng.choice([15, 20, 30, 45]),
            "inst": rng.choice(_INSTS),
        }
        template, facts = rng.choice(_COMPOSE)
        edit, tool, args = rng.choice(_EDITS)
        first = template.format(**v)
        message = f"{first}, {edit.format(**v)}"
        compose_args: dict[str, Any] = {"prompt": first}
        names = {"style": "style", "key": "key", "tempo_bpm": "bpm", "duration_s": "dur"}
        for fact in facts:
            value = v[names[fact]]
            compose_args[fact] = float(value) if fact in ("tempo_bpm", "duration_s") else value
        yield {
            "message": message,
            "context": rng.choice(["none", "none", "audio"]),
            "calls": [{"tool": "compose", "arguments": compose_args}, {"tool": tool, "arguments": args(v)}],
            "family": "compose_then_edit",
        }


_ORD = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def version_references(rng: random.Random, n: int) -> Iterator[Example]:
    """``n`` requests naming earlier versions ('the first one', 'version 3', 'compare 2 and 4')."""
    forms = [
        ("go back to version {a}", lambda a, b: [("select_version", {"version": f"version:{a}"})]),
        ("actually let's use the {oa} one", lambda a, b: [("select_version", {"version": f"version:{a}"})]),
        ("restore the {oa} version", lambda a, b: [("select_version", {"version": f"version:{a}"})]),
        ("go back to the original", lambda a, b: [("select_version", {"version": "version:1"})]),
        (
            "compare version {a} with version {b}",
            lambda a, b: [("song_compare", {"a": f"version:{a}", "b": f"version:{b}"})],
        ),
        (
            "what changed between {a} and {b}?",
            lambda a, b: [("song_compare", {"a": f"version:{a}", "b": f"version:{b}"})],
        ),
        ("show me all the versions", lambda a, b: [("list_versions", {})]),
        ("undo that", lambda a, b: [("undo", {})]),
        ("undo the last {wa} changes", lambda a, b: [("undo", {})] * a),
        ("redo it", lambda a, b: [("redo", {})]),
    ]
    words = {2: "two", 3: "three", 4: "four"}
    for _ in range(n):
        a, b = rng.sample([1, 2, 3, 4], 2)
        template, make = rng.choice(forms)
        if "{wa}" in template:
            a = max(a, 2)
        message = template.format(a=a, b=b, oa=_ORD[a], wa=words.get(a, str(a)))
        calls = [{"tool": t, "arguments": dict(args)} for t, args in make(a, b)]
        yield {"message": message, "context": "song", "calls": calls, "family": "versions"}


def argument_requests(rng: random.Random, n_each: int) -> Iterator[Example]:
    """Requests setting arguments the corpus rarely sets, with their units in words."""
    forms = [
        (
            "normalize it to {lufs} LUFS",
            "audio",
            "normalize_loudness",
            lambda v: {"target_lufs": float(-v["lufs"])},
            {"lufs": (10, 24)},
        ),
        (
            "make it louder to minus {lufs} LUFS",
            "audio",
            "normalize_loudness",
            lambda v: {"target_lufs": float(-v["lufs"])},
            {"lufs": (10, 24)},
        ),
        (
            "resample it to {sr} Hz",
            "audio",
            "convert",
            lambda v: {"sample_rate": v["sr"]},
            {"sr": [22050, 44100, 48000]},
        ),
        (
            "pan the {inst} all the way left",
            "song",
            "song_mix",
            lambda v: {"track": v["inst"], "pan": -1.0},
            {},
        ),
        ("pan the {inst} right", "song", "song_mix", lambda v: {"track": v["inst"], "pan": 1.0}, {}),
        (
            "give me {n} variations of the chorus",
            "song",
            "song_variations",
            lambda v: {"n": v["n"], "section": "chorus"},
            {"n": (2, 5)},
        ),
        (
            "make it {sec} seconds longer",
            "song",
            "song_extend",
            lambda v: {"seconds": float(v["sec"])},
            {"sec": (5, 40)},
        ),
        (
            "add {bars} more bars at the end",
            "song",
            "song_extend",
            lambda v: {"bars": v["bars"]},
            {"bars": (2, 16)},
        ),
        (
            "redo bars {a} to {b}",
            "song",
            "song_inpaint",
            lambda v: {"first_bar": v["a"], "last_bar": v["a"] + 3},
            {"a": (1, 12)},
        ),
        ("turn it down {db} dB", "audio", "gain", lambda v: {"gain_db": float(-v["db"])}, {"db": (1, 12)}),
        ("fade in over {s} seconds", "audio", "fade", lambda v: {"fade_in_s": float(v["s"])}, {"s": (1, 8)}),
        (
            "fade out the last {s} seconds",
            "audio",
            "fade",
            lambda v: {"fade_out_s": float(v["s"])},
            {"s": (1, 10)},
        ),
    ]
    for template, context, tool, make, ranges in forms:
        for _ in range(n_each):
            v: dict[str, Any] = {"inst": rng.choice([*_INSTS, "drums", "bass"])}
            for name, spec in ranges.items():
                v[name] = rng.choice(spec) if isinstance(spec, list) else rng.randrange(spec[0], spec[1] + 1)
            v.setdefault("b", v.get("a", 1) + 3)
            message = template.format(**v)
            yield {
                "message": message,
                "context": context,
                "calls": [{"tool": tool, "arguments": make(v)}],
                "family": f"arg_{tool}",
            }


def nonsense_requests(rng: random.Random, n: int) -> Iterator[Example]:
    """Keyboard mashes and off-topic asks: no call, a plain reply."""
    off_topic = [
        "what's the capital of france",
        "book me a flight",
        "write my essay",
        "what's 2+2",
        "order a pizza",
        "tell me the weather tomorrow",
        "hack my neighbour's wifi",
    ]
    letters = "asdfghjklqwertyuiopzxcvbnm"
    for i in range(n):
        if i % 3 == 0:
            message = rng.choice(off_topic)
        else:
            message = " ".join(
                "".join(rng.choice(letters) for _ in range(rng.randrange(3, 9)))
                for _ in range(rng.randrange(1, 4))
            )
        yield {
            "message": message,
            "context": rng.choice(["none", "song", "audio"]),
            "calls": [],
            "family": "nonsense_generated",
        }


# ---- assembling -------------------------------------------------------------------------------
def target_text(row: dict[str, Any]) -> str | None:
    """The assistant's plain text for a row without calls: the question, or the reply."""
    if row["calls"]:
        return None
    if row.get("question"):
        return _question_for(row["message"], row["context"])
    family = row["family"]
    return REPLIES.get(family, REPLIES["nonsense"] if "nonsense" in family else REPLIES["thanks"])


def prompt_tools(row: dict[str, Any]) -> list[str]:
    """Tool names for the prompt of ``row``: what the LLM planner's Tool RAG selects
    (:func:`agent.planners.llm.prompt.select_tools`), plus any gold tool it missed, in registry order
    (so a tool's position says nothing)."""
    chosen = set(select_tools(row["message"], row["context"])) | {c["tool"] for c in row["calls"]}
    return [n for n in tool_names() if n in chosen]


def to_example(row: dict[str, Any], tools: list[str]) -> Example:
    """One training example: exactly the LLM planner's request (its messages and compact ``tools``)
    and the assistant's answer (tool calls with JSON-string arguments, or text)."""
    messages = build_messages(row["message"], row["context"])
    calls = [
        ToolCall(id=f"c{i + 1}", tool=c["tool"], arguments=c["arguments"]) for i, c in enumerate(row["calls"])
    ]
    messages.append(assistant_message(calls, None if calls else target_text(row)))
    return {
        "messages": messages,
        "tools": compact_tool_schemas(tools),
        "family": row["family"],
        "context": row["context"],
    }


def generated_rows(seed: int = SEED) -> list[dict[str, Any]]:
    """The generated (not corpus) rows, deterministic for ``seed``."""
    rng = random.Random(seed)
    rows = [
        *compose_then_edit(rng, 240),
        *version_references(rng, 160),
        *argument_requests(rng, 12),
        *nonsense_requests(rng, 60),
    ]
    for row in rows:
        row.setdefault("question", False)
    return rows


def build_examples(seed: int = SEED, limit: int | None = None) -> list[Example]:
    """All training examples (corpus train split + generated), shuffled with ``seed``. Generated rows
    that happen to equal a held-back test message are dropped; a corpus train row equal to one raises
    AssertionError (the split must be clean)."""
    test_messages = {_norm(r["message"]) for r in load_split("test")}
    corpus = load_split("train")
    overlap = [r["message"] for r in corpus if _norm(r["message"]) in test_messages]
    assert not overlap, f"train.jsonl shares {len(overlap)} messages with test.jsonl, e.g. {overlap[:3]}"
    generated = [r for r in generated_rows(seed) if _norm(r["message"]) not in test_messages]
    rows = corpus + generated
    seen: set[tuple[str, str]] = set()
    unique = []
    for row in rows:
        key = (_norm(row["message"]), row["context"])
        if key not in seen:
            seen.add(key)
            unique.append(row)
    rng = random.Random(seed)
    rng.shuffle(unique)
    unique = unique[:limit] if limit else unique
    out = []
    for row in unique:
        validate_calls(row["calls"])
        out.append(to_example(row, prompt_tools(row)))
    return out


def write_jsonl(examples: list[Example], path: Path) -> Path:
    """Write ``examples`` one JSON object per line to ``path``; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in examples))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the planner's training examples as JSONL.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    examples = build_examples(args.seed)
    write_jsonl(examples, args.out)
    families = {e["family"] for e in examples}
    print(f"{len(examples)} examples, {len(families)} families, {len(tool_names())} tools -> {args.out}")


if __name__ == "__main__":
    main()
