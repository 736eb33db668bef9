"""Turn an ``Expect`` into checks and evaluate them against what a turn did.

``plan_checks(expect)`` lists the checks an expectation asks for (one per key given, one per pinned
argument); ``run_checks(expect, observation)`` evaluates them. Checks of turns that never ran (the
scenario stopped earlier) are reported as failed with :meth:`Check.not_run`, never as passed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from evals.measure import Measurer, NotMeasurableError
from evals.results import CheckCategory, CheckResult
from evals.scenario import Count, Expect, KeyExpect, Near

if TYPE_CHECKING:
    from agent.agent import TurnResult
    from tools.base import ArtifactInfo


@dataclass
class TurnObservation:
    """What the checks of turn ``turn`` look at.

    ``currents`` holds the id of the session's current artifact after each turn so far (index 0 is
    turn 1, the last entry is this turn); ``history`` is every version in the session after the turn.
    """

    turn: int
    result: TurnResult
    history: list[ArtifactInfo]
    currents: list[str | None]
    measurer: Measurer = field(default_factory=Measurer)


Outcome = tuple[bool, str | None, str]
"""(passed, actual value as text, reason it failed or "")."""


@dataclass(frozen=True)
class Check:
    """One named check with a description of what it expects and how to evaluate it."""

    category: CheckCategory
    name: str
    expected: str
    evaluate: Callable[[TurnObservation], Outcome]

    def run(self, obs: TurnObservation) -> CheckResult:
        """Evaluate against ``obs``; an unexpected exception is a failed check, not a crash."""
        try:
            passed, actual, reason = self.evaluate(obs)
        except NotMeasurableError as exc:
            passed, actual, reason = False, None, exc.reason
        except Exception as exc:
            passed, actual, reason = False, None, f"check raised {type(exc).__name__}: {exc}"
        return CheckResult(
            turn=obs.turn,
            category=self.category,
            name=self.name,
            passed=passed,
            expected=self.expected,
            actual=actual,
            reason="" if passed else reason,
        )

    def not_run(self, turn: int, reason: str) -> CheckResult:
        """The failed result of a check whose turn never ran."""
        return CheckResult(
            turn=turn,
            category=self.category,
            name=self.name,
            passed=False,
            expected=self.expected,
            reason=reason,
        )


# --------------------------------------------------------------------------- helpers

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_MINUS = "-\u2212"


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text``, in order. A minus sign right before a number makes it
    negative unless it follows a letter or digit ("10-20" reads as 10 and 20)."""
    found: list[float] = []
    for m in _NUMBER.finditer(text):
        value = float(m.group())
        i = m.start()
        if i > 0 and text[i - 1] in _MINUS and (i == 1 or not text[i - 2].isalnum()):
            value = -value
        found.append(value)
    return found


_KEY = re.compile(r"^([a-g])\s*([#\u266fb\u266d]?)\s*(m|min|minor|maj|major)?$")


def normalise_key(text: str) -> str:
    """A key in one spelling: "Dm", "d min", "D minor" -> "D minor"; "F#" -> "F# major"."""
    raw = " ".join(str(text).split())
    m = _KEY.match(raw.lower()) if raw else None
    if not m:
        return raw.lower()
    note, accidental, mode = m.groups()
    accidental = {"\u266f": "#", "\u266d": "b"}.get(accidental, accidental)
    quality = "minor" if mode in ("m", "min", "minor") else "major"
    return f"{note.upper()}{accidental} {quality}"


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if math.isfinite(value) else str(value)
    return str(value)


def _near(near: Near, value: float, unit: str) -> Outcome:
    text = f"{_fmt(value)}{unit}"
    if near.holds(value):
        return True, text, ""
    return False, text, f"{_fmt(value)}{unit} is outside {near.describe()}{unit}"


def _current(obs: TurnObservation) -> ArtifactInfo:
    if obs.result.current is None:
        raise NotMeasurableError("the session has no current artifact")
    return obs.result.current


