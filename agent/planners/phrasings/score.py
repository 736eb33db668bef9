"""Scoring a plan against a labelled request: tool choice, arguments, clarifications.

Arguments are compared after both sides are made canonical, so that equivalent spellings count as
equal: 'Bb major' == 'A# major', 'the second verse' == 'verse 2', 'keys' == 'electric piano',
``change_bpm=10, direction='slower'`` == ``change_bpm=-10``, 'original' == 'version:1'. Defaults of
the tool's Input model, media references ('current', '@c1') and free-text arguments (a compose
prompt, a question) are left out. For compose, the tempo, key, length, style and instruments the
composer reads from the prompt count as given: a planner may pass them as arguments or in words; for
recommend, likewise the search filters the tool reads from its query (tempo range, length, mode, vocals),
and for video_rescore the energy and tempo the re-scorer reads from its request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agent.planners.slots import parse_key
from tools.base import ToolError
from tools.generation.compose.prompt import parse_duration_s, parse_tempo_bpm
from tools.generation.export_tool import formats_named
from tools.generation.instruments import ALIASES, find_instruments
from tools.generation.structure_edits import END_WORDS
from tools.generation.styles import find_style
from tools.generation.theory import named_tonic
from tools.recommend.query import SearchFilters, merge_filters, parse_query
from tools.registry import tool_class

FREE_TEXT: dict[str, set[str]] = {
    "compose": {"prompt", "theme", "title", "lyrics", "mood"},
    "answer_question": {"question", "other"},
    "score_video": {"prompt", "style", "mood"},
    "video_rescore": {"request"},
    "song_export": {"what"},
    "song_lyrics": {"lyrics"},
    "recommend": {"query"},
    "recommend_refine": {"request"},
}
"""Arguments holding the user's words: not compared (their effect is, where the tool reads them)."""

COMPOSE_FACTS = ("tempo_bpm", "key", "duration_s", "instruments", "style")
_VERSION_REF = re.compile(r"^(version:\d+|original|previous|upload:\d+|latest)$")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "one": 1, "two": 2, "three": 3, "four": 4}
_PC = {"C": 0, "C#": 1, "D": 2, "D#": 3, "E": 4, "F": 5, "F#": 6, "G": 7, "G#": 8, "A": 9, "A#": 10, "B": 11,
       "Db": 1, "Eb": 3, "Gb": 6, "Ab": 8, "Bb": 10}  # fmt: skip


def canonical_instrument(name: Any) -> Any:
    """The canonical instrument name ('keys' -> 'electric piano', 'vocals' -> 'voice')."""
    if not isinstance(name, str):
        return name
    key = re.sub(r"^(the|a|an|some)\s+", "", name.strip().lower())
    return ALIASES.get(key, key)


def canonical_track(name: Any) -> Any:
    """A track reference as the song tools resolve it: parts of the kit are the drums ('kick' ->
    'drums'), the singer is the voice, otherwise :func:`canonical_instrument`."""
    from tools.generation.edits import ROLE_WORDS

    if isinstance(name, str):
        key = re.sub(r"^(the|a|an|some)\s+", "", name.strip().lower())
        role = ROLE_WORDS.get(key)
        if role in ("drums", "bass"):
            return role
        if role == "lead_vocal":
            return "voice"
    return canonical_instrument(name)


def canonical_section(name: Any) -> Any:
    """'the second verse' -> 'verse 2', 'verse one' -> 'verse 1', 'choruses' -> 'chorus'; other words for a
    kind the song tools read as it (KIND_WORDS: 'breakdown' -> 'break', 'middle eight' -> 'bridge')."""
    from tools.generation.structure_edits import KIND_WORDS

    if not isinstance(name, str):
        return name
    s = re.sub(r"^(the|every|all the|all)\s+", "", name.strip().lower())
    m = re.fullmatch(r"(first|second|third|fourth)\s+(\w+)", s)
    if m:
        s = f"{m.group(2)} {_ORDINAL[m.group(1)]}"
    m = re.fullmatch(r"(\w+)\s+(one|two|three|four)", s)
    if m:
        s = f"{m.group(1)} {_ORDINAL[m.group(2)]}"
    kinds = ("chorus", "verse", "bridge", "intro", "outro", "solo")
    word = s.split(" ", 1)[0]
    for plural in ("es", "s"):  # 'choruses' -> 'chorus', 'verses' -> 'verse'
        if word.endswith(plural) and word[: -len(plural)] in kinds:
            s = word[: -len(plural)] + s[len(word) :]
            break
    s = s.replace("final ", "last ")
    kind, _, number = s.partition(" ")
    return f"{KIND_WORDS.get(kind, kind)} {number}".strip() if kind in KIND_WORDS else KIND_WORDS.get(s, s)


