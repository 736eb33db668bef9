"""The contract every tool is declared against.

A tool is one class: a name, a description written for the planner, a pydantic ``Input`` and
``Output`` model, resource hints, the backends (model + licence) it may use, and ``run``. The class
is checked when it is defined, so a badly declared tool fails at import, not in a user's session.

Tools see media only through the :class:`ArtifactStore` protocol (implemented by the agent's
workspace) and never import from ``agent``, ``serving`` or ``ui``.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

ArtifactKind = Literal["audio", "midi", "video", "project", "stems", "report"]
ARTIFACT_KINDS: tuple[str, ...] = ("audio", "midi", "video", "project", "stems", "report")

ARTIFACT_FIELD_MARK = "x-artifact"
"""JSON-schema key marking an input field that holds an artifact reference (planners fill it)."""


def ArtifactRef(kind: str = "audio", description: str = "") -> Any:  # noqa: N802 - reads like a type
    """A pydantic field holding a reference to an artifact of ``kind`` in the session.

    Accepted values: an artifact id, ``"current"`` (default), ``"previous"``, ``"original"`` or
    ``"version:N"``. The workspace resolves them; raw file paths are refused there.
    """
    return Field(
        "current",
        description=description or f"The {kind} to work on: an artifact id or 'current'.",
        json_schema_extra={ARTIFACT_FIELD_MARK: kind},
    )


class ToolError(Exception):
    """A failure a person can act on: the message says what went wrong and what to do.

    ``code`` is a short machine-readable category (``"empty_file"``, ``"not_audio"``, ...).
    """

    def __init__(self, message: str, *, code: str = "tool_error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class ArtifactInfo(BaseModel):
    """One saved version of something in a session (a file plus its history record)."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: ArtifactKind
    label: str
    path: str = Field(description="Absolute path of the stored (content-addressed) file.")
    parent: str | None = None
    thread: str = Field(description="The thread of work this version belongs to.")
    version: int = Field(description="1-based version number within the session.")
    tool: str | None = Field(None, description="Tool that produced it; None for uploads.")
    arguments: dict[str, Any] = Field(default_factory=dict)
    call_id: str | None = None
    created: float = Field(description="Creation time, seconds since the Unix epoch.")
    sha256: str = ""
    size_bytes: int = 0
    companion_of: str | None = Field(
        None, description="The version this file belongs to (shares its number), e.g. a mix's project."
    )


class ArtifactStore(Protocol):
    """What a tool may do with the session's saved versions (implemented by agent.workspace)."""

    def resolve(self, ref: str) -> ArtifactInfo: ...

    def current(self) -> ArtifactInfo | None: ...

    def add(
        self,
        source: Path,
        *,
        kind: str,
        label: str,
        parent: str | None,
        tool: str | None = None,
        arguments: dict[str, Any] | None = None,
        call_id: str | None = None,
        make_current: bool = True,
        companion_of: str | None = None,
    ) -> ArtifactInfo: ...

    def undo(self) -> ArtifactInfo: ...

    def redo(self) -> ArtifactInfo: ...

    def set_current(self, ref: str) -> ArtifactInfo: ...

    def history(self) -> list[ArtifactInfo]: ...

    def export_zip(self, dest: Path) -> Path: ...

    def scratch_dir(self) -> Path: ...

    def exports_dir(self) -> Path: ...


ProgressFn = Callable[[float, str], None]


def _no_progress(fraction: float, message: str) -> None:
    return None


def default_models_dir() -> Path:
    """Where local model weights live (``BANDLEADER_MODELS`` or ``~/.cache/bandleader/models``)."""
    return Path(os.environ.get("BANDLEADER_MODELS", "~/.cache/bandleader/models")).expanduser()


def find_model_folder(root: Path, env_var: str, usable: Callable[[Path], bool]) -> Path | None:
    """The model folder under ``root`` to load: the one named by the environment variable ``env_var``
    when it is set, else the first (by name) that ``usable`` accepts; None when there is none."""
    wanted = os.environ.get(env_var, "").strip()
    candidates = [root / wanted] if wanted else (sorted(root.iterdir()) if root.is_dir() else [])
    return next((folder for folder in candidates if usable(folder)), None)


