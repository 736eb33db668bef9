"""The scenario contract: what one YAML scenario file may say, as pydantic models.

A scenario is a list of user turns; each turn may carry expectations (``expect``) about the turn's
success, the tools called, the reply, the session's current artifact and the session's state. Every
key is optional; all checks given must hold. See ``evals/README.md`` for the documented format.

Validation needs a context for the parts that depend on the scenario's folder: ``base_dir`` (the
YAML file's folder, for attachments and sidecar annotation files) and ``sidecars`` (a cache dict).
Without it (models built in code) attachments are not checked and ``near_from`` stays unresolved.
Tool names are always checked against the registry (``tools.registry``), the one source of truth.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

SCENARIO_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
"""Scenario ids double as session ids and folder names: 1-64 letters, digits, '_', '.', '-'."""


class StrictModel(BaseModel):
    """Base of every scenario model: unknown keys are errors (typos must not silently pass)."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- tool names


def _known_tool(name: str) -> str:
    from tools.registry import tool_names

    known = tool_names()
    if name not in known:
        raise ValueError(f"unknown tool {name!r}; registered tools: {', '.join(known)}")
    return name


ToolName = Annotated[str, AfterValidator(_known_tool)]
"""A tool name that must be registered in ``tools.registry``."""


# --------------------------------------------------------------------------- sidecar values


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context if isinstance(info.context, dict) else {}


def read_sidecar(path: Path, cache: dict[Path, Any] | None = None) -> Any:
    """The parsed content of a sidecar annotation file (``.json``, ``.yaml`` or ``.yml``)."""
    path = path.resolve()
    if cache is not None and path in cache:
        return cache[path]
    if not path.is_file():
        raise ValueError(f"sidecar file {str(path)!r} does not exist")
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) if path.suffix in (".yaml", ".yml") else json.loads(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"sidecar file {path.name} is not valid {path.suffix[1:].upper()}: {exc}") from exc
    if cache is not None:
        cache[path] = data
    return data


def sidecar_field(data: Any, dotted: str, file_name: str) -> Any:
    """The value at ``dotted`` ("a.b.0") inside sidecar ``data``; ValueError naming what is missing.

    Keys that contain dots themselves (file names such as "Cb-ord-A2-mf-2c-N.wav") are matched whole:
    at each level the longest run of parts that is a key wins."""
    value = data
    parts = dotted.split(".")
    i = 0
    while i < len(parts):
        if isinstance(value, dict):
            for j in range(len(parts), i, -1):
                key = ".".join(parts[i:j])
                if key in value:
                    value, i = value[key], j
                    break
            else:
                raise ValueError(f"sidecar file {file_name} has no field {dotted!r}")
        elif isinstance(value, list) and parts[i].isdigit() and int(parts[i]) < len(value):
            value, i = value[int(parts[i])], i + 1
        else:
            raise ValueError(f"sidecar file {file_name} has no field {dotted!r}")
    return value


class ValueFrom(StrictModel):
    """Where a ground-truth value comes from: a field of a sidecar annotation file."""

    file: str = Field(description="JSON or YAML file, relative to the scenario's YAML file.")
    field: str = Field(description="Dotted path of the value inside the file, e.g. 'tempo_bpm' or 'a.b'.")

    def read(self, info: ValidationInfo) -> Any | None:
        """The value, when validation has a ``base_dir`` context; None otherwise."""
        ctx = _context(info)
        base = ctx.get("base_dir")
        if base is None:
            return None
        data = read_sidecar(Path(base) / self.file, ctx.setdefault("sidecars", {}))
        return sidecar_field(data, self.field, self.file)

    def describe(self) -> str:
        """``file:field``, for reports."""
        return f"{self.file}:{self.field}"


# --------------------------------------------------------------------------- tolerances