def _key_value(text: str) -> str | None:
    key = parse_key(text)
    if key is None:
        return None
    tonic, mode = key.split(" ")
    return f"{_PC[tonic]} {mode}"


def canonical_key_request(text: Any) -> Any:
    """A song_key request as 'PC mode' (pitch class 0-11), 'shift:+N' or 'mode:minor'."""
    if not isinstance(text, str):
        return text
    low = text.lower()
    key = _key_value(text)
    if key:
        return key
    n = None
    m = re.search(r"([+-]?\d+)\s*(?:semitones?|half[- ]steps?|st\b)?", low)
    if m and re.search(r"semitone|half|step|tone|up|down|\+|-", low):
        n = int(m.group(1))
    elif re.search(r"\bwhole (step|tone)\b|\ba tone\b|\bone tone\b", low):
        n = 2
    elif re.search(r"\b(semitone|half[- ]?step|half a step)\b", low):
        n = 1
    if n is not None:
        if re.search(r"\b(down|lower|drop)\b", low) and n > 0:
            n = -n
        return f"shift:{n:+d}"
    for mode in ("minor", "major"):
        if mode in low:
            return f"mode:{mode}"
    tonic = named_tonic(text)
    if tonic:
        return f"tonic:{_PC[tonic]}"
    return low.strip()


def _num(v: Any) -> Any:
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return round(float(v), 3)
    return v


def _version(v: Any) -> Any:
    return "version:1" if v == "original" else v