@dataclass
class ToolContext:
    """Everything a tool's ``run`` gets besides its arguments: no globals."""

    workspace: ArtifactStore
    progress: ProgressFn = _no_progress
    models_dir: Path = field(default_factory=default_models_dir)
    tool: str = ""
    call_id: str = ""
    arguments: dict[str, Any] = field(default_factory=dict)
    produced: list[ArtifactInfo] = field(default_factory=list)

    def save(
        self,
        source: Path,
        *,
        kind: str,
        label: str,
        parent: str | None,
        make_current: bool = True,
        companion_of: str | None = None,
    ) -> ArtifactInfo:
        """Store ``source`` as a new version produced by this call (or, with ``companion_of``, as a
        companion file sharing that artifact's version number); returns its record."""
        info = self.workspace.add(
            source,
            kind=kind,
            label=label,
            parent=parent,
            tool=self.tool,
            arguments=self.arguments,
            call_id=self.call_id,
            make_current=make_current,
            companion_of=companion_of,
        )
        self.produced.append(info)
        return info


class Resources(BaseModel):
    """What one call needs, for the planner, Ray placement and ``bandleader tools``."""

    model_config = ConfigDict(frozen=True)

    device: Literal["cpu", "gpu"] = "cpu"
    num_cpus: float = 1.0
    memory_mb: int = 512
    seconds_per_audio_minute: float = Field(0.5, description="Typical wall time per minute of audio.")


PERMISSIVE_LICENCES = frozenset(
    {"Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC", "LGPL-2.1+ (library)", "CC BY 4.0", "none"}
)


@dataclass(frozen=True)
class Backend:
    """A way a tool can do its work: code or a model, with its licence and how to tell it's usable."""

    name: str
    licence: str
    description: str = ""
    check: Callable[[], str | None] = field(default=lambda: None)
    """Returns None when available, else a reason a person can act on."""

    @property
    def permissive(self) -> bool:
        """True when the licence allows commercial use without copyleft obligations."""
        return self.licence in PERMISSIVE_LICENCES

    def unavailable_reason(self) -> str | None:
        """None when the backend can run here, otherwise why not."""
        if not self.permissive and os.environ.get("BANDLEADER_PERMISSIVE_ONLY") == "1":
            return f"licence {self.licence} excluded by BANDLEADER_PERMISSIVE_ONLY=1"
        try:
            return self.check()
        except Exception as exc:  # a broken optional dependency is a reason, not a crash
            return f"{type(exc).__name__}: {exc}"


_TOOL_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class Tool(ABC):
    """Base class of every tool; subclasses declare the class attributes below and ``run``."""

    name: ClassVar[str]
    description: ClassVar[str]
    Input: ClassVar[type[BaseModel]]
    Output: ClassVar[type[BaseModel]]
    resources: ClassVar[Resources] = Resources()
    backends: ClassVar[tuple[Backend, ...]] = ()
    changes_current: ClassVar[bool] = False
    """True when a successful call makes a new current version (used by planners and evals)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "__abstractmethods__", None):
            return
        for attr in ("name", "description", "Input", "Output"):
            if not hasattr(cls, attr):
                raise TypeError(f"tool {cls.__name__} must declare {attr}")
        if not _TOOL_NAME.match(cls.name):
            raise TypeError(f"tool name {cls.name!r} must be snake_case")
        if len(cls.description.strip()) < 20:
            raise TypeError(f"tool {cls.name}: description must tell the planner what it does")
        for model in (cls.Input, cls.Output):
            if not (isinstance(model, type) and issubclass(model, BaseModel)):
                raise TypeError(f"tool {cls.name}: Input and Output must be pydantic models")
        for fname, finfo in cls.Input.model_fields.items():
            if not finfo.description:
                raise TypeError(f"tool {cls.name}: input field {fname!r} needs a description")
        cls.Input.model_json_schema()  # fails now if the schema cannot be generated
        cls.Output.model_json_schema()

    @abstractmethod
    def run(self, args: Any, ctx: ToolContext) -> BaseModel:
        """Do the work; returns an instance of ``Output``. Raises ToolError on bad input."""

    @classmethod
    def artifact_fields(cls) -> dict[str, str]:
        """Input fields that hold artifact references, mapped to the artifact kind they expect."""
        out: dict[str, str] = {}
        for fname, finfo in cls.Input.model_fields.items():
            extra = finfo.json_schema_extra
            if isinstance(extra, dict) and ARTIFACT_FIELD_MARK in extra:
                out[fname] = str(extra[ARTIFACT_FIELD_MARK])
        return out


class ToolSpec(BaseModel):
    """A tool as planners, the HTTP API and evals see it (generated from the class)."""

    name: str
    description: str
    input_schema: dict[str, Any]
    output_schema: dict[str, Any]
    resources: Resources
    changes_current: bool
    backends: list[dict[str, Any]]


ArtifactOutput = Annotated[ArtifactInfo, Field(description="The new version this call made.")]