def _arg_matches(expected: Any, actual: Any) -> bool:
    def number(x: Any) -> bool:
        return isinstance(x, int | float) and not isinstance(x, bool)

    if isinstance(expected, Near):
        return number(actual) and expected.holds(float(actual))
    if number(expected) and number(actual):
        return math.isclose(float(expected), float(actual), rel_tol=1e-9, abs_tol=1e-9)
    return bool(expected == actual)


def _called(obs: TurnObservation) -> list[str]:
    return [c.name for c in obs.result.tool_calls]


# --------------------------------------------------------------------------- per section


def _ok_checks(expected: bool) -> list[Check]:
    def ev(obs: TurnObservation) -> Outcome:
        ok = obs.result.ok
        return ok == expected, str(ok).lower(), f"the turn's ok was {str(ok).lower()}"

    return [Check("ok", "ok", str(expected).lower(), ev)]


def _tools_checks(expect: Expect) -> list[Check]:
    tools = expect.tools
    if tools is None:
        return []
    checks: list[Check] = []
    if tools.include is not None:
        include = list(tools.include)

        def ev_include(obs: TurnObservation) -> Outcome:
            called = _called(obs)
            shown = ", ".join(called) or "(no call)"
            if not include:
                return not called, shown, f"expected no tool call, got {shown}"
            missing = [t for t in include if t not in called]
            return not missing, shown, f"not called: {', '.join(missing)}"

        checks.append(Check("tools", "include", ", ".join(include) or "no tool call", ev_include))
    if tools.exclude:
        exclude = list(tools.exclude)

        def ev_exclude(obs: TurnObservation) -> Outcome:
            called = _called(obs)
            bad = [t for t in exclude if t in called]
            return not bad, ", ".join(called) or "(no call)", f"called although excluded: {', '.join(bad)}"

        checks.append(Check("tools", "exclude", "none of " + ", ".join(exclude), ev_exclude))
    if tools.sequence is not None:
        sequence = list(tools.sequence)

        def ev_sequence(obs: TurnObservation) -> Outcome:
            called = _called(obs)
            shown = " -> ".join(called) or "(no call)"
            return called == sequence, shown, f"calls were {shown}"

        checks.append(Check("tools", "sequence", " -> ".join(sequence) or "no tool call", ev_sequence))
    for tool, pins in tools.args.items():
        for arg, want in pins.items():
            checks.append(_arg_check(tool, arg, want, pins))
    return checks


def _arg_check(tool: str, arg: str, want: Any, pins: dict[str, Any]) -> Check:
    expected = want.describe() if isinstance(want, Near) else repr(want)

    def ev(obs: TurnObservation) -> Outcome:
        calls = [c for c in obs.result.tool_calls if c.name == tool]
        if not calls:
            return False, None, f"{tool} was not called"

        def score(call: Any) -> int:  # the call matching most pins is the one the pins describe
            return sum(a in call.arguments and _arg_matches(w, call.arguments[a]) for a, w in pins.items())

        best = max(calls, key=score)
        if arg not in best.arguments:
            return False, None, f"{tool} was called without {arg}"
        got = best.arguments[arg]
        return _arg_matches(want, got), repr(got), f"{tool}({arg}={got!r}), expected {expected}"

    return Check("tools", f"args.{tool}.{arg}", expected, ev)