def canonical_arguments(tool: str, arguments: dict[str, Any], *, derive: bool = True) -> dict[str, Any]:
    """The arguments of one call in canonical form (see the module docstring). ``derive``: for
    compose, read tempo/key/length/style/instruments from the prompt when not given."""
    cls = tool_class(tool)
    fields = cls.Input.model_fields
    media = set(cls.artifact_fields()) | {k for k, v in arguments.items() if v == "current"}  # the session's
    out: dict[str, Any] = {}
    for name, value in arguments.items():
        if name not in fields or name == "check" or name in FREE_TEXT.get(tool, set()):
            continue
        if name in media and not (isinstance(value, str) and _VERSION_REF.match(value)):
            continue
        if name in media:
            value = _version(value)  # 'original' is version 1 wherever a version is named
        finfo = fields[name]
        default = None if finfo.is_required() else finfo.get_default(call_default_factory=True)
        if value == default or value is None:
            continue
        out[name] = value
    if tool == "compose":
        prompt = str(arguments.get("prompt") or "")
        if derive and prompt:
            out.setdefault("tempo_bpm", parse_tempo_bpm(prompt))
            out.setdefault("duration_s", parse_duration_s(prompt))
            if "key" not in out and parse_key(prompt):
                out["key"] = parse_key(prompt)
            if "instruments" not in out:
                out["instruments"] = [i.name for i in find_instruments(prompt)]
            if "style" not in out and find_style(prompt):
                out["style"] = prompt
        if out.get("key"):
            out["key"] = _key_value(str(out["key"])) or out["key"]
        if out.get("instruments"):
            out["instruments"] = sorted({canonical_instrument(i) for i in out["instruments"]})
        if out.get("style"):
            style = find_style(str(out["style"]))
            out["style"] = style.name if style else str(out["style"]).lower()
        out = {k: v for k, v in out.items() if k in COMPOSE_FACTS and v not in (None, [], "")}
    elif tool == "recommend":
        given = out.get("filters")
        filters = SearchFilters.model_validate(given) if isinstance(given, dict) else given
        query = str(arguments.get("query") or "")
        if derive and query:  # what the tool reads from the words counts as given
            try:
                filters = merge_filters(parse_query(query).filters, filters)
            except ToolError:  # a query the tool refuses (contradictory filters) reads none
                pass
        found = filters.model_dump(exclude_none=True) if isinstance(filters, SearchFilters) else {}
        found = {k: v for k, v in found.items() if v not in ([], "")}
        out.pop("filters", None)
        if found:
            out["filters"] = {k: _num(v) for k, v in sorted(found.items())}
    elif tool == "video_rescore":
        for k, v in _rescore_reads(str(arguments.get("request") or "")).items():
            out.setdefault(k, v)  # what the re-scorer reads from the words counts as given
    elif tool == "separate" and out.get("keep") and set(out["keep"]) <= {"vocals", "accompaniment"}:
        out.pop("layout", None)  # the voice or the rest plays the same from a two- or four-stem split
    elif tool == "song_inpaint" and "last_bar" in out and out["last_bar"] == out.get("first_bar"):
        out.pop("last_bar")  # one bar: last_bar defaults to first_bar
    elif tool == "time_stretch" and "change_bpm" in out and "direction" in out:
        v = abs(float(out["change_bpm"]))  # the tool signs the change by the direction
        out["change_bpm"] = -v if out.pop("direction") == "slower" else v
    elif tool == "song_tempo":
        direction = out.pop("direction", None)
        sign = -1 if direction == "slower" else 1
        amount = out.pop("amount", "normal")
        if "bpm" in out:
            out = {"bpm": out["bpm"]}
        elif "factor" in out:
            out = {"factor": out["factor"]}
        elif "change_bpm" in out:
            v = float(out["change_bpm"])
            out = {"change_bpm": -abs(v) if sign < 0 else v}
        elif "percent" in out:
            v = float(out["percent"])
            out = {"percent": -abs(v) if sign < 0 else v}
        else:
            out = {"direction": direction or "faster", "amount": amount}
    elif tool == "trim" and "end_s" in out and not out.get("start_s") and "duration_s" not in out:
        out["duration_s"] = out.pop("end_s")  # keeping 0..90 s is keeping the first 90 s
        out.pop("start_s", None)
    elif tool == "song_section":
        direction = out.pop("direction", None)  # the tool reads it only to sign change_bars, or alone
        if "change_bars" in out:
            v = int(out["change_bars"])
            out["change_bars"] = -abs(v) if direction == "shorter" else v
        elif "bars" not in out and "factor" not in out:
            out["direction"] = direction or "longer"
    elif tool == "song_key":
        out["key"] = canonical_key_request(arguments.get("key"))
    elif tool in ("song_instrument",):
        for k in ("instrument", "new_instrument"):
            if k in out:
                out[k] = canonical_instrument(out[k])
    elif tool in ("song_mix", "song_mute"):
        if "track" in out:
            out["track"] = canonical_track(out["track"])
    elif tool == "select_version":
        out["version"] = _version(out.get("version"))
    elif tool == "song_compare":
        for k in ("a", "b"):
            if k in out:
                out[k] = _version(out[k])
    elif tool == "song_export":
        what = str(arguments.get("what") or "")
        named = formats_named(what) if what else []
        out["formats"] = sorted(set(named or out.get("formats") or []))
    elif tool == "song_inpaint" and "parts" in out:
        out["parts"] = sorted(out["parts"])
    elif tool == "song_style" and isinstance(out.get("style"), str):
        style = find_style(out["style"])  # the tool reads 'jazzy' as jazz
        out["style"] = style.name if style else out["style"].lower()
    elif tool == "remix_stems":  # one stem with gain_db is that stem in gains_db (the tool reads both)
        from tools.editing.remix import stem_key

        gains = {stem_key(k): float(v) for k, v in (out.pop("gains_db", None) or {}).items()}
        stem, gain = out.pop("stem", None), out.pop("gain_db", None)
        if stem is not None:
            gains[stem_key(stem)] = 3.0 if gain is None else float(gain)
        if gains:
            out["gains_db"] = {k: _num(v) for k, v in sorted(gains.items())}
    elif tool == "effects":  # one effect with its amount is a chain of one (the tool reads both)
        from tools.editing.effects import Effect

        one = out.pop("effect", None)
        said = {"amount": out.pop("amount")} if "amount" in out else {}  # the tool's default otherwise
        chain = out.pop("effects", None) or ([{"name": one, **said}] if one else [])
        if chain:
            out["effects"] = [
                {k: _num(v) for k, v in Effect.model_validate(e).model_dump(exclude_defaults=True).items()}
                for e in chain
            ]
    elif tool == "pitch_shift" and isinstance(out.get("target_key"), str):
        out["target_key"] = _key_value(out["target_key"]) or out["target_key"]
    if tool == "song_move_section":
        for k in ("before", "after"):  # the tool reads 'end', 'the end' and 'last' alike
            if isinstance(out.get(k), str) and out[k].strip().lower() in END_WORDS:
                out[k] = "end"
    for k in ("section", "after", "before", "swap_with"):
        if k in out:
            out[k] = canonical_section(out[k])
    ordered = ("parts", "effects")  # lists whose order counts
    return {k: (sorted(v) if isinstance(v, list) and k not in ordered else _num(v)) for k, v in out.items()}


