"""Reading scenario files: YAML with line numbers, pydantic validation, file:line error messages.

``load_scenarios`` takes files and folders (searched recursively for ``*.yaml`` / ``*.yml``,
skipping hidden folders and folders named ``media``) and either returns every scenario or raises
one :class:`ScenarioError` listing every problem found, each as ``path:line:col: where: what``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from evals.scenario import Scenario

SKIPPED_DIRS = frozenset({"media"})
"""Folder names never searched for scenarios (media and sidecar files live there)."""


class ScenarioError(Exception):
    """One or more scenario files are invalid; ``problems`` holds one ``file:line:col: ...`` per line."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario and the file it came from (attachments are relative to its folder)."""

    scenario: Scenario
    path: Path
    skip_reason: str | None = None
    """Why the scenario is skipped (a path in ``requires`` is missing); None when it runs."""

    @property
    def base_dir(self) -> Path:
        """The folder attachment and sidecar paths are relative to."""
        return self.path.parent


def _loc_text(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _node_at(root: yaml.Node, loc: Sequence[str | int]) -> yaml.Node:
    """The deepest YAML node along ``loc``; parts that are not in the document (a missing key, a
    pydantic union tag) are skipped, so the error points at the nearest enclosing node."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    node = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
    return node


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def _duplicate_keys(path: Path, node: yaml.Node, loc: tuple[str | int, ...] = ()) -> Iterable[str]:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                yield f"{_where(path, key)}: {_loc_text((*loc, name))}: duplicate key {name!r}"
            seen.add(name)
            yield from _duplicate_keys(path, value, (*loc, name))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(path, item, (*loc, i))


def _message(error: dict) -> str:
    msg = str(error.get("msg", ""))
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def load_scenario(path: Path | str) -> LoadedScenario:
    """Read and validate one scenario file; ScenarioError with file:line messages when invalid."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([f"{path}: cannot read the file: {exc}"]) from exc
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError([f"{where}: invalid YAML: {problem}"]) from exc
    finally:
        loader.dispose()
    if root is None or not isinstance(data, dict):
        raise ScenarioError([f"{path}:1:1: a scenario file holds one mapping with 'id' and 'turns'"])
    problems = list(_duplicate_keys(path, root))
    skip_reason = missing_requirement(path.parent, data.get("requires"))
    # a skipped scenario is still validated, but its attachments and sidecars (which may live in the
    # missing folder) are not read
    context = None if skip_reason else {"base_dir": path.parent.resolve(), "sidecars": {}}
    try:
        scenario = Scenario.model_validate(data, context=context)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(f"{_where(path, _node_at(root, loc))}: {_loc_text(loc)}: {_message(err)}")
        raise ScenarioError(problems) from exc
    for loc, msg in scenario.problems():
        problems.append(f"{_where(path, _node_at(root, loc))}: {_loc_text(loc)}: {msg}")
    if problems:
        raise ScenarioError(problems)
    return LoadedScenario(scenario=scenario, path=path.resolve(), skip_reason=skip_reason)


def missing_requirement(base_dir: Path, requires: object) -> str | None:
    """The reason a scenario must be skipped: the first path of ``requires`` (relative to ``base_dir``)
    that does not exist; None when all exist (or ``requires`` is not a list of texts: validation
    reports that)."""
    if not isinstance(requires, list):
        return None
    for item in requires:
        if isinstance(item, str) and not (base_dir / item).exists():
            return f"requires {item} ({(base_dir / item).resolve()}), which is absent"
    return None


def scenario_files(paths: Iterable[Path | str]) -> list[Path]:
    """The scenario files named by ``paths``: files as given, folders searched recursively."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts[:-1]
                if any(part in SKIPPED_DIRS or part.startswith(".") for part in rel):
                    continue
                if f.is_file() and f.suffix in (".yaml", ".yml"):
                    found.append(f)
        else:
            found.append(p)
    return found


def load_scenarios(paths: Iterable[Path | str]) -> list[LoadedScenario]:
    """Every scenario in ``paths`` (files or folders), in file order.

    Raises ScenarioError listing every problem in every file, a missing path, no scenario at all,
    or an id used twice.
    """
    problems: list[str] = []
    loaded: list[LoadedScenario] = []
    paths = list(paths)
    for p in map(Path, paths):
        if not p.exists():
            problems.append(f"{p}: no such file or folder")
    files = scenario_files(p for p in paths if Path(p).exists())
    for f in files:
        try:
            loaded.append(load_scenario(f))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    first: dict[str, Path] = {}
    for item in loaded:
        sid = item.scenario.id
        if sid in first:
            problems.append(f"{item.path}: id {sid!r} is already used by {first[sid]}")
        first.setdefault(sid, item.path)
    if not files and not problems:
        problems.append(f"no scenario files (*.yaml) in {', '.join(map(str, paths)) or '(nothing given)'}")
    if problems:
        raise ScenarioError(problems)
    return loaded