def _reply_checks(expect: Expect) -> list[Check]:
    reply = expect.reply
    if reply is None:
        return []
    checks: list[Check] = []

    def excerpt(obs: TurnObservation) -> str:
        text = obs.result.reply
        return text if len(text) <= 160 else text[:157] + "..."

    if reply.contains_any:
        words = list(reply.contains_any)

        def ev_any(obs: TurnObservation) -> Outcome:
            low = obs.result.reply.lower()
            return any(w.lower() in low for w in words), excerpt(obs), "none of these is in the reply"

        checks.append(Check("reply", "contains_any", "any of " + repr(words), ev_any))
    if reply.contains_all:
        words_all = list(reply.contains_all)

        def ev_all(obs: TurnObservation) -> Outcome:
            low = obs.result.reply.lower()
            missing = [w for w in words_all if w.lower() not in low]
            return not missing, excerpt(obs), f"missing from the reply: {missing!r}"

        checks.append(Check("reply", "contains_all", "all of " + repr(words_all), ev_all))
    if reply.not_contains:
        banned = list(reply.not_contains)

        def ev_not(obs: TurnObservation) -> Outcome:
            low = obs.result.reply.lower()
            present = [w for w in banned if w.lower() in low]
            return not present, excerpt(obs), f"in the reply although banned: {present!r}"

        checks.append(Check("reply", "not_contains", "none of " + repr(banned), ev_not))
    if reply.regex is not None:
        pattern = re.compile(reply.regex, re.IGNORECASE)

        def ev_regex(obs: TurnObservation) -> Outcome:
            m = pattern.search(obs.result.reply)
            return m is not None, m.group(0) if m else excerpt(obs), f"/{pattern.pattern}/ does not match"

        checks.append(Check("reply", "regex", f"/{reply.regex}/i", ev_regex))
    if reply.number is not None:
        near = reply.number

        def ev_number(obs: TurnObservation) -> Outcome:
            values = numbers_in(obs.result.reply)
            hits = [v for v in values if near.holds(v)]
            shown = ", ".join(_fmt(v) for v in values) or "(no number)"
            return bool(hits), shown, f"no number in the reply is within {near.describe()}"

        checks.append(Check("reply", "number", "a number within " + near.describe(), ev_number))
    if reply.choice is not None:
        checks.append(_choice_check(reply.choice))
    return checks


_LETTER = re.compile(r"\(([A-H])\)")
_ANSWER_LETTER = re.compile(r"\b(?:answer|option)\s*(?:is\s*)?:?\s*\(?([A-H])\b\)?")


def chosen_options(reply: str) -> list[str]:
    """The option letters a reply picks: every distinct "(X)" it writes, else the X of "Answer: X"."""
    letters = sorted(set(_LETTER.findall(reply)))
    if letters:
        return letters
    m = _ANSWER_LETTER.search(reply)
    return [m.group(1)] if m else []


def _choice_check(want: str) -> Check:
    def ev(obs: TurnObservation) -> Outcome:
        got = chosen_options(obs.result.reply)
        shown = ", ".join(got) or "(no option)"
        if len(got) > 1:
            return False, shown, f"the reply names several options ({shown}), not one"
        return got == [want], shown, f"the reply picks {shown}, expected {want}"

    return Check("reply", "choice", want, ev)


def _measured_near(name: str, near: Near, unit: str) -> Check:
    def ev(obs: TurnObservation) -> Outcome:
        value = obs.measurer.measure(name, _current(obs))
        return _near(near, float(value), unit)

    return Check("artifact", name, near.describe() + unit, ev)


def _measured_equal(name: str, want: Any, compare: Callable[[Any, Any], bool] | None = None) -> Check:
    def ev(obs: TurnObservation) -> Outcome:
        value = obs.measurer.measure(name, _current(obs))
        same = compare(want, value) if compare else value == want
        return same, _fmt(value), f"measured {_fmt(value)}, expected {want}"

    return Check("artifact", name, str(want), ev)


def _measured_subset(name: str, want: list[str]) -> Check:
    def ev(obs: TurnObservation) -> Outcome:
        value = list(obs.measurer.measure(name, _current(obs)))
        missing = [w for w in want if w not in value]
        return not missing, ", ".join(value) or "(none)", f"missing {name}: {', '.join(missing)}"

    return Check("artifact", name, ", ".join(want), ev)


def _key_check(key: KeyExpect) -> Check:
    def ev(obs: TurnObservation) -> Outcome:
        value = str(obs.measurer.measure("key", _current(obs)))
        want = key.target
        same = normalise_key(value) == normalise_key(want)
        return same, value, f"measured {value}, expected {want}"

    try:
        expected = key.target
    except ValueError as exc:
        expected = str(exc)
    return Check("artifact", "key", expected, ev)