class Near(StrictModel):
    """A number expected within an explicit tolerance of a target.

    The target is ``near`` or a sidecar value (``near_from``); exactly one is given. The tolerance
    is ``tol`` (absolute, in the quantity's own unit) and/or ``tol_pct`` (percent of the target);
    at least one is given, and with both the wider band applies.
    """

    near: float | None = None
    near_from: ValueFrom | None = None
    tol: float | None = Field(None, ge=0, description="Absolute tolerance, in the quantity's unit.")
    tol_pct: float | None = Field(None, ge=0, description="Tolerance in percent of the target.")
    _resolved: float | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _one_target_and_a_tolerance(self, info: ValidationInfo) -> Near:
        if (self.near is None) == (self.near_from is None):
            raise ValueError("give exactly one of 'near' (a number) or 'near_from' ({file, field})")
        if self.tol is None and self.tol_pct is None:
            raise ValueError("give a tolerance: 'tol' (absolute) and/or 'tol_pct' (percent)")
        if self.near is not None:
            if not math.isfinite(self.near):
                raise ValueError("'near' must be a finite number")
            self._resolved = float(self.near)
        elif self.near_from is not None:
            value = self.near_from.read(info)
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                    raise ValueError(f"{self.near_from.describe()} is {value!r}, not a finite number")
                self._resolved = float(value)
        return self

    @property
    def target(self) -> float:
        """The target value; ValueError when it comes from a sidecar that was never read."""
        if self._resolved is None:
            raise ValueError(
                f"the target {self.near_from.describe() if self.near_from else '?'} was not resolved: "
                "load scenarios with evals.loader so sidecar files are read"
            )
        return self._resolved

    @property
    def band(self) -> float:
        """The allowed absolute deviation from the target (the wider of ``tol`` and ``tol_pct``)."""
        pct = abs(self.target) * (self.tol_pct or 0.0) / 100.0
        return max(self.tol or 0.0, pct)

    def holds(self, value: float) -> bool:
        """True when ``value`` is finite and within the band around the target."""
        return math.isfinite(value) and abs(value - self.target) <= self.band + 1e-9

    def describe(self) -> str:
        """E.g. ``72 ± 1.44 (2%)`` or ``-21.3 ± 0.2 (from song.json:loudness_lufs)``."""
        try:
            text = f"{self.target:g} ± {self.band:.3g}"
        except ValueError as exc:
            return str(exc)
        if self.tol_pct is not None:
            text += f" ({self.tol_pct:g}%)"
        if self.near_from is not None:
            text += f" (from {self.near_from.describe()})"
        return text