def _rescore_reads(request: str) -> dict[str, Any]:
    """The energy ('more' / 'less') and tempo (BPM) the re-scorer reads from its request in words
    (:func:`tools.video.tools.apply_edit`, which it applies with the arguments once, not twice)."""
    if not request:
        return {}
    from tools.video.cue import CueOptions
    from tools.video.tools import ENERGY_SAID, apply_edit

    options, done = apply_edit(CueOptions(), None, request)
    out: dict[str, Any] = {}
    energy = [way for way, said in ENERGY_SAID.items() if set(said) & set(done)]
    if energy:
        out["energy"] = energy[0]
    if options.tempo_bpm is not None:
        out["tempo_bpm"] = float(options.tempo_bpm)
    return out


def arguments_match(tool: str, expected: dict[str, Any], got: dict[str, Any]) -> bool:
    """True when ``got`` says what ``expected`` says (canonical forms equal; for compose, every fact
    the label states is what the composer will read from the call)."""
    want = canonical_arguments(tool, expected, derive=tool == "recommend")  # both read the same query
    have = canonical_arguments(tool, got)
    if tool == "compose":
        return all(have.get(k) == v for k, v in want.items())
    return want == have


@dataclass
class Verdict:
    """How one plan compares with its label."""

    tools_ok: bool
    arguments_ok: bool
    asked: bool
    should_ask: bool
    has_calls: bool

    @property
    def exact(self) -> bool:
        """Right tools, right arguments, and a question exactly when one was due."""
        return self.tools_ok and self.arguments_ok and self.asked == self.should_ask


def judge(label: dict[str, Any], plan: dict[str, Any]) -> Verdict:
    """Compare ``plan`` ({"calls": [{"tool", "arguments"}], "question": str|bool|None}) with a corpus row."""
    want = label["calls"]
    got = plan.get("calls") or []
    asked = bool(plan.get("question"))
    tools_ok = [c["tool"] for c in want] == [c["tool"] for c in got]
    if want and asked and not got:
        tools_ok = False
    if not want:
        tools_ok = not got
    args_ok = tools_ok and all(
        arguments_match(w["tool"], w["arguments"], g.get("arguments") or {})
        for w, g in zip(want, got, strict=False)
    )
    return Verdict(tools_ok, args_ok, asked, bool(label["question"]), bool(want))


ACCURACY_METRICS: tuple[str, ...] = (
    "tool_choice", "arguments", "clarification_precision", "clarification_recall", "no_call_ok", "exact",
)  # fmt: skip
"""The accuracy shares :func:`summarise` returns, in the order the benchmarks print them."""


def describe_failure(row: dict[str, Any], plan: dict[str, Any]) -> str:
    """One line for a planner miss: the request, its context, the wanted calls and question flag, and
    what the planner gave (for the benchmarks' failure lists)."""
    got = [(c["tool"], c["arguments"]) for c in plan["calls"]]
    want = [(c["tool"], c["arguments"]) for c in row["calls"]]
    return (f"{row['message']!r} ({row['context']}): want {want} q={row['question']} "
            f"got {got} q={bool(plan['question'])}")  # fmt: skip


def summarise(verdicts: list[Verdict], seconds: list[float]) -> dict[str, float]:
    """Accuracy figures (fractions 0-1) and latency (seconds) over one split:
    tool_choice (right tools, over requests that need calls), arguments (right arguments, over those
    with the right tools), clarification_precision / _recall (questions asked when one was due),
    no_call_ok (help / refusals / nonsense answered without calls), exact, p50_s, p95_s."""

    def frac(num: int, den: int) -> float:
        return num / den if den else float("nan")

    calls = [v for v in verdicts if v.has_calls]
    right_tools = [v for v in calls if v.tools_ok]
    asked = [v for v in verdicts if v.asked]
    due = [v for v in verdicts if v.should_ask]
    talk = [v for v in verdicts if not v.has_calls and not v.should_ask]
    ordered = sorted(seconds)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

    return {
        "tool_choice": frac(len(right_tools), len(calls)),
        "arguments": frac(sum(v.arguments_ok for v in right_tools), len(right_tools)),
        "clarification_precision": frac(sum(v.should_ask for v in asked), len(asked)),
        "clarification_recall": frac(sum(v.asked for v in due), len(due)),
        "no_call_ok": frac(sum(v.tools_ok and not v.asked for v in talk), len(talk)),
        "exact": frac(sum(v.exact for v in verdicts), len(verdicts)),
        "p50_s": pct(0.5),
        "p95_s": pct(0.95),
    }