def _new_check(want: bool) -> Check:
    def ev(obs: TurnObservation) -> Outcome:
        current = _current(obs)
        uploads = {a.id for a in obs.result.attachments}
        made = {a.id for a in obs.result.artifacts if a.id not in uploads}
        is_new = current.id in made
        actual = f"v{current.version} ({'made this turn' if is_new else 'not made this turn'})"
        return is_new == want, actual, "a new version was expected" if want else "no new version was expected"

    return Check("artifact", "new", "made this turn" if want else "not made this turn", ev)


def _artifact_checks(expect: Expect) -> list[Check]:
    art = expect.artifact
    if art is None:
        return []
    checks: list[Check] = []
    if art.kind is not None:
        checks.append(_measured_equal("kind", art.kind))
    if art.duration_s is not None:
        checks.append(_measured_near("duration_s", art.duration_s, " s"))
    if art.tempo_bpm is not None:
        checks.append(_measured_near("tempo_bpm", art.tempo_bpm, " BPM"))
    if art.key is not None:
        checks.append(_key_check(art.key))
    if art.loudness_lufs is not None:
        checks.append(_measured_near("loudness_lufs", art.loudness_lufs, " LUFS"))
    if art.stems is not None:
        checks.append(_measured_subset("stems", list(art.stems)))
    if art.streams is not None:
        checks.append(_measured_subset("streams", list(art.streams)))
    if art.new is not None:
        checks.append(_new_check(art.new))
    if art.channels is not None:
        checks.append(_measured_equal("channels", art.channels))
    if art.sample_rate_hz is not None:
        checks.append(_measured_equal("sample_rate_hz", art.sample_rate_hz))
    if art.meter is not None:
        checks.append(_measured_equal("meter", art.meter.replace(" ", "")))
    if art.format is not None:
        fmt = art.format.lower()
        checks.append(_measured_equal("format", fmt, lambda want, names: want in names))
    return checks


def _state_checks(expect: Expect) -> list[Check]:
    state = expect.state
    if state is None:
        return []
    checks: list[Check] = []
    if state.versions is not None:
        count: Count = state.versions

        def ev_versions(obs: TurnObservation) -> Outcome:
            n = sum(a.companion_of is None for a in obs.history)  # a mix's project JSON is not a version
            return count.holds(n), str(n), f"{n} versions, expected {count.describe()}"

        checks.append(Check("state", "versions", count.describe(), ev_versions))
    if state.current_is_turn is not None:
        n_turn = state.current_is_turn

        def ev_turn(obs: TurnObservation) -> Outcome:
            versions = {a.id: a.version for a in obs.history}
            now = obs.currents[-1]
            then = obs.currents[n_turn - 1] if n_turn <= len(obs.currents) else None

            def show(i: str | None) -> str:
                return f"v{versions[i]}" if i in versions else "(nothing)"

            same = now is not None and now == then
            return same, show(now), f"current is {show(now)}; after turn {n_turn} it was {show(then)}"

        checks.append(Check("state", "current_is_turn", f"the version current after turn {n_turn}", ev_turn))
    if state.current_version is not None:
        want = state.current_version

        def ev_version(obs: TurnObservation) -> Outcome:
            current = obs.result.current
            got = current.version if current else None
            return got == want, f"v{got}" if got else "(nothing)", f"current is v{got}, expected v{want}"

        checks.append(Check("state", "current_version", f"v{want}", ev_version))
    return checks


def plan_checks(expect: Expect | None) -> list[Check]:
    """Every check ``expect`` asks for, in a stable order: ok, tools, reply, artifact, state."""
    if expect is None:
        return []
    checks = _ok_checks(expect.ok) if expect.ok is not None else []
    return (
        checks
        + _tools_checks(expect)
        + _reply_checks(expect)
        + _artifact_checks(expect)
        + _state_checks(expect)
    )


def run_checks(expect: Expect | None, obs: TurnObservation) -> list[CheckResult]:
    """Evaluate every check of ``expect`` against one turn's observation."""
    return [c.run(obs) for c in plan_checks(expect)]