def _int_is_equals(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return {"equals": value}
    return value


class Count(StrictModel):
    """An integer count: ``{min, max}`` bounds and/or ``equals`` (a bare integer means equals)."""

    min: int | None = None
    max: int | None = None
    equals: int | None = None

    @model_validator(mode="after")
    def _something(self) -> Count:
        if self.min is None and self.max is None and self.equals is None:
            raise ValueError("give 'min', 'max' and/or 'equals'")
        return self

    def holds(self, value: int) -> bool:
        """True when ``value`` satisfies every bound given."""
        return (
            (self.min is None or value >= self.min)
            and (self.max is None or value <= self.max)
            and (self.equals is None or value == self.equals)
        )

    def describe(self) -> str:
        """E.g. ``>= 1``, ``1..3`` or ``== 2``."""
        if self.equals is not None:
            return f"== {self.equals}"
        if self.min is not None and self.max is not None:
            return f"{self.min}..{self.max}"
        return f">= {self.min}" if self.min is not None else f"<= {self.max}"


# --------------------------------------------------------------------------- expectations


ArgPin = Annotated[
    Annotated[Near, Tag("near")] | Annotated[Any, Tag("value")],
    Discriminator(lambda v: "near" if isinstance(v, dict | Near) else "value"),
]
"""A pinned argument: a plain value (numbers compare numerically) or a ``Near`` tolerance."""


class ToolsExpect(StrictModel):
    """Which tools the turn calls (names from the registry)."""

    include: list[ToolName] | None = Field(
        None, description="Each of these is called this turn. An explicit [] means: no tool is expected."
    )
    exclude: list[ToolName] = Field(default_factory=list, description="None of these is called.")
    sequence: list[ToolName] | None = Field(
        None, description="Extension: the calls made, in order, are exactly these."
    )
    args: dict[ToolName, dict[str, ArgPin]] = Field(
        default_factory=dict,
        description="Extension: pinned arguments, e.g. {normalize_loudness: {target_lufs: -14}}.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> ToolsExpect:
        from tools.registry import tool_class

        both = set(self.include or []) & set(self.exclude)
        if both:
            raise ValueError(f"tools both included and excluded: {', '.join(sorted(both))}")
        for tool, pins in self.args.items():
            fields = tool_class(tool).Input.model_fields
            unknown = [a for a in pins if a not in fields]
            if unknown:
                raise ValueError(
                    f"tool {tool!r} has no argument {', '.join(map(repr, unknown))}; "
                    f"its arguments: {', '.join(fields)}"
                )
        return self


def _compiles(pattern: str | None) -> str | None:
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from exc
    return pattern


class ReplyExpect(StrictModel):
    """Checks on the reply text. String checks are case-insensitive; the regex is searched with
    ``re.IGNORECASE``."""

    contains_any: list[str] = Field(default_factory=list)
    contains_all: list[str] = Field(default_factory=list)
    not_contains: list[str] = Field(default_factory=list)
    regex: Annotated[str | None, AfterValidator(_compiles)] = None
    number: Near | None = Field(None, description="Some number written in the reply is within tolerance.")
    choice: Annotated[str | None, Field(pattern=r"^[A-H]$")] = Field(
        None,
        description="Extension: multiple choice. The reply picks exactly this option letter: the only "
        "'(X)' letter it writes (or 'Answer: X').",
    )


def _key_is_equals(value: Any) -> Any:
    return {"equals": value} if isinstance(value, str) else value


class KeyExpect(StrictModel):
    """An expected musical key, e.g. "D minor" (or from a sidecar with ``equals_from``)."""

    equals: str | None = None
    equals_from: ValueFrom | None = None
    _resolved: str | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _one(self, info: ValidationInfo) -> KeyExpect:
        if (self.equals is None) == (self.equals_from is None):
            raise ValueError("give a key such as 'D minor', or {equals_from: {file, field}}")
        value = self.equals if self.equals is not None else self.equals_from.read(info)  # type: ignore[union-attr]
        if value is not None:
            if not isinstance(value, str):
                raise ValueError(f"the key must be text such as 'D minor', got {value!r}")
            self._resolved = value
        return self

    @property
    def target(self) -> str:
        """The expected key; ValueError when it comes from a sidecar that was never read."""
        if self._resolved is None:
            raise ValueError("the expected key comes from a sidecar that was not read")
        return self._resolved


ArtifactKindName = Literal["audio", "video", "midi", "project", "stems"]


class ArtifactExpect(StrictModel):
    """Checks on the session's current artifact after the turn, measured by ``evals.measure``."""

    kind: ArtifactKindName | None = None
    duration_s: Near | None = Field(None, description="Length in seconds.")
    tempo_bpm: Near | None = Field(None, description="Tempo in beats per minute.")
    key: Annotated[KeyExpect | None, BeforeValidator(_key_is_equals)] = None
    loudness_lufs: Near | None = Field(None, description="Integrated loudness (ITU-R BS.1770) in LUFS.")
    stems: list[str] | None = Field(None, description="These stems exist (stems and projects).")
    streams: list[Literal["audio", "video"]] | None = Field(None, description="These stream types exist.")
    new: bool | None = Field(None, description="The current artifact was made by a tool this turn.")
    channels: int | None = Field(None, ge=1, description="Extension: number of audio channels.")
    sample_rate_hz: int | None = Field(None, ge=1, description="Extension: audio sample rate in Hz.")
    format: str | None = Field(None, description="Extension: container format, e.g. 'flac', 'mp3', 'wav'.")
    meter: str | None = Field(
        None, description="Extension: time signature, e.g. '4/4' (understanding analyser)."
    )


class StateExpect(StrictModel):
    """Checks on the session after the turn."""

    versions: Annotated[Count | None, BeforeValidator(_int_is_equals)] = Field(
        None, description="Number of versions in the session."
    )
    current_is_turn: int | None = Field(
        None, ge=1, description="The current artifact is the one that was current after turn N (1-based)."
    )
    current_version: int | None = Field(None, ge=1, description="Extension: the current version number.")


class Expect(StrictModel):
    """Everything a turn is expected to do; every key optional, all given checks must hold."""

    ok: bool | None = Field(None, description="TurnResult.ok: true = succeeded, false = a clear error.")
    tools: ToolsExpect | None = None
    reply: ReplyExpect | None = None
    artifact: ArtifactExpect | None = None
    state: StateExpect | None = None


class Turn(StrictModel):
    """One user message, its attachments and what it should do."""

    user: str = Field(description="The message (may be empty when only attaching files).")
    attach: list[str] = Field(default_factory=list, description="Files, relative to the YAML file.")
    expect: Expect | None = None

    @field_validator("attach")
    @classmethod
    def _attachments_exist(cls, attach: list[str], info: ValidationInfo) -> list[str]:
        base = _context(info).get("base_dir")
        if base is not None:
            for name in attach:
                if not (Path(base) / name).is_file():
                    raise ValueError(f"attachment {name!r} does not exist next to the scenario file")
        return attach


class Scenario(StrictModel):
    """One scripted conversation with expectations; one per YAML file."""

    id: Annotated[str, Field(pattern=SCENARIO_ID)]
    tags: list[str] = Field(default_factory=list)
    description: str = Field("", description="Extension: what the scenario is about.")
    timeout_s: float | None = Field(None, gt=0, description="Extension: this scenario's time limit (s).")
    requires: list[str] = Field(
        default_factory=list,
        description="Extension: files or folders (relative to the YAML file) the scenario needs; when one "
        "is missing the scenario is skipped, not failed (e.g. ../shared/data).",
    )
    turns: list[Turn] = Field(min_length=1)

    def problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Cross-turn mistakes pydantic can't see, as (location, message) pairs."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        for i, turn in enumerate(self.turns):
            state = turn.expect.state if turn.expect else None
            if state and state.current_is_turn is not None and state.current_is_turn > i + 1:
                found.append(
                    (
                        ("turns", i, "expect", "state", "current_is_turn"),
                        f"current_is_turn must name this or an earlier turn (1..{i + 1}), not a later one",
                    )
                )
        return found
